/**
 * What each chart draws from a run's time series — its lines, their colours and how values read —
 * shared by the charts under the canvas and the run report, so both show the same thing.
 */
import type { GroupSeries, TimeSeries } from '../../engine/model/timeSeries.ts';
import { formatCount, formatMs } from './chartData.ts';
import type { LineSeries } from './LineChart.tsx';

const LATENCY_COLOURS = { p50: '#38bdf8', p95: '#2563eb', p99: '#1e3a8a' };
/** Topics in the canvas's topic violet family, groups in its group green family. */
const TOPIC_COLOURS = ['#8b5cf6', '#c026d3', '#6366f1', '#a855f7', '#7c3aed'];
const GROUP_COLOURS = ['#10b981', '#0d9488', '#65a30d', '#0891b2', '#047857'];

const THROUGHPUT_KEY = [
  { name: 'in', colour: TOPIC_COLOURS[0] },
  { name: 'out', colour: GROUP_COLOURS[0], dashed: true },
];

/** With several topics or groups their names do not fit the title row: say what solid (in, per topic) and dashed (out, per group) mean; the tooltip names them. */
export function throughputLegend(lines: readonly LineSeries[]): { name: string; colour: string; dashed?: boolean }[] | undefined {
  return lines.length > 2 ? THROUGHPUT_KEY : undefined;
}

const positive = (value: number) => value > 0;
const formatRate = (value: number) => `${formatCount(value)}/s`;
const formatSkew = (value: number) => `${value >= 10 ? Math.round(value) : value.toFixed(2).replace(/\.?0+$/, '')}×`;

/** p50, p95 and p99 of one group; a 0 (nothing finished in the interval) is a gap. */
export function latencySeries(group: GroupSeries | undefined): LineSeries[] {
  if (!group) return [];
  return [
    { id: 'p50', name: 'p50', colour: LATENCY_COLOURS.p50, values: group.p50Ms, defined: positive },
    { id: 'p95', name: 'p95', colour: LATENCY_COLOURS.p95, values: group.p95Ms, defined: positive },
    { id: 'p99', name: 'p99', colour: LATENCY_COLOURS.p99, values: group.p99Ms, defined: positive },
  ];
}

/** Records in per topic (solid) and out per group (dashed). */
export function throughputSeries(series: TimeSeries): LineSeries[] {
  return [
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
  ];
}

/** A queue's teal family, as on the canvas. */
const QUEUE_COLOURS = ['#0d9488', '#0e7490', '#115e59', '#2dd4bf'];

/** Visible messages waiting (solid) and messages in flight (dashed), per queue. */
export function queueSeries(series: TimeSeries): LineSeries[] {
  return Object.entries(series.queues ?? {}).flatMap(([id, q], i) => [
    { id: `depth:${id}`, name: `${id} waiting`, colour: QUEUE_COLOURS[i % QUEUE_COLOURS.length], values: q.depth },
    { id: `inflight:${id}`, name: `${id} in flight`, colour: QUEUE_COLOURS[i % QUEUE_COLOURS.length], values: q.inFlight, dashed: true },
  ]);
}

/** Partition skew per topic. */
export function skewSeries(series: TimeSeries): LineSeries[] {
  return Object.entries(series.topics).map(([id, topic], i) => ({ id, name: id, colour: TOPIC_COLOURS[i % TOPIC_COLOURS.length], values: topic.skew }));
}

/** Each chart's name, title and axis: the same under the canvas and in the report. */
export const latencyChart = (groupId: string) => ({ label: `Latency (p50, p95, p99) of ${groupId}`, title: 'Latency', unit: 'log scale', format: formatMs, scale: 'log' as const });
export const lagChart = (groupId: string) => ({ label: `Lag per partition of ${groupId}`, title: 'Lag per partition' });
export const THROUGHPUT_CHART = { label: 'Throughput in per topic and out per group', title: 'Throughput', format: formatRate };
/** A group reading a queue has no partitions: its lag is its queue's messages, waiting or in flight. */
export const QUEUE_CHART = { label: 'Messages waiting and in flight per queue', title: 'Queue', unit: 'messages', format: formatCount };
export const SKEW_CHART = { label: 'Partition skew per topic', title: 'Partition skew', unit: 'max / mean', format: formatSkew, yMin: 1, yMaxAtLeast: 1.5 };
