/**
 * What the charts compute before they draw, kept free of React and the DOM so it can be tested:
 * thinning long series to the pixels available, finding the sample under the pointer, the lag
 * heatmap's cells and colour bins, time ticks people can read, and how each kind of mark looks.
 */
import type { Mark, MarkKind } from '../../engine/model/context.ts';

/**
 * The samples worth drawing when `timeMs` has more points than `buckets` can show: for each bucket
 * of equal time, the lowest and the highest defined value in time order (so spikes survive), or one
 * undefined sample when a bucket has no defined value (so the line breaks there). Returns indices
 * into `timeMs`; every index when the series is short enough already.
 */
export function thinSamples(
  timeMs: readonly number[],
  values: readonly number[],
  buckets: number,
  defined: (value: number) => boolean = () => true,
): number[] {
  const n = Math.min(timeMs.length, values.length);
  if (n <= buckets * 2 || buckets < 1) return range(n);
  const t0 = timeMs[0];
  const span = timeMs[n - 1] - t0 || 1;
  const out: number[] = [];
  let i = 0;
  for (let b = 0; b < buckets && i < n; b++) {
    const end = b === buckets - 1 ? Infinity : t0 + (span * (b + 1)) / buckets;
    let lo = -1;
    let hi = -1;
    let gap = -1;
    for (; i < n && timeMs[i] < end; i++) {
      const v = values[i];
      if (!defined(v)) {
        if (gap < 0) gap = i;
        continue;
      }
      if (lo < 0 || v < values[lo]) lo = i;
      if (hi < 0 || v > values[hi]) hi = i;
    }
    if (lo < 0) {
      if (gap >= 0) out.push(gap);
    } else if (lo === hi) out.push(lo);
    else out.push(Math.min(lo, hi), Math.max(lo, hi));
  }
  return out;
}

/** Index of the sample nearest to `t` in ascending `timeMs`, or -1 when there are none. */
export function nearestSample(timeMs: readonly number[], t: number): number {
  const n = timeMs.length;
  if (n === 0) return -1;
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (timeMs[mid] < t) lo = mid + 1;
    else hi = mid;
  }
  if (lo > 0 && t - timeMs[lo - 1] <= timeMs[lo] - t) return lo - 1;
  return lo;
}

/** The time axis of every chart: the run's duration, or the samples so far before the duration is known. */
export function timeDomain(durationMs: number, timeMs: readonly number[]): [number, number] {
  const last = timeMs.length > 0 ? timeMs[timeMs.length - 1] : 0;
  return [0, Math.max(durationMs, last, 1000)];
}

// ---------------------------------------------------------------------------------------------
// Time ticks

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const TICK_STEPS_MS = [
  100, 200, 500,
  SECOND, 2 * SECOND, 5 * SECOND, 10 * SECOND, 15 * SECOND, 30 * SECOND,
  MINUTE, 2 * MINUTE, 5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE,
  HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, 24 * HOUR,
];

/** Tick times over [0, endMs] on steps people count in (5 s, 30 s, 2 min...), about `count` of them. */
export function timeTicks(endMs: number, count: number): number[] {
  if (!(endMs > 0)) return [0];
  const wanted = endMs / Math.max(1, count);
  const step = TICK_STEPS_MS.find((s) => s >= wanted) ?? Math.ceil(wanted / (24 * HOUR)) * 24 * HOUR;
  const ticks: number[] = [];
  for (let t = 0; t <= endMs + 1e-9; t += step) ticks.push(t);
  return ticks;
}

/** A tick's label: `500 ms`, `15 s`, `2 min`, `1.5 min`, `2 h` — seconds under a minute, then minutes, then hours. */
export function formatTimeTick(ms: number): string {
  if (ms === 0) return '0';
  if (ms < SECOND) return `${round(ms, 0)} ms`;
  if (ms < MINUTE) return `${round(ms / SECOND, 1)} s`;
  if (ms < HOUR) return `${round(ms / MINUTE, 2)} min`;
  return `${round(ms / HOUR, 2)} h`;
}

/** A time in a tooltip: `12.3 s`, `2 min 5.0 s`. */
export function formatTime(ms: number): string {
  if (ms < MINUTE) return `${(ms / SECOND).toFixed(1)} s`;
  const minutes = Math.floor(ms / MINUTE);
  return `${minutes} min ${((ms - minutes * MINUTE) / SECOND).toFixed(1)} s`;
}

/**
 * A latency: `0.42 ms`, `12.5 ms`, `340 ms`, `1.25 s`, `100 s`, `1000 s`, then hours. Seconds up to
 * 10^4 so a log axis reads in powers of ten (minutes would give `1.67 min`).
 */
export function formatMs(ms: number): string {
  if (ms >= 10_000 * SECOND) return `${sig3(ms / HOUR)} h`;
  if (ms >= SECOND) return `${sig3(ms / SECOND)} s`;
  return `${sig3(ms)} ms`;
}

/** A count or rate: `950`, `1.2k`, `3.4M` (three significant digits at most). */
export function formatCount(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 1e9) return `${sig3(value / 1e9)}G`;
  if (abs >= 1e6) return `${sig3(value / 1e6)}M`;
  if (abs >= 1e3) return `${sig3(value / 1e3)}k`;
  return sig3(value);
}

/** Three significant digits without exponents or trailing zeros: `0.421`, `12.5`, `340`, `1000`. */
function sig3(value: number): string {
  if (Math.abs(value) >= 100 || Number.isInteger(value)) return String(Math.round(value));
  return trimZeros(value.toPrecision(3));
}

function round(value: number, digits: number): string {
  return trimZeros(value.toFixed(digits));
}

function trimZeros(text: string): string {
  return text.includes('.') && !text.includes('e') ? text.replace(/\.?0+$/, '') : text;
}

// ---------------------------------------------------------------------------------------------
// Lag heatmap

/** Sequential colours from no lag (palest) to the most lag (darkest), one per bin. */
export const LAG_COLOURS = ['#f1f5f9', '#dbeafe', '#bfdbfe', '#93c5fd', '#60a5fa', '#3b82f6', '#1d4ed8', '#1e3a8a'];

/**
 * Upper edges of the lag bins after the first (zero) one, up to `maxLag` rounded up to a round
 * number. Edges grow with the square so a few slow partitions do not wash out small lag elsewhere.
 */
export function lagBinEdges(maxLag: number, bins = LAG_COLOURS.length): number[] {
  const top = niceCeil(Math.max(maxLag, 1));
  const steps = bins - 1;
  const edges: number[] = [];
  for (let i = 1; i <= steps; i++) edges.push(Math.min(top, Math.max(i, Math.round(top * (i / steps) ** 2))));
  return dedupeAscending(edges);
}

/** The bin of a lag: 0 for no lag, else the first edge it does not exceed (1..edges.length). */
export function lagBin(lag: number, edges: readonly number[]): number {
  if (lag <= 0) return 0;
  for (let i = 0; i < edges.length; i++) if (lag <= edges[i]) return i + 1;
  return edges.length;
}

export interface HeatmapCells {
  columns: number;
  partitions: number;
  /** Largest lag per cell: lag[p][column]; -1 where no sample falls (not yet run). */
  lag: number[][];
  maxLag: number;
}

/**
 * Lag per partition binned into `columns` equal slices of [0, endMs]: each cell is the largest lag
 * of its partition over the samples in its slice, so a short spike stays visible.
 */
export function heatmapCells(timeMs: readonly number[], partitionLag: readonly (readonly number[])[], endMs: number, columns: number): HeatmapCells {
  const lag = partitionLag.map(() => new Array<number>(columns).fill(-1));
  let maxLag = 0;
  for (let i = 0; i < timeMs.length; i++) {
    // A sample at t covers the interval before it, so one exactly on a column's right edge is in that column.
    const column = Math.min(columns - 1, Math.max(0, Math.ceil((timeMs[i] / endMs) * columns - 1e-9) - 1));
    partitionLag.forEach((values, p) => {
      const v = values[i] ?? 0;
      if (v > lag[p][column]) lag[p][column] = v;
      if (v > maxLag) maxLag = v;
    });
  }
  return { columns, partitions: partitionLag.length, lag, maxLag };
}

/**
 * One SVG path per colour bin holding every cell of that bin (`M x y h w v h h -w Z` each), so a
 * 64-partition heatmap is a handful of elements however many cells it has. Index = bin.
 */
export function heatmapPaths(cells: HeatmapCells, edges: readonly number[], width: number, height: number): string[] {
  const paths = new Array<string>(edges.length + 1).fill('');
  if (cells.columns === 0 || cells.partitions === 0) return paths;
  const cw = width / cells.columns;
  const rh = height / cells.partitions;
  const parts: string[][] = paths.map(() => []);
  cells.lag.forEach((row, p) => {
    const y = fixed(p * rh);
    const h = fixed(rh);
    for (let c = 0; c < row.length; c++) {
      if (row[c] < 0) continue;
      // Runs of equal bins along a row become one rectangle.
      const bin = lagBin(row[c], edges);
      let end = c + 1;
      while (end < row.length && row[end] >= 0 && lagBin(row[end], edges) === bin) end++;
      parts[bin].push(`M${fixed(c * cw)},${y}h${fixed((end - c) * cw)}v${h}h${fixed(-(end - c) * cw)}Z`);
      c = end - 1;
    }
  });
  return parts.map((p) => p.join(''));
}

/**
 * Columns for a heatmap `widthPx` wide over [0, endMs]: `minCellPx` or more each, and never narrower
 * than one sample interval, which would leave empty columns between samples.
 */
export function heatmapColumnCount(widthPx: number, sampleIntervalMs: number, endMs: number, minCellPx = 3): number {
  const byPixels = Math.max(1, Math.floor(widthPx / minCellPx));
  const bySamples = sampleIntervalMs > 0 ? Math.max(1, Math.floor(endMs / sampleIntervalMs)) : byPixels;
  return Math.min(byPixels, bySamples);
}

/** The time between samples: the first sample is taken one interval after the start. */
export function sampleInterval(timeMs: readonly number[]): number {
  if (timeMs.length > 1) return timeMs[1] - timeMs[0];
  return timeMs[0] ?? 0;
}

// ---------------------------------------------------------------------------------------------
// Marks

export type MarkCategory = 'rebalance' | 'crash' | 'recovery' | 'outage' | 'broker' | 'action';

export interface MarkStyle {
  category: MarkCategory;
  colour: string;
  /** A word or two for the label at the top of the line. */
  label: string;
  /** Ends of a span (rebalance-end, outage-end) are dashed. */
  dashed: boolean;
}

export const MARK_CATEGORIES: Record<MarkCategory, { colour: string; name: string }> = {
  rebalance: { colour: '#d97706', name: 'Rebalance' },
  crash: { colour: '#dc2626', name: 'Crash' },
  recovery: { colour: '#059669', name: 'Recovery' },
  outage: { colour: '#7c3aed', name: 'Outage' },
  broker: { colour: '#475569', name: 'Broker' },
  action: { colour: '#0284c7', name: 'Action' },
};

const MARK_KINDS: Record<MarkKind, [MarkCategory, string]> = {
  'rebalance-start': ['rebalance', 'rebalance'],
  'rebalance-end': ['rebalance', 'rebalanced'],
  'member-expired': ['rebalance', 'expired'],
  'crash-consumer': ['crash', 'crash'],
  'crash-broker': ['crash', 'broker crash'],
  'broker-fenced': ['crash', 'fenced'],
  'restart-consumer': ['recovery', 'restart'],
  'add-consumer': ['recovery', '+consumer'],
  'remove-consumer': ['action', '−consumer'],
  'restart-broker': ['recovery', 'broker up'],
  'reconnect-broker': ['recovery', 'reconnected'],
  'outage-start': ['outage', 'outage'],
  'outage-end': ['outage', 'outage end'],
  'set-latency': ['outage', 'latency'],
  'isolate-broker': ['outage', 'isolated'],
  'isr-shrink': ['broker', 'ISR−'],
  'isr-expand': ['broker', 'ISR+'],
  'leader-election': ['broker', 'election'],
  'preferred-leader-election': ['broker', 'pref. election'],
  'set-rate': ['action', 'rate'],
  'add-partitions': ['action', '+partitions'],
  'reset-offsets': ['action', 'reset offsets'],
  'set-schema': ['action', 'schema'],
  'set-reader-schema': ['recovery', 'reader schema'],
  'crash-producer': ['crash', 'app crash'],
  'restart-producer': ['recovery', 'app up'],
};

/** How a mark of `kind` is drawn; an unknown kind (a newer engine) is drawn as an action. */
export function markStyle(kind: string): MarkStyle {
  const [category, label] = MARK_KINDS[kind as MarkKind] ?? ['action', kind];
  return { category, colour: MARK_CATEGORIES[category].colour, label, dashed: kind.endsWith('-end') || kind === 'isr-expand' };
}

export interface MarkLine {
  /** Pixel x of the line. */
  x: number;
  kind: string;
  style: MarkStyle;
  /** Every mark drawn by this line (marks of one kind landing on the same pixel share it). */
  marks: Mark[];
  /** Whether this line has room for its label. */
  labelled: boolean;
}

/**
 * Vertical lines for the marks, one per kind and pixel, with labels only where they do not run into
 * the previous label (`labelGapPx` apart); lines outside [0, widthPx] are left out.
 */
export function markLines(marks: readonly Mark[], x: (timeMs: number) => number, widthPx: number, labelGapPx = 56): MarkLine[] {
  const byPixel = new Map<string, MarkLine>();
  const lines: MarkLine[] = [];
  for (const mark of marks) {
    const px = Math.round(x(mark.timeUs / 1000));
    if (px < 0 || px > widthPx) continue;
    const key = `${mark.kind}@${px}`;
    const existing = byPixel.get(key);
    if (existing) {
      existing.marks.push(mark);
      continue;
    }
    const line: MarkLine = { x: px, kind: mark.kind, style: markStyle(mark.kind), marks: [mark], labelled: false };
    byPixel.set(key, line);
    lines.push(line);
  }
  lines.sort((a, b) => a.x - b.x);
  let lastLabel = -Infinity;
  for (const line of lines) {
    if (line.x - lastLabel >= labelGapPx) {
      line.labelled = true;
      lastLabel = line.x;
    }
  }
  return lines;
}

export interface MarkSpan {
  fromMs: number;
  toMs: number;
  category: MarkCategory;
  target: string;
}

const SPAN_ENDS: Partial<Record<MarkKind, MarkKind>> = { 'rebalance-start': 'rebalance-end', 'outage-start': 'outage-end' };

/**
 * The stretches between a rebalance's start and end, and an outage's start and end, of one target:
 * shaded on the charts. One still open at `nowMs` runs to `nowMs`.
 */
export function markSpans(marks: readonly Mark[], nowMs: number): MarkSpan[] {
  const open = new Map<string, Mark>();
  const spans: MarkSpan[] = [];
  for (const mark of marks) {
    const end = SPAN_ENDS[mark.kind];
    if (end) {
      const key = `${end}|${mark.target}`;
      if (!open.has(key)) open.set(key, mark);
      continue;
    }
    const key = `${mark.kind}|${mark.target}`;
    const start = open.get(key);
    if (start) {
      open.delete(key);
      spans.push({ fromMs: start.timeUs / 1000, toMs: mark.timeUs / 1000, category: markStyle(start.kind).category, target: start.target });
    }
  }
  for (const start of open.values()) {
    const fromMs = start.timeUs / 1000;
    if (nowMs > fromMs) spans.push({ fromMs, toMs: nowMs, category: markStyle(start.kind).category, target: start.target });
  }
  return spans.sort((a, b) => a.fromMs - b.fromMs);
}

/** Marks within `tolerancePx` of pointer x `px`, for the tooltip. */
export function marksNear(lines: readonly MarkLine[], px: number, tolerancePx = 4): Mark[] {
  return lines.filter((line) => Math.abs(line.x - px) <= tolerancePx).flatMap((line) => line.marks);
}

/** A mark for a tooltip: `rebalanced billing: 3 members`. */
export function describeMark(mark: Mark): string {
  const { label } = markStyle(mark.kind);
  return mark.detail ? `${label} ${mark.target}: ${mark.detail}` : `${label} ${mark.target}`;
}

// ---------------------------------------------------------------------------------------------
// Small helpers

/** The largest value in columns, at least `floor`. */
export function maxOf(columns: readonly (readonly number[])[], floor = 0): number {
  let max = floor;
  for (const column of columns) for (const v of column) if (v > max) max = v;
  return max;
}

/**
 * The domain of a log axis holding values from `min` to `max` (both > 0): whole powers of ten
 * around them, so a spike of seconds and a steady few milliseconds are both readable.
 */
export function logDomain(min: number, max: number): [number, number] {
  const lo = 10 ** Math.floor(Math.log10(min > 0 ? min : 1));
  const hi = 10 ** Math.ceil(Math.log10(max > 0 ? max : 1));
  return [lo, hi > lo ? hi : lo * 10];
}

/** Ticks on a log axis over `domain`: the powers of ten, and 2× and 5× them when fewer than `count` powers fit. */
export function logTicks([lo, hi]: [number, number], count = 4): number[] {
  const powers: number[] = [];
  for (let p = lo; p <= hi * (1 + 1e-9); p *= 10) powers.push(p);
  if (powers.length >= count) return powers;
  return powers.flatMap((p) => [p, 2 * p, 5 * p]).filter((v) => v <= hi * (1 + 1e-9));
}

/** The smallest value above 0 over columns, or 0 when there is none. */
export function minPositive(columns: readonly (readonly number[])[]): number {
  let min = Infinity;
  for (const column of columns) for (const v of column) if (v > 0 && v < min) min = v;
  return min === Infinity ? 0 : min;
}

/** Rounds up to 1, 2, 2.5 or 5 times a power of ten. */
export function niceCeil(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const m of [1, 2, 2.5, 5, 10]) if (value <= m * power + 1e-9) return m * power;
  return 10 * power;
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

function fixed(v: number): string {
  return String(Math.round(v * 100) / 100);
}

function dedupeAscending(values: number[]): number[] {
  return values.filter((v, i) => i === 0 || v > values[i - 1]);
}
