/**
 * A work queue, as SQS and RabbitMQ keep one: no partitions and no offsets, only messages.
 *
 * - A receive takes the oldest visible messages (by enqueue order; a message delivered again keeps
 *   its place) and hides them for `visibilityTimeout`. Consumers compete: each message goes to one.
 * - A delete (the consumer's acknowledgement) removes a message for good, whoever holds it; a late
 *   delete of a message someone else received again still removes it (SQS standard queues).
 * - A message not deleted within its visibility timeout becomes visible again and is delivered
 *   again, to whichever consumer asks first; after `maxReceives` receives it goes to the dead-letter
 *   queue instead (or is dropped, counted).
 * - A message still there `retention` after it was enqueued is deleted, counted as expired.
 *
 * Nothing is kept for replay: once deleted, a message is gone, and two groups reading one queue
 * split its messages between them. Conservation holds exactly at every instant:
 * enqueued = acked + dead-lettered + expired + depth (visible) + in flight.
 */
import type { QueueSpec } from '../scenario/schema.ts';
import { KEYLESS, type ModelContext } from './context.ts';
import { EventIdSet, KeyOrder } from './eventOrder.ts';

const VISIBLE = 0;
const IN_FLIGHT = 1;
const DELETED = 2;

/** A consumer waiting for a message (a long poll): woken when one becomes visible. */
export interface QueueReceiver {
  /** Called when messages are visible; the receiver receives now, or does nothing if it went away. */
  wakeUp(): void;
}

/** Who received a message: told when the queue gives up on it. */
export interface QueueReader {
  noteDeadLettered(): void;
}

export interface QueueStats {
  enqueued: number;
  /** Receives, first and later ones. */
  delivered: number;
  /** Receives of a message received before (visibility timeout expired: a crash, a slow or failed consumer). */
  redelivered: number;
  /** Deleted by a consumer's acknowledgement. */
  acked: number;
  /** Received maxReceives times without being deleted: moved to the dead-letter queue, or dropped. */
  deadLettered: number;
  /** Deleted by retention. */
  expired: number;
  /** Messages processed by some consumer of the queue, the first time. */
  processed: number;
  /** Processings of a message some consumer of the queue had processed before. */
  duplicates: number;
  /** Per-key order across every consumer of the queue (first processings only), as groups count it. */
  orderingViolations: number;
  maxDepth: number;
  maxInFlight: number;
  /** Largest age of the oldest message, µs (exact: the age peaks when the oldest message leaves). */
  maxOldestAgeUs: number;
}

/** A message as a consumer holds it: a copy, since the queue forgets deleted messages. */
export interface ReceivedMessage {
  seq: number;
  eventId: number;
  keySlot: number;
  createTime: number;
  size: number;
  /** This receive's number, 1 for the first. */
  receives: number;
}

export class Queue {
  readonly stats: QueueStats = {
    enqueued: 0,
    delivered: 0,
    redelivered: 0,
    acked: 0,
    deadLettered: 0,
    expired: 0,
    processed: 0,
    duplicates: 0,
    orderingViolations: 0,
    maxDepth: 0,
    maxInFlight: 0,
    maxOldestAgeUs: 0,
  };
  /** Where messages go after `maxReceives` receives (set once every queue exists). */
  deadLetterQueue: Queue | undefined;
  /** Run-wide key slots (set once the producers are built), for per-key order. */
  keySlots = 0;
  /** The groups reading the queue, by the index they receive with. */
  readonly readers: QueueReader[] = [];
  /** Visible messages. */
  depth = 0;
  /** Received and not deleted. */
  inFlight = 0;
  // Messages by sequence number (enqueue order); storage index = seq - base. Deleted messages at
  // the front are dropped when the columns fill up, so a long run keeps only what is still there.
  private base = 0;
  private end = 0;
  /** Smallest sequence number not deleted (or `end`). */
  private oldest = 0;
  private createTimes = new Float64Array(1024);
  private enqueueTimes = new Float64Array(1024);
  private eventIds = new Uint32Array(1024);
  private keySlotsOf = new Int32Array(1024);
  private sizes = new Uint32Array(1024);
  private receives = new Uint32Array(1024);
  private states = new Uint8Array(1024);
  private receivers = new Int32Array(1024);
  /** Visible messages (and deleted ones not yet popped), a min-heap of sequence numbers. */
  private heap = new Float64Array(1024);
  private heapSize = 0;
  private readonly waiting: QueueReceiver[] = [];
  private readonly seen = new EventIdSet();
  private keyOrder: KeyOrder | null = null;
  private retentionPending = false;
  private readonly timeoutEvent: number;
  private readonly retentionEvent: number;

  constructor(
    readonly spec: QueueSpec,
    private readonly ctx: ModelContext,
  ) {
    this.timeoutEvent = ctx.sim.defineEvent(`${spec.id}:visibility-timeout`, (seq, receives) => this.visibilityTimeout(seq, receives));
    this.retentionEvent = ctx.sim.defineEvent(`${spec.id}:retention`, () => this.expire());
  }

  get id(): string {
    return this.spec.id;
  }

  /** Age of the oldest message not deleted (visible or in flight) at `now`, µs; 0 when empty. */
  oldestAgeUs(now: number): number {
    return this.oldest < this.end ? now - this.enqueueTimes[this.oldest - this.base] : 0;
  }

  /** Puts a message at the back of the queue now. */
  enqueue(createTime: number, eventId: number, keySlot: number, size: number): void {
    const now = this.ctx.sim.now;
    if (this.end - this.base === this.states.length) this.makeRoom();
    const i = this.end - this.base;
    this.createTimes[i] = createTime;
    this.enqueueTimes[i] = now;
    this.eventIds[i] = eventId;
    this.keySlotsOf[i] = keySlot;
    this.sizes[i] = size;
    this.receives[i] = 0;
    this.states[i] = VISIBLE;
    this.receivers[i] = -1;
    this.heapPush(this.end);
    this.end++;
    this.stats.enqueued++;
    this.depth++;
    if (this.depth > this.stats.maxDepth) this.stats.maxDepth = this.depth;
    if (!this.retentionPending) {
      this.retentionPending = true;
      this.ctx.sim.at(this.enqueueTimes[this.oldest - this.base] + this.spec.retention, this.retentionEvent);
    }
    this.wakeWaiting();
  }

  /**
   * Receives up to `max` visible messages for reader `reader`, oldest first, into `out` (cleared
   * first); each is hidden until its visibility timeout. Returns how many.
   */
  receive(max: number, reader: number, out: ReceivedMessage[]): number {
    out.length = 0;
    const now = this.ctx.sim.now;
    while (out.length < max && this.heapSize > 0) {
      const seq = this.heapPop();
      const i = seq - this.base;
      if (seq < this.base || this.states[i] !== VISIBLE) continue; // deleted while visible
      this.states[i] = IN_FLIGHT;
      this.depth--;
      this.inFlight++;
      const receives = ++this.receives[i];
      this.receivers[i] = reader;
      this.stats.delivered++;
      if (receives > 1) this.stats.redelivered++;
      this.ctx.sim.at(now + this.spec.visibilityTimeout, this.timeoutEvent, seq, receives);
      out.push({ seq, eventId: this.eventIds[i], keySlot: this.keySlotsOf[i], createTime: this.createTimes[i], size: this.sizes[i], receives });
    }
    if (this.inFlight > this.stats.maxInFlight) this.stats.maxInFlight = this.inFlight;
    return out.length;
  }

  /** Deletes a message (a consumer's acknowledgement). False when it was gone already. */
  ack(seq: number): boolean {
    if (!this.remove(seq)) return false;
    this.stats.acked++;
    return true;
  }

  /** Waits for a message: `receiver` is woken when one is visible (first come, first served). */
  wait(receiver: QueueReceiver): void {
    if (!this.waiting.includes(receiver)) this.waiting.push(receiver);
  }

  /** Stops waiting (a consumer that crashed or left). */
  stopWaiting(receiver: QueueReceiver): void {
    const at = this.waiting.indexOf(receiver);
    if (at >= 0) this.waiting.splice(at, 1);
  }

  /**
   * A consumer of the queue processed a message: counts it as the queue's first processing of the
   * event, or as a duplicate, and checks per-key order across every consumer of the queue.
   */
  noteProcessed(eventId: number, keySlot: number): void {
    if (this.seen.has(eventId)) {
      this.stats.duplicates++;
      return;
    }
    this.seen.add(eventId);
    this.stats.processed++;
    if (keySlot === KEYLESS) return;
    this.keyOrder ??= new KeyOrder(this.keySlots);
    if (this.keyOrder.violates(keySlot, eventId)) this.stats.orderingViolations++;
  }

  private wakeWaiting(): void {
    while (this.depth > 0 && this.waiting.length > 0) this.waiting.shift()!.wakeUp();
  }

  private visibilityTimeout(seq: number, receives: number): void {
    const i = seq - this.base;
    if (seq < this.base || this.states[i] !== IN_FLIGHT || this.receives[i] !== receives) return;
    const max = this.spec.maxReceives;
    if (max !== undefined && receives >= max) {
      const reader = this.readers[this.receivers[i]];
      const [createTime, eventId, keySlot, size] = [this.createTimes[i], this.eventIds[i], this.keySlotsOf[i], this.sizes[i]];
      this.remove(seq);
      this.stats.deadLettered++;
      reader?.noteDeadLettered();
      this.deadLetterQueue?.enqueue(createTime, eventId, keySlot, size);
      return;
    }
    this.states[i] = VISIBLE;
    this.inFlight--;
    this.depth++;
    if (this.depth > this.stats.maxDepth) this.stats.maxDepth = this.depth;
    this.heapPush(seq);
    this.wakeWaiting();
  }

  /** Deletes every message `retention` old or older, then waits for the next oldest. */
  private expire(): void {
    const now = this.ctx.sim.now;
    while (this.oldest < this.end && this.enqueueTimes[this.oldest - this.base] + this.spec.retention <= now) {
      this.remove(this.oldest);
      this.stats.expired++;
    }
    this.retentionPending = this.oldest < this.end;
    if (this.retentionPending) this.ctx.sim.at(this.enqueueTimes[this.oldest - this.base] + this.spec.retention, this.retentionEvent);
  }

  /** Marks a message deleted; false if it was already. A visible one stays in the heap, skipped when popped. */
  private remove(seq: number): boolean {
    const i = seq - this.base;
    if (seq < this.base || seq >= this.end || this.states[i] === DELETED) return false;
    if (this.states[i] === VISIBLE) this.depth--;
    else this.inFlight--;
    this.states[i] = DELETED;
    if (seq === this.oldest) {
      const age = this.ctx.sim.now - this.enqueueTimes[i];
      if (age > this.stats.maxOldestAgeUs) this.stats.maxOldestAgeUs = age;
      while (this.oldest < this.end && this.states[this.oldest - this.base] === DELETED) this.oldest++;
    }
    return true;
  }

  /** The columns are full: drop the deleted front if it is at least half of them, else grow them. */
  private makeRoom(): void {
    const drop = this.oldest - this.base;
    const length = this.states.length;
    if (drop >= length / 2) {
      for (const column of [this.createTimes, this.enqueueTimes, this.eventIds, this.keySlotsOf, this.sizes, this.receives, this.states, this.receivers]) column.copyWithin(0, drop, length);
      this.base = this.oldest;
      return;
    }
    const grow = <T extends Float64Array | Uint32Array | Int32Array | Uint8Array>(from: T, to: T): T => {
      to.set(from);
      return to;
    };
    this.createTimes = grow(this.createTimes, new Float64Array(length * 2));
    this.enqueueTimes = grow(this.enqueueTimes, new Float64Array(length * 2));
    this.eventIds = grow(this.eventIds, new Uint32Array(length * 2));
    this.keySlotsOf = grow(this.keySlotsOf, new Int32Array(length * 2));
    this.sizes = grow(this.sizes, new Uint32Array(length * 2));
    this.receives = grow(this.receives, new Uint32Array(length * 2));
    this.states = grow(this.states, new Uint8Array(length * 2));
    this.receivers = grow(this.receivers, new Int32Array(length * 2));
  }

  private heapPush(seq: number): void {
    if (this.heapSize === this.heap.length) {
      const bigger = new Float64Array(this.heap.length * 2);
      bigger.set(this.heap);
      this.heap = bigger;
    }
    const heap = this.heap;
    let i = this.heapSize++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heap[parent] <= seq) break;
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = seq;
  }

  private heapPop(): number {
    const heap = this.heap;
    const top = heap[0];
    const last = heap[--this.heapSize];
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= this.heapSize) break;
      if (child + 1 < this.heapSize && heap[child + 1] < heap[child]) child++;
      if (heap[child] >= last) break;
      heap[i] = heap[child];
      i = child;
    }
    heap[i] = last;
    return top;
  }
}

/**
 * Messages on their way from one producer to one queue: each arrives `networkLatency` after its
 * event was created. One producer's messages arrive in the order they were sent.
 */
export class QueueInbox {
  private createTimes: number[] = [];
  private eventIds: number[] = [];
  private keySlots: number[] = [];
  private sizes: number[] = [];
  private head = 0;
  private readonly arriveEvent: number;

  constructor(
    readonly queue: Queue,
    producerId: string,
    private readonly ctx: ModelContext,
  ) {
    this.arriveEvent = ctx.sim.defineEvent(`${producerId}:to-${queue.id}`, () => this.arrive());
  }

  /** Sends a message that reaches the queue at `arriveAt` (not before any sent earlier). */
  send(arriveAt: number, createTime: number, eventId: number, keySlot: number, size: number): void {
    this.createTimes.push(createTime);
    this.eventIds.push(eventId);
    this.keySlots.push(keySlot);
    this.sizes.push(size);
    this.ctx.sim.at(arriveAt, this.arriveEvent);
  }

  /** Messages on the way whose event was created after `now` (drawn ahead by the producer). */
  aheadOf(now: number): number {
    let ahead = 0;
    for (let i = this.createTimes.length - 1; i >= this.head && this.createTimes[i] > now; i--) ahead++;
    return ahead;
  }

  private arrive(): void {
    const i = this.head++;
    this.queue.enqueue(this.createTimes[i], this.eventIds[i], this.keySlots[i], this.sizes[i]);
    if (this.head > 4096 && this.head * 2 > this.createTimes.length) {
      // Drop what has arrived, so the arrays hold only messages on the way.
      for (const column of [this.createTimes, this.eventIds, this.keySlots, this.sizes]) column.splice(0, this.head);
      this.head = 0;
    }
  }
}
