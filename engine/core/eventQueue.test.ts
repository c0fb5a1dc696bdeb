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

  it('pops the events not cancelled in the same order, through sweeps and renumbering', () => {
    type CancelOp = Op | { cancel: number };
    // Pushes outnumber pops, so heaps grow deep enough for a sweep to have to rebuild them.
    const push = fc.record({ push: fc.constant(true as const), time: fc.integer({ min: 0, max: 1000 }), kind: fc.nat(1023), a: fc.integer(), b: fc.double({ noNaN: true }) });
    const ops = fc.array(fc.oneof(push, push, push, op, fc.record({ cancel: fc.nat() }), fc.record({ cancel: fc.nat() })), { maxLength: 400, size: 'max' });
    fc.assert(
      fc.property(ops, fc.integer({ min: 0, max: 8 }), fc.integer({ min: 1, max: 400 }), (list: CancelOp[], sweepAfter, seqLimit) => {
        const queue = new EventQueue(2, seqLimit, sweepAfter);
        const pending: { time: number; seq: number; kind: number; a: number; b: number; handle: number }[] = [];
        const popped: number[][] = [];
        const expected: number[][] = [];
        let seq = 0;
        let renumbered = false;
        for (const o of list) {
          if ('cancel' in o) {
            if (pending.length === 0) continue;
            const [e] = pending.splice(o.cancel % pending.length, 1);
            // A renumbering changes handles: the event then stays and runs, which is what a caller must allow for.
            if (!queue.cancel(e.handle)) {
              expect(renumbered).toBe(true);
              pending.push(e);
            }
          } else if (o.push) {
            renumbered ||= seq > 0 && seq % seqLimit === 0;
            pending.push({ time: o.time, seq: seq++, kind: o.kind, a: o.a, b: o.b, handle: queue.push(o.time, o.kind, o.a, o.b) });
          } else if (queue.pop()) {
            pending.sort((x, y) => x.time - y.time || x.seq - y.seq);
            const e = pending.shift()!;
            expected.push([e.time, e.kind, e.a, e.b]);
            popped.push([queue.time, queue.kind, queue.a, queue.b]);
          } else expect(pending).toEqual([]);
          expect(queue.size).toBe(pending.length);
        }
        expect(popped).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the pop order when a sweep rebuilds the heap without its tombstones', () => {
    fc.assert(
      // size 'max': fast-check otherwise keeps arrays to about 10 entries, too few for deep heaps.
      fc.property(fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 60, size: 'max' }), fc.array(fc.boolean(), { maxLength: 60, size: 'max' }), (times, cancels) => {
        const queue = new EventQueue(2, undefined, 0);
        const handles = times.map((t, i) => queue.push(t, 0, i, 0));
        cancels.forEach((cancel, i) => cancel && i < handles.length && queue.cancel(handles[i]));
        const popped: number[] = [];
        while (queue.pop()) popped.push(queue.a);
        const kept = times.map((t, i) => ({ t, i })).filter(({ i }) => !cancels[i]);
        expect(popped).toEqual(kept.sort((x, y) => x.t - y.t || x.i - y.i).map(({ i }) => i));
      }),
      { numRuns: 500 },
    );
  });

  it('refuses to cancel an event that already ran, or a handle it never gave', () => {
    const queue = new EventQueue();
    const first = queue.push(1, 0, 1, 0);
    queue.push(2, 0, 2, 0);
    queue.pop();
    // The freed slot is reused by the next push: the old handle must not cancel the new event.
    queue.push(3, 0, 3, 0);
    expect(queue.cancel(first)).toBe(false);
    expect(queue.cancel(-1)).toBe(false);
    expect(queue.cancel(2 ** 40 + 7)).toBe(false);
    const popped: number[] = [];
    while (queue.pop()) popped.push(queue.a);
    expect(popped).toEqual([2, 3]);
  });

  it('holds only about as many entries as live events, however many are cancelled', () => {
    // A timeout re-armed on every step, as a consumer's max.poll.interval check is.
    const queue = new EventQueue(2, undefined, 16);
    let timeout = -1;
    for (let t = 0; t < 100_000; t++) {
      if (timeout >= 0) expect(queue.cancel(timeout)).toBe(true);
      timeout = queue.push(t + 1_000_000, 1, t, 0);
    }
    expect(queue.size).toBe(1);
    // The arrays grew only to hold the tombstones a sweep leaves room for, not 100,000 events.
    expect((queue as unknown as { kinds: Int32Array }).kinds.length).toBeLessThanOrEqual(64);
    expect(queue.pop()).toBe(true);
    expect([queue.time, queue.a]).toEqual([99_999 + 1_000_000, 99_999]);
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
