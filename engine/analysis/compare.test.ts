import { describe, expect, it } from 'vitest';
import { runScenario } from '../model/run.ts';
import { metricAt, type RunResult } from '../model/result.ts';
import { loadScenario } from '../scenario/load.ts';
import { compareResults, describeChanges, variantOf, type CompareRow } from './compare.ts';

const data = {
  version: 1,
  seed: 3,
  duration: '40s',
  components: [
    { id: 'p', kind: 'producer', rate: 600, keys: { dist: 'uniform', count: 1000 } },
    { id: 't', kind: 'topic', partitions: 6 },
    { id: 'g', kind: 'consumer-group', consumers: 3, assignor: 'range', sessionTimeout: '10s', processing: { dist: 'exponential', mean: '1ms' } },
  ],
  connections: [
    { from: 'p', to: 't' },
    { from: 't', to: 'g' },
  ],
  timeline: [{ at: '15s', action: 'crash-consumer', target: 'g', member: 1 }],
};

function run(doc: Record<string, unknown>, seed = 3): RunResult {
  const loaded = loadScenario(doc);
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  return runScenario(loaded.scenario, { seed });
}

const byPath = (rows: CompareRow[], path: string) => {
  const found = rows.find((r) => r.path === path);
  if (!found) throw new Error(`no row for ${path}`);
  return found;
};

describe('variants', () => {
  it('applies each change to a copy of the scenario and leaves A as it was', () => {
    const before = JSON.stringify(data);
    const variant = variantOf(data, [
      { componentId: 'g', field: 'assignor', value: 'cooperative-sticky' },
      { componentId: 't', field: 'partitions', value: 12 },
    ]);
    if (!variant.ok) throw new Error(variant.problems.join('\n'));
    const components = variant.doc.components as Record<string, unknown>[];
    expect(components.find((c) => c.id === 'g')?.assignor).toBe('cooperative-sticky');
    expect(components.find((c) => c.id === 't')?.partitions).toBe(12);
    expect(JSON.stringify(data)).toBe(before);
  });

  it('leaves a field out when the change is back to its default', () => {
    const variant = variantOf(data, [{ componentId: 'g', field: 'sessionTimeout', value: undefined }]);
    if (!variant.ok) throw new Error(variant.problems.join('\n'));
    expect(Object.keys((variant.doc.components as Record<string, unknown>[])[2])).not.toContain('sessionTimeout');
  });

  it('refuses a variant the validator refuses, with its messages, and an unknown component by name', () => {
    const bad = variantOf(data, [{ componentId: 't', field: 'partitions', value: 0 }]);
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.problems.some((p) => p.startsWith('components[1].partitions:'))).toBe(true);
    const unknown = variantOf(data, [{ componentId: 'nope', field: 'partitions', value: 3 }]);
    expect(unknown).toEqual({ ok: false, problems: ['nope.partitions: there is no component "nope" in the scenario'] });
  });

  it('describes the changes from A’s value, or the default when A leaves the field out', () => {
    const changes = [
      { componentId: 'g', field: 'assignor', value: 'cooperative-sticky' },
      { componentId: 'g', field: 'delivery', value: 'idempotent' },
      { componentId: 'g', field: 'processing', value: { dist: 'constant', value: '2ms' } },
    ];
    expect(describeChanges(data, changes)).toEqual([
      'g.assignor: range → cooperative-sticky',
      'g.delivery: default → idempotent',
      'g.processing: {"dist":"exponential","mean":"1ms"} → {"dist":"constant","value":"2ms"}',
    ]);
    const defaults = (_id: string, field: string) => (field === 'delivery' ? 'at-least-once' : '');
    expect(describeChanges(data, changes.slice(1, 2), defaults)).toEqual(['g.delivery: default (at-least-once) → idempotent']);
  });
});

describe('comparing two runs', () => {
  it('sees the same traffic on one seed: a change to the group leaves what was produced unchanged', () => {
    const variant = variantOf(data, [{ componentId: 'g', field: 'assignor', value: 'cooperative-sticky' }]);
    if (!variant.ok) throw new Error(variant.problems.join('\n'));
    const a = run(data);
    const b = run(variant.doc);
    const rows = compareResults(a, b);
    const produced = byPath(rows, 'produced');
    expect(produced.a).toBe(produced.b);
    expect(produced.difference).toBe(0);
    expect(produced.relative).toBe(0);
    // Each row holds both runs' figures at its path and their difference.
    for (const r of rows) {
      expect(r.a).toBe(metricAt(a, r.path));
      expect(r.b).toBe(metricAt(b, r.path));
    }
    // A crash under an eager assignor stops the whole group; cooperative-sticky only what moves.
    const paused = byPath(rows, 'groups.g.pausedMs');
    expect(paused.b!).toBeLessThan(paused.a!);
    expect(paused.better).toBe('b');
    expect(paused.difference).toBeCloseTo(paused.b! - paused.a!, 9);
    expect(paused.relative).toBeCloseTo((paused.b! - paused.a!) / paused.a!, 9);
  });

  it('says which side is better only where the direction is known', () => {
    const a = run(data);
    const b = run({ ...data, components: data.components.map((c) => (c.id === 'g' ? { ...c, processing: { dist: 'exponential', mean: '3ms' } } : c)) });
    const rows = compareResults(a, b);
    // Slower processing: the typical record takes longer (the crash's stall dominates the tail).
    const p50 = byPath(rows, 'groups.g.latencyMs.p50');
    expect(p50.direction).toBe('lower');
    expect(p50.b!).toBeGreaterThan(p50.a!);
    expect(p50.better).toBe('a');
    expect(byPath(rows, 'groups.g.processed').better).toBeNull();
    expect(byPath(rows, 'groups.g.lost').better).toBe('same');
  });

  it('leaves out rows neither run has, and has no relative change from a zero', () => {
    const a = run(data);
    const b = structuredClone(a);
    b.groups.extra = structuredClone(a.groups.g);
    b.groups.g.duplicates = a.groups.g.duplicates + 5;
    a.groups.g.lost = 0;
    b.groups.g.lost = 7;
    const rows = compareResults(a, b);
    const extra = byPath(rows, 'groups.extra.processed');
    expect(extra.a).toBeNull();
    expect(extra.difference).toBeNull();
    expect(extra.better).toBeNull();
    const lost = byPath(rows, 'groups.g.lost');
    expect(lost.difference).toBe(7);
    expect(lost.relative).toBeNull();
    expect(lost.better).toBe('a');
    expect(byPath(rows, 'groups.g.duplicates').difference).toBe(5);
    // No cluster was declared: no cluster rows.
    expect(rows.some((r) => r.path.startsWith('clusters.'))).toBe(false);
  });

  it('lists a cluster’s loss causes only when a run had them, and its offline time', () => {
    const a = run(data);
    const none = { count: 0, mean: 0, p50: 0, p95: 0, p99: 0, max: 0 };
    const cluster = {
      brokers: [],
      underReplicated: { final: 0, max: 0 },
      offline: { final: 0, max: 0 },
      offlineMs: 1200,
      elections: 1,
      refused: 0,
      lost: { unreplicatedAcks: 40, acksZero: 0, uncleanElection: 0, pipelineDropped: 0 },
      produceLatencyMs: { '0': none, '1': none, all: none },
    };
    const withCluster = { ...a, clusters: { kafka: cluster } };
    const safer = { ...a, clusters: { kafka: { ...cluster, offlineMs: 900, lost: { ...cluster.lost, unreplicatedAcks: 0 } } } };
    const rows = compareResults(withCluster, safer).filter((r) => r.section === 'cluster kafka');
    expect(rows.map((r) => r.path)).toEqual(['clusters.kafka.lost.unreplicatedAcks', 'clusters.kafka.offlineMs']);
    expect(rows[0]).toMatchObject({ a: 40, b: 0, difference: -40, relative: -1, better: 'b' });
  });
});
