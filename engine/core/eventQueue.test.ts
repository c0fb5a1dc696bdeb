import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventQueue } from './eventQueue.ts';

type Op = { push: true; time: number; kind: number; a: number; b: number } | { push: false };

/** What a correct queue pops: everything pushed, stably sorted by time (ties in push order). */
function reference(ops: Op[]) {
  const pending: { time: number; seq: number; kind: number; a: number; b: number }[] = [];
  const popped: number[][] = [];
  let seq = 0;
  for (const op of ops) {
    if (op.push) pending.push({ time: op.time, seq: seq++, kind: op.kind, a: op.a, b: op.b });
    else if (pending.length > 0) {
      pending.sort((x, y) => x.time - y.time || x.seq - y.seq);
      const e = pending.shift()!;
      popped.push([e.time, e.kind, e.a, e.b]);
    }
  }
  return popped;
}

function run(ops: Op[], seqLimit?: number) {
  const queue = new EventQueue(2, seqLimit); // tiny, so the property also exercises growth
  const popped: number[][] = [];
  for (const op of ops) {
    if (op.push) queue.push(op.time, op.kind, op.a, op.b);
    else if (queue.pop()) popped.push([queue.time, queue.kind, queue.a, queue.b]);
  }
  return popped;
}

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    push: fc.constant(true as const),
    // A narrow time range makes ties common.
    time: fc.integer({ min: 0, max: 20 }),
    kind: fc.integer({ min: 0, max: 1023 }),
    a: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
    b: fc.double({ noNaN: true, noDefaultInfinity: true }),
  }),
  fc.constant({ push: false as const }),
);

describe('EventQueue', () => {
  it('pops in (time, seq) order, the same as a stable sort, ties included', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        expect(run(ops)).toEqual(reference(ops));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps that order when sequence numbers run out and pending events are renumbered', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), fc.integer({ min: 1, max: 16 }), (ops, seqLimit) => {
        expect(run(ops, seqLimit)).toEqual(reference(ops));
      }),
      { numRuns: 300 },
    );
  });

  it('drains everything pushed in sorted order when all pushes come first', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1_000_000_000_000 }), { maxLength: 2000 }), (times) => {
        const queue = new EventQueue(4);
        times.forEach((t, i) => queue.push(t, 0, i, 0));
        const out: number[] = [];
        while (queue.pop()) out.push(queue.time);
        expect(out).toEqual([...times].sort((x, y) => x - y));
        expect(queue.size).toBe(0);
      }),
    );
  });

  it('runs simultaneous events in the order they were scheduled', () => {
    const queue = new EventQueue();
    for (let i = 0; i < 100; i++) queue.push(5, i % 3, i, 0);
    const order: number[] = [];
    while (queue.pop()) order.push(queue.a);
    expect(order).toEqual([...Array(100).keys()]);
  });

  it('reports Infinity as the next time when empty and false when popping nothing', () => {
    const queue = new EventQueue();
    expect(queue.peekTime()).toBe(Infinity);
    expect(queue.pop()).toBe(false);
    queue.push(7, 1, 2, 3);
    expect(queue.peekTime()).toBe(7);
    expect(queue.scheduled).toBe(1);
    queue.clear();
    expect(queue.size).toBe(0);
    queue.push(3, 4, 5, 6);
    expect(queue.pop()).toBe(true);
    expect([queue.time, queue.kind, queue.a, queue.b]).toEqual([3, 4, 5, 6]);
  });

  it('keeps times exact up to hours of microseconds and beyond', () => {
    const queue = new EventQueue();
    const late = 2 ** 52 + 1;
    queue.push(late, 0, 0, 0);
    queue.push(late - 1, 0, 1, 0);
    queue.pop();
    expect(queue.time).toBe(late - 1);
    queue.pop();
    expect(queue.time).toBe(late);
  });
});
