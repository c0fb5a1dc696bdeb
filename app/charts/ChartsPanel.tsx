/**
 * The charts under the canvas: latency percentiles and lag per partition of one group, throughput
 * in and out, and partition skew, side by side on one time axis [0, duration] with the run's marks.
 * Reads the run store in small slices: the series (a new object only when samples arrive), the
 * marks and the duration, so the clock ticking alone does not re-render it; and redraws at most
 * five times a second however fast the run goes.
 */
import { useMemo, useState } from 'react';
import { useRunStore } from '../run/runStore.ts';
import { formatCount, formatMs, MARK_CATEGORIES, markStyle, timeDomain, type MarkCategory } from './chartData.ts';
import { Swatch } from './chartParts.tsx';
import { LagHeatmap } from './LagHeatmap.tsx';
import { LineChart, type LineSeries } from './LineChart.tsx';
import { useElementSize } from './useElementSize.ts';
import { useThrottled } from './useThrottled.ts';
import './charts.css';

/** Charts narrower than this are hard to read: fewer fit side by side and the rest scroll into view. */
const MIN_CHART_WIDTH = 260;
const GAP = 8;
/** The chart card's title row and border, above and around the svg. */
const CARD_CHROME = 24;
const CHARTS = 4;
/** Redraw at most 5 times a second: smooth enough to watch, and cheap at any speed. */
const REDRAW_MS = 200;

const LATENCY_COLOURS = { p50: '#38bdf8', p95: '#2563eb', p99: '#1e3a8a' };
/** Topics in the canvas's topic violet family, groups in its group green family. */
const TOPIC_COLOURS = ['#8b5cf6', '#c026d3', '#6366f1', '#a855f7', '#7c3aed'];
const GROUP_COLOURS = ['#10b981', '#0d9488', '#65a30d', '#0891b2', '#047857'];

/** With several topics or groups their names do not fit the title row: say what solid (in, per topic) and dashed (out, per group) mean; the tooltip names them. */
const THROUGHPUT_KEY = [
  { name: 'in', colour: TOPIC_COLOURS[0] },
  { name: 'out', colour: GROUP_COLOURS[0], dashed: true },
];

const positive = (value: number) => value > 0;
const formatRate = (value: number) => `${formatCount(value)}/s`;
const formatSkew = (value: number) => `${value >= 10 ? Math.round(value) : value.toFixed(2).replace(/\.?0+$/, '')}×`;

export function ChartsPanel() {
  const latestSeries = useRunStore((s) => s.series);
  const latestVersion = useRunStore((s) => s.seriesVersion);
  const latestMarks = useRunStore((s) => s.marks);
  const durationMs = useRunStore((s) => s.durationMs);
  const latest = useMemo(() => ({ series: latestSeries, seriesVersion: latestVersion, marks: latestMarks }), [latestSeries, latestVersion, latestMarks]);
  const { series, seriesVersion, marks } = useThrottled(latest, REDRAW_MS);
  const [chosenGroup, setChosenGroup] = useState<string | null>(null);
  const [rowRef, size] = useElementSize<HTMLDivElement>();

  const groupIds = Object.keys(series.groups);
  const topicIds = Object.keys(series.topics);
  const groupId = chosenGroup !== null && chosenGroup in series.groups ? chosenGroup : (groupIds[0] ?? null);
  const group = groupId !== null ? series.groups[groupId] : null;
  const [, endMs] = timeDomain(durationMs, series.timeMs);
  const empty = series.timeMs.length === 0;

  const latency = useMemo<LineSeries[]>(() => {
    const chosen = groupId !== null ? series.groups[groupId] : undefined;
    if (!chosen) return [];
    return [
      { id: 'p50', name: 'p50', colour: LATENCY_COLOURS.p50, values: chosen.p50Ms, defined: positive },
      { id: 'p95', name: 'p95', colour: LATENCY_COLOURS.p95, values: chosen.p95Ms, defined: positive },
      { id: 'p99', name: 'p99', colour: LATENCY_COLOURS.p99, values: chosen.p99Ms, defined: positive },
    ];
    // `series` is a new object whenever samples arrive (the columns inside grow in place).
  }, [series, groupId]);
  const throughput = useMemo<LineSeries[]>(
    () => [
      ...Object.entries(series.topics).map(([id, topic], i) => ({
        id: `in:${id}`,
        name: `${id} in`,
        colour: TOPIC_COLOURS[i % TOPIC_COLOURS.length],
        values: topic.throughputIn,
      })),
      ...Object.entries(series.groups).map(([id, g], i) => ({
        id: `out:${id}`,
        name: `${id} out`,
        colour: GROUP_COLOURS[i % GROUP_COLOURS.length],
        values: g.throughputOut,
        dashed: true,
      })),
    ],
    [series],
  );
  const skew = useMemo<LineSeries[]>(
    () => Object.entries(series.topics).map(([id, topic], i) => ({ id, name: id, colour: TOPIC_COLOURS[i % TOPIC_COLOURS.length], values: topic.skew })),
    [series],
  );

  const visible = Math.min(CHARTS, Math.max(1, Math.floor((size.width + GAP) / (MIN_CHART_WIDTH + GAP))));
  const chartWidth = Math.max(MIN_CHART_WIDTH, Math.floor((size.width - GAP * (visible - 1)) / visible));
  const chartHeight = Math.max(120, size.height - CARD_CHROME);
  const shared = { width: chartWidth, height: chartHeight, timeMs: series.timeMs, endMs, marks };

  return (
    <section className="charts-panel" aria-label="Charts">
      <div className="charts-head">
        <span className="charts-heading">Charts</span>
        {groupIds.length > 1 && (
          <label className="charts-group">
            Group
            <select value={groupId ?? ''} onChange={(event) => setChosenGroup(event.target.value)}>
              {groupIds.map((id) => (
                <option key={id} value={id}>
                  {id}
                </option>
              ))}
            </select>
          </label>
        )}
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
                <LineChart
                  {...shared}
                  label={`Latency (p50, p95, p99) of ${groupId}`}
                  title="Latency"
                  unit="log scale"
                  series={latency}
                  format={formatMs}
                  scale="log"
                />
                <LagHeatmap
                  {...shared}
                  label={`Lag per partition of ${groupId}`}
                  title="Lag per partition"
                  partitionLag={group.partitionLag}
                  version={seriesVersion}
                />
              </>
            ) : (
              <p className="charts-empty">No consumer group: add one to see latency and lag</p>
            )}
            <LineChart
              {...shared}
              label="Throughput in per topic and out per group" title="Throughput"
              series={throughput}
              legend={throughput.length > 2 ? THROUGHPUT_KEY : undefined}
              format={formatRate}
            />
            {topicIds.length > 0 && (
              <LineChart {...shared} label="Partition skew per topic" title="Partition skew" unit="max / mean" series={skew} format={formatSkew} yMin={1} yMaxAtLeast={1.5} />
            )}
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
