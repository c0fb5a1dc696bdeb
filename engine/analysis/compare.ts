/**
 * Comparing two variants of a scenario: variant B is A's scenario with a few parameters changed,
 * both run on one seed. Because every component draws from its own random streams, both see the
 * same traffic, so the differences in the summary come from the change. Pure: the playground's
 * Compare view and tests drive it.
 */
import type { RunResult } from '../model/result.ts';
import { metricAt } from '../model/result.ts';
import { loadScenario } from '../scenario/load.ts';
import { withParam } from './sweep.ts';

/** Which way is better for a metric: fewer lost records, lower latency; null where it depends. */
export type Direction = 'lower' | 'higher' | null;

export interface CompareRow {
  /** What the section is about: `run`, `group <id>`, `cluster <id>`. */
  section: string;
  label: string;
  /** The path into the run result (`groups.counter.latencyMs.p99`), as `expect` and `sweep` take it. */
  path: string;
  unit: 'count' | 'ms';
  a: number | null;
  b: number | null;
  /** B − A, null when either side is missing. */
  difference: number | null;
  /** (B − A) / |A|: null when A is 0 and B is not (no finite change) or when either is missing. */
  relative: number | null;
  direction: Direction;
  /** The better side when the direction is known and the values differ. */
  better: 'a' | 'b' | 'same' | null;
}

interface Metric {
  label: string;
  /** The path below the section's prefix. */
  path: string;
  unit: CompareRow['unit'];
  direction: Direction;
}

const RUN_METRICS: Metric[] = [
  // More produced can be better (more throughput) or just more retries counted: no direction.
  { label: 'produced', path: 'produced', unit: 'count', direction: null },
  { label: 'publish failures', path: 'publishFailures', unit: 'count', direction: 'lower' },
];

const GROUP_METRICS: Metric[] = [
  // processed counts duplicates too, so more is not simply better.
  { label: 'processed', path: 'processed', unit: 'count', direction: null },
  { label: 'duplicates', path: 'duplicates', unit: 'count', direction: 'lower' },
  // Re-delivered records an idempotent group skipped: the cost of a crash it absorbed.
  { label: 'redelivered (skipped)', path: 'redelivered', unit: 'count', direction: null },
  { label: 'lost', path: 'lost', unit: 'count', direction: 'lower' },
  { label: 'lag max', path: 'lag.max', unit: 'count', direction: 'lower' },
  { label: 'lag final', path: 'lag.final', unit: 'count', direction: 'lower' },
  { label: 'lag time max', path: 'lagTimeMs.max', unit: 'ms', direction: 'lower' },
  { label: 'latency mean', path: 'latencyMs.mean', unit: 'ms', direction: 'lower' },
  { label: 'latency p50', path: 'latencyMs.p50', unit: 'ms', direction: 'lower' },
  { label: 'latency p99', path: 'latencyMs.p99', unit: 'ms', direction: 'lower' },
  { label: 'latency max', path: 'latencyMs.max', unit: 'ms', direction: 'lower' },
  { label: 'rebalances', path: 'rebalances', unit: 'count', direction: 'lower' },
  { label: 'paused per partition', path: 'pausedMs', unit: 'ms', direction: 'lower' },
  { label: 'ordering violations', path: 'orderingViolations', unit: 'count', direction: 'lower' },
];

const CLUSTER_LOSSES: Metric[] = [
  { label: 'lost: acknowledged, not replicated', path: 'lost.unreplicatedAcks', unit: 'count', direction: 'lower' },
  { label: 'lost: acks=0', path: 'lost.acksZero', unit: 'count', direction: 'lower' },
  { label: 'lost: unclean election', path: 'lost.uncleanElection', unit: 'count', direction: 'lower' },
  { label: 'lost: dropped in flight', path: 'lost.pipelineDropped', unit: 'count', direction: 'lower' },
];
const CLUSTER_OFFLINE: Metric = { label: 'partition time offline', path: 'offlineMs', unit: 'ms', direction: 'lower' };

/** Ids in A's order, then those only B has. */
function unionKeys(a: Record<string, unknown> | undefined, b: Record<string, unknown> | undefined): string[] {
  return [...new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})])];
}

function row(section: string, prefix: string, metric: Metric, a: RunResult, b: RunResult): CompareRow {
  const path = prefix + metric.path;
  const va = metricAt(a, path);
  const vb = metricAt(b, path);
  const difference = va !== null && vb !== null ? vb - va : null;
  let relative: number | null = null;
  if (difference !== null && va !== null) relative = va !== 0 ? difference / Math.abs(va) : difference === 0 ? 0 : null;
  let better: CompareRow['better'] = null;
  if (difference !== null && metric.direction !== null) {
    if (difference === 0) better = 'same';
    else better = (difference < 0) === (metric.direction === 'lower') ? 'b' : 'a';
  }
  return { section, label: metric.label, path, unit: metric.unit, a: va, b: vb, difference, relative, direction: metric.direction, better };
}

/**
 * The summary table of two runs: the whole run, then each consumer group, then each declared
 * cluster's losses (only the causes either run had) and offline time. Rows where neither run has
 * a value are left out.
 */
export function compareResults(a: RunResult, b: RunResult): CompareRow[] {
  const rows: CompareRow[] = RUN_METRICS.map((m) => row('run', '', m, a, b));
  for (const id of unionKeys(a.groups, b.groups)) {
    rows.push(...GROUP_METRICS.map((m) => row(`group ${id}`, `groups.${id}.`, m, a, b)));
  }
  for (const id of unionKeys(a.clusters, b.clusters)) {
    const section = `cluster ${id}`;
    const prefix = `clusters.${id}.`;
    // A loss cause neither run had is noise in the table.
    rows.push(...CLUSTER_LOSSES.map((m) => row(section, prefix, m, a, b)).filter((r) => (r.a ?? 0) !== 0 || (r.b ?? 0) !== 0));
    rows.push(row(section, prefix, CLUSTER_OFFLINE, a, b));
  }
  return rows.filter((r) => r.a !== null || r.b !== null);
}

/** One parameter of variant B: `value` undefined means the field's default (the field is left out). */
export interface ParamChange {
  componentId: string;
  field: string;
  value: unknown;
}

export type Variant = { ok: true; doc: Record<string, unknown> } | { ok: false; problems: string[] };

/**
 * Variant B's scenario file: A's with each change applied in turn, checked by the loader. A change
 * naming a component A does not have, or one the validator refuses, comes back as problems in the
 * validator's `path: what is wrong` form; A's data is never modified.
 */
export function variantOf(data: Record<string, unknown>, changes: readonly ParamChange[]): Variant {
  let doc = data;
  for (const change of changes) {
    try {
      doc = withParam(doc, { componentId: change.componentId, field: change.field, values: [change.value] }, change.value);
    } catch {
      return { ok: false, problems: [`${change.componentId}.${change.field}: there is no component "${change.componentId}" in the scenario`] };
    }
    if (change.value === undefined) doc = withoutField(doc, change);
  }
  const loaded = loadScenario(doc);
  return loaded.ok ? { ok: true, doc } : { ok: false, problems: loaded.problems };
}

/** Drops the field, so the loader applies its default (a present `undefined` would not survive JSON). */
function withoutField(data: Record<string, unknown>, change: ParamChange): Record<string, unknown> {
  const components = data.components as Record<string, unknown>[];
  return {
    ...data,
    components: components.map((c) => {
      if (c.id !== change.componentId) return c;
      const rest = { ...c };
      delete rest[change.field];
      return rest;
    }),
  };
}

/** A value as the file writes it: `12`, `cooperative-sticky`, `{"dist":"exponential","mean":"2ms"}`. */
function showValue(value: unknown): string {
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

/**
 * The changes in words: `counter.assignor: range → cooperative-sticky`. A value A leaves out, or a
 * change back to the default, is shown as `default`, or `default (range)` when `defaultOf` knows it.
 */
export function describeChanges(data: Record<string, unknown>, changes: readonly ParamChange[], defaultOf?: (componentId: string, field: string) => string): string[] {
  const components = (data.components as Record<string, unknown>[] | undefined) ?? [];
  const shown = (change: ParamChange, value: unknown) => {
    if (value !== undefined) return showValue(value);
    const text = defaultOf?.(change.componentId, change.field);
    return text ? `default (${text})` : 'default';
  };
  return changes.map((change) => {
    const before = components.find((c) => c.id === change.componentId)?.[change.field];
    return `${change.componentId}.${change.field}: ${shown(change, before)} → ${shown(change, change.value)}`;
  });
}
