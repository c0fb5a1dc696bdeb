/**
 * The explanations and design review of the playground's run, as of its latest summary: the
 * scenario the run was built from, parsed once, with the result so far and the series.
 */
import { useMemo } from 'react';
import { explain, type GroupExplanation } from '../../engine/analysis/explain.ts';
import { review, type Finding } from '../../engine/analysis/review.ts';
import { useRunStore } from '../run/runStore.ts';
import { useRunScenario } from '../run/useRunScenario.ts';

export interface Explanations {
  /** Simulated time the figures are from, ms. */
  atMs: number;
  groups: GroupExplanation[];
  findings: Finding[];
}

export function useExplanations(): Explanations | null {
  const summary = useRunStore((s) => s.summary);
  const summaryMs = useRunStore((s) => s.summaryMs);
  const scenario = useRunScenario();
  return useMemo(() => {
    if (!scenario || !summary || summaryMs <= 0) return null;
    // The series as it is now; the summary is at most a second older while running.
    const series = useRunStore.getState().series;
    return { atMs: summaryMs, groups: explain(scenario, summary, series), findings: review(scenario, summary) };
  }, [scenario, summary, summaryMs]);
}
