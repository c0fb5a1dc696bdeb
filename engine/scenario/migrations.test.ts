import { describe, expect, it } from 'vitest';
import { loadScenario } from './load.ts';
import { MIGRATIONS, migrateScenario, type MigrationTable } from './migrations.ts';

/**
 * A made-up version 0 of the format, to test the machinery before a real version 2 exists: it
 * called members `members`, and wrote durations in whole seconds.
 */
const FAKE: MigrationTable = {
  0: ({ durationSeconds, ...v0 }) => ({
    ...v0,
    duration: `${durationSeconds as number}s`,
    components: (v0.components as Record<string, unknown>[]).map(({ members, ...rest }) => (members === undefined ? rest : { ...rest, consumers: members })),
  }),
};

const v0 = {
  version: 0,
  durationSeconds: 30,
  components: [
    { id: 'p', kind: 'producer', rate: 10 },
    { id: 't', kind: 'topic', partitions: 2 },
    { id: 'g', kind: 'consumer-group', members: 2 },
  ],
  connections: [
    { from: 'p', to: 't' },
    { from: 't', to: 'g' },
  ],
};
const v1 = { version: 1, duration: '30s', components: [v0.components[0], v0.components[1], { id: 'g', kind: 'consumer-group', consumers: 2 }], connections: v0.connections };

describe('scenario format versions', () => {
  it('has no migrations yet: version 1 is the first and only version', () => {
    expect(Object.keys(MIGRATIONS)).toEqual([]);
    expect(migrateScenario({ version: 1, components: [] })).toEqual({ ok: true, data: { version: 1, components: [] }, from: 1 });
  });

  it('opens an older file through its migrations, meaning the same as the current version', () => {
    const old = loadScenario(v0, { migrations: FAKE });
    const current = loadScenario(v1);
    expect(old.ok && current.ok).toBe(true);
    expect(old).toEqual(current);
  });

  it('applies migrations one version at a time, in order', () => {
    const steps: string[] = [];
    const table: MigrationTable = {
      [-1]: (data) => (steps.push(`-1 -> 0 from version ${data.version as number}`), { ...data, trail: ['-1'] }),
      0: (data) => (steps.push(`0 -> 1 from version ${data.version as number}`), { ...data, trail: [...(data.trail as string[]), '0'] }),
    };
    const migrated = migrateScenario({ version: -1, components: [] }, table);
    expect(steps).toEqual(['-1 -> 0 from version -1', '0 -> 1 from version 0']);
    expect(migrated).toEqual({ ok: true, data: { version: 1, components: [], trail: ['-1', '0'] }, from: -1 });
  });

  it('refuses a version newer than it reads, saying to update', () => {
    expect(migrateScenario({ version: 2 })).toEqual({
      ok: false,
      problems: ['version: 2 is newer than this Streamlab reads (it reads up to version 1); update Streamlab to open this file'],
    });
  });

  it('refuses a version older than its migrations reach', () => {
    expect(migrateScenario({ version: 0 })).toEqual({ ok: false, problems: ['version: 0 is not a scenario format version this Streamlab can open (it reads version 1)'] });
    expect(migrateScenario({ version: -3 }, FAKE)).toEqual({ ok: false, problems: ['version: -3 is not a scenario format version this Streamlab can open (it reads versions 0 to 1)'] });
  });

  it('refuses a missing or malformed version', () => {
    expect(migrateScenario({ components: [] })).toEqual({ ok: false, problems: ['version: missing; a scenario file says which format it is written in: "version": 1 is the current one'] });
    expect(migrateScenario({ version: 1.5 })).toEqual({ ok: false, problems: ['version: must be a whole number such as 1, got 1.5'] });
    expect(migrateScenario('hello')).toEqual({ ok: false, problems: ['a scenario must be a JSON object such as { "version": 1, "components": [ ... ] }, got text'] });
  });

  it('reports a migration that fails as a problem, not an exception', () => {
    const broken: MigrationTable = {
      0: () => {
        throw new Error('components must be a list');
      },
    };
    expect(loadScenario({ version: 0, components: 'none' }, { migrations: broken })).toEqual({
      ok: false,
      problems: ['version: upgrading the file from version 0 to 1 failed: components must be a list'],
    });
  });
});
