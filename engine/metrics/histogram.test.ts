import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LatencyHistogram, quantileRank } from './histogram.ts';

function histogramOf(values: readonly number[]): LatencyHistogram {
  const histogram = new LatencyHistogram();
  for (const v of values) histogram.record(v);
  return histogram;
}

/** The exact sample quantile under the histogram's rank convention. */
function exactQuantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[quantileRank(q, sorted.length) - 1];
}

const QUANTILES = [0, 0.001, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 1];

const quantileArb = fc.oneof(fc.constantFrom(...QUANTILES), fc.double({ min: 0, max: 1, noNaN: true }));

/** Latencies as a run produces them: mostly small whole numbers, a heavy tail, now and then a fraction. */
const latencyArb = fc.oneof(
  fc.integer({ min: 0, max: 2_000 }),
  // Pareto with shape 1.1, whole microseconds: the tail reaches far past the body.
  fc.double({ min: 1e-12, max: 1, noNaN: true }).map((u) => Math.min(2 ** 44, Math.round(50 / u ** (1 / 1.1)))),
  // Log-uniform over the whole range, fractional.
  fc.double({ min: 0, max: 44, noNaN: true }).map((e) => 2 ** e),
  fc.double({ min: 0, max: 1, noNaN: true }),
);

describe('quantileRank', () => {
  it.each([
    [0, 10, 1],
    [1, 10, 10],
    [0.5, 4, 2],
    [0.5, 5, 3],
    [0.95, 20, 19],
    [0.07, 100, 7], // 0.07 × 100 is 7.000000000000001 in floating point
    [0.99, 1, 1],
  ])('puts the %s-quantile of %i values at rank %i', (q, count, rank) => {
    expect(quantileRank(q, count)).toBe(rank);
  });
});

describe('LatencyHistogram', () => {
  it('reports every quantile of whole numbers below 256 exactly', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 300 }), quantileArb, (values, q) => {
        expect(histogramOf(values).quantile(q)).toBe(exactQuantile(values, q));
      }),
    );
  });

  it('keeps quantiles within 1% below the exact sample quantile, for heavy-tailed values', () => {
    fc.assert(
      fc.property(fc.array(latencyArb, { minLength: 1, maxLength: 500 }), quantileArb, (values, q) => {
        const exact = exactQuantile(values, q);
        const reported = histogramOf(values).quantile(q);
        expect(reported).toBeLessThanOrEqual(exact);
        // Relative below 1 µs would be meaningless for a microsecond clock: there the error is absolute.
        expect(exact - reported).toBeLessThan(Math.max(exact, 1) / 128);
        if (exact >= 1) expect((exact - reported) / exact).toBeLessThanOrEqual(0.01);
      }),
      { numRuns: 500 },
    );
  });

  it('summarizes 1..1000 with quantiles at the lower bounds of their buckets', () => {
    const histogram = histogramOf(Array.from({ length: 1000 }, (_, i) => i + 1));
    // 500 is a bucket boundary; 950 and 990 fall in 4 µs-wide buckets starting at 948 and 988.
    expect(histogram.summary()).toEqual({ count: 1000, mean: 500.5, p50: 500, p95: 948, p99: 988, max: 1000 });
    expect(histogram.min).toBe(1);
  });

  it('summarizes with the same quantiles as quantile() gives one at a time', () => {
    fc.assert(
      fc.property(fc.array(latencyArb, { minLength: 1, maxLength: 300 }), (values) => {
        const histogram = histogramOf(values);
        const { p50, p95, p99, max, count } = histogram.summary();
        expect([p50, p95, p99, max, count]).toEqual([
          histogram.quantile(0.5),
          histogram.quantile(0.95),
          histogram.quantile(0.99),
          histogram.quantile(1),
          values.length,
        ]);
      }),
    );
  });

  it('reports the exact minimum and maximum as the 0- and 1-quantiles', () => {
    const histogram = histogramOf([1234.5678, 98_765.4321, 5e12 + 0.5]);
    expect(histogram.quantile(0)).toBe(1234.5678);
    expect(histogram.quantile(1)).toBe(5e12 + 0.5);
    expect(histogram.min).toBe(1234.5678);
    expect(histogram.max).toBe(5e12 + 0.5);
  });

  it('resolves fractions of a microsecond to 1/128 µs', () => {
    const histogram = histogramOf([0.25, 0.5, 0.75, 0.3]);
    expect(histogram.quantile(0.5)).toBe(0.296875); // 38/128, the bucket holding 0.3
    expect(histogram.quantile(0.75)).toBe(0.5);
  });

  it('keeps the mean exact where plain summation loses it', () => {
    expect(histogramOf(Array<number>(10).fill(0.1)).mean).toBe(0.1);
    // 2^53 + 1 rounds back to 2^53 in a plain double sum, twice.
    const big = histogramOf([2 ** 53, 1, 1]);
    expect(big.mean).toBe((2 ** 53 + 2) / 3);
    expect(big.max).toBe(2 ** 53);
  });

  it('gives the exact mean of whole numbers', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2 ** 40 }), { minLength: 1, maxLength: 200 }), (values) => {
        expect(histogramOf(values).mean).toBe(values.reduce((s, v) => s + v, 0) / values.length);
      }),
    );
  });

  it('merges to the same histogram as recording both sets of values', () => {
    fc.assert(
      fc.property(fc.array(latencyArb, { maxLength: 200 }), fc.array(latencyArb, { maxLength: 200 }), (a, b) => {
        const merged = histogramOf(a);
        merged.merge(histogramOf(b));
        const both = histogramOf([...a, ...b]);
        expect(merged.count).toBe(both.count);
        expect(merged.min).toBe(both.min);
        expect(merged.max).toBe(both.max);
        expect(merged.mean).toBeCloseTo(both.mean, 9);
        for (const q of QUANTILES) expect(merged.quantile(q)).toBe(both.quantile(q));
      }),
    );
  });

  it('merges a histogram into itself as doubling every count', () => {
    const histogram = histogramOf([1, 2, 3, 400]);
    histogram.merge(histogram);
    expect(histogram.summary()).toEqual(histogramOf([1, 2, 3, 400, 1, 2, 3, 400]).summary());
  });

  it('summarizes an empty histogram as zeros, never NaN', () => {
    const empty = { count: 0, mean: 0, p50: 0, p95: 0, p99: 0, max: 0 };
    const histogram = new LatencyHistogram();
    expect(histogram.summary()).toEqual(empty);
    expect([histogram.min, histogram.max, histogram.mean, histogram.quantile(0.5)]).toEqual([0, 0, 0, 0]);
    histogram.merge(new LatencyHistogram());
    expect(histogram.summary()).toEqual(empty);
  });

  it('forgets everything on reset and counts afresh', () => {
    const histogram = histogramOf([5, 70_000, 3e9]);
    histogram.reset();
    expect(histogram.summary()).toEqual({ count: 0, mean: 0, p50: 0, p95: 0, p99: 0, max: 0 });
    for (const v of [7, 8, 9]) histogram.record(v);
    expect(histogram.summary()).toEqual({ count: 3, mean: 8, p50: 8, p95: 9, p99: 9, max: 9 });
  });

  it('resolves values past 2^44 µs, and past its top bucket still keeps max and mean exact', () => {
    const histogram = histogramOf([2 ** 44 + 12_345, 2 ** 44 + 99_999_999]);
    expect(Math.abs(histogram.quantile(0.5) - (2 ** 44 + 12_345)) / 2 ** 44).toBeLessThan(1 / 128);
    const huge = histogramOf([1e300, 2e300]);
    expect(huge.max).toBe(2e300);
    expect(huge.mean).toBe(1.5e300);
  });

  it('turns away values and quantiles it cannot mean anything for', () => {
    const histogram = new LatencyHistogram();
    for (const bad of [-1, NaN, Infinity]) {
      expect(() => histogram.record(bad)).toThrow(`a latency must be a finite number of microseconds, zero or more, got ${bad}`);
    }
    expect(histogram.count).toBe(0);
    expect(() => histogram.quantile(1.5)).toThrow('a quantile must be between 0 and 1, got 1.5');
    expect(() => histogram.quantile(NaN)).toThrow(RangeError);
  });
});
