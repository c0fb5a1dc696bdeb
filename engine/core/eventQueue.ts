/**
 * The pending-event set: a binary min-heap in one typed array, ordered by `(time, seq)`.
 *
 * `seq` is the insertion counter, so events due at the same microsecond run in the order they
 * were scheduled: a fixed tie-break that does not depend on heap layout and survives refactoring.
 *
 * Layout: each entry is four float64s `[time, seq * 1024 + kind, a, b]`, stored from index 1 so a
 * node's two children sit side by side in one cache line. Keeping an entry together (rather than
 * one array per field) means a sift moves one cache line per level, which is what decides speed
 * once the heap outgrows the cache. Packing `kind` under `seq` keeps the tie-break a single
 * comparison, and limits kinds to 1024 and a run to 2^43 (8.8 trillion) scheduled events.
 * Nothing is allocated per event; the array only grows (by doubling) past its largest size so far.
 */

/** Event kinds are integers below this. */
export const MAX_EVENT_KINDS = 1024;
/** Scheduling more events than this in one run would make `(seq, kind)` packing inexact. */
export const MAX_SCHEDULED_EVENTS = Math.floor(Number.MAX_SAFE_INTEGER / MAX_EVENT_KINDS);

const STRIDE = 4;

export class EventQueue {
  private heap: Float64Array;
  private count = 0;
  private nextSeq = 0;

  /** The event taken by the last {@link pop}: read these right after popping. */
  time = 0;
  kind = 0;
  a = 0;
  b = 0;

  constructor(initialCapacity = 1024) {
    this.heap = new Float64Array(STRIDE * (Math.max(2, initialCapacity | 0) + 1));
  }

  /** Number of pending events. */
  get size(): number {
    return this.count;
  }

  /** Number of events ever pushed; the next event's `seq`. */
  get scheduled(): number {
    return this.nextSeq;
  }

  /** Time of the earliest pending event, or `Infinity` when the queue is empty. */
  peekTime(): number {
    return this.count > 0 ? this.heap[STRIDE] : Infinity;
  }

  /**
   * Adds an event. `kind` is an integer from 0 to {@link MAX_EVENT_KINDS} - 1; `a` and `b` are any
   * numbers the model wants back when the event runs (ids, offsets, times).
   */
  push(time: number, kind: number, a: number, b: number): void {
    if ((this.count + 2) * STRIDE > this.heap.length) this.grow();
    const heap = this.heap;
    const key = this.nextSeq++ * MAX_EVENT_KINDS + kind;
    // Sift the hole up from the end instead of swapping: one entry written per level.
    let i = ++this.count;
    while (i > 1) {
      const parent = i >> 1;
      const p = parent * STRIDE;
      const pt = heap[p];
      if (pt < time || (pt === time && heap[p + 1] < key)) break;
      const h = i * STRIDE;
      heap[h] = pt;
      heap[h + 1] = heap[p + 1];
      heap[h + 2] = heap[p + 2];
      heap[h + 3] = heap[p + 3];
      i = parent;
    }
    const h = i * STRIDE;
    heap[h] = time;
    heap[h + 1] = key;
    heap[h + 2] = a;
    heap[h + 3] = b;
  }

  /**
   * Removes the earliest event into {@link time}, {@link kind}, {@link a}, {@link b}.
   * @returns false when the queue is empty (and the fields are left as they were).
   */
  pop(): boolean {
    const n = this.count;
    if (n === 0) return false;
    const heap = this.heap;
    this.time = heap[STRIDE];
    this.kind = heap[STRIDE + 1] & (MAX_EVENT_KINDS - 1);
    this.a = heap[STRIDE + 2];
    this.b = heap[STRIDE + 3];
    this.count = n - 1;
    if (n === 1) return true;
    // Sift the last entry down from the root through the hole the popped one left.
    const l = n * STRIDE;
    const t = heap[l];
    const key = heap[l + 1];
    const a = heap[l + 2];
    const b = heap[l + 3];
    const last = n - 1;
    let i = 1;
    for (;;) {
      let child = i << 1;
      if (child > last) break;
      let c = child * STRIDE;
      let ct = heap[c];
      if (child < last) {
        const r = c + STRIDE;
        const rt = heap[r];
        if (rt < ct || (rt === ct && heap[r + 1] < heap[c + 1])) {
          child++;
          c = r;
          ct = rt;
        }
      }
      if (t < ct || (t === ct && key < heap[c + 1])) break;
      const h = i * STRIDE;
      heap[h] = ct;
      heap[h + 1] = heap[c + 1];
      heap[h + 2] = heap[c + 2];
      heap[h + 3] = heap[c + 3];
      i = child;
    }
    const h = i * STRIDE;
    heap[h] = t;
    heap[h + 1] = key;
    heap[h + 2] = a;
    heap[h + 3] = b;
    return true;
  }

  /** Drops every pending event (the sequence counter keeps counting). */
  clear(): void {
    this.count = 0;
  }

  private grow(): void {
    const bigger = new Float64Array(this.heap.length * 2);
    bigger.set(this.heap);
    this.heap = bigger;
  }
}
