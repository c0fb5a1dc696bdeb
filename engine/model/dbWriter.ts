/**
 * The app behind a producer that writes a database as well as publishing (`writes` on a producer),
 * and what a crash of its process does to the two.
 *
 * - `dual-write`, `db-first`: each event's transaction commits after `dbWrite`, then the event is
 *   handed to the producer. A crash loses what the producer still held (its batches not yet sent):
 *   committed, never published — **missing**. A publish that fails for good is missing too.
 * - `dual-write`, `publish-first`: the event is published first; once it is acknowledged the
 *   transaction runs. A crash between the acknowledgement and the commit leaves an event in the log
 *   that the database never had — **phantom**. (A crash before the publish loses both: consistent.)
 * - `outbox`: the transaction writes the event to an outbox table with the business row, so both
 *   commit or neither does. A relay in the same process polls the table every `relayInterval`,
 *   publishes up to `relayBatch` rows, waits for their acknowledgements and deletes them. Nothing is
 *   missing; a crash after a publish and before the delete makes the restarted relay publish the
 *   row again — a **duplicate** (consumers see the same event id twice).
 *
 * In every mode a transaction under way at a crash rolls back (aborted: neither written), and
 * requests arriving while the process is down are refused (rejected).
 */
import { createSampler, type Sampler } from '../core/distributions.ts';
import { LatencyHistogram } from '../metrics/histogram.ts';
import type { ProducerSpec } from '../scenario/schema.ts';
import type { ModelContext } from './context.ts';
import type { Producer, ProducerApp } from './producer.ts';

export interface DbWriterStats {
  /** Events (requests) that arrived. */
  requests: number;
  /** Arrived while the process was down. */
  rejected: number;
  /** Lost with the process before anything was written or published: consistent. */
  aborted: number;
  /** Transactions committed (the database has the event). */
  committed: number;
  /** Distinct events acknowledged by the topic (the log has them). */
  published: number;
  /** Committed, and never to be published. */
  missing: number;
  /** Published, and never to be committed. */
  phantom: number;
  /** Publishes of an event already in the log (outbox relay after a crash). */
  duplicates: number;
  /** publish-first: the publish failed for good, so nothing was written: the request failed. */
  publishFailed: number;
}

/** Events still on their way at a moment. */
export interface UnderWay {
  /** Drawn ahead of the clock: not arrived yet. */
  arriving: number;
  /** Their transaction is under way (before a publish, or after one in publish-first). */
  inTransaction: number;
  /** Handed to the producer, not answered yet (dual-write). */
  publishing: number;
  /** Rows in the outbox, being relayed or not. */
  inOutbox: number;
  /** Of those, rows already in the log (published before a crash, not deleted). */
  inOutboxPublished: number;
}

type State = 'arriving' | 'db-write' | 'publishing' | 'outbox' | 'relaying' | 'deleting' | 'committing';

interface Pending {
  keySlot: number;
  size: number;
  state: State;
  /** Commit time (db-first, outbox): the event's timestamp in the log, and where publish delay starts. */
  committedAt: number;
  /** The relay poll that published it, while it is `relaying`. */
  poll: number;
}

export class DbWriter implements ProducerApp {
  readonly stats: DbWriterStats = { requests: 0, rejected: 0, aborted: 0, committed: 0, published: 0, missing: 0, phantom: 0, duplicates: 0, publishFailed: 0 };
  /** Commit to the first acknowledged publish (the relay's delay, in outbox mode). */
  readonly publishDelay = new LatencyHistogram();
  outboxDepthMax = 0;
  private outboxDepth = 0;
  private readonly mode: 'db-first' | 'publish-first' | 'outbox';
  private readonly pending = new Map<number, Pending>();
  /** Arrival times not yet reached (arrivals are drawn ahead), oldest first. */
  private readonly arrivals: number[] = [];
  private arrivalsHead = 0;
  /** Outbox rows in commit order (event ids); rows whose event is no longer pending are deleted. */
  private outbox: number[] = [];
  private outboxHead = 0;
  /** Bit per event id: acknowledged by the topic at least once. */
  private publishedBits = new Uint8Array(1 << 12);
  private down = false;
  /** Bumped at every crash: transactions and relay polls from before it are recognised. */
  private epoch = 0;
  private relayPoll = 0;
  private relayOutstanding = 0;
  private readonly dbWrite: Sampler;
  private readonly requestEvent: number;
  private readonly commitEvent: number;
  private readonly relayEvent: number;
  private readonly deleteEvent: number;

  constructor(
    readonly spec: ProducerSpec,
    private readonly producer: Producer,
    private readonly ctx: ModelContext,
  ) {
    this.mode = spec.writes === 'outbox' ? 'outbox' : spec.order;
    this.dbWrite = createSampler(spec.dbWrite, ctx.streams.stream(spec.id, 'db-write'));
    const sim = ctx.sim;
    this.requestEvent = sim.defineEvent(`${spec.id}:request`, (eventId) => this.request(eventId));
    this.commitEvent = sim.defineEvent(`${spec.id}:commit`, (eventId, epoch) => this.commit(eventId, epoch));
    this.relayEvent = sim.defineEvent(`${spec.id}:relay-poll`, (poll) => {
      if (!this.down && poll === this.relayPoll) this.relay();
    });
    this.deleteEvent = sim.defineEvent(`${spec.id}:outbox-delete`, (eventId, epoch) => this.rowDeleted(eventId, epoch));
    producer.app = this;
    producer.onBatchDone = (_target, eventIds, count, ok) => {
      for (let i = 0; i < count; i++) this.answered(eventIds[i], ok);
    };
    if (this.mode === 'outbox') sim.after(spec.relayInterval, this.relayEvent, this.relayPoll);
  }

  // ---- the producer's side -------------------------------------------------------------------

  arrived(at: number, eventId: number, keySlot: number, size: number): void {
    this.pending.set(eventId, { keySlot, size, state: 'arriving', committedAt: -1, poll: -1 });
    this.arrivals.push(at);
    this.ctx.sim.at(at, this.requestEvent, eventId);
  }

  aheadOf(now: number): number {
    let ahead = 0;
    for (let i = this.arrivals.length - 1; i >= this.arrivalsHead && this.arrivals[i] > now; i--) ahead++;
    return ahead;
  }

  dropped(eventIds: Uint32Array, _createTimes: Float64Array, count: number): void {
    for (let i = 0; i < count; i++) this.notPublished(eventIds[i]);
  }

  // ---- the timeline ----------------------------------------------------------------------------

  crash(): void {
    if (this.down) return;
    this.down = true;
    this.epoch++;
    this.relayPoll++;
    // Transactions under way roll back: before a publish nothing was written (aborted); after one
    // (publish-first) the event is in the log and will never be in the database (phantom).
    for (const [eventId, p] of this.pending) {
      if (p.state === 'db-write') this.stats.aborted++;
      else if (p.state === 'committing') this.stats.phantom++;
      else continue;
      this.pending.delete(eventId);
    }
    this.producer.crash();
  }

  restart(): void {
    if (!this.down) return;
    this.down = false;
    this.producer.restart();
    if (this.mode !== 'outbox') return;
    // The new relay reads the table afresh: rows published before the crash but not deleted go again.
    for (const p of this.pending.values()) if (p.state === 'relaying' || p.state === 'deleting') p.state = 'outbox';
    this.relayOutstanding = 0;
    this.relay();
  }

  get isDown(): boolean {
    return this.down;
  }

  // ---- one event's way -----------------------------------------------------------------------

  private request(eventId: number): void {
    this.arrivalsHead++;
    if (this.arrivalsHead > 4096 && this.arrivalsHead * 2 > this.arrivals.length) {
      this.arrivals.splice(0, this.arrivalsHead);
      this.arrivalsHead = 0;
    }
    const p = this.pending.get(eventId)!;
    this.stats.requests++;
    if (this.down) {
      this.stats.rejected++;
      this.pending.delete(eventId);
      return;
    }
    const now = this.ctx.sim.now;
    if (this.mode === 'publish-first') {
      p.state = 'publishing';
      this.producer.publishAt(now, now, eventId, p.keySlot, p.size);
      return;
    }
    p.state = 'db-write';
    this.ctx.sim.at(now + Math.max(0, Math.round(this.dbWrite())), this.commitEvent, eventId, this.epoch);
  }

  private commit(eventId: number, epoch: number): void {
    const p = this.pending.get(eventId);
    // A transaction a crash rolled back was accounted then.
    if (p === undefined || epoch !== this.epoch) return;
    this.stats.committed++;
    const now = this.ctx.sim.now;
    p.committedAt = now;
    if (p.state === 'committing') {
      this.pending.delete(eventId);
    } else if (this.mode === 'db-first') {
      p.state = 'publishing';
      this.producer.publishAt(now, now, eventId, p.keySlot, p.size);
    } else {
      p.state = 'outbox';
      this.outbox.push(eventId);
      this.outboxDepth++;
      this.outboxDepthMax = Math.max(this.outboxDepthMax, this.outboxDepth);
    }
  }

  /** The producer's answer for one event's publish. */
  private answered(eventId: number, ok: boolean): void {
    const p = this.pending.get(eventId);
    const now = this.ctx.sim.now;
    if (ok) {
      if (this.markPublished(eventId)) {
        this.stats.published++;
        if (p !== undefined && p.committedAt >= 0) this.publishDelay.record(now - p.committedAt);
      } else this.stats.duplicates++;
    }
    if (p === undefined) return; // an outbox row deleted already: only the duplicate counts
    const relayed = p.state === 'relaying' && p.poll === this.relayPoll;
    if (!ok) {
      if (relayed) this.relayRowDone();
      this.notPublished(eventId);
      return;
    }
    switch (this.mode) {
      case 'db-first':
        this.pending.delete(eventId);
        return;
      case 'publish-first':
        if (this.down) {
          this.stats.phantom++;
          this.pending.delete(eventId);
          return;
        }
        p.state = 'committing';
        this.ctx.sim.at(now + Math.max(0, Math.round(this.dbWrite())), this.commitEvent, eventId, this.epoch);
        return;
      case 'outbox':
        // An answer the relay no longer waits for (it died meanwhile) deletes nothing: the row
        // stays, and the relay's successor publishes it again.
        if (!relayed) {
          if (p.state === 'relaying') p.state = 'outbox';
          return;
        }
        // The relay deletes the row in a transaction of its own: a crash before it commits leaves the row.
        p.state = 'deleting';
        this.ctx.sim.at(now + Math.max(0, Math.round(this.dbWrite())), this.deleteEvent, eventId, this.epoch);
        return;
    }
  }

  /** A publish that will not happen or did not work: dropped from the buffer, or failed. */
  private notPublished(eventId: number): void {
    const p = this.pending.get(eventId);
    if (p === undefined) return;
    if (this.mode === 'outbox') {
      // The row stays; the relay takes it again.
      if (p.state === 'relaying') p.state = 'outbox';
      return;
    }
    if (this.mode === 'db-first') this.stats.missing++;
    else if (this.down) this.stats.aborted++;
    else this.stats.publishFailed++;
    this.pending.delete(eventId);
  }

  // ---- the outbox relay ------------------------------------------------------------------------

  /** One poll: publishes up to relayBatch rows, or sleeps relayInterval when there are none. */
  private relay(): void {
    const now = this.ctx.sim.now;
    this.relayPoll++;
    while (this.outboxHead < this.outbox.length && !this.pending.has(this.outbox[this.outboxHead])) this.outboxHead++;
    if (this.outboxHead > 4096 && this.outboxHead * 2 > this.outbox.length) {
      this.outbox = this.outbox.slice(this.outboxHead);
      this.outboxHead = 0;
    }
    let taken = 0;
    for (let i = this.outboxHead; i < this.outbox.length && taken < this.spec.relayBatch; i++) {
      const eventId = this.outbox[i];
      const p = this.pending.get(eventId);
      if (p === undefined || p.state !== 'outbox') continue;
      p.state = 'relaying';
      p.poll = this.relayPoll;
      taken++;
    }
    this.relayOutstanding = taken;
    if (taken === 0) {
      this.ctx.sim.after(this.spec.relayInterval, this.relayEvent, this.relayPoll);
      return;
    }
    // Handed over after marking, so an answer given at once finds its row counted.
    for (let i = this.outboxHead, sent = 0; i < this.outbox.length && sent < taken; i++) {
      const eventId = this.outbox[i];
      const p = this.pending.get(eventId);
      if (p === undefined || p.state !== 'relaying' || p.poll !== this.relayPoll) continue;
      sent++;
      this.producer.publishAt(now, p.committedAt, eventId, p.keySlot, p.size);
    }
  }

  private rowDeleted(eventId: number, epoch: number): void {
    const p = this.pending.get(eventId);
    if (p === undefined || p.state !== 'deleting') return;
    if (epoch !== this.epoch) {
      p.state = 'outbox';
      return;
    }
    const relayed = p.poll === this.relayPoll;
    this.pending.delete(eventId);
    this.outboxDepth--;
    if (relayed) this.relayRowDone();
  }

  /** One row of the current poll is done with (deleted, or left for the next poll): the relay sleeps once all are. */
  private relayRowDone(): void {
    if (--this.relayOutstanding === 0) this.ctx.sim.after(this.spec.relayInterval, this.relayEvent, this.relayPoll);
  }

  private markPublished(eventId: number): boolean {
    const byte = eventId >>> 3;
    if (byte >= this.publishedBits.length) {
      const bigger = new Uint8Array(Math.max(byte + 1, this.publishedBits.length * 2));
      bigger.set(this.publishedBits);
      this.publishedBits = bigger;
    }
    const bit = 1 << (eventId & 7);
    if ((this.publishedBits[byte] & bit) !== 0) return false;
    this.publishedBits[byte] |= bit;
    return true;
  }

  // ---- the end of the run ----------------------------------------------------------------------

  /** Events still on their way, by where they are. */
  underWay(): UnderWay {
    const counts: UnderWay = { arriving: 0, inTransaction: 0, publishing: 0, inOutbox: 0, inOutboxPublished: 0 };
    for (const [eventId, p] of this.pending) {
      if (p.state === 'arriving') counts.arriving++;
      else if (p.state === 'db-write' || p.state === 'committing') counts.inTransaction++;
      else if (p.state === 'publishing') counts.publishing++;
      else {
        counts.inOutbox++;
        if (this.isPublished(eventId)) counts.inOutboxPublished++;
      }
    }
    return counts;
  }

  private isPublished(eventId: number): boolean {
    const byte = eventId >>> 3;
    return byte < this.publishedBits.length && (this.publishedBits[byte] & (1 << (eventId & 7))) !== 0;
  }

  get outboxRows(): number {
    return this.outboxDepth;
  }
}
