/** `streamlab sweep FILE --param components.<id>.<field>=a,b,c [--seeds N] [--metric PATH] [--csv FILE]`. */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseSweepParam, sweep, type SweepRow } from '../../engine/analysis/sweep.ts';
import { CliError, parseOptions, type Command } from './command.ts';
import { readScenarioFile } from './scenarioFile.ts';
import { formatTable } from './table.ts';

const num = (x: number | null) => (x === null ? '-' : Number.isInteger(x) ? String(x) : x.toFixed(3));

export function formatSweep(field: string, metric: string, rows: SweepRow[]): string {
  return [
    `${metric} against ${field} (${rows[0]?.samples.length ?? 0} seeds each; every value runs on the same seeds)`,
    '',
    formatTable([[field, 'mean', 'min', 'max', 'per seed'], ...rows.map((r) => [String(r.value), num(r.mean), num(r.min), num(r.max), r.samples.map(num).join(' ')])]),
  ].join('\n');
}

export const sweepCommand: Command = {
  name: 'sweep',
  usage: 'sweep FILE --param components.<id>.<field>=3,6,12 [--seeds N] [--metric PATH] [--csv FILE]',
  summary: 'run a scenario for each value of one parameter on several seeds and compare a metric',
  help: [
    'Usage: npx streamlab sweep FILE --param components.<id>.<field>=3,6,12 [--seeds 5] [--metric PATH] [--csv FILE]',
    '',
    'Sets one parameter of the scenario to each value in turn, runs each on the same seeds, and prints',
    'the metric (a path into the run --json result; default: the first group\'s latencyMs.p99) with its',
    'mean, spread and per-seed values. --csv also writes one row per value and seed.',
  ].join('\n'),
  run(args) {
    const { values, positionals } = parseOptions(
      'sweep',
      args,
      { param: { type: 'string' }, seeds: { type: 'string' }, metric: { type: 'string' }, csv: { type: 'string' } },
      true,
    );
    if (positionals.length !== 1) throw new CliError('sweep: give exactly one scenario file');
    if (values.param === undefined) throw new CliError('sweep: --param components.<id>.<field>=v1,v2,... is required');
    const file = positionals[0];
    const scenario = readScenarioFile(file);
    const seeds = values.seeds === undefined ? 5 : Number(values.seeds);
    if (!Number.isInteger(seeds) || seeds < 1 || seeds > 100) throw new CliError(`sweep: --seeds must be a whole number from 1 to 100, got ${values.seeds}`);
    const firstGroup = scenario.components.find((c) => c.kind === 'consumer-group');
    const metric = values.metric ?? (firstGroup ? `groups.${firstGroup.id}.latencyMs.p99` : 'produced');
    let rows: SweepRow[];
    try {
      const param = parseSweepParam(values.param);
      rows = sweep(JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, '')), param, seeds, metric, typeof scenario.seed === 'number' ? scenario.seed : 1);
      console.log(formatSweep(param.field, metric, rows));
      if (values.csv !== undefined) {
        const lines = ['value,seed,metric', ...rows.flatMap((r) => r.samples.map((s, i) => `${r.value},${i},${s ?? ''}`))];
        writeFileSync(values.csv, `${lines.join('\n')}\n`);
      }
    } catch (error) {
      if (error instanceof CliError) throw error;
      throw new CliError(`sweep: ${(error as Error).message}`, 1);
    }
    return 0;
  },
};
