import { describe, expect, it } from 'vitest';
import type { Mark } from '../../engine/model/context.ts';
import {
  describeMark,
  formatCount,
  formatMs,
  formatTime,
  formatTimeTick,
  heatmapCells,
  heatmapColumnCount,
  heatmapPaths,
  lagBin,
  lagBinEdges,
  logDomain,
  logTicks,
  markLines,
  marksNear,
  markSpans,
  markStyle,
  maxOf,
  minPositive,
  nearestSample,
  niceCeil,
  sampleInterval,
  thinSamples,
  timeDomain,
  timeTicks,
} from './chartData.ts';

const times = (n: number, stepMs = 100) => Array.from({ length: n }, (_, i) => (i + 1) * stepMs);
const mark = (timeMs: number, kind: Mark['kind'], target = 'billing', detail = ''): Mark => ({ timeUs: timeMs * 1000, kind, target, detail });

describe('thinSamples', () => {
  it('keeps every sample when there are few enough', () => {
    expect(thinSamples(times(5), [1, 2, 3, 4, 5], 10)).toEqual([0, 1, 2, 3, 4]);
  });

  it('keeps at most two samples a bucket, in time order', () => {
    const t = times(10_000);
    const v = t.map((_, i) => Math.sin(i / 50));
    const kept = thinSamples(t, v, 200);
    expect(kept.length).toBeLessThanOrEqual(400);
    expect(kept.length).toBeGreaterThan(200);
    expect([...kept].sort((a, b) => a - b)).toEqual(kept);
  });

  it('keeps a one-sample spike that thinning would otherwise drop', () => {
    const t = times(5000);
    const v = t.map(() => 1);
    v[2345] = 99;
    expect(thinSamples(t, v, 100)).toContain(2345);
  });

  it('keeps a sample where a bucket has no defined value, so the line breaks there', () => {
    const t = times(1000);
    const v = t.map((_, i) => (i >= 500 && i < 520 ? 0 : 5));
    const kept = thinSamples(t, v, 50, (x) => x > 0);
    expect(kept.some((i) => v[i] === 0)).toBe(true);
    // A bucket with some defined values keeps only those.
    expect(kept.filter((i) => v[i] === 0)).toHaveLength(1);
  });
});

describe('nearestSample', () => {
  const t = [100, 200, 300, 400];

  it('finds the nearest sample time, the earlier one on a tie', () => {
    expect(nearestSample(t, 0)).toBe(0);
    expect(nearestSample(t, 240)).toBe(1);
    expect(nearestSample(t, 260)).toBe(2);
    expect(nearestSample(t, 250)).toBe(1);
    expect(nearestSample(t, 10_000)).toBe(3);
  });

  it('is -1 with no samples', () => {
    expect(nearestSample([], 5)).toBe(-1);
  });
});

describe('time axis', () => {
  it('spans the whole duration, or the samples so far before it is known', () => {
    expect(timeDomain(60_000, [100, 200])).toEqual([0, 60_000]);
    expect(timeDomain(0, [100, 2500])).toEqual([0, 2500]);
    expect(timeDomain(0, [])).toEqual([0, 1000]);
  });

  it('puts ticks on round steps', () => {
    expect(timeTicks(60_000, 6)).toEqual([0, 10_000, 20_000, 30_000, 40_000, 50_000, 60_000]);
    expect(timeTicks(600_000, 5)).toEqual([0, 120_000, 240_000, 360_000, 480_000, 600_000]);
    expect(timeTicks(3_600_000, 4)).toEqual([0, 900_000, 1_800_000, 2_700_000, 3_600_000]);
  });

  it('labels ticks in seconds under a minute, then minutes, then hours', () => {
    expect(formatTimeTick(0)).toBe('0');
    expect(formatTimeTick(500)).toBe('500 ms');
    expect(formatTimeTick(15_000)).toBe('15 s');
    expect(formatTimeTick(2.5 * 1000)).toBe('2.5 s');
    expect(formatTimeTick(120_000)).toBe('2 min');
    expect(formatTimeTick(90_000)).toBe('1.5 min');
    expect(formatTimeTick(7_200_000)).toBe('2 h');
  });

  it('writes tooltip times with a tenth of a second', () => {
    expect(formatTime(12_345)).toBe('12.3 s');
    expect(formatTime(125_000)).toBe('2 min 5.0 s');
  });
});

describe('value formats', () => {
  it('writes latencies in ms, then s, then hours', () => {
    expect(formatMs(0.4213)).toBe('0.421 ms');
    expect(formatMs(12.5)).toBe('12.5 ms');
    expect(formatMs(340.2)).toBe('340 ms');
    expect(formatMs(1250)).toBe('1.25 s');
    expect(formatMs(100_000)).toBe('100 s');
    expect(formatMs(1_000_000)).toBe('1000 s');
    expect(formatMs(36_000_000)).toBe('10 h');
    expect(formatMs(100)).toBe('100 ms');
  });

  it('writes counts with k and M', () => {
    expect(formatCount(950)).toBe('950');
    expect(formatCount(1200)).toBe('1.2k');
    expect(formatCount(3_400_000)).toBe('3.4M');
    expect(formatCount(1.25)).toBe('1.25');
    expect(formatCount(999_999)).toBe('1000k');
  });

  it('rounds axis tops up to 1, 2, 2.5 or 5 times a power of ten', () => {
    expect(niceCeil(7)).toBe(10);
    expect(niceCeil(1.7)).toBe(2);
    expect(niceCeil(230)).toBe(250);
    expect(niceCeil(4100)).toBe(5000);
    expect(niceCeil(0)).toBe(1);
  });

  it('finds the largest value, and the smallest above 0, over columns', () => {
    expect(maxOf([[1, 5], [3]])).toBe(5);
    expect(maxOf([], 2)).toBe(2);
    expect(minPositive([[0, 5], [0.3, 0]])).toBe(0.3);
    expect(minPositive([[0]])).toBe(0);
  });

  it('spans whole powers of ten on a log axis, with 2 and 5 between when few fit', () => {
    expect(logDomain(3.2, 2900)).toEqual([1, 10_000]);
    expect(logDomain(0.4, 0.4)).toEqual([0.1, 1]);
    expect(logTicks([1, 10_000])).toEqual([1, 10, 100, 1000, 10_000]);
    expect(logTicks([1, 100])).toEqual([1, 2, 5, 10, 20, 50, 100]);
  });
});

describe('lag heatmap', () => {
  it('bins lag with edges growing with the square, up to a round top', () => {
    const edges = lagBinEdges(900);
    expect(edges[edges.length - 1]).toBe(1000);
    expect(edges[0]).toBeLessThan(50);
    expect(lagBin(0, edges)).toBe(0);
    expect(lagBin(1, edges)).toBe(1);
    expect(lagBin(1000, edges)).toBe(edges.length);
    expect(lagBin(5000, edges)).toBe(edges.length);
  });

  it('has as many bins as distinct lags when the lag is small', () => {
    expect(lagBinEdges(3)).toEqual([1, 2, 3, 4, 5]);
  });

  it('keeps the largest lag of each partition in each slice of time', () => {
    const cells = heatmapCells([100, 200, 300, 400], [[1, 7, 2, 0], [0, 0, 0, 9]], 800, 4);
    expect(cells.lag).toEqual([
      [7, 2, -1, -1],
      [0, 9, -1, -1],
    ]);
    expect(cells.maxLag).toBe(9);
  });

  it('draws one path per colour bin, merging runs of a bin along a row', () => {
    const cells = heatmapCells([100, 200, 300], [[0, 0, 50]], 300, 3);
    const edges = lagBinEdges(cells.maxLag);
    const paths = heatmapPaths(cells, edges, 30, 10);
    expect(paths).toHaveLength(edges.length + 1);
    expect(paths[0]).toBe('M0,0h20v10h-20Z');
    expect(paths[lagBin(50, edges)]).toBe('M20,0h10v10h-10Z');
    expect(paths.filter((d) => d !== '')).toHaveLength(2);
  });

  it('uses columns a few pixels wide, never narrower than a sample interval', () => {
    expect(heatmapColumnCount(300, 100, 60_000)).toBe(100);
    expect(heatmapColumnCount(300, 1000, 60_000)).toBe(60);
    expect(sampleInterval([100, 200, 300])).toBe(100);
    expect(sampleInterval([250])).toBe(250);
  });
});

describe('marks', () => {
  it('styles marks by what happened', () => {
    expect(markStyle('rebalance-end')).toMatchObject({ category: 'rebalance', dashed: true });
    expect(markStyle('crash-consumer').category).toBe('crash');
    expect(markStyle('outage-start')).toMatchObject({ category: 'outage', dashed: false });
    expect(markStyle('leader-election').category).toBe('broker');
    expect(markStyle('something-new')).toMatchObject({ category: 'action', label: 'something-new' });
  });

  it('draws one line per kind and pixel, and labels only lines with room', () => {
    const x = (ms: number) => ms / 100;
    const lines = markLines([mark(3000, 'rebalance-start'), mark(3010, 'rebalance-start', 'other'), mark(3100, 'rebalance-end'), mark(20_000, 'crash-consumer')], x, 600);
    expect(lines.map((l) => [l.kind, l.x, l.marks.length, l.labelled])).toEqual([
      ['rebalance-start', 30, 2, true],
      ['rebalance-end', 31, 1, false],
      ['crash-consumer', 200, 1, true],
    ]);
  });

  it('leaves out marks outside the plot', () => {
    expect(markLines([mark(90_000, 'crash-broker')], (ms) => ms / 100, 600)).toEqual([]);
  });

  it('finds the marks near the pointer', () => {
    const lines = markLines([mark(3000, 'rebalance-end'), mark(20_000, 'crash-consumer')], (ms) => ms / 100, 600);
    expect(marksNear(lines, 32).map((m) => m.kind)).toEqual(['rebalance-end']);
    expect(marksNear(lines, 100)).toEqual([]);
  });

  it('pairs rebalance and outage starts with their ends, per target', () => {
    const spans = markSpans(
      [mark(1000, 'rebalance-start', 'a'), mark(1500, 'rebalance-start', 'b'), mark(2000, 'rebalance-end', 'a'), mark(4000, 'outage-start', 'orders')],
      5000,
    );
    expect(spans).toEqual([
      { fromMs: 1000, toMs: 2000, category: 'rebalance', target: 'a' },
      { fromMs: 1500, toMs: 5000, category: 'rebalance', target: 'b' },
      { fromMs: 4000, toMs: 5000, category: 'outage', target: 'orders' },
    ]);
  });

  it('describes a mark for the tooltip', () => {
    expect(describeMark(mark(3000, 'rebalance-end', 'billing', 'generation 1'))).toBe('rebalanced billing: generation 1');
    expect(describeMark(mark(3000, 'crash-consumer', 'billing-0'))).toBe('crash billing-0');
  });
});
