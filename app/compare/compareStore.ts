/**
 * The Compare view's state, kept outside the view so the form and the last comparison survive
 * switching views: the changes that make variant B, the group the charts show, and the two runs
 * on the worker pool (progress, cancel, outcome or the reason nothing ran).
 */
import { create } from 'zustand';
import type { ParamChange } from '../../engine/analysis/compare.ts';
import type { Seed } from '../../engine/core/random.ts';
import type { Mark } from '../../engine/model/context.ts';
import type { RunResult } from '../../engine/model/result.ts';
import type { TimeSeries } from '../../engine/model/timeSeries.ts';
import { batchSlot } from '../pool/batchSlot.ts';
import { sharedPool, type Pool } from '../pool/pool.ts';
import { useRunStore } from '../run/runStore.ts';
import type { ScenarioDoc } from '../store/scenarioDoc.ts';
import { useScenarioStore } from '../store/scenarioStore.ts';
import { draftsOf, prepareComparison, type ChangeDraft } from './compareForm.ts';

export interface VariantRun {
  result: RunResult;
  series: TimeSeries;
  marks: Mark[];
}

export interface Comparison {
  /** The scenario A ran (the canvas's, by reference: a different one now means the canvas changed). */
  docA: ScenarioDoc;
  docB: Record<string, unknown>;
  seed: Seed;
  /** The changes in words: `counter.assignor: range → cooperative-sticky`. */
  changes: string[];
  a: VariantRun;
  b: VariantRun;
}

export type CompareStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'refused';

export interface CompareState {
  drafts: ChangeDraft[];
  /** The group the charts show; null picks the first. */
  groupId: string | null;
  status: CompareStatus;
  /** Runs finished of the two, while running. */
  finished: number;
  /** Why nothing ran (or a run failed): a heading and the lines under it. */
  refusal: { title: string; problems: string[] } | null;
  comparison: Comparison | null;
  addDraft(): void;
  updateDraft(key: number, patch: Partial<Omit<ChangeDraft, 'key'>>): void;
  removeDraft(key: number): void;
  /** Replaces the changes with a preset's. */
  applyPreset(changes: readonly ParamChange[]): void;
  setGroup(groupId: string): void;
  /** Runs A and B on the pool on one seed; a refused form or variant runs nothing. */
  run(): void;
  cancel(): void;
}

export interface CompareStoreDeps {
  pool(): Pool;
  /** The scenario on the canvas, in the file format. */
  scenarioDoc(): ScenarioDoc;
  /** The playground's seed, when the user set one. */
  playgroundSeed(): Seed | undefined;
}

export function createCompareStore(deps: CompareStoreDeps) {
  return create<CompareState>()((set, get) => {
    let nextKey = 1;
    const batch = batchSlot();
    return {
      drafts: [{ key: 0, componentId: '', field: '', text: '' }],
      groupId: null,
      status: 'idle',
      finished: 0,
      refusal: null,
      comparison: null,
      addDraft: () => set((s) => ({ drafts: [...s.drafts, { key: nextKey++, componentId: '', field: '', text: '' }] })),
      updateDraft: (key, patch) =>
        set((s) => ({
          drafts: s.drafts.map((d) => {
            if (d.key !== key) return d;
            // Another component or setting starts from a blank value: the old one rarely fits.
            const componentChanged = patch.componentId !== undefined && patch.componentId !== d.componentId;
            const fieldChanged = componentChanged || (patch.field !== undefined && patch.field !== d.field);
            return { ...d, ...(componentChanged ? { field: '' } : {}), ...(fieldChanged ? { text: '' } : {}), ...patch };
          }),
        })),
      removeDraft: (key) => set((s) => ({ drafts: s.drafts.filter((d) => d.key !== key) })),
      applyPreset: (changes) => {
        const drafts = draftsOf(changes, nextKey);
        nextKey += drafts.length;
        set({ drafts, refusal: null });
      },
      setGroup: (groupId) => set({ groupId }),
      run: () => {
        batch.cancel();
        const doc = deps.scenarioDoc();
        const prepared = prepareComparison(doc, get().drafts, deps.playgroundSeed());
        if (!prepared.ok) {
          set({ status: 'refused', refusal: { title: prepared.title, problems: prepared.problems }, finished: 0 });
          return;
        }
        set({ status: 'running', finished: 0, refusal: null });
        batch.start(
          deps.pool(),
          [
            { scenario: prepared.a, seed: prepared.seed },
            { scenario: prepared.b, seed: prepared.seed },
          ],
          {
            outcome: (_index, _outcome, finished) => set({ finished }),
            done: ([a, b]) => {
              if (!a.ok || !b.ok) {
                const problems = [...(a.ok ? [] : a.problems.map((p) => `A: ${p}`)), ...(b.ok ? [] : b.problems.map((p) => `B: ${p}`))];
                set({ status: 'refused', refusal: { title: 'The runs failed:', problems } });
                return;
              }
              set({
                status: 'done',
                comparison: {
                  docA: prepared.a,
                  docB: prepared.b,
                  seed: prepared.seed,
                  changes: prepared.changes,
                  a: { result: a.result, series: a.series, marks: a.marks },
                  b: { result: b.result, series: b.series, marks: b.marks },
                },
              });
            },
            failed: (message) => set({ status: 'refused', refusal: { title: 'The runs failed:', problems: [message] } }),
          },
        );
      },
      cancel: () => {
        if (batch.cancel()) set({ status: 'cancelled' });
      },
    };
  });
}

export const useCompareStore = createCompareStore({
  pool: sharedPool,
  scenarioDoc: () => useScenarioStore.getState().doc,
  playgroundSeed: () => useRunStore.getState().seed,
});
