import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createStream, RandomStreams, streamKey } from './random.ts';

const draw = (rng: () => number, n: number) => Array.from({ length: n }, () => rng());
const id = fc.string({ minLength: 1, maxLength: 12 });

describe('random streams', () => {
  it('give the same numbers for the same seed, component and purpose', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer(), fc.string()), id, id, (seed, component, purpose) => {
        expect(draw(createStream(seed, component, purpose), 20)).toEqual(draw(createStream(seed, component, purpose), 20));
      }),
    );
  });

  it('leave a component\'s numbers unchanged when other components are added or removed', () => {
    fc.assert(
      fc.property(fc.integer(), id, fc.uniqueArray(id, { maxLength: 8 }), fc.integer({ min: 0, max: 30 }), (seed, watched, others, interleave) => {
        const alone = new RandomStreams(seed);
        const expected = draw(alone.stream(watched, 'arrivals'), 50);

        const crowded = new RandomStreams(seed);
        const before = others.filter((o) => o !== watched).map((o) => crowded.stream(o, 'arrivals'));
        const mine = crowded.stream(watched, 'arrivals');
        // Other streams drawing in between must not disturb this one.
        const actual: number[] = [];
        for (let i = 0; i < 50; i++) {
          actual.push(mine());
          for (const other of before) draw(other, interleave % 3);
        }
        expect(actual).toEqual(expected);
      }),
    );
  });

  it('differ between components, purposes and seeds', () => {
    const base = draw(createStream(42, 'like-api', 'arrivals'), 5);
    expect(draw(createStream(42, 'like-api', 'keys'), 5)).not.toEqual(base);
    expect(draw(createStream(42, 'likes', 'arrivals'), 5)).not.toEqual(base);
    expect(draw(createStream(43, 'like-api', 'arrivals'), 5)).not.toEqual(base);
  });

  it('draw uniformly from [0, 1)', () => {
    const values = draw(createStream(7, 'c', 'p'), 100_000);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    expect(mean).toBeCloseTo(0.5, 2);
    const buckets = new Array(10).fill(0);
    for (const v of values) buckets[Math.floor(v * 10)]++;
    for (const count of buckets) expect(Math.abs(count - 10_000)).toBeLessThan(500);
  });

  it('are seeded from "seed:component:purpose"', () => {
    expect(streamKey(42, 'like-api', 'arrivals')).toBe('42:like-api:arrivals');
  });

  it('refuse to hand out one stream twice in a run', () => {
    const streams = new RandomStreams(1);
    streams.stream('counter', 'processing');
    expect(() => streams.stream('counter', 'processing')).toThrow('"1:counter:processing" was already taken');
  });

  it('pin the generator: the first numbers of a known stream never change', () => {
    // If this fails, every saved scenario's results change: only ever update it on purpose.
    expect(draw(createStream(42, 'like-api', 'arrivals'), 3).map((x) => x.toFixed(10))).toMatchInlineSnapshot(`
      [
        "0.4360533275",
        "0.3376019232",
        "0.4036257043",
      ]
    `);
  });
});
