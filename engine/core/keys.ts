/**
 * Key distributions: which key each produced record carries. A key is drawn as an integer id, and
 * named only when something needs its text (the partitioner hashes the name), so drawing stays
 * allocation-free.
 */
import type { Rng } from './random.ts';
import { exp, log } from './math.ts';

export type KeySpec =
  /** Keyless records (the partitioner then spreads them, e.g. sticky). */
  | { dist: 'none' }
  /** Each of `count` keys equally likely. */
  | { dist: 'uniform'; count: number }
  /** Key of rank r (1-based) with probability proportional to r^-exponent. */
  | { dist: 'zipf'; count: number; exponent: number }
  /** `hotKeys` together take `hotFraction` of records; the other keys share the rest evenly. */
  | { dist: 'hot'; count: number; hotKeys: string[]; hotFraction: number }
  /** key-0, key-1, ... key-(count-1), then round again. */
  | { dist: 'sequential'; count: number };

export type KeyDistributionName = KeySpec['dist'];

/** Returned by {@link KeySampler.next} for a keyless record. */
export const NO_KEY = -1;

export interface KeySampler {
  /** Number of distinct keys (0 for keyless). */
  readonly count: number;
  /** The next key's id, from 0 to count - 1, or {@link NO_KEY}. */
  next(): number;
  /** The key's text: hot keys by their given names, the others `key-<id>`. */
  name(id: number): string;
}

const whole = (x: unknown, min: number): x is number => Number.isInteger(x) && (x as number) >= min;

/** Every problem with a key spec, as `field: what is wrong`; empty when it can be sampled. */
export function keyProblems(spec: KeySpec): string[] {
  const problems: string[] = [];
  const need = (field: string, value: unknown, ok: boolean, rule: string) => {
    if (!ok) problems.push(`${field}: must be ${rule}, got ${JSON.stringify(value)}`);
  };
  if (spec.dist === 'none') return problems;
  need('count', spec.count, whole(spec.count, 1), 'a whole number of 1 or more');
  if (spec.dist === 'zipf') {
    need('exponent', spec.exponent, Number.isFinite(spec.exponent) && spec.exponent > 0, 'a number above 0');
  } else if (spec.dist === 'hot') {
    const names = spec.hotKeys;
    const listOk = Array.isArray(names) && names.length > 0 && names.every((n) => typeof n === 'string');
    need('hotKeys', names, listOk && new Set(names).size === names.length, 'a non-empty list of distinct key names');
    need('hotFraction', spec.hotFraction, Number.isFinite(spec.hotFraction) && spec.hotFraction >= 0 && spec.hotFraction <= 1, 'a number from 0 to 1');
    if (listOk && whole(spec.count, 1) && spec.count <= names.length && spec.hotFraction < 1) {
      problems.push(`count: must be more than the ${names.length} hot keys so the other keys can take the remaining traffic, got ${spec.count}`);
    }
  } else if (spec.dist !== 'uniform' && spec.dist !== 'sequential') {
    problems.push(`dist: must be one of none, uniform, zipf, hot, sequential, got ${JSON.stringify((spec as { dist: unknown }).dist)}`);
  }
  return problems;
}

/**
 * A key sampler for `spec` drawing from `rng`.
 * @throws RangeError when the spec is impossible (see {@link keyProblems}).
 */
export function createKeySampler(spec: KeySpec, rng: Rng): KeySampler {
  const problems = keyProblems(spec);
  if (problems.length > 0) throw new RangeError(`${spec.dist} keys: ${problems.join('; ')}`);
  const plainName = (id: number) => `key-${id}`;
  switch (spec.dist) {
    case 'none':
      return { count: 0, next: () => NO_KEY, name: () => '' };
    case 'uniform': {
      const count = spec.count;
      return { count, next: () => Math.floor(rng() * count), name: plainName };
    }
    case 'sequential': {
      const count = spec.count;
      let nextId = 0;
      return {
        count,
        next: () => {
          const id = nextId;
          nextId = nextId + 1 === count ? 0 : nextId + 1;
          return id;
        },
        name: plainName,
      };
    }
    case 'zipf': {
      const rank = zipfSampler(spec.count, spec.exponent, rng);
      return { count: spec.count, next: () => rank() - 1, name: plainName };
    }
    case 'hot': {
      const { count, hotKeys, hotFraction } = spec;
      const hot = hotKeys.length;
      const cold = count - hot;
      return {
        count: Math.max(count, hot),
        next: () => {
          if (rng() < hotFraction || cold <= 0) return hot === 1 ? 0 : Math.floor(rng() * hot);
          return hot + Math.floor(rng() * cold);
        },
        name: (id) => (id < hot ? hotKeys[id] : plainName(id)),
      };
    }
  }
}

/**
 * Ranks 1..n with P(r) proportional to r^-s, by Hörmann and Derflinger's rejection-inversion
 * ("Rejection-inversion to generate variates from monotone discrete distributions", 1996): O(1)
 * per draw and no table, so a million keys cost nothing up front.
 */
export function zipfSampler(n: number, s: number, rng: Rng): () => number {
  const helper1 = (x: number) => (Math.abs(x) > 1e-8 ? Math.log1p(x) / x : 1 - x * (0.5 - x * (1 / 3 - 0.25 * x)));
  const helper2 = (x: number) => (Math.abs(x) > 1e-8 ? Math.expm1(x) / x : 1 + x * 0.5 * (1 + (x / 3) * (1 + 0.25 * x)));
  const h = (x: number) => exp(-s * log(x));
  const hIntegral = (x: number) => {
    const logX = log(x);
    return helper2((1 - s) * logX) * logX;
  };
  const hIntegralInverse = (x: number) => {
    let t = x * (1 - s);
    if (t < -1) t = -1; // guards rounding at the far end of the range
    return exp(helper1(t) * x);
  };
  const hIntegralX1 = hIntegral(1.5) - 1;
  const hIntegralN = hIntegral(n + 0.5);
  const squeeze = 2 - hIntegralInverse(hIntegral(2.5) - h(2));
  return () => {
    for (;;) {
      const u = hIntegralN + rng() * (hIntegralX1 - hIntegralN);
      const x = hIntegralInverse(u);
      let k = Math.floor(x + 0.5);
      if (k < 1) k = 1;
      else if (k > n) k = n;
      if (k - x <= squeeze || u >= hIntegral(k + 0.5) - h(k)) return k;
    }
  };
}
