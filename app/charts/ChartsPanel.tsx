/**
 * The charts under the canvas: latency percentiles and lag per partition of one group, throughput
 * in and out, and partition skew, side by side on one time axis [0, duration] with the run's marks.
 * Reads the run store in small slices: the series (a new object only when samples arrive), the
 * marks and the duration, so the clock ticking alone does not re-render it; and redraws at most
 * five times a second however fast the run goes.
 */
import { useMemo, useState } from 'react';
import { useRunStore } from '../run/runStore.ts';
import { MARK_CATEGORIES, markStyle, timeDomain, type MarkCategory } from './chartData.ts';
import { Swatch } from './chartParts.tsx';
import { lagChart, latencyChart, latencySeries, QUEUE_CHART, queueSeries, SKEW_CHART, skewSeries, THROUGHPUT_CHART, throughputLegend, throughputSeries } from './chartSeries.ts';
import { LagHeatmap } from './LagHeatmap.tsx';
import { LineChart } from './LineChart.tsx';
import { useElementSize } from './useElementSize.ts';
import { useRunCharts } from './useRunCharts.ts';
import './charts.css';
import { GroupSelect } from './GroupSelect.tsx';

/** Charts narrower than this are hard to read: fewer fit side by side and the rest scroll into view. */
const MIN_CHART_WIDTH = 260;
const GAP = 8;
/** The chart card's title row and border, above and around the svg. */
const CARD_CHROME = 24;
const CHARTS = 4;

export function ChartsPanel() {
  const durationMs = useRunStore((s) => s.durationMs);
  const { series, seriesVersion, marks } = useRunCharts();
  const [chosenGroup, setChosenGroup] = useState<string | null>(null);
  const [rowRef, size] = useElementSize<HTMLDivElement>();

  const groupIds = Object.keys(series.groups);
  const topicIds = Object.keys(series.topics);
  const groupId = chosenGroup !== null && chosenGroup in series.groups ? chosenGroup : (groupIds[0] ?? null);
  const group = groupId !== null ? series.groups[groupId] : null;
  const [, endMs] = timeDomain(durationMs, series.timeMs);
  const empty = series.timeMs.length === 0;

  // `series` is a new object whenever samples arrive (the columns inside grow in place).
  const latency = useMemo(() => latencySeries(groupId !== null ? series.groups[groupId] : undefined), [series, groupId]);
  const throughput = useMemo(() => throughputSeries(series), [series]);
  const skew = useMemo(() => skewSeries(series), [series]);
  const queues = useMemo(() => queueSeries(series), [series]);
  // A group reading a queue has no partitions to draw lag for: its queue's messages instead.
  const readsQueue = group !== null && group.partitionLag.length === 0 && queues.length > 0;

  const visible = Math.min(CHARTS, Math.max(1, Math.floor((size.width + GAP) / (MIN_CHART_WIDTH + GAP))));
  const chartWidth = Math.max(MIN_CHART_WIDTH, Math.floor((size.width - GAP * (visible - 1)) / visible));
  const chartHeight = Math.max(120, size.height - CARD_CHROME);
  const shared = { width: chartWidth, height: chartHeight, timeMs: series.timeMs, endMs, marks };
  // Downloads of one group's charts say which group when there are several.
  const groupSuffix = groupIds.length > 1 ? `-${groupId}` : '';

  return (
    <section className="charts-panel" aria-label="Charts">
      <div className="charts-head">
        <span className="charts-heading">Charts</span>
        {groupIds.length > 1 && <GroupSelect className="charts-group" groupIds={groupIds} value={groupId} onChange={setChosenGroup} />}
        {groupIds.length === 1 && <span className="charts-group">Group {groupId}</span>}
        <MarkLegend categories={markCategories(marks)} />
      </div>
      <div className="charts-row" ref={rowRef}>
        {empty || size.width === 0 ? (
          <p className="charts-empty">Press Run to see latency, lag and throughput</p>
        ) : (
          <>
            {group && groupId !== null ? (
              <>
                <LineChart {...shared} {...latencyChart(groupId)} series={latency} exportName={`latency${groupSuffix}`} />
                {readsQueue ? (
                  <LineChart {...shared} {...QUEUE_CHART} series={queues} exportName="queue" />
                ) : (
                  <LagHeatmap {...shared} {...lagChart(groupId)} partitionLag={group.partitionLag} version={seriesVersion} exportName={`lag${groupSuffix}`} />
                )}
              </>
            ) : (
              <p className="charts-empty">No consumer group: add one to see latency and lag</p>
            )}
            <LineChart {...shared} {...THROUGHPUT_CHART} series={throughput} legend={throughputLegend(throughput)} exportName="throughput" />
            {topicIds.length > 0 && <LineChart {...shared} {...SKEW_CHART} series={skew} exportName="skew" />}
          </>
        )}
      </div>
    </section>
  );
}

function markCategories(marks: readonly { kind: string }[]): MarkCategory[] {
  const seen = new Set<MarkCategory>();
  for (const mark of marks) seen.add(markStyle(mark.kind).category);
  return (Object.keys(MARK_CATEGORIES) as MarkCategory[]).filter((category) => seen.has(category));
}

function MarkLegend({ categories }: { categories: MarkCategory[] }) {
  if (categories.length === 0) return null;
  return (
    <span className="charts-mark-legend" aria-label="Marks">
      {categories.map((category) => (
        <span key={category} className="chart-legend-item">
          <Swatch colour={MARK_CATEGORIES[category].colour} />
          {MARK_CATEGORIES[category].name}
        </span>
      ))}
    </span>
  );
}
