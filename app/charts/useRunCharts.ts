/**
 * The run's series, its version and its marks, redrawn at most five times a second however fast
 * the run goes (the charts panel's and teaching mode's charts read them this way).
 */
import { useMemo } from 'react';
import { useRunStore } from '../run/runStore.ts';
import { useThrottled } from './useThrottled.ts';

/** Redraw at most 5 times a second: smooth enough to watch, and cheap at any speed. */
const REDRAW_MS = 200;

export function useRunCharts() {
  const latestSeries = useRunStore((s) => s.series);
  const latestVersion = useRunStore((s) => s.seriesVersion);
  const latestMarks = useRunStore((s) => s.marks);
  const latest = useMemo(() => ({ series: latestSeries, seriesVersion: latestVersion, marks: latestMarks }), [latestSeries, latestVersion, latestMarks]);
  return useThrottled(latest, REDRAW_MS);
}
