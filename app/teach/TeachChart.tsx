/**
 * The one chart of teaching mode, large: the one the step points at (lag per partition, latency,
 * throughput or skew) for the group it talks about, with the run's marks.
 */
import { useMemo } from 'react';
import { latencyChart, latencySeries, lagChart, SKEW_CHART, skewSeries, THROUGHPUT_CHART, throughputLegend, throughputSeries } from '../charts/chartSeries.ts';
import { timeDomain } from '../charts/chartData.ts';
import { LagHeatmap } from '../charts/LagHeatmap.tsx';
import { LineChart } from '../charts/LineChart.tsx';
import { useElementSize } from '../charts/useElementSize.ts';
import { useRunCharts } from '../charts/useRunCharts.ts';
import { useRunStore } from '../run/runStore.ts';
import type { ChartName } from './narrative.ts';


export function TeachChart({ chart, groupId }: { chart: ChartName; groupId: string | null }) {
  const durationMs = useRunStore((s) => s.durationMs);
  const { series, seriesVersion, marks } = useRunCharts();
  const [ref, size] = useElementSize<HTMLDivElement>();
  const [, endMs] = timeDomain(durationMs, series.timeMs);
  const group = groupId !== null ? series.groups[groupId] : undefined;
  const shared = { width: Math.max(200, size.width), height: Math.max(120, size.height - 28), timeMs: series.timeMs, endMs, marks };

  const latency = useMemo(() => latencySeries(group), [group, series]); // eslint-disable-line react-hooks/exhaustive-deps -- the columns grow in place; `series` says when
  const throughput = useMemo(() => throughputSeries(series), [series]);
  const skew = useMemo(() => skewSeries(series), [series]);

  let content: React.ReactNode;
  if (series.timeMs.length === 0 || size.width === 0) content = <p className="teach-chart-empty">The chart fills as the lesson plays.</p>;
  else if ((chart === 'lag' || chart === 'latency') && (!group || groupId === null)) content = <p className="teach-chart-empty">No consumer group in this scenario.</p>;
  else if (chart === 'lag') content = <LagHeatmap {...shared} {...lagChart(groupId!)} partitionLag={group!.partitionLag} version={seriesVersion} />;
  else if (chart === 'latency') content = <LineChart {...shared} {...latencyChart(groupId!)} series={latency} />;
  else if (chart === 'throughput') content = <LineChart {...shared} {...THROUGHPUT_CHART} series={throughput} legend={throughputLegend(throughput)} />;
  else content = <LineChart {...shared} {...SKEW_CHART} series={skew} />;

  return (
    <div className="teach-chart" ref={ref} data-chart={chart}>
      {content}
    </div>
  );
}
