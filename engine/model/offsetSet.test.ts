import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OffsetSet } from './offsetSet.ts';

type Op =
  | { kind: 'add'; offset: number }
  | { kind: 'append' }
  | { kind: 'addRange'; start: number; length: number }
  | { kind: 'has'; offset: number }
  | { kind: 'countIn'; start: number; length: number };

// A narrow offset range makes overlaps, touching ranges and repeats common.
const offset = fc.integer({ min: 0, max: 80 });
const length = fc.integer({ min: 0, max: 12 });
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('add' as const), offset }),
  fc.record({ kind: fc.constant('append' as const) }),
  fc.record({ kind: fc.constant('addRange' as const), start: offset, length }),
  fc.record({ kind: fc.constant('has' as const), offset }),
  fc.record({ kind: fc.constant('countIn' as const), start: offset, length }),
);

/** Sorted, disjoint, non-touching, non-empty ranges whose lengths add up to the size. */
function expectWellFormed(set: OffsetSet): void {
  const ranges = set.ranges();
  let total = 0;
  ranges.forEach(([start, end], k) => {
    expect(start).toBeLessThan(end);
    if (k > 0) expect(start).toBeGreaterThan(ranges[k - 1][1]);
    total += end - start;
  });
  expect(total).toBe(set.size);
}

describe('OffsetSet', () => {
  it('behaves as a set of numbers for any sequence of operations', () => {
    fc.assert(
      fc.property(fc.constantFrom(0, 1e9, 2 ** 50), fc.array(op, { maxLength: 120 }), (base, ops) => {
        const set = new OffsetSet();
        const model = new Set<number>();
        let largest = base - 1;
        for (const o of ops) {
          switch (o.kind) {
            case 'add':
            case 'append': {
              const at = o.kind === 'add' ? base + o.offset : largest + 1;
              expect(set.add(at)).toBe(!model.has(at));
              model.add(at);
              largest = Math.max(largest, at);
              break;
            }
            case 'addRange': {
              const start = base + o.start;
              let fresh = 0;
              for (let x = start; x < start + o.length; x++) {
                if (!model.has(x)) fresh++;
                model.add(x);
              }
              expect(set.addRange(start, start + o.length)).toBe(fresh);
              if (o.length > 0) largest = Math.max(largest, start + o.length - 1);
              break;
            }
            case 'has':
              expect(set.has(base + o.offset)).toBe(model.has(base + o.offset));
              break;
            case 'countIn': {
              const start = base + o.start;
              const inModel = [...model].filter((x) => x >= start && x < start + o.length).length;
              expect(set.countIn(start, start + o.length)).toBe(inModel);
              break;
            }
          }
          expect(set.size).toBe(model.size);
          expectWellFormed(set);
        }
        const members = set.ranges().flatMap(([start, end]) => Array.from({ length: end - start }, (_, i) => start + i));
        expect(members).toEqual([...model].sort((a, b) => a - b));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps offsets appended in order as a single range', () => {
    const set = new OffsetSet();
    let added = 0;
    for (let offset = 0; offset < 100_000; offset++) if (set.add(offset)) added++;
    expect(added).toBe(100_000);
    expect(set.ranges()).toEqual([[0, 100_000]]);
    expect(set.size).toBe(100_000);
  });

  it('reports an offset already present as not added', () => {
    const set = new OffsetSet();
    set.addRange(10, 20);
    expect(set.add(15)).toBe(false);
    expect(set.add(10)).toBe(false);
    expect(set.add(19)).toBe(false);
    expect(set.size).toBe(10);
  });

  it('merges a range that fills the gap between two others', () => {
    const set = new OffsetSet();
    set.addRange(0, 5);
    set.addRange(10, 15);
    expect(set.ranges()).toEqual([[0, 5], [10, 15]]);
    expect(set.addRange(5, 10)).toBe(5);
    expect(set.ranges()).toEqual([[0, 15]]);
  });

  it('merges a single offset that closes a gap', () => {
    const set = new OffsetSet();
    for (const offset of [0, 1, 2, 4, 5]) set.add(offset);
    expect(set.ranges()).toEqual([[0, 3], [4, 6]]);
    expect(set.add(3)).toBe(true);
    expect(set.ranges()).toEqual([[0, 6]]);
  });

  it('counts only the new offsets of a range that overlaps several', () => {
    const set = new OffsetSet();
    set.addRange(0, 10);
    set.addRange(20, 30);
    set.addRange(40, 50);
    expect(set.addRange(5, 45)).toBe(20);
    expect(set.ranges()).toEqual([[0, 50]]);
    expect(set.addRange(0, 50)).toBe(0);
    expect(set.addRange(3, 3)).toBe(0);
  });

  it('inserts ranges before existing ones', () => {
    const set = new OffsetSet();
    set.addRange(100, 110);
    expect(set.add(5)).toBe(true);
    expect(set.addRange(50, 60)).toBe(10);
    expect(set.ranges()).toEqual([[5, 6], [50, 60], [100, 110]]);
    expect([set.has(5), set.has(6), set.has(59), set.has(60), set.has(109), set.has(110)]).toEqual([true, false, true, false, true, false]);
  });

  it('counts members in a window across gaps', () => {
    const set = new OffsetSet();
    set.addRange(0, 10);
    set.addRange(20, 30);
    expect(set.countIn(5, 25)).toBe(10);
    expect(set.countIn(10, 20)).toBe(0);
    expect(set.countIn(0, 1000)).toBe(20);
    expect(set.countIn(25, 5)).toBe(0);
    expect(new OffsetSet().countIn(0, 10)).toBe(0);
  });

  it('holds offsets near 2^50 exactly', () => {
    const set = new OffsetSet();
    const base = 2 ** 50;
    expect(set.add(base)).toBe(true);
    expect(set.add(base + 1)).toBe(true);
    expect(set.addRange(base + 3, base + 5)).toBe(2);
    expect(set.ranges()).toEqual([[base, base + 2], [base + 3, base + 5]]);
    expect([set.has(base - 1), set.has(base + 1), set.has(base + 2), set.has(base + 4)]).toEqual([false, true, false, true]);
    expect(set.countIn(base + 1, base + 4)).toBe(2);
    expect(set.size).toBe(4);
  });

  it('grows to hold many gaps', () => {
    const set = new OffsetSet();
    // Every other offset, in reverse, so each one is an insert at the front.
    for (let offset = 19_998; offset >= 0; offset -= 2) set.add(offset);
    expect(set.ranges()).toHaveLength(10_000);
    expect(set.size).toBe(10_000);
    expect([set.has(0), set.has(1), set.has(10_000), set.has(19_999)]).toEqual([true, false, true, false]);
    expect(set.countIn(100, 200)).toBe(50);
  });

  it('turns away offsets that are negative, fractional or out of order', () => {
    const set = new OffsetSet();
    expect(() => set.add(-1)).toThrow('an offset range must be whole numbers with 0 <= start <= end < 2^53, got [-1, 0)');
    expect(() => set.add(1.5)).toThrow(RangeError);
    expect(() => set.addRange(5, 4)).toThrow('got [5, 4)');
    expect(() => set.addRange(0, 2 ** 53)).toThrow(RangeError);
    expect(set.size).toBe(0);
  });
});

describe('OffsetSet.removeFrom', () => {
  it('drops every member at or above the offset, cutting a range that spans it', () => {
    const set = new OffsetSet();
    set.addRange(0, 10);
    set.addRange(20, 30);
    set.addRange(40, 45);
    expect(set.removeFrom(25)).toBe(10);
    expect(set.ranges()).toEqual([
      [0, 10],
      [20, 25],
    ]);
    expect(set.size).toBe(15);
    expect(set.removeFrom(100)).toBe(0);
    expect(set.removeFrom(0)).toBe(15);
    expect(set.size).toBe(0);
    expect(set.add(3)).toBe(true);
  });

  it('finds the first offset at or after a given one that is not in the set', () => {
    const set = new OffsetSet();
    expect(set.nextAbsent(5)).toBe(5);
    set.addRange(0, 10);
    set.addRange(12, 20);
    expect(set.nextAbsent(0)).toBe(10);
    expect(set.nextAbsent(9)).toBe(10);
    expect(set.nextAbsent(10)).toBe(10);
    expect(set.nextAbsent(11)).toBe(11);
    expect(set.nextAbsent(12)).toBe(20);
    expect(set.nextAbsent(25)).toBe(25);
  });
});
