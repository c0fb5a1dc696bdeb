/**
 * Sweeps: one parameter of a scenario set to each of a list of values, each run on several seeds,
 * and one metric read from each result. Pure; the CLI (and later the playground's worker pool)
 * drives it.
 */
import { runScenario } from '../model/run.ts';
import { metricAt } from '../model/result.ts';
import { loadScenario } from '../scenario/load.ts';

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
}

/** Reads `components.<id>.<field>=v1,v2,...`; numbers stay numbers. Throws a message naming the problem. */
export function parseSweepParam(text: string): SweepParam {
  const match = /^components\.([^.=]+)\.([A-Za-z]+)=(.+)$/.exec(text);
  if (!match) throw new Error(`--param must look like components.<id>.<field>=3,6,12, got ${JSON.stringify(text)}`);
  const values = match[3].split(',').map((v) => v.trim()).filter((v) => v !== '').map((v) => (/^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v));
  if (values.length === 0) throw new Error('--param needs at least one value after "="');
  return { componentId: match[1], field: match[2], values };
}

/** The scenario file's data with the parameter set to `value`. */
export function withParam(data: Record<string, unknown>, param: SweepParam, value: unknown): Record<string, unknown> {
  const components = (data.components as Record<string, unknown>[]) ?? [];
  if (!components.some((c) => c.id === param.componentId)) throw new Error(`--param: no component has the id "${param.componentId}"`);
  return { ...data, components: components.map((c) => (c.id === param.componentId ? { ...c, [param.field]: value } : c)) };
}

/**
 * Runs every value on seeds `baseSeed`, `baseSeed`+1, ...: the same seeds for every value, so the
 * variants see the same traffic (each component draws from its own random streams).
 */
export function sweep(data: Record<string, unknown>, param: SweepParam, seeds: number, metric: string, baseSeed = 1): SweepRow[] {
  return param.values.map((value) => {
    const loaded = loadScenario(withParam(data, param, value));
    if (!loaded.ok) throw new Error(`with ${param.field} = ${JSON.stringify(value)} the scenario is not valid:\n${loaded.problems.join('\n')}`);
    const samples = Array.from({ length: seeds }, (_, i) => metricAt(runScenario(loaded.scenario, { seed: baseSeed + i }), metric));
    const numbers = samples.filter((s): s is number => s !== null);
    return {
      value,
      samples,
      mean: numbers.length > 0 ? numbers.reduce((a, b) => a + b, 0) / numbers.length : null,
      min: numbers.length > 0 ? Math.min(...numbers) : null,
      max: numbers.length > 0 ? Math.max(...numbers) : null,
    };
  });
}
