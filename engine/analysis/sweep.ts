/**
 * Sweeps: one parameter of a scenario set to each of a list of values, each run on several seeds,
 * and one metric read from each result. Split in three so every driver shares them: the plan (the
 * list of jobs, value × seed), one job's run, and the summary of the outcomes. The CLI runs the jobs
 * in turn or on worker threads, the playground on its pool of Web Workers; the figures are the same.
 * Pure.
 */
import type { Seed } from '../core/random.ts';
import { studentT975 } from '../core/stats.ts';
import { evaluate, metricAt } from '../model/result.ts';
import { runScenario } from '../model/run.ts';
import { loadScenario } from '../scenario/load.ts';
import type { Expectation } from '../scenario/schema.ts';

export interface SweepParam {
  /** Component id and field: `components.<id>.<field>`. */
  componentId: string;
  field: string;
  values: unknown[];
}

export interface SweepRow {
  value: unknown;
  /** The metric for each seed, in seed order (null where the path names nothing). */
  samples: (number | null)[];
  mean: number | null;
  min: number | null;
  max: number | null;
  /** Sample standard deviation over the seeds; null with fewer than 2 numbers. */
  sd: number | null;
  /** Half-width of the mean's 95% confidence interval (Student's t over the seeds); null with fewer than 2. */
  ci95: number | null;
}

/** One run of a sweep: the scenario (file format) with the parameter set, and the seed to run it on. */
export interface SweepJob {
  valueIndex: number;
  seedIndex: number;
  value: unknown;
  seed: number;
  scenario: Record<string, unknown>;
}

export interface SweepOptions {
  /** How many seeds each value runs on. */
  seeds: number;
  /** The first seed; the others follow it (see {@link sweepSeeds}). */
  firstSeed?: Seed;
  /** Replaces the scenario's duration (file notation, `10m`): a long run keeps start-up out of a p99. */
  duration?: string;
}

export type SweepPlan = { ok: true; jobs: SweepJob[]; seeds: number[] } | { ok: false; problems: string[] };

/** A comparison with a number, as an expectation writes it: `< 50`. */
export interface SweepTarget {
  op: Expectation['op'];
  value: number;
}

/**
 * Reads a comma-separated list of values; numbers stay numbers. Throws a message naming the problem
 * (nothing given, a value twice).
 */
export function parseSweepValues(text: string): unknown[] {
  const values = text
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '')
    .map((v) => (/^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v));
  if (values.length === 0) throw new Error('give at least one value, e.g. 3,6,12');
  const twice = values.find((v, i) => values.indexOf(v) !== i);
  if (twice !== undefined) throw new Error(`${JSON.stringify(twice)} is in the list twice`);
  return values;
}

/** Reads `components.<id>.<field>=v1,v2,...`; numbers stay numbers. Throws a message naming the problem. */
export function parseSweepParam(text: string): SweepParam {
  const match = /^components\.([^.=]+)\.([A-Za-z]+)=(.*)$/.exec(text);
  if (!match) throw new Error(`--param must look like components.<id>.<field>=3,6,12, got ${JSON.stringify(text)}`);
  let values: unknown[];
  try {
    values = parseSweepValues(match[3]);
  } catch (error) {
    throw new Error(`--param: ${(error as Error).message}`, { cause: error });
  }
  return { componentId: match[1], field: match[2], values };
}

/** Reads a target such as `<50`, `<= 0.5`, `>1000`. Throws a message naming the problem. */
export function parseSweepTarget(text: string): SweepTarget {
  const match = /^\s*(<=|>=|==|!=|<|>)\s*(-?\d+(?:\.\d+)?(?:e[+-]?\d+)?)\s*$/i.exec(text);
  if (!match) throw new Error(`a target is an operator and a number, like "<50" or ">= 0.99", got ${JSON.stringify(text)}`);
  return { op: match[1] as SweepTarget['op'], value: Number(match[2]) };
}

/** The scenario file's data with the parameter set to `value`. */
export function withParam(data: Record<string, unknown>, param: SweepParam, value: unknown): Record<string, unknown> {
  const components = (data.components as Record<string, unknown>[]) ?? [];
  if (!components.some((c) => c.id === param.componentId)) throw new Error(`--param: no component has the id "${param.componentId}"`);
  return { ...data, components: components.map((c) => (c.id === param.componentId ? { ...c, [param.field]: value } : c)) };
}

/** The seeds a sweep runs each value on: `first`, `first`+1, ... (from 1 when `first` is not a number). */
export function sweepSeeds(first: Seed | undefined, count: number): number[] {
  const start = typeof first === 'number' && Number.isFinite(first) ? first : 1;
  return Array.from({ length: count }, (_, i) => start + i);
}

/**
 * Every run of the sweep, value by value, each on the same seeds, so the variants see the same
 * traffic (each component draws from its own random streams). A value the scenario refuses is
 * reported with the validator's lines, and nothing is planned.
 */
export function planSweep(data: Record<string, unknown>, param: SweepParam, options: SweepOptions): SweepPlan {
  if (!(Number.isInteger(options.seeds) && options.seeds >= 1)) return { ok: false, problems: [`seeds must be a whole number of 1 or more, got ${options.seeds}`] };
  // The narrative and layout change nothing in a run; left in, a shorter duration would refuse
  // narrative steps after the new end.
  const { narrative: _narrative, layout: _layout, ...base } = data;
  if (options.duration !== undefined) base.duration = options.duration;
  const seeds = sweepSeeds(options.firstSeed, options.seeds);
  const problems: string[] = [];
  const jobs: SweepJob[] = [];
  param.values.forEach((value, valueIndex) => {
    let scenario: Record<string, unknown>;
    try {
      scenario = withParam(base, param, value);
    } catch (error) {
      problems.push((error as Error).message);
      return;
    }
    const loaded = loadScenario(scenario);
    if (!loaded.ok) {
      problems.push(`with ${param.field} = ${JSON.stringify(value)} the scenario is not valid:\n${loaded.problems.join('\n')}`);
      return;
    }
    seeds.forEach((seed, seedIndex) => jobs.push({ valueIndex, seedIndex, value, seed, scenario }));
  });
  return problems.length > 0 ? { ok: false, problems: [...new Set(problems)] } : { ok: true, jobs, seeds };
}

/** Runs one job to the end and reads the metric (null where the path names nothing). */
export function runSweepJob(job: Pick<SweepJob, 'scenario' | 'seed'>, metric: string): number | null {
  const loaded = loadScenario(job.scenario);
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  return metricAt(runScenario(loaded.scenario, { seed: job.seed }), metric);
}

/** One row of the summary: the samples of one value, in seed order, and their statistics. */
export function summarizeSamples(value: unknown, samples: (number | null)[]): SweepRow {
  const numbers = samples.filter((s): s is number => s !== null);
  const n = numbers.length;
  const mean = n > 0 ? numbers.reduce((a, b) => a + b, 0) / n : null;
  let sd: number | null = null;
  let ci95: number | null = null;
  if (mean !== null && n >= 2) {
    sd = Math.sqrt(numbers.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1));
    ci95 = (studentT975(n - 1) * sd) / Math.sqrt(n);
  }
  return { value, samples, mean, min: n > 0 ? Math.min(...numbers) : null, max: n > 0 ? Math.max(...numbers) : null, sd, ci95 };
}

/**
 * The summary of a sweep from each job's metric (`metrics[i]` belongs to `jobs[i]`), one row per
 * value in the parameter's order. A job not finished yet (undefined) counts as null for now.
 */
export function summarizeSweep(param: SweepParam, jobs: readonly SweepJob[], metrics: readonly (number | null | undefined)[]): SweepRow[] {
  const seedCount = jobs.reduce((n, job) => Math.max(n, job.seedIndex + 1), 0);
  const samples: (number | null)[][] = param.values.map(() => new Array<number | null>(seedCount).fill(null));
  jobs.forEach((job, i) => {
    const metric = metrics[i];
    if (metric !== undefined) samples[job.valueIndex][job.seedIndex] = metric;
  });
  return param.values.map((value, i) => summarizeSamples(value, samples[i]));
}

/**
 * Runs every value on the given seeds in this thread (the first seed defaults to 1). Kept for
 * callers that want the whole sweep in one call; throws the validator's lines for a refused value.
 */
export function sweep(data: Record<string, unknown>, param: SweepParam, seeds: number, metric: string, baseSeed = 1): SweepRow[] {
  const plan = planSweep(data, param, { seeds, firstSeed: baseSeed });
  if (!plan.ok) throw new Error(plan.problems.join('\n'));
  return summarizeSweep(
    param,
    plan.jobs,
    plan.jobs.map((job) => runSweepJob(job, metric)),
  );
}

export interface SweepAnswer {
  /** The first value (smallest, for numbers) whose every seed meets the target; null when none does. */
  everySeed: SweepRow | null;
  /** The first value (smallest, for numbers) whose mean meets the target; null when none does. */
  mean: SweepRow | null;
}

/**
 * The engineer's question: which value is enough? Numbers are tried from the smallest, other values
 * in the order given. A value counts for "every seed" only if every seed has a number that meets it.
 */
export function answerTarget(rows: readonly SweepRow[], target: SweepTarget): SweepAnswer {
  const numeric = rows.every((r) => typeof r.value === 'number');
  const ordered = numeric ? [...rows].sort((a, b) => (a.value as number) - (b.value as number)) : rows;
  const meets = (x: number | null) => evaluate({ metric: '', op: target.op, value: target.value }, x);
  return {
    everySeed: ordered.find((r) => r.samples.length > 0 && r.samples.every(meets)) ?? null,
    mean: ordered.find((r) => meets(r.mean)) ?? null,
  };
}

/** A figure as a sweep's table shows it: at most three decimals, as the run's result rounds them; '–' for none. */
export function formatFigure(x: number | null): string {
  return x === null ? '–' : String(Math.round(x * 1000) / 1000);
}

/** A metric path as a person reads it: `groups.billing.latencyMs.p99` → `billing p99 latency`. */
export function describeMetric(path: string): { label: string; unit: string } {
  const group = /^groups\.([^.]+)\.(.+)$/.exec(path);
  const unit = path.split('.').some((part) => /Ms$/.test(part)) ? 'ms' : '';
  const processor = /^processors\.([^.]+)\.(lateRecords|stateEntries\.max|outputLatencyMs\.p99)$/.exec(path);
  if (processor) {
    const names: Record<string, string> = { lateRecords: 'late records', 'stateEntries.max': 'max state entries', 'outputLatencyMs.p99': 'p99 time to a final count' };
    return { label: `${processor[1]} ${names[processor[2]]}`, unit };
  }
  if (!group) return { label: path, unit };
  const [, id, rest] = group;
  const known: Record<string, string> = {
    'latencyMs.p99': 'p99 latency',
    'latencyMs.p95': 'p95 latency',
    'latencyMs.p50': 'median latency',
    'latencyMs.mean': 'mean latency',
    'latencyMs.max': 'max latency',
    'lag.max': 'max lag',
    'lag.final': 'final lag',
    'lagTimeMs.max': 'max lag in time',
    'lagTimeMs.final': 'final lag in time',
    duplicates: 'duplicates',
    lost: 'records lost',
    pausedMs: 'time paused',
    rebalances: 'rebalances',
    processed: 'records processed',
  };
  return { label: known[rest] ? `${id} ${known[rest]}` : path, unit };
}

/** The answer as a sentence: `smallest partitions with billing p99 latency < 50 ms on every seed: 12`. */
export function describeAnswer(field: string, metric: string, target: SweepTarget, rows: readonly SweepRow[]): string {
  const { label, unit } = describeMetric(metric);
  const goal = `${label} ${target.op} ${target.value}${unit ? ` ${unit}` : ''}`;
  const numeric = rows.every((r) => typeof r.value === 'number');
  const which = numeric ? `smallest ${field}` : `first ${field}`;
  const answer = answerTarget(rows, target);
  if (answer.everySeed) return `${which} with ${goal} on every seed: ${String(answer.everySeed.value)}`;
  if (answer.mean) return `no ${field} tried has ${goal} on every seed; ${which} with ${goal} on the mean: ${String(answer.mean.value)}`;
  return `no ${field} tried has ${goal}, on every seed or on the mean (tried ${rows.map((r) => String(r.value)).join(', ')})`;
}
