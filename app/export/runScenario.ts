/**
 * The scenario the playground's current run was built from (the run store's `runDoc`), for exports
 * that describe the run (the report, the CSV's partition columns) rather than the canvas, which may
 * have been edited since.
 */
import type { Seed } from '../../engine/core/random.ts';
import { loadScenario, type LoadResult } from '../../engine/scenario/load.ts';
import { useRunStore } from '../run/runStore.ts';
import { useScenarioStore } from '../store/scenarioStore.ts';

/**
 * The current run's scenario, parsed, with the actions taken while it ran on its timeline (as
 * recordActions.ts adds them to the canvas's scenario): what the engine actually ran.
 */
export function runScenario(): LoadResult {
  const { runDoc, recordedActions: recorded } = useRunStore.getState();
  if (runDoc === null || typeof runDoc !== 'object') return { ok: false, problems: ['Nothing has run yet.'] };
  const doc = runDoc as Record<string, unknown>;
  const timeline = Array.isArray(doc.timeline) ? doc.timeline : [];
  return loadScenario(recorded.length > 0 ? { ...doc, timeline: [...timeline, ...recorded] } : doc);
}

/** The seed the current run uses: the run bar's, else the scenario's own. */
export function runSeed(scenarioSeed: Seed): Seed {
  return useRunStore.getState().seed ?? scenarioSeed;
}

/** The current run's scenario name and seed, for file names and captions; the canvas's before anything has run. */
export function runIdentity(): { name: string; seed: Seed } {
  const loaded = runScenario();
  // The result so far says which seed the run has, whatever the seed box says now.
  const { result, summary } = useRunStore.getState();
  if (loaded.ok) return { name: loaded.scenario.name, seed: result?.seed ?? summary?.seed ?? runSeed(loaded.scenario.seed) };
  const doc = useScenarioStore.getState().doc;
  const docSeed = typeof doc.seed === 'number' || typeof doc.seed === 'string' ? doc.seed : 1;
  return { name: typeof doc.name === 'string' ? doc.name : 'Untitled scenario', seed: runSeed(docSeed) };
}
