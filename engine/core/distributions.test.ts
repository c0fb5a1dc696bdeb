import { describe, expect, it } from 'vitest';
import {
  createSampler,
  distributionMean,
  distributionProblems,
  distributionVariance,
  type DistributionSpec,
} from './distributions.ts';
import { createStream } from './random.ts';

const DRAWS = 100_000;

function sampleMoments(spec: DistributionSpec, seed = 1) {
  const sample = createSampler(spec, createStream(seed, 'test', spec.dist));
  let sum = 0;
  let sumSq = 0;
  let min = Infinity;
  for (let i = 0; i < DRAWS; i++) {
    const x = sample();
    sum += x;
    sumSq += x * x;
    if (x < min) min = x;
  }
  const mean = sum / DRAWS;
  return { mean, variance: sumSq / DRAWS - mean * mean, min };
}

const specs: [string, DistributionSpec, number, number][] = [
  // name, spec, exact mean, exact variance (computed by hand, not by the module under test)
  ['constant', { dist: 'constant', value: 3 }, 3, 0],
  ['uniform', { dist: 'uniform', min: 2, max: 8 }, 5, 3],
  ['exponential', { dist: 'exponential', mean: 1500 }, 1500, 1500 ** 2],
  ['normal far from 0', { dist: 'normal', mean: 100, stddev: 10 }, 100, 100],
  // Truncated at its own mean: half-normal shifted, mean = sigma*sqrt(2/pi), var = sigma^2 (1 - 2/pi).
  ['normal truncated at its mean', { dist: 'normal', mean: 0, stddev: 10 }, 10 * Math.sqrt(2 / Math.PI), 100 * (1 - 2 / Math.PI)],
  [
    'lognormal',
    { dist: 'lognormal', median: 1000, p99: 5000 },
    1000 * Math.exp((Math.log(5) / 2.3263478740408408) ** 2 / 2),
    Math.expm1((Math.log(5) / 2.3263478740408408) ** 2) * 1000 ** 2 * Math.exp((Math.log(5) / 2.3263478740408408) ** 2),
  ],
  ['empirical', { dist: 'empirical', values: [1, 10, 100], weights: [5, 3, 2] }, 0.5 + 3 + 20, 0.5 * 1 + 0.3 * 100 + 0.2 * 10000 - 23.5 ** 2],
  ['empirical without weights', { dist: 'empirical', values: [2, 4] }, 3, 1],
];

describe('distributions', () => {
  it.each(specs)('%s: exact mean and variance are known', (_name, spec, mean, variance) => {
    expect(distributionMean(spec)).toBeCloseTo(mean, 6);
    expect(distributionVariance(spec) / Math.max(variance, 1e-12)).toBeCloseTo(variance === 0 ? 0 : 1, 5);
  });

  it.each(specs)('%s: 100,000 draws match the mean within 2% and the variance within 5%', (_name, spec, mean, variance) => {
    const m = sampleMoments(spec);
    expect(Math.abs(m.mean - mean)).toBeLessThanOrEqual(0.02 * mean);
    expect(Math.abs(m.variance - variance)).toBeLessThanOrEqual(0.05 * variance + 1e-9);
    expect(m.min).toBeGreaterThanOrEqual(0);
  });

  it('normal: truncation at 0 never yields a negative value', () => {
    expect(sampleMoments({ dist: 'normal', mean: 1, stddev: 50 }).min).toBeGreaterThanOrEqual(0);
  });

  it('lognormal: the median and 99th percentile of draws match the spec', () => {
    const sample = createSampler({ dist: 'lognormal', median: 2000, p99: 20000 }, createStream(3, 't', 'ln'));
    const draws = Float64Array.from({ length: DRAWS }, sample).sort();
    expect(draws[DRAWS / 2] / 2000).toBeCloseTo(1, 1);
    expect(draws[Math.floor(DRAWS * 0.99)] / 20000).toBeCloseTo(1, 1);
  });

  it('empirical: values are drawn in proportion to their weights, never a zero-weight one', () => {
    const sample = createSampler({ dist: 'empirical', values: [7, 8, 9], weights: [1, 0, 3] }, createStream(1, 't', 'e'));
    const counts = new Map<number, number>();
    for (let i = 0; i < DRAWS; i++) {
      const v = sample();
      counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    expect(counts.get(8)).toBeUndefined();
    expect(counts.get(9)! / DRAWS).toBeCloseTo(0.75, 2);
  });

  it('draws the same values from the same stream', () => {
    const spec: DistributionSpec = { dist: 'lognormal', median: 5, p99: 50 };
    const a = createSampler(spec, createStream(9, 'x', 'y'));
    const b = createSampler(spec, createStream(9, 'x', 'y'));
    for (let i = 0; i < 100; i++) expect(a()).toBe(b());
  });

  it.each([
    [{ dist: 'exponential', mean: -1 }, 'mean: must be a number of 0 or more, got -1'],
    [{ dist: 'uniform', min: 5, max: 2 }, 'max: must be a number no smaller than min, got 2'],
    [{ dist: 'normal', mean: 1, stddev: -2 }, 'stddev: must be a number of 0 or more, got -2'],
    [{ dist: 'lognormal', median: 0, p99: 5 }, 'median: must be a number above 0, got 0'],
    [{ dist: 'lognormal', median: 10, p99: 5 }, 'p99: must be a number no smaller than median, got 5'],
    [{ dist: 'empirical', values: [] }, 'values: must be a non-empty list of numbers of 0 or more, got []'],
    [{ dist: 'empirical', values: [1, 2], weights: [1] }, 'weights: must be one weight of 0 or more per value, not all 0, got [1]'],
    [{ dist: 'empirical', values: [1], weights: [0] }, 'weights: must be one weight of 0 or more per value, not all 0, got [0]'],
    [{ dist: 'constant', value: Number.NaN }, 'value: must be a number of 0 or more, got null'],
    [{ dist: 'pareto', mean: 1 }, 'dist: must be one of constant, uniform, exponential, normal, lognormal, empirical, got "pareto"'],
  ])('refuses the impossible spec %j', (spec, problem) => {
    expect(distributionProblems(spec as DistributionSpec)).toContain(problem);
    expect(() => createSampler(spec as DistributionSpec, () => 0.5)).toThrow(problem);
  });

  it('reports every problem of a spec at once', () => {
    expect(distributionProblems({ dist: 'uniform', min: -1, max: -2 })).toHaveLength(2);
  });
});
