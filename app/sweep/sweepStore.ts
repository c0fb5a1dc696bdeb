/**
 * The Sweep view's state, kept outside the view so the form and the last sweep survive switching
 * views: the form as typed, and the sweep's runs on the worker pool (progress, cancel, each run's
 * result as it finishes, or the reason nothing ran). Results are kept whole, so a different metric
 * or target re-plots at once without running again.
 */
import { create } from 'zustand';
import type { Seed } from '../../engine/core/random.ts';
import type { RunResult } from '../../engine/model/result.ts';
import { batchSlot } from '../pool/batchSlot.ts';
import { sharedPool, type Pool } from '../pool/pool.ts';
import { useRunStore } from '../run/runStore.ts';
import type { ScenarioDoc } from '../store/scenarioDoc.ts';
import { useScenarioStore } from '../store/scenarioStore.ts';
import { fitDraft, prepareSweep, suggestedFor, sweepableFields, type PreparedSweep, type SweepDraft } from './sweepForm.ts';

export type SweepStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'refused';

export interface SweepRun {
  sweep: PreparedSweep;
  /** Each job's result, in job order; null until it finishes. */
  results: (RunResult | null)[];
  finished: number;
  /** The scenario swept, for the CSV's name. */
  scenarioName: string;
}

export interface SweepState {
  /** The form as typed; null until the user first touches it (the view shows a fresh one). */
  draft: SweepDraft | null;
  status: SweepStatus;
  /** Why nothing ran, or why the sweep stopped: a heading and the lines under it. */
  refusal: { title: string; problems: string[] } | null;
  run: SweepRun | null;
  /** Changes the form; another component or setting brings its suggested values. */
  edit(patch: Partial<SweepDraft>): void;
  /** Runs every job on the pool; a form with a problem, or a value the scenario refuses, runs nothing. */
  start(): void;
  cancel(): void;
}

export interface SweepStoreDeps {
  pool(): Pool;
  /** The scenario on the canvas, in the file format (never changed by a sweep). */
  scenarioDoc(): ScenarioDoc;
  /** The playground's seed, when the user set one: the sweep's first seed is then the run they watched. */
  playgroundSeed(): Seed | undefined;
}

export function createSweepStore(deps: SweepStoreDeps) {
  return create<SweepState>()((set, get) => {
    const batch = batchSlot();
    return {
      draft: null,
      status: 'idle',
      refusal: null,
      run: null,
      edit: (patch) => {
        const doc = deps.scenarioDoc();
        const draft = fitDraft(doc, get().draft);
        const next = { ...draft, ...patch };
        const componentChanged = patch.componentId !== undefined && patch.componentId !== draft.componentId;
        if (componentChanged && patch.field === undefined) {
          const component = doc.components.find((c) => c.id === patch.componentId);
          // The setting people size first: partitions, consumers, else the component's first one.
          next.field = component?.kind === 'topic' ? 'partitions' : component?.kind === 'consumer-group' ? 'consumers' : component ? (sweepableFields(component)[0]?.name ?? '') : '';
        }
        if ((componentChanged || (patch.field !== undefined && patch.field !== draft.field)) && patch.valuesText === undefined) {
          next.valuesText = suggestedFor(doc, next.componentId, next.field);
        }
        set({ draft: next });
      },
      start: () => {
        batch.cancel();
        const doc = deps.scenarioDoc();
        const draft = fitDraft(doc, get().draft);
        const seed = deps.playgroundSeed() ?? (typeof doc.seed === 'number' || typeof doc.seed === 'string' ? doc.seed : undefined);
        const prepared = prepareSweep(doc, draft, seed);
        if (!prepared.ok) {
          set({ draft, status: 'refused', refusal: { title: 'Nothing was run:', problems: prepared.problems } });
          return;
        }
        const { sweep } = prepared;
        const run: SweepRun = { sweep, results: sweep.jobs.map(() => null), finished: 0, scenarioName: typeof doc.name === 'string' ? doc.name : 'scenario' };
        set({ draft, status: 'running', refusal: null, run });
        batch.start(
          deps.pool(),
          sweep.jobs.map((job) => ({ scenario: job.scenario, seed: job.seed })),
          {
            outcome: (index, outcome, finished) => {
              if (!outcome.ok) {
                const job = sweep.jobs[index];
                get().cancel();
                set({ status: 'refused', refusal: { title: `The run with ${sweep.param.field} = ${String(job.value)} on seed ${job.seed} failed, so the sweep stopped:`, problems: outcome.problems } });
                return;
              }
              const current = get().run;
              if (!current) return;
              const results = current.results.slice();
              results[index] = outcome.result;
              set({ run: { ...current, results, finished } });
            },
            done: () => set({ status: 'done' }),
            failed: (message) => set({ status: 'refused', refusal: { title: 'The sweep failed:', problems: [message] } }),
          },
        );
      },
      cancel: () => {
        if (batch.cancel()) set({ status: 'cancelled' });
      },
    };
  });
}

export const useSweepStore = createSweepStore({
  pool: sharedPool,
  scenarioDoc: () => useScenarioStore.getState().doc,
  playgroundSeed: () => useRunStore.getState().seed,
});
