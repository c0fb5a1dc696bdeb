/**
 * One headless run, as a pool worker does it: a scenario in the file format and a seed in, the
 * run's result, its whole time series and its marks out. Pure, so tests call it without a worker.
 */
import type { Seed } from '../../engine/core/random.ts';
import type { Mark } from '../../engine/model/context.ts';
import type { RunResult } from '../../engine/model/result.ts';
import { ScenarioRun } from '../../engine/model/run.ts';
import type { TimeSeries } from '../../engine/model/timeSeries.ts';
import { loadScenario } from '../../engine/scenario/load.ts';

export interface Job {
  /** The scenario in the file format (what the canvas holds), validated here. */
  scenario: unknown;
  /** Replaces the scenario's seed; undefined keeps its own. */
  seed?: Seed;
}

export type JobOutcome =
  | { ok: true; result: RunResult; series: TimeSeries; marks: Mark[] }
  | { ok: false; problems: string[] };

export function runJob(job: Job): JobOutcome {
  const loaded = loadScenario(job.scenario);
  if (!loaded.ok) return { ok: false, problems: loaded.problems };
  const run = new ScenarioRun(loaded.scenario, { seed: job.seed });
  const result = run.runToEnd();
  return { ok: true, result, series: run.sampler.series, marks: run.marks };
}
