/**
 * Scenario format versions. Every file carries `version`; files written for an older version are
 * upgraded one version at a time, before validation, so old scenarios keep opening. Version 1 is
 * the first, so the table is empty: when version 2 changes the format, add `1: (v1) => v2` here,
 * with a test that a version-1 file still opens and means the same.
 */
import { SCENARIO_VERSION } from './schema.ts';

/** A scenario as read from a file, before validation. */
export type ScenarioData = Record<string, unknown>;

/** Upgrades a file of one version to the next; it need not set `version`, the runner does. */
export type Migration = (data: ScenarioData) => ScenarioData;

/** `table[n]` upgrades version n to version n + 1. */
export type MigrationTable = Readonly<Record<number, Migration>>;

export const MIGRATIONS: MigrationTable = {};

export type MigrationResult = { ok: true; data: ScenarioData; from: number } | { ok: false; problems: string[] };

const EXAMPLE = '{ "version": 1, "components": [ ... ] }';

/** The problem of a file without a version. */
export const MISSING_VERSION = `version: missing; a scenario file says which format it is written in: "version": ${SCENARIO_VERSION} is the current one`;

/**
 * Brings `data` up to `current` through `migrations`. Refuses a file that is not an object, has no
 * usable `version`, is newer than `current`, or is older than the migrations reach.
 */
export function migrateScenario(data: unknown, migrations: MigrationTable = MIGRATIONS, current: number = SCENARIO_VERSION): MigrationResult {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    const got = Array.isArray(data) ? 'a list' : data === null ? 'null' : typeof data === 'string' ? 'text' : `a ${typeof data}`;
    return { ok: false, problems: [`a scenario must be a JSON object such as ${EXAMPLE}, got ${got}`] };
  }
  const version = (data as ScenarioData).version;
  if (version === undefined) {
    return { ok: false, problems: [MISSING_VERSION] };
  }
  if (typeof version !== 'number' || !Number.isInteger(version)) {
    return { ok: false, problems: [`version: must be a whole number such as ${current}, got ${JSON.stringify(version)}`] };
  }
  if (version > current) {
    return { ok: false, problems: [`version: ${version} is newer than this Streamlab reads (it reads up to version ${current}); update Streamlab to open this file`] };
  }
  let oldest = current;
  while (migrations[oldest - 1] !== undefined) oldest--;
  if (version < oldest) {
    const reads = oldest === current ? `version ${current}` : `versions ${oldest} to ${current}`;
    return { ok: false, problems: [`version: ${version} is not a scenario format version this Streamlab can open (it reads ${reads})`] };
  }
  let upgraded = data as ScenarioData;
  for (let v = version; v < current; v++) {
    try {
      upgraded = { ...migrations[v](upgraded), version: v + 1 };
    } catch (error) {
      return { ok: false, problems: [`version: upgrading the file from version ${v} to ${v + 1} failed: ${(error as Error).message}`] };
    }
  }
  return { ok: true, data: upgraded, from: version };
}
