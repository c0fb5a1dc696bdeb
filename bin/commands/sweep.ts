/**
 * `streamlab sweep FILE --param components.<id>.<field>=a,b,c [--seeds N] [--metric PATH] [--csv FILE]
 * [--json] [--target OP VALUE] [--workers N] [--seed N] [--duration D]`: the engine plans the jobs and
 * sums them up; this runs them, in turn or on worker threads, and prints.
 */
import { availableParallelism } from 'node:os';
import { readFileSync, writeFileSync } from 'node:fs';
import {
  answerTarget,
  describeAnswer,
  parseSweepParam,
  parseSweepTarget,
  planSweep,
  runSweepJob,
  summarizeSweep,
  type SweepJob,
  type SweepParam,
  type SweepRow,
  type SweepTarget,
} from '../../engine/analysis/sweep.ts';
import { CliError, parseOptions, type Command } from './command.ts';
import { readScenarioFile } from './scenarioFile.ts';
import { runOnThreads } from './sweepThreads.ts';
import { formatTable } from './table.ts';

const num = (x: number | null) => (x === null ? '-' : Number.isInteger(x) ? String(x) : x.toFixed(3));

/** At most this many worker threads by default: more rarely helps a sweep and costs memory. */
export const DEFAULT_MAX_WORKERS = 4;

export function formatSweep(field: string, metric: string, rows: SweepRow[]): string {
  return [
    `${metric} against ${field} (${rows[0]?.samples.length ?? 0} seeds each; every value runs on the same seeds)`,
    '',
    formatTable([
      [field, 'mean', '±95%', 'min', 'max', 'per seed'],
      ...rows.map((r) => [String(r.value), num(r.mean), num(r.ci95), num(r.min), num(r.max), r.samples.map(num).join(' ')]),
    ]),
  ].join('\n');
}

/** One CSV row per value and seed: `value,seed,metric` (an empty metric where the path names nothing). */
export function sweepCsv(rows: SweepRow[], seeds: number[]): string {
  const lines = ['value,seed,metric', ...rows.flatMap((r) => r.samples.map((s, i) => `${String(r.value)},${seeds[i]},${s ?? ''}`))];
  return `${lines.join('\n')}\n`;
}

/** What `--json` prints: the sweep, every row with its samples, and the target's answer if one was given. */
export function sweepJson(file: string, param: SweepParam, metric: string, seeds: number[], rows: SweepRow[], target: SweepTarget | undefined) {
  const answer = target && answerTarget(rows, target);
  return {
    scenario: file,
    param: { component: param.componentId, field: param.field, values: param.values },
    metric,
    seeds,
    rows,
    ...(target && answer
      ? { target: { ...target, everySeed: answer.everySeed?.value ?? null, mean: answer.mean?.value ?? null, answer: describeAnswer(param.field, metric, target, rows) } }
      : {}),
  };
}

function parseWorkers(text: string | undefined): number {
  if (text === undefined) return Math.min(availableParallelism(), DEFAULT_MAX_WORKERS);
  const workers = Number(text);
  if (!Number.isInteger(workers) || workers < 1 || workers > 64) throw new CliError(`sweep: --workers must be a whole number from 1 to 64, got ${text}`, 1);
  return workers;
}

/** The parser's message as a bad-input failure (exit 1). */
function orBadInput<T>(parse: () => T, prefix: string): T {
  try {
    return parse();
  } catch (error) {
    throw new CliError(`sweep: ${prefix}${(error as Error).message}`, 1);
  }
}

async function runJobs(jobs: SweepJob[], metric: string, workers: number): Promise<(number | null)[]> {
  // Progress only where a person watches: a pipe or a file gets the table alone.
  const progress = process.stderr.isTTY ? (finished: number) => process.stderr.write(`\r${finished} of ${jobs.length} runs`) : undefined;
  let metrics: (number | null)[];
  if (workers === 1 || jobs.length === 1) {
    metrics = jobs.map((job, i) => {
      const metricValue = runSweepJob(job, metric);
      progress?.(i + 1);
      return metricValue;
    });
  } else {
    metrics = await runOnThreads(jobs, metric, workers, progress);
  }
  if (progress) process.stderr.write('\r\x1b[K');
  return metrics;
}

export const sweepCommand: Command = {
  name: 'sweep',
  usage: 'sweep FILE --param components.<id>.<field>=3,6,12 [--seeds N] [--metric PATH] [--target "<50"] [--json] [--csv FILE]',
  summary: 'run a scenario for each value of one parameter on several seeds and compare a metric',
  help: [
    'Usage: npx streamlab sweep FILE --param components.<id>.<field>=3,6,12 [--seeds 5] [--metric PATH]',
    '                           [--target "<50"] [--json] [--csv FILE] [--workers N] [--seed N] [--duration D]',
    '',
    'Sets one parameter of the scenario to each value in turn, runs each on the same seeds, and prints',
    "the metric (a path into the run --json result; default: the first group's latencyMs.p99) with its",
    'mean, the half-width of its 95% confidence interval over the seeds, its range and per-seed values.',
    '',
    '  --seeds N      seeds per value (default 5): the scenario\'s seed and the ones after it',
    '  --seed N       start from this seed instead of the scenario\'s',
    '  --duration D   simulate this long instead (10m): a long run keeps the start-up out of a p99',
    '  --target T     an operator and a number ("<50", ">=0.99"): also print the smallest value whose',
    '                 every seed meets it (the first one, for values that are not numbers)',
    '  --workers N    worker threads (default: the cores, at most 4); 1 runs everything in this thread.',
    '                 The figures are the same for any number of workers.',
    '  --json         print one JSON object: the parameter, seeds, every row with its samples, the answer',
    '  --csv FILE     also write one row per value and seed: value,seed,metric',
    '',
    'Exit code 0; 1 with a message naming the problem (a bad option value, a value the scenario refuses);',
    '2 for an unknown option or no scenario file, as for every command.',
  ].join('\n'),
  async run(args) {
    const { values, positionals } = parseOptions(
      'sweep',
      args,
      {
        param: { type: 'string' },
        seeds: { type: 'string' },
        seed: { type: 'string' },
        metric: { type: 'string' },
        csv: { type: 'string' },
        json: { type: 'boolean' },
        target: { type: 'string' },
        workers: { type: 'string' },
        duration: { type: 'string' },
      },
      true,
    );
    if (positionals.length !== 1) throw new CliError('sweep: give exactly one scenario file');
    if (values.param === undefined) throw new CliError('sweep: --param components.<id>.<field>=v1,v2,... is required', 1);
    const file = positionals[0];
    const scenario = readScenarioFile(file);
    const seeds = values.seeds === undefined ? 5 : Number(values.seeds);
    if (!Number.isInteger(seeds) || seeds < 1 || seeds > 100) throw new CliError(`sweep: --seeds must be a whole number from 1 to 100, got ${values.seeds}`, 1);
    const firstSeed = values.seed === undefined ? scenario.seed : Number(values.seed);
    if (values.seed !== undefined && !Number.isInteger(firstSeed)) throw new CliError(`sweep: --seed must be a whole number, got ${values.seed}`, 1);
    const workers = parseWorkers(values.workers);
    const firstGroup = scenario.components.find((c) => c.kind === 'consumer-group');
    const metric = values.metric ?? (firstGroup ? `groups.${firstGroup.id}.latencyMs.p99` : 'produced');
    const param = orBadInput(() => parseSweepParam(values.param!), '');
    const target = values.target === undefined ? undefined : orBadInput(() => parseSweepTarget(values.target!), '--target: ');
    const plan = planSweep(JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, '')), param, { seeds, firstSeed, duration: values.duration });
    if (!plan.ok) throw new CliError(`sweep: ${plan.problems.join('\n')}`, 1);

    const rows = summarizeSweep(param, plan.jobs, await runJobs(plan.jobs, metric, workers));
    if (rows.every((r) => r.samples.every((s) => s === null))) {
      throw new CliError(`sweep: --metric ${metric} names no number in the run's result (see \`streamlab run ${file} --json\`; e.g. groups.<id>.latencyMs.p99)`, 1);
    }
    if (values.json) console.log(JSON.stringify(sweepJson(file, param, metric, plan.seeds, rows, target), null, 2));
    else {
      console.log(formatSweep(param.field, metric, rows));
      if (target) console.log(`\n${describeAnswer(param.field, metric, target, rows)}`);
    }
    if (values.csv !== undefined) writeFileSync(values.csv, sweepCsv(rows, plan.seeds));
    return 0;
  },
};
