import { describe, expect, it } from 'vitest';
import { createKeySampler, keyProblems, NO_KEY, zipfSampler, type KeySpec } from './keys.ts';
import { createStream } from './random.ts';

const DRAWS = 100_000;

function counts(spec: KeySpec, seed = 1): Map<number, number> {
  const keys = createKeySampler(spec, createStream(seed, 'producer', 'keys'));
  const seen = new Map<number, number>();
  for (let i = 0; i < DRAWS; i++) {
    const id = keys.next();
    seen.set(id, (seen.get(id) ?? 0) + 1);
  }
  return seen;
}

describe('key distributions', () => {
  it('none: every record is keyless', () => {
    expect([...counts({ dist: 'none' }).keys()]).toEqual([NO_KEY]);
  });

  it('uniform: each of N keys takes about 1/N of the records', () => {
    const seen = counts({ dist: 'uniform', count: 10 });
    expect(seen.size).toBe(10);
    for (const [id, n] of seen) {
      expect(id).toBeGreaterThanOrEqual(0);
      expect(id).toBeLessThan(10);
      expect(Math.abs(n - DRAWS / 10)).toBeLessThan(0.05 * (DRAWS / 10));
    }
  });

  it('sequential: keys come in order and wrap around', () => {
    const keys = createKeySampler({ dist: 'sequential', count: 3 }, () => 0);
    expect(Array.from({ length: 7 }, () => keys.name(keys.next()))).toEqual(['key-0', 'key-1', 'key-2', 'key-0', 'key-1', 'key-2', 'key-0']);
  });

  it('hot: the hot keys take their fraction, the rest share the remainder evenly', () => {
    const spec: KeySpec = { dist: 'hot', count: 1000, hotKeys: ['post_42', 'post_7'], hotFraction: 0.2 };
    const seen = counts(spec);
    const keys = createKeySampler(spec, () => 0);
    expect(keys.name(0)).toBe('post_42');
    expect(keys.name(1)).toBe('post_7');
    expect(keys.name(2)).toBe('key-2');
    const hot = (seen.get(0) ?? 0) + (seen.get(1) ?? 0);
    expect(hot / DRAWS).toBeCloseTo(0.2, 2);
    expect((seen.get(0) ?? 0) / DRAWS).toBeCloseTo(0.1, 2);
    expect(seen.size).toBe(1000);
    expect(Math.max(...[...seen].filter(([id]) => id >= 2).map(([, n]) => n))).toBeLessThan(250);
  });

  it.each([0.8, 1, 1.5])('zipf(s=%d): rank frequencies follow r^-s', (s) => {
    const n = 1000;
    const harmonic = Array.from({ length: n }, (_, i) => (i + 1) ** -s).reduce((a, b) => a + b, 0);
    const seen = counts({ dist: 'zipf', count: n, exponent: s });
    for (const rank of [1, 2, 3, 10]) {
      const expected = rank ** -s / harmonic;
      const observed = (seen.get(rank - 1) ?? 0) / DRAWS;
      // Within 4 standard errors of the binomial proportion.
      expect(Math.abs(observed - expected)).toBeLessThan(4 * Math.sqrt((expected * (1 - expected)) / DRAWS));
    }
    expect(Math.max(...seen.keys())).toBeLessThan(n);
    expect(Math.min(...seen.keys())).toBeGreaterThanOrEqual(0);
  });

  it('zipf: ranks stay within 1..n even for one key and huge n', () => {
    const one = zipfSampler(1, 1.2, createStream(1, 'z', 'z'));
    for (let i = 0; i < 1000; i++) expect(one()).toBe(1);
    const huge = zipfSampler(10_000_000, 0.9, createStream(1, 'z', 'h'));
    for (let i = 0; i < 10_000; i++) {
      const r = huge();
      expect(r >= 1 && r <= 10_000_000 && Number.isInteger(r)).toBe(true);
    }
  });

  it.each([
    [{ dist: 'uniform', count: 0 }, 'count: must be a whole number of 1 or more, got 0'],
    [{ dist: 'zipf', count: 10, exponent: 0 }, 'exponent: must be a number above 0, got 0'],
    [{ dist: 'hot', count: 10, hotKeys: [], hotFraction: 0.2 }, 'hotKeys: must be a non-empty list of distinct key names, got []'],
    [{ dist: 'hot', count: 10, hotKeys: ['a'], hotFraction: 1.5 }, 'hotFraction: must be a number from 0 to 1, got 1.5'],
    [{ dist: 'hot', count: 2, hotKeys: ['a', 'b'], hotFraction: 0.5 }, 'count: must be more than the 2 hot keys'],
    [{ dist: 'gaussian', count: 3 }, 'dist: must be one of none, uniform, zipf, hot, sequential, got "gaussian"'],
  ])('refuses the impossible spec %j', (spec, problem) => {
    expect(keyProblems(spec as KeySpec).join('\n')).toContain(problem);
    expect(() => createKeySampler(spec as KeySpec, () => 0)).toThrow(problem);
  });
});
