/**
 * Teaching mode's state: the steps of the open scenario's narrative, the step shown, and what it
 * highlights (the canvas and charts read `highlights`; outside teaching mode it is empty).
 */
import { create } from 'zustand';
import { highlightSet, NO_HIGHLIGHTS, type HighlightSet, type TeachStep } from './narrative.ts';

interface TeachState {
  steps: TeachStep[];
  /** Index of the step shown. */
  step: number;
  highlights: HighlightSet;
  setSteps(steps: TeachStep[]): void;
  show(step: number): void;
  /** Leaving teaching mode: nothing stays highlighted. */
  clear(): void;
}

export const useTeachStore = create<TeachState>()((set, get) => ({
  steps: [],
  step: 0,
  highlights: NO_HIGHLIGHTS,
  setSteps: (steps) => set({ steps, step: 0, highlights: steps.length > 0 ? highlightSet(steps[0].highlights) : NO_HIGHLIGHTS }),
  show: (step) => {
    const steps = get().steps;
    if (step < 0 || step >= steps.length) return;
    set({ step, highlights: highlightSet(steps[step].highlights) });
  },
  clear: () => set({ highlights: NO_HIGHLIGHTS }),
}));
