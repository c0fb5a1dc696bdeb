/**
 * The operator's view: the signals people on call watch, each with its value, its thresholds and a
 * level (ok, amber, red). Pure: a parsed scenario, its result so far and its time series in. The
 * playground shows it as a panel; `run --json` carries it under `operator`.
 *
 * Thresholds have defaults that suit the library's scales and can be set per scenario under
 * `operator` (`{ "lagTimeMs": { "amber": 5000, "red": 30000 } }`).
 */
import type { RunResult } from '../model/result.ts';
import type { TimeSeries } from '../model/timeSeries.ts';
import type { ConsumerGroupSpec, Scenario } from '../scenario/schema.ts';
import { groupSpecs } from './groups.ts';

export type Level = 'ok' | 'amber' | 'red';
/** 0 ok, 1 amber, 2 red: a number, so expectations can test it (`operator.level < 2`). */
export type LevelNumber = 0 | 1 | 2;

export interface Signal {
  value: number | null;
  level: LevelNumber;
  /** The thresholds the value was judged against (amber at or beyond `amber`, red at or beyond `red`). */
  amber: number;
  red: number;
}

export interface GroupSignals {
  /** Records not yet committed, now. */
  lag: Signal;
  /** Consumer lag in time: the age of the oldest uncommitted record now, ms. */
  lagTimeMs: Signal;
  /** Age of the oldest event the group has not processed yet, ms (what was processed since the last commit does not count). */
  oldestUnprocessedMs: Signal;
  /** Records retried per second over the run so far. */
  retryRate: Signal;
  deadLettered: Signal;
  /** Records the group could not read for their schema (0 until schemas are modelled for it). */
  schemaFailures: Signal;
  /**
   * How long until the oldest unread record falls out of the topic's retention, ms (-1: records were
   * already lost to it); judged as a fraction of the retention. Null when the group reads no topic.
   */
  retentionHeadroomMs: Signal;
  /** The last replay (reset-offsets): how long it took to catch up, or how long it has run so far, ms; null if none. */
  replayMs: Signal;
  /** Whether that replay has caught up. */
  replayDone: boolean | null;
}

export interface OperatorView {
  /** The worst level of every signal. */
  level: LevelNumber;
  publishFailures: Signal;
  groups: Record<string, GroupSignals>;
  /** Max over mean records per partition, per topic. */
  topics: Record<string, { skew: Signal }>;
}

/** The names a scenario's `operator` thresholds may use, with their defaults. "Lower is worse" ones are flagged. */
export const DEFAULT_THRESHOLDS = {
  publishFailures: { amber: 1, red: 100 },
  lag: { amber: 10_000, red: 100_000 },
  lagTimeMs: { amber: 10_000, red: 60_000 },
  oldestUnprocessedMs: { amber: 10_000, red: 60_000 },
  retryRate: { amber: 1, red: 10 },
  deadLettered: { amber: 1, red: 100 },
  schemaFailures: { amber: 1, red: 100 },
  /** Lower is worse, and a fraction of the topic's retention: amber when less than half of it is left, red under a tenth. */
  retentionHeadroom: { amber: 0.5, red: 0.1 },
  replayMs: { amber: 60_000, red: 600_000 },
  skew: { amber: 1.5, red: 3 },
} as const;

export type ThresholdName = keyof typeof DEFAULT_THRESHOLDS;
export type Thresholds = Record<ThresholdName, { amber: number; red: number }>;
const LOWER_IS_WORSE: ReadonlySet<ThresholdName> = new Set(['retentionHeadroom']);

/** `scale` turns thresholds given as fractions into the value's unit (the retention, for headroom). */
export function judge(name: ThresholdName, value: number | null, thresholds: Thresholds, scale = 1): Signal {
  const amber = thresholds[name].amber * scale;
  const red = thresholds[name].red * scale;
  let level: LevelNumber = 0;
  if (value !== null) {
    if (LOWER_IS_WORSE.has(name)) level = value <= red ? 2 : value <= amber ? 1 : 0;
    else level = value >= red ? 2 : value >= amber ? 1 : 0;
  }
  return { value, level, amber, red };
}

/** The view of a run; the scenario's own `operator` thresholds win over the defaults, and `overrides` over both. */
export function operatorView(scenario: Scenario, result: RunResult, series: TimeSeries, overrides: Partial<Thresholds> = {}): OperatorView {
  const own = Object.fromEntries(Object.entries(scenario.operator ?? {}).filter(([, t]) => t !== undefined)) as Partial<Thresholds>;
  const thresholds: Thresholds = { ...DEFAULT_THRESHOLDS, ...own, ...overrides };
  const seconds = result.simulatedMs / 1000;
  const groups: Record<string, GroupSignals> = {};
  for (const spec of groupSpecs(scenario)) {
    const group = result.groups[spec.id];
    if (!group) continue;
    const retention = retentionOf(scenario, spec.id);
    const lagTimeMs = group.lagTimeMs.final;
    const headroom = retention === null ? null : group.lostByCause.retention > 0 ? -1 : retention - lagTimeMs;
    const replay = replayOf(scenario, spec, series, result.simulatedMs);
    groups[spec.id] = {
      lag: judge('lag', group.lag.final, thresholds),
      lagTimeMs: judge('lagTimeMs', lagTimeMs, thresholds),
      oldestUnprocessedMs: judge('oldestUnprocessedMs', group.oldestUnprocessedMs, thresholds),
      retryRate: judge('retryRate', seconds > 0 ? group.retries / seconds : 0, thresholds),
      deadLettered: judge('deadLettered', group.deadLettered, thresholds),
      schemaFailures: judge('schemaFailures', schemaFailuresOf(group), thresholds),
      retentionHeadroomMs: judge('retentionHeadroom', headroom, thresholds, retention ?? 1),
      replayMs: judge('replayMs', replay?.ms ?? null, thresholds),
      replayDone: replay?.done ?? null,
    };
  }
  const topics: OperatorView['topics'] = {};
  for (const [id, topic] of Object.entries(series.topics)) {
    topics[id] = { skew: judge('skew', topic.skew.length > 0 ? topic.skew[topic.skew.length - 1] : null, thresholds) };
  }
  const publishFailures = judge('publishFailures', result.publishFailures, thresholds);
  let level = publishFailures.level;
  for (const g of Object.values(groups)) for (const s of [g.lag, g.lagTimeMs, g.oldestUnprocessedMs, g.retryRate, g.deadLettered, g.schemaFailures, g.retentionHeadroomMs, g.replayMs]) level = Math.max(level, s.level) as LevelNumber;
  for (const t of Object.values(topics)) level = Math.max(level, t.skew.level) as LevelNumber;
  return { level, publishFailures, groups, topics };
}

/** Schema-compatibility failures, when the result has them (a later model); 0 otherwise. */
function schemaFailuresOf(group: RunResult['groups'][string]): number {
  const failures = (group as { schemaFailures?: number }).schemaFailures;
  return typeof failures === 'number' ? failures : 0;
}

/** The shortest retention among the topics the group reads, µs → ms; null when it reads none. */
function retentionOf(scenario: Scenario, groupId: string): number | null {
  let shortest: number | null = null;
  for (const wire of scenario.connections) {
    if (wire.to !== groupId) continue;
    const topic = scenario.components.find((c) => c.id === wire.from);
    if (topic?.kind === 'topic') shortest = Math.min(shortest ?? Infinity, topic.retention / 1000);
  }
  return shortest;
}

/**
 * The last reset-offsets of the group before now, and when it caught up: the first sample after it
 * whose oldest uncommitted record is no older than before the reset, give or take an auto-commit
 * interval and two samples (lag time saw-tooths between commits).
 */
function replayOf(scenario: Scenario, spec: ConsumerGroupSpec, series: TimeSeries, nowMs: number): { ms: number; done: boolean } | null {
  const resets = scenario.timeline.filter((a) => a.action === 'reset-offsets' && a.target === spec.id && a.at / 1000 <= nowMs);
  if (resets.length === 0) return null;
  const atMs = resets[resets.length - 1].at / 1000;
  const lagTime = series.groups[spec.id]?.lagTimeMs ?? [];
  const times = series.timeMs;
  let before = 0;
  // The sample taken at the reset's own instant already shows it: the level before is the one before that.
  for (let i = 0; i < times.length && times[i] < atMs; i++) before = lagTime[i];
  const slack = (spec.commit === 'auto' ? spec.autoCommitInterval / 1000 : 0) + 2 * (scenario.sampleInterval / 1000);
  for (let i = 0; i < times.length; i++) {
    // Past the reset by at least one sample, so the jump it causes has been seen.
    if (times[i] <= atMs + scenario.sampleInterval / 1000) continue;
    if (lagTime[i] <= before + slack) return { ms: times[i] - atMs, done: true };
  }
  return { ms: nowMs - atMs, done: false };
}
