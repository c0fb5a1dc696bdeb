/**
 * Runs one validation check (checks.ts) and compares what the model measured with theory, one row
 * per comparison. Means get a batch-means 95% interval from the individual times in system, heard
 * through the group's `onRecordProcessed` hook; everything else is read from the run itself.
 */
import { BatchMeans } from '../core/stats.ts';
import { MICROS_PER_SECOND } from '../core/time.ts';
import type { ConsumerGroup } from '../model/consumerGroup.ts';
import { ScenarioRun } from '../model/run.ts';
import { loadScenario } from '../scenario/load.ts';
import type { Scenario } from '../scenario/schema.ts';
import { checkById, type LittleCheck, type PauseCheck, type PauseMeasure, type QueueCheck, type SuiteSize, type ValidationCheck } from './checks.ts';

/** One comparison of the model with theory: a row of the table. */
export interface ValidationRow {
  check: string;
  /** The check's title (the table groups rows under it). */
  title: string;
  name: string;
  /** What theory says, with its numbers. */
  theory: string;
  unit: 'ms' | 'records' | 'rebalances';
  expected: number;
  measured: number;
  /** Half-width of the batch-means 95% interval of the measured mean; null for exact checks. */
  halfWidth95: number | null;
  /** Records whose times make the measured mean (or the run's, for Little's law); null for pauses. */
  customers: number | null;
  /** measured / expected - 1 for means and Little's law; measured - expected (in `unit`) otherwise. */
  error: number;
  errorKind: 'relative' | 'absolute';
  /** The rule the row is held to, in words. */
  tolerance: string;
  pass: boolean;
}

export interface CheckOutcome {
  id: string;
  size: SuiteSize;
  rows: ValidationRow[];
  simulatedSeconds: number;
  events: number;
}

/** Batches per batch-means interval: t(29) = 2.045. */
export const BATCHES = 30;
/** Every mean of the full suite lies within this of theory (and within 3 half-widths of it). */
export const MEAN_TOLERANCE = 0.02;
/** The short suite's means must have half-widths no wider than this, or the check says little. */
export const SHORT_MAX_HALF_WIDTH = 0.05;
/** Little's law holds to floating-point rounding: the sums involved are exact in whole microseconds. */
export const LITTLE_TOLERANCE = 1e-9;

/**
 * Loads a check's scenario for `size`.
 * @throws Error listing the loader's problems (a check's own scenario is broken: a bug in checks.ts).
 */
export function checkScenario(check: ValidationCheck, size: SuiteSize): Scenario {
  const loaded = loadScenario(check.scenario(size));
  if (!loaded.ok) throw new Error(`validation check ${check.id}: its scenario does not load:\n  ${loaded.problems.join('\n  ')}`);
  return loaded.scenario;
}

/** Runs the check named `id` (or a check given whole, for tests) at `size`. */
export function runCheck(which: string | ValidationCheck, size: SuiteSize): CheckOutcome {
  const check = typeof which === 'string' ? checkById(which) : which;
  const id = check.id;
  const scenario = checkScenario(check, size);
  const run = new ScenarioRun(scenario, { seed: check.seed });
  const rows = check.kind === 'queue' ? queueRows(check, scenario, run, size) : check.kind === 'little' ? littleRows(check, run) : pauseRows(check, scenario, run);
  return { id, size, rows, simulatedSeconds: run.sim.now / MICROS_PER_SECOND, events: run.sim.events };
}

/** The group a check is about: each scenario has one. */
function groupOf(run: ScenarioRun): ConsumerGroup {
  if (run.groups.length !== 1) throw new Error(`a validation run has one consumer group, found ${run.groups.length}`);
  return run.groups[0];
}

/** Throws when a run broke an assumption the theory rests on: the comparison would mean nothing. */
function assume(check: ValidationCheck, ok: boolean, what: string): void {
  if (!ok) throw new Error(`validation check ${check.id}: ${what}`);
}

function meanRule(size: SuiteSize): string {
  return size === 'full' ? `within ${MEAN_TOLERANCE * 100}% and 3 half-widths` : `within 3 half-widths (each under ${SHORT_MAX_HALF_WIDTH * 100}%)`;
}

function queueRows(check: QueueCheck, scenario: Scenario, run: ScenarioRun, size: SuiteSize): ValidationRow[] {
  const queues = check.theory(scenario);
  const seconds = run.durationUs / MICROS_PER_SECOND;
  const group = groupOf(run);
  const byPartition: (BatchMeans | undefined)[] = [];
  for (const q of queues) byPartition[q.partition] = new BatchMeans(Math.max(1, Math.floor((q.lambdaPerSec * seconds) / BATCHES)));
  group.onRecordProcessed = (gp, latencyUs) => byPartition[gp.partition]?.add(latencyUs);
  const result = run.runToEnd();
  const g = result.groups[group.id];
  assume(check, result.engine.stopped === null, `the run stopped early: ${result.engine.stopped}`);
  assume(check, g.rebalances === 1 && g.rebalancingMs === 0, 'the group must start consuming at once and never rebalance');
  assume(check, group.members.every((m) => m.owned.length === 1), 'each member must own exactly one partition');
  assume(check, g.lost === 0 && g.duplicates === 0 && g.conservation.holds, 'no record may be lost or processed twice');
  return queues.map((q) => {
    const estimate = byPartition[q.partition]!.estimate();
    const gp = group.partitions[q.partition];
    // The hook heard exactly what the model measured itself.
    assume(check, estimate.count === gp.processedCount && Math.abs(estimate.mean - gp.latency.mean) <= 1e-9 * gp.latency.mean, `partition ${q.partition}: the hook and the model disagree`);
    const error = estimate.mean / q.expectedUs - 1;
    const withinHalfWidths = Math.abs(estimate.mean - q.expectedUs) <= 3 * estimate.halfWidth95;
    const pass = size === 'full' ? Math.abs(error) <= MEAN_TOLERANCE && withinHalfWidths : withinHalfWidths && estimate.halfWidth95 <= SHORT_MAX_HALF_WIDTH * q.expectedUs;
    return {
      check: check.id,
      title: check.title,
      name: q.name,
      theory: q.theory,
      unit: 'ms',
      expected: q.expectedUs / 1000,
      measured: estimate.mean / 1000,
      halfWidth95: estimate.halfWidth95 / 1000,
      customers: estimate.count,
      error,
      errorKind: 'relative',
      tolerance: meanRule(size),
      pass,
    };
  });
}

/**
 * L, the time average of the group's lag, integrated exactly between events (lag only changes at
 * one); lambda, records produced over the run's length; W, the model's mean end-to-end latency.
 * Arrivals stop before the end, so every record has left: L T and lambda T W are then the same sum
 * of times in system, one added up over time, the other over records.
 */
function littleRows(check: LittleCheck, run: ScenarioRun): ValidationRow[] {
  const group = groupOf(run);
  const sim = run.sim;
  const end = run.durationUs;
  const reset = group.spec.autoOffsetReset;
  const lagNow = () => group.partitions.reduce((sum, gp) => sum + gp.lag(reset), 0);
  let areaUs = 0;
  let lag = 0;
  let last = 0;
  while (sim.pending > 0 && sim.peek() <= end) {
    const t = sim.peek();
    areaUs += lag * (t - last);
    last = t;
    sim.step();
    assume(check, sim.now === t, 'an event moved the clock within itself: lag would be integrated wrongly');
    lag = lagNow();
  }
  areaUs += lag * (end - last);
  const result = run.runToEnd();
  const g = result.groups[group.id];
  assume(check, group.spec.commit === 'record' && group.spec.commitLatency === 0, 'lag counts the records in the system only when each is committed at once');
  assume(check, g.processed === result.produced && g.lag.final === 0, 'every record must have left the system by the end');
  const lMeasured = areaUs / end;
  const lambdaPerUs = result.produced / end;
  const lTheory = lambdaPerUs * group.latency.mean;
  const error = lMeasured / lTheory - 1;
  return [
    {
      check: check.id,
      title: check.title,
      name: 'L, the time-average lag (records in system)',
      theory: `lambda W, lambda ${(lambdaPerUs * MICROS_PER_SECOND).toFixed(3)}/s (produced over the run), W ${(group.latency.mean / 1000).toFixed(4)} ms (mean latency)`,
      unit: 'records',
      expected: lTheory,
      measured: lMeasured,
      halfWidth95: null,
      customers: g.processed,
      error,
      errorKind: 'relative',
      tolerance: `exact (to ${LITTLE_TOLERANCE}, rounding)`,
      pass: Math.abs(error) <= LITTLE_TOLERANCE,
    },
  ];
}

function pauseRows(check: PauseCheck, scenario: Scenario, run: ScenarioRun): ValidationRow[] {
  const group = groupOf(run);
  const crash = scenario.timeline.find((a) => a.action === 'crash-consumer');
  const restart = scenario.timeline.find((a) => a.action === 'restart-consumer');
  if (!crash || crash.action !== 'crash-consumer') throw new Error(`validation check ${check.id}: its scenario needs a crash`);
  const crashed = crash.member;
  // Just before the crash: who owns what, and the pauses of the start-up.
  run.runUntil(crash.at - 1);
  const ownedByCrashed = group.partitions.filter((gp) => gp.owner === crashed);
  const ownedBySurvivors = group.partitions.filter((gp) => gp.owner >= 0 && gp.owner !== crashed);
  const pausedBefore = group.partitions.map((gp) => gp.pausedUsAt(run.sim.now));
  const rebalancesBefore = group.stats.rebalances;
  const result = run.runToEnd();
  assume(check, result.engine.stopped === null, `the run stopped early: ${result.engine.stopped}`);
  assume(check, ownedByCrashed.length > 0 && ownedBySurvivors.length > 0, 'both members must own a partition at the crash');
  const pausedAfter = (gp: (typeof group.partitions)[number]) => gp.pausedUsAt(run.sim.now) - pausedBefore[gp.index];
  const expired = run.marks.find((m) => m.kind === 'member-expired' && m.timeUs >= crash.at);
  // For a set of partitions, the pause farthest from theory: every one of them must match.
  const farthest = (values: number[], expected: number) => values.reduce((a, b) => (Math.abs(b - expected) > Math.abs(a - expected) ? b : a));
  const measure = (what: PauseMeasure, expected: number): number => {
    switch (what) {
      case 'start-up':
        return farthest(pausedBefore, expected);
      case 'noticed':
        return expired ? expired.timeUs - crash.at : Infinity;
      case 'crashed':
        return farthest(ownedByCrashed.map(pausedAfter), expected);
      case 'survivor':
        return farthest(ownedBySurvivors.map(pausedAfter), expected);
      case 'rebalances':
        return group.stats.rebalances - rebalancesBefore;
    }
  };
  return check.theory(group.spec, crash.at, restart?.at ?? null).map((t) => {
    const count = t.measure === 'rebalances';
    const measured = measure(t.measure, t.expected);
    const scale = count ? 1 : 1000;
    return {
      check: check.id,
      title: check.title,
      name: t.name,
      theory: t.theory,
      unit: count ? 'rebalances' : 'ms',
      expected: t.expected / scale,
      measured: measured / scale,
      halfWidth95: null,
      customers: null,
      error: (measured - t.expected) / scale,
      errorKind: 'absolute',
      tolerance: count ? 'exact' : 'exact (to the µs)',
      pass: measured === t.expected,
    };
  });
}
