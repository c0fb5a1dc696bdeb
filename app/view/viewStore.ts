/**
 * Which view the page shows: Build (the playground), Teach (a scenario's narrative as steps, in a
 * presenter layout), Compare (two variants side by side) or Sweep (one parameter over values and
 * seeds). Every view works on the scenario in the scenario store; switching loses nothing.
 */
import { create } from 'zustand';

export type ViewMode = 'build' | 'teach' | 'compare' | 'sweep';

export const VIEW_MODES: { mode: ViewMode; label: string; title: string }[] = [
  { mode: 'build', label: 'Build', title: 'Build and run the scenario on the canvas' },
  { mode: 'teach', label: 'Teach', title: "Play the scenario's narrative step by step, in large type" },
  { mode: 'compare', label: 'Compare', title: 'Run two variants of the scenario side by side on the same seed' },
  { mode: 'sweep', label: 'Sweep', title: 'Vary one parameter over values and seeds, and plot a metric against it' },
];

interface ViewState {
  mode: ViewMode;
  setMode(mode: ViewMode): void;
}

export const useViewStore = create<ViewState>()((set) => ({
  mode: 'build',
  setMode: (mode) => set({ mode }),
}));
