/**
 * Continuous distributions for processing times, latencies and event sizes. Values are plain
 * numbers in the caller's unit (the scenario loader turns `"1.5ms"` into microseconds first).
 * Each spec has a sampler drawing from one {@link Rng}, and its exact mean and variance, which the
 * tests, the queueing validation and the explanations all use.
 */
import { cos, exp, log, sin } from './math.ts';
import type { Rng } from './random.ts';

export type DistributionSpec =
  | { dist: 'constant'; value: number }
  | { dist: 'uniform'; min: number; max: number }
  | { dist: 'exponential'; mean: number }
  /** Normal truncated at 0: negative draws are redrawn, so `mean` is the mean before truncation. */
  | { dist: 'normal'; mean: number; stddev: number }
  /** Lognormal given its median and 99th percentile, the two figures people know of a latency. */
  | { dist: 'lognormal'; median: number; p99: number }
  /** `values` with relative `weights` (all equal when omitted). */
  | { dist: 'empirical'; values: number[]; weights?: number[] };

export type DistributionName = DistributionSpec['dist'];

/** A function that draws one value per call. */
export type Sampler = () => number;

/** The standard normal quantile at 0.99. */
export const Z99 = 2.3263478740408408;

const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

/**
 * Every problem with a spec, as `field: what is wrong`; empty when the spec can be sampled.
 * The scenario loader prefixes each with the spec's path.
 */
export function distributionProblems(spec: DistributionSpec): string[] {
  const problems: string[] = [];
  const need = (field: string, value: unknown, ok: boolean, rule: string) => {
    if (!ok) problems.push(`${field}: must be ${rule}, got ${JSON.stringify(value)}`);
  };
  switch (spec.dist) {
    case 'constant':
      need('value', spec.value, finite(spec.value) && spec.value >= 0, 'a number of 0 or more');
      break;
    case 'uniform':
      need('min', spec.min, finite(spec.min) && spec.min >= 0, 'a number of 0 or more');
      need('max', spec.max, finite(spec.max) && spec.max >= spec.min, 'a number no smaller than min');
      break;
    case 'exponential':
      need('mean', spec.mean, finite(spec.mean) && spec.mean >= 0, 'a number of 0 or more');
      break;
    case 'normal':
      need('mean', spec.mean, finite(spec.mean) && spec.mean >= 0, 'a number of 0 or more');
      need('stddev', spec.stddev, finite(spec.stddev) && spec.stddev >= 0, 'a number of 0 or more');
      break;
    case 'lognormal':
      need('median', spec.median, finite(spec.median) && spec.median > 0, 'a number above 0');
      need('p99', spec.p99, finite(spec.p99) && spec.p99 >= spec.median, 'a number no smaller than median');
      break;
    case 'empirical': {
      const { values, weights } = spec;
      const list = Array.isArray(values) && values.length > 0 && values.every((v) => finite(v) && v >= 0);
      need('values', values, list, 'a non-empty list of numbers of 0 or more');
      if (weights !== undefined) {
        const ok =
          Array.isArray(weights) &&
          Array.isArray(values) &&
          weights.length === values.length &&
          weights.every((w) => finite(w) && w >= 0) &&
          weights.some((w) => w > 0);
        need('weights', weights, ok, 'one weight of 0 or more per value, not all 0');
      }
      break;
    }
    default:
      problems.push(`dist: must be one of constant, uniform, exponential, normal, lognormal, empirical, got ${JSON.stringify((spec as { dist: unknown }).dist)}`);
  }
  return problems;
}

function assertValid(spec: DistributionSpec): void {
  const problems = distributionProblems(spec);
  if (problems.length > 0) throw new RangeError(`${spec.dist} distribution: ${problems.join('; ')}`);
}

/**
 * A sampler for `spec` drawing from `rng`. Every draw is finite and at least 0.
 * @throws RangeError when the spec is impossible (see {@link distributionProblems}).
 */
export function createSampler(spec: DistributionSpec, rng: Rng): Sampler {
  assertValid(spec);
  switch (spec.dist) {
    case 'constant': {
      const value = spec.value;
      return () => value;
    }
    case 'uniform': {
      const { min } = spec;
      const width = spec.max - spec.min;
      return () => min + width * rng();
    }
    case 'exponential': {
      const mean = spec.mean;
      // 1 - u lies in (0, 1], so the logarithm is finite.
      return () => -mean * log(1 - rng());
    }
    case 'normal': {
      const { mean, stddev } = spec;
      const normal = standardNormal(rng);
      // Rejection keeps the exact truncated-normal shape; with mean >= 0 at least half the draws
      // are accepted, so the loop is short.
      return () => {
        for (;;) {
          const x = mean + stddev * normal();
          if (x >= 0) return x;
        }
      };
    }
    case 'lognormal': {
      const mu = log(spec.median);
      const sigma = lognormalSigma(spec.median, spec.p99);
      const normal = standardNormal(rng);
      return () => exp(mu + sigma * normal());
    }
    case 'empirical': {
      const values = Float64Array.from(spec.values);
      const cumulative = cumulativeWeights(spec.values.length, spec.weights);
      const total = cumulative[cumulative.length - 1];
      return () => values[searchCumulative(cumulative, rng() * total)];
    }
  }
}

/** The exact mean of `spec`. */
export function distributionMean(spec: DistributionSpec): number {
  return moments(spec).mean;
}

/** The exact variance of `spec`. */
export function distributionVariance(spec: DistributionSpec): number {
  return moments(spec).variance;
}

function moments(spec: DistributionSpec): { mean: number; variance: number } {
  assertValid(spec);
  switch (spec.dist) {
    case 'constant':
      return { mean: spec.value, variance: 0 };
    case 'uniform':
      return { mean: (spec.min + spec.max) / 2, variance: (spec.max - spec.min) ** 2 / 12 };
    case 'exponential':
      return { mean: spec.mean, variance: spec.mean ** 2 };
    case 'normal': {
      const { mean, stddev } = spec;
      if (stddev === 0) return { mean, variance: 0 };
      // Truncated below at 0: alpha is the truncation point in standard units.
      const alpha = -mean / stddev;
      const lambda = normalPdf(alpha) / normalSurvival(alpha);
      return {
        mean: mean + stddev * lambda,
        variance: stddev ** 2 * (1 + alpha * lambda - lambda ** 2),
      };
    }
    case 'lognormal': {
      const mu = log(spec.median);
      const s2 = lognormalSigma(spec.median, spec.p99) ** 2;
      return { mean: exp(mu + s2 / 2), variance: Math.expm1(s2) * exp(2 * mu + s2) };
    }
    case 'empirical': {
      const weights = spec.weights ?? spec.values.map(() => 1);
      const total = weights.reduce((sum, w) => sum + w, 0);
      const mean = spec.values.reduce((sum, v, i) => sum + v * weights[i], 0) / total;
      const variance = spec.values.reduce((sum, v, i) => sum + (v - mean) ** 2 * weights[i], 0) / total;
      return { mean, variance };
    }
  }
}

/** The sigma of the lognormal whose median and 99th percentile are given. */
export function lognormalSigma(median: number, p99: number): number {
  return log(p99 / median) / Z99;
}

/** Standard normal draws by the Box–Muller transform, using both values of each pair. */
export function standardNormal(rng: Rng): Sampler {
  let spare = 0;
  let hasSpare = false;
  return () => {
    if (hasSpare) {
      hasSpare = false;
      return spare;
    }
    const radius = Math.sqrt(-2 * log(1 - rng()));
    const angle = 2 * Math.PI * rng();
    spare = radius * sin(angle);
    hasSpare = true;
    return radius * cos(angle);
  };
}

/** Running sums of the weights (all 1 when none are given), for {@link searchCumulative}. */
export function cumulativeWeights(count: number, weights?: readonly number[]): Float64Array {
  const cumulative = new Float64Array(count);
  let sum = 0;
  for (let i = 0; i < count; i++) {
    sum += weights ? weights[i] : 1;
    cumulative[i] = sum;
  }
  return cumulative;
}

/** The first index whose running sum exceeds `target`: weight-proportional when `target` is uniform. */
export function searchCumulative(cumulative: Float64Array, target: number): number {
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid] > target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function normalPdf(x: number): number {
  return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
}

/** P(Z > x) for a standard normal Z. */
function normalSurvival(x: number): number {
  return 0.5 * erfc(x / Math.SQRT2);
}

/** Complementary error function, relative error below 1.2e-7 everywhere (Numerical Recipes' erfcc). */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}
