/**
 * The pending-event set: a binary min-heap ordered by `(time, seq)`.
 *
 * `seq` is the insertion counter, so events due at the same microsecond run in the order they
 * were scheduled: a fixed tie-break that does not depend on heap layout and survives refactoring.
 *
 * Layout: the heap itself holds two float64s per event, `[time, seq * 2^22 + slot]`, stored from
 * index 1 so a node's two children share a cache line; the event's kind and its two numbers sit in
 * slot arrays that never move. A sift therefore moves 16 bytes per level, which is what decides
 * speed once the heap outgrows the cache, and the tie-break stays one comparison. When `seq` would
 * outgrow its 31 bits (after about two billion events), the pending events are renumbered in
 * order, so there is no limit on a run's length. Nothing is allocated per event; the arrays only
 * grow (by doubling) past their largest size so far, up to 2^22 (4M) pending events.
 *
 * A pending event can be cancelled (a timeout made moot, say): it stays in the heap as a tombstone,
 * skipped when it reaches the top, and the heap is rebuilt without tombstones once they outnumber
 * the live events. The order of the rest never changes, so a run with cancellations is the run
 * without them, less the events that would have done nothing.
 */

/** Event kinds are integers below this (a limit of the kernel's handler table, not of the queue). */
export const MAX_EVENT_KINDS = 1024;
const SLOT_BITS = 22;
/** Most events that can be pending at once. */
export const MAX_PENDING_EVENTS = 2 ** SLOT_BITS;
const SLOT_MASK = MAX_PENDING_EVENTS - 1;
const DEFAULT_SEQ_LIMIT = 2 ** 31;
/** The kind of a cancelled event (a tombstone) in its slot. */
const CANCELLED = -1;
/** Tombstones are swept out once there are more than this many and more than live events. */
const SWEEP_AFTER = 4096;

export class EventQueue {
  private heap: Float64Array;
  private kinds: Int32Array;
  private as: Float64Array;
  private bs: Float64Array;
  /** Each slot's heap key while its event is pending, else -1: what {@link cancel} checks a handle against. */
  private keys: Float64Array;
  /** Free slots, as a stack. */
  private free: Int32Array;
  private freeCount: number;
  /** Heap entries, tombstones included. */
  private count = 0;
  private cancelled = 0;
  private nextSeq = 0;
  private pushed = 0;

  /** The event taken by the last {@link pop}: read these right after popping. */
  time = 0;
  kind = 0;
  a = 0;
  b = 0;

  constructor(
    initialCapacity = 1024,
    /** When seq reaches this, pending events are renumbered (lowered only to test that). */
    private readonly seqLimit = DEFAULT_SEQ_LIMIT,
    /** Tombstones kept before a sweep is considered (lowered only to test sweeps). */
    private readonly sweepAfter = SWEEP_AFTER,
  ) {
    const capacity = Math.min(MAX_PENDING_EVENTS, Math.max(2, initialCapacity | 0));
    this.heap = new Float64Array(2 * (capacity + 1));
    this.kinds = new Int32Array(capacity);
    this.as = new Float64Array(capacity);
    this.bs = new Float64Array(capacity);
    this.keys = new Float64Array(capacity).fill(-1);
    this.free = new Int32Array(capacity);
    for (let i = 0; i < capacity; i++) this.free[i] = capacity - 1 - i;
    this.freeCount = capacity;
  }

  /** Number of pending events (cancelled ones not counted). */
  get size(): number {
    return this.count - this.cancelled;
  }

  /** Number of events ever pushed. */
  get scheduled(): number {
    return this.pushed;
  }

  /** Time of the earliest pending event, or `Infinity` when the queue is empty. */
  peekTime(): number {
    return this.count > 0 ? this.heap[2] : Infinity;
  }

  /**
   * Adds an event. `kind` is an integer chosen by the model; `a` and `b` are any numbers it wants
   * back when the event runs (ids, offsets, times). Returns a handle for {@link cancel}.
   */
  push(time: number, kind: number, a: number, b: number): number {
    if (this.freeCount === 0) this.grow();
    if (this.nextSeq === this.seqLimit) this.renumber();
    const slot = this.free[--this.freeCount];
    this.kinds[slot] = kind;
    this.as[slot] = a;
    this.bs[slot] = b;
    this.pushed++;
    const heap = this.heap;
    const key = this.nextSeq++ * MAX_PENDING_EVENTS + slot;
    this.keys[slot] = key;
    // Sift the hole up from the end instead of swapping: one entry written per level.
    let i = ++this.count;
    while (i > 1) {
      const parent = i >> 1;
      const p = parent << 1;
      const pt = heap[p];
      if (pt < time || (pt === time && heap[p + 1] < key)) break;
      const h = i << 1;
      heap[h] = pt;
      heap[h + 1] = heap[p + 1];
      i = parent;
    }
    const h = i << 1;
    heap[h] = time;
    heap[h + 1] = key;
    return key;
  }

  /**
   * Cancels a pending event, given the handle {@link push} returned. Returns false, changing
   * nothing, when that event is no longer pending (it ran, was cancelled, or the queue renumbered
   * its events since, which changes handles: the event then simply stays).
   */
  cancel(handle: number): boolean {
    const slot = handle & SLOT_MASK;
    if (!(handle >= 0) || slot >= this.keys.length || this.keys[slot] !== handle || this.kinds[slot] === CANCELLED) return false;
    this.kinds[slot] = CANCELLED;
    this.cancelled++;
    if ((this.heap[3] & SLOT_MASK) === slot) this.dropCancelledTop();
    else if (this.cancelled > this.sweepAfter && this.cancelled > this.count - this.cancelled) this.sweep();
    return true;
  }

  /**
   * Removes the earliest event into {@link time}, {@link kind}, {@link a}, {@link b}.
   * @returns false when the queue is empty (and the fields are left as they were).
   */
  pop(): boolean {
    if (this.count === 0) return false;
    // The top is never a tombstone: cancel and pop drop those as they surface.
    const heap = this.heap;
    this.time = heap[2];
    // The key is a whole number below 2^53: `&` keeps its low 32 bits exactly, the slot among them.
    const slot = heap[3] & SLOT_MASK;
    this.kind = this.kinds[slot];
    this.a = this.as[slot];
    this.b = this.bs[slot];
    this.removeTop();
    if (this.cancelled > 0) this.dropCancelledTop();
    return true;
  }

  /** Takes the top entry out of the heap and frees its slot. */
  private removeTop(): void {
    const heap = this.heap;
    const slot = heap[3] & SLOT_MASK;
    this.keys[slot] = -1;
    this.free[this.freeCount++] = slot;
    const n = this.count;
    this.count = n - 1;
    if (n === 1) return;
    // Sift the last entry down from the root through the hole the popped one left.
    const l = n << 1;
    const t = heap[l];
    const key = heap[l + 1];
    const last = n - 1;
    let i = 1;
    for (;;) {
      let child = i << 1;
      if (child > last) break;
      let c = child << 1;
      let ct = heap[c];
      if (child < last) {
        const r = c + 2;
        const rt = heap[r];
        if (rt < ct || (rt === ct && heap[r + 1] < heap[c + 1])) {
          child++;
          c = r;
          ct = rt;
        }
      }
      if (t < ct || (t === ct && key < heap[c + 1])) break;
      const h = i << 1;
      heap[h] = ct;
      heap[h + 1] = heap[c + 1];
      i = child;
    }
    const h = i << 1;
    heap[h] = t;
    heap[h + 1] = key;
  }

  private dropCancelledTop(): void {
    while (this.count > 0 && this.kinds[this.heap[3] & SLOT_MASK] === CANCELLED) {
      this.removeTop();
      this.cancelled--;
    }
  }

  /** Rebuilds the heap from its live entries. Keys are unique, so the pop order stays the same. */
  private sweep(): void {
    const heap = this.heap;
    let live = 0;
    for (let i = 1; i <= this.count; i++) {
      const t = heap[2 * i];
      const key = heap[2 * i + 1];
      const slot = key & SLOT_MASK;
      if (this.kinds[slot] === CANCELLED) {
        this.keys[slot] = -1;
        this.free[this.freeCount++] = slot;
        continue;
      }
      live++;
      heap[2 * live] = t;
      heap[2 * live + 1] = key;
    }
    this.count = live;
    this.cancelled = 0;
    for (let i = live >> 1; i >= 1; i--) this.siftDown(i);
  }

  /** Moves entry i down to its place below (for {@link sweep}'s bottom-up heap construction). */
  private siftDown(start: number): void {
    const heap = this.heap;
    const n = this.count;
    const t = heap[2 * start];
    const key = heap[2 * start + 1];
    let i = start;
    for (;;) {
      let child = i << 1;
      if (child > n) break;
      if (child < n) {
        const c = child << 1;
        const r = c + 2;
        if (heap[r] < heap[c] || (heap[r] === heap[c] && heap[r + 1] < heap[c + 1])) child++;
      }
      const c = child << 1;
      if (t < heap[c] || (t === heap[c] && key < heap[c + 1])) break;
      heap[2 * i] = heap[c];
      heap[2 * i + 1] = heap[c + 1];
      i = child;
    }
    heap[2 * i] = t;
    heap[2 * i + 1] = key;
  }

  /** Drops every pending event. */
  clear(): void {
    const capacity = this.kinds.length;
    for (let i = 0; i < capacity; i++) this.free[i] = capacity - 1 - i;
    this.freeCount = capacity;
    this.keys.fill(-1);
    this.count = 0;
    this.cancelled = 0;
  }

  /** Gives pending events new sequence numbers 0..n-1 in their order, keeping every tie-break. */
  private renumber(): void {
    if (this.cancelled > 0) this.sweep();
    const n = this.count;
    const entries: { time: number; key: number }[] = [];
    for (let i = 1; i <= n; i++) entries.push({ time: this.heap[2 * i], key: this.heap[2 * i + 1] });
    entries.sort((x, y) => x.time - y.time || x.key - y.key);
    // A sorted array is a valid heap.
    entries.forEach((e, rank) => {
      const slot = e.key & SLOT_MASK;
      this.heap[2 * (rank + 1)] = e.time;
      this.heap[2 * (rank + 1) + 1] = this.keys[slot] = rank * MAX_PENDING_EVENTS + slot;
    });
    this.nextSeq = n;
  }

  private grow(): void {
    const capacity = this.kinds.length;
    if (capacity >= MAX_PENDING_EVENTS) throw new RangeError(`more than ${MAX_PENDING_EVENTS} events pending at once`);
    const bigger = Math.min(MAX_PENDING_EVENTS, capacity * 2);
    this.heap = grown(this.heap, new Float64Array(2 * (bigger + 1)));
    this.kinds = grown(this.kinds, new Int32Array(bigger));
    this.as = grown(this.as, new Float64Array(bigger));
    this.bs = grown(this.bs, new Float64Array(bigger));
    this.keys = grown(this.keys, new Float64Array(bigger).fill(-1));
    // Every slot was in use: the new ones are all free.
    const free = new Int32Array(bigger);
    for (let i = 0; i < bigger - capacity; i++) free[i] = bigger - 1 - i;
    this.free = free;
    this.freeCount = bigger - capacity;
  }
}

/** `to`, holding a copy of `from` at its start. */
function grown<T extends Float64Array | Int32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
