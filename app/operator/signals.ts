/**
 * The operator's view as rows for the panel: a label, the value in its unit, the thresholds in
 * words, and the level. Pure, so the wording is tested without a page.
 */
import type { GroupSignals, OperatorView, Signal } from '../../engine/analysis/operator.ts';
import { formatCount } from '../charts/chartData.ts';

export interface SignalRow {
  key: string;
  label: string;
  value: string;
  level: 0 | 1 | 2;
  /** When it turns amber and red, in words. */
  thresholds: string;
}

export interface SignalSection {
  title: string;
  rows: SignalRow[];
}

const duration = (ms: number) => (ms >= 86_400_000 ? `${(ms / 86_400_000).toFixed(1)} d` : ms >= 3_600_000 ? `${(ms / 3_600_000).toFixed(1)} h` : ms >= 60_000 ? `${(ms / 60_000).toFixed(1)} min` : ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);
const count = (n: number) => formatCount(n);
const rate = (n: number) => `${n >= 10 ? Math.round(n) : n.toFixed(2)}/s`;

function row(key: string, label: string, signal: Signal, format: (n: number) => string, lowerIsWorse = false, empty = '—'): SignalRow {
  const word = lowerIsWorse ? 'under' : 'from';
  return {
    key,
    label,
    value: signal.value === null ? empty : format(signal.value),
    level: signal.level,
    thresholds: `amber ${word} ${format(signal.amber)}, red ${word} ${format(signal.red)}`,
  };
}

function groupRows(id: string, g: GroupSignals): SignalRow[] {
  const headroom = g.retentionHeadroomMs;
  return [
    row(`${id}:lag`, 'Consumer lag (records)', g.lag, count),
    row(`${id}:lagTime`, 'Consumer lag (time)', g.lagTimeMs, duration),
    row(`${id}:oldest`, 'Oldest unprocessed event', g.oldestUnprocessedMs, duration),
    row(`${id}:retries`, 'Retry rate', g.retryRate, rate),
    row(`${id}:dlq`, 'Dead-lettered', g.deadLettered, count),
    row(`${id}:schema`, 'Schema failures', g.schemaFailures, count),
    {
      ...row(`${id}:headroom`, 'Retention headroom', headroom, duration, true),
      value: headroom.value === null ? '—' : headroom.value < 0 ? 'losing records' : duration(headroom.value),
    },
    { ...row(`${id}:replay`, 'Replay', g.replayMs, duration, false, 'none'), value: g.replayMs.value === null ? 'none' : `${duration(g.replayMs.value)}${g.replayDone ? '' : ' so far'}` },
  ];
}

export function signalSections(view: OperatorView): SignalSection[] {
  return [
    { title: 'Producers', rows: [row('publish', 'Publish failures', view.publishFailures, count)] },
    ...Object.entries(view.groups).map(([id, g]) => ({ title: id, rows: groupRows(id, g) })),
    ...Object.entries(view.topics).map(([id, t]) => ({ title: id, rows: [row(`${id}:skew`, 'Partition skew', t.skew, (n) => `${n.toFixed(2)}×`)] })),
  ];
}

export const LEVEL_NAMES = ['ok', 'amber', 'red'] as const;
