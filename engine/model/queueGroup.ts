/**
 * A consumer group reading a queue: its members compete for messages. There are no partitions,
 * no assignment and no rebalances; a member asks the queue for up to `maxPollRecords` messages,
 * waits (a long poll) when none is visible, and gets them `fetchLatency` later.
 *
 * Each message is processed as a group member processes a record (processing time, then each
 * wired service; a failure is retried `retries` times after `retryBackoff`; poison messages always
 * fail). Then it is deleted (the acknowledgement), which reaches the queue `commitLatency` later:
 * - `commit: "record"`: each message is deleted as soon as it is done;
 * - `"poll"` or `"auto"`: the messages of one receive are deleted together after the last of them
 *   (a queue has no offsets to commit on a timer), so a crash in between loses the deletes of the
 *   ones already done: they come back after the visibility timeout and are processed twice.
 * A message that fails every retry is not deleted: the queue delivers it again after its visibility
 * timeout and, after `maxReceives` receives, moves it to its dead-letter queue. `delivery:
 * "at-most-once"` deletes a receive's messages before processing them (a crash loses them);
 * `"idempotent"` skips events the group has processed before.
 */
import { createSampler, type Sampler } from '../core/distributions.ts';
import { LatencyHistogram } from '../metrics/histogram.ts';
import type { ConsumerGroupSpec } from '../scenario/schema.ts';
import { hash32, memberIdFor, stringHash } from './consumerGroup.ts';
import { KEYLESS, type ModelContext } from './context.ts';
import { EventIdSet, KeyOrder } from './eventOrder.ts';
import type { MemberState } from './member.ts';
import type { Queue, QueueReader, QueueReceiver, ReceivedMessage } from './queue.ts';
import type { Service } from './service.ts';
import type { Topic } from './topic.ts';

export interface QueueGroupStats {
  processed: number;
  duplicates: number;
  /** Re-deliveries an idempotent group recognised and did not apply again. */
  redelivered: number;
  retries: number;
  /** Messages the queue dead-lettered after this group's member was the last to receive them. */
  deadLettered: number;
  orderingViolations: number;
  /** at-most-once: messages deleted before processing and never processed (a crash). */
  lostAtMostOnce: number;
}

/** One consumer process competing for the queue's messages. */
export class QueueMember implements QueueReceiver {
  state: MemberState = 'starting';
  epoch = 0;
  leaving = false;
  /** The messages of the last receive, in hand until done. */
  readonly batch: ReceivedMessage[] = [];
  index = 0;
  attempt = 0;
  recordStartedAt = 0;
  serviceIndex = 0;
  serviceCall: { service: number; id: number } | null = null;
  /** at-most-once: the batch in hand was deleted before processing. */
  deletedAhead = false;
  /** Messages done whose delete has not been sent (commit "poll"/"auto"). */
  readonly undeleted: number[] = [];
  processed = 0;
  busyUs = 0;
  aliveUs = 0;
  aliveSince = 0;
  readonly latency = new LatencyHistogram();

  constructor(
    readonly slot: number,
    public memberId: string,
    private readonly group: QueueGroup,
    readonly processingTime: Sampler,
  ) {}

  get alive(): boolean {
    return this.state !== 'dead' && this.state !== 'left';
  }

  wakeUp(): void {
    if (this.state === 'idle') this.group.receive(this);
  }

  utilization(now: number): number {
    const alive = this.aliveUs + (this.alive ? now - this.aliveSince : 0);
    return alive > 0 ? this.busyUs / alive : 0;
  }
}

export class QueueGroup implements QueueReader {
  readonly stats: QueueGroupStats = { processed: 0, duplicates: 0, redelivered: 0, retries: 0, deadLettered: 0, orderingViolations: 0, lostAtMostOnce: 0 };
  readonly members: QueueMember[] = [];
  readonly latency = new LatencyHistogram();
  /** Latency of messages finished since the last sample (the time series reads and resets it). */
  readonly intervalLatency = new LatencyHistogram();
  intervalProcessed = 0;
  private readonly reader: number;
  private readonly seen = new EventIdSet();
  private readonly keyOrder: KeyOrder;
  private readonly poisonSalt: number;
  private incarnations: number[] = [];
  private readonly ev: { arrive: number; processed: number; retry: number; deleted: number; deleteArrives: number };

  constructor(
    readonly spec: ConsumerGroupSpec,
    readonly queue: Queue,
    readonly services: Service[],
    readonly outputs: Topic[],
    keySlots: number,
    private readonly ctx: ModelContext,
  ) {
    this.reader = queue.readers.push(this) - 1;
    this.keyOrder = new KeyOrder(keySlots);
    this.poisonSalt = hash32(stringHash(`${ctx.streams.seed}:${spec.id}:poison`));
    const sim = ctx.sim;
    const memberEvent = (name: string, run: (m: QueueMember) => void) =>
      sim.defineEvent(`${spec.id}:${name}`, (slot, epoch) => {
        const m = this.members[slot];
        if (m.epoch === epoch && m.alive) run(m);
      });
    this.ev = {
      arrive: memberEvent('messages-arrive', (m) => this.messagesArrived(m)),
      processed: memberEvent('processing-done', (m) => this.processingDone(m)),
      retry: memberEvent('retry', (m) => this.attempt(m)),
      deleted: memberEvent('deletes-done', (m) => this.deletesDone(m)),
      // A delete already sent reaches the queue whatever happens to its sender.
      deleteArrives: sim.defineEvent(`${spec.id}:delete-arrives`, (seq) => this.queue.ack(seq)),
    };
    for (let slot = 0; slot < spec.consumers; slot++) this.addMember();
  }

  get id(): string {
    return this.spec.id;
  }

  get now(): number {
    return this.ctx.sim.now;
  }

  noteDeadLettered(): void {
    this.stats.deadLettered++;
  }

  // ---- timeline actions ----------------------------------------------------------------------

  addMember(): QueueMember {
    const slot = this.members.length;
    this.incarnations[slot] = 0;
    const processingTime = createSampler(this.spec.processing, this.ctx.streams.stream(this.spec.id, `processing-${slot}`));
    const m = new QueueMember(slot, memberIdFor(this.spec.id, slot, 0), this, processingTime);
    this.members.push(m);
    this.start(m);
    return m;
  }

  /** The process dies: what it holds stays hidden until its visibility timeout, deletes not sent are never sent. */
  crashMember(slot: number): void {
    const m = this.members[slot];
    if (!m?.alive) return;
    // at-most-once: its deletes are on their way, so what it had not finished is lost.
    if (m.deletedAhead) this.stats.lostAtMostOnce += m.batch.length - m.index;
    this.stop(m, 'dead');
  }

  restartMember(slot: number): void {
    const m = this.members[slot];
    if (!m || m.alive) return;
    this.incarnations[slot]++;
    m.memberId = memberIdFor(this.spec.id, slot, this.incarnations[slot]);
    this.start(m);
  }

  /** Graceful shutdown: the member finishes and deletes what it holds, then stops. */
  removeMember(slot: number | undefined): void {
    const m = slot === undefined ? [...this.members].reverse().find((x) => x.alive && !x.leaving) : this.members[slot];
    if (!m?.alive) return;
    m.leaving = true;
    if (m.state === 'idle') this.stop(m, 'left');
  }

  // ---- the receive loop ----------------------------------------------------------------------

  private start(m: QueueMember): void {
    m.epoch++;
    m.leaving = false;
    m.aliveSince = this.now;
    m.state = 'idle';
    this.receive(m);
  }

  private stop(m: QueueMember, state: 'dead' | 'left'): void {
    if (m.serviceCall) this.services[m.serviceCall.service].cancel(m.serviceCall.id);
    m.serviceCall = null;
    this.queue.stopWaiting(m);
    m.epoch++;
    m.aliveUs += this.now - m.aliveSince;
    m.state = state;
    m.batch.length = 0;
    m.index = 0;
    m.deletedAhead = false;
    m.undeleted.length = 0;
  }

  /** Asks the queue for messages; waits for one if none is visible. */
  receive(m: QueueMember): void {
    if (m.leaving) {
      this.stop(m, 'left');
      return;
    }
    m.index = 0;
    if (this.queue.receive(this.spec.maxPollRecords, this.reader, m.batch) === 0) {
      m.state = 'idle';
      this.queue.wait(m);
      return;
    }
    m.state = 'processing';
    this.ctx.sim.after(this.spec.fetchLatency, this.ev.arrive, m.slot, m.epoch);
  }

  private messagesArrived(m: QueueMember): void {
    if (this.spec.delivery === 'at-most-once') {
      // Delete first, then process: a crash from here on loses what is not done.
      m.state = 'committing';
      m.deletedAhead = true;
      this.sendDeletes(m.batch.map((message) => message.seq));
      this.ctx.sim.after(this.spec.commitLatency, this.ev.deleted, m.slot, m.epoch);
      return;
    }
    this.nextMessage(m);
  }

  private sendDeletes(seqs: readonly number[]): void {
    for (const seq of seqs) this.ctx.sim.after(this.spec.commitLatency, this.ev.deleteArrives, seq);
  }

  private deletesDone(m: QueueMember): void {
    m.state = 'processing';
    if (m.index >= m.batch.length) this.batchDone(m);
    else this.nextMessage(m);
  }

  private nextMessage(m: QueueMember): void {
    if (m.index >= m.batch.length) {
      this.batchDone(m);
      return;
    }
    const message = m.batch[m.index];
    m.attempt = 0;
    m.recordStartedAt = this.now;
    if (this.spec.delivery === 'idempotent' && this.seen.has(message.eventId)) {
      // Effectively once: applied before, so nothing runs again; it is deleted all the same.
      this.stats.redelivered++;
      this.messageDone(m, true);
      return;
    }
    this.attempt(m);
  }

  private attempt(m: QueueMember): void {
    this.ctx.sim.after(m.processingTime(), this.ev.processed, m.slot, m.epoch);
  }

  private processingDone(m: QueueMember): void {
    if (this.isPoison(m.batch[m.index].eventId)) {
      this.failed(m);
      return;
    }
    m.serviceIndex = 0;
    this.callNextService(m);
  }

  private callNextService(m: QueueMember): void {
    if (m.serviceIndex >= this.services.length) {
      this.succeeded(m);
      return;
    }
    const epoch = m.epoch;
    const id = this.services[m.serviceIndex].call((ok) => {
      if (m.epoch !== epoch) return;
      m.serviceCall = null;
      if (!ok) {
        this.failed(m);
        return;
      }
      m.serviceIndex++;
      this.callNextService(m);
    });
    m.serviceCall = { service: m.serviceIndex, id };
  }

  private failed(m: QueueMember): void {
    m.attempt++;
    if (m.attempt <= this.spec.retries) {
      this.stats.retries++;
      this.ctx.sim.after(this.spec.retryBackoff, this.ev.retry, m.slot, m.epoch);
      return;
    }
    // Given up: not deleted, so the queue delivers it again after its visibility timeout.
    m.busyUs += this.now - m.recordStartedAt;
    m.index++;
    this.nextMessage(m);
  }

  private succeeded(m: QueueMember): void {
    const now = this.now;
    const message = m.batch[m.index];
    m.busyUs += now - m.recordStartedAt;
    const latency = now - message.createTime;
    if (this.seen.has(message.eventId)) {
      this.stats.duplicates++;
    } else {
      this.seen.add(message.eventId);
      this.stats.processed++;
      if (message.keySlot !== KEYLESS && this.keyOrder.violates(message.keySlot, message.eventId)) this.stats.orderingViolations++;
    }
    this.queue.noteProcessed(message.eventId, message.keySlot);
    this.latency.record(latency);
    this.intervalLatency.record(latency);
    m.latency.record(latency);
    this.intervalProcessed++;
    m.processed++;
    for (const topic of this.outputs) topic.write(topic.partitionForDerived(message.keySlot), message.createTime, message.eventId, message.keySlot, message.size);
    this.messageDone(m, false);
  }

  /** A message is done: deleted now (commit "record") or with the rest of its receive. */
  private messageDone(m: QueueMember, skipped: boolean): void {
    const message = m.batch[m.index];
    m.index++;
    if (this.spec.delivery === 'at-most-once') {
      this.nextMessage(m);
      return;
    }
    if (this.spec.commit === 'record' && !skipped) {
      m.state = 'committing';
      this.sendDeletes([message.seq]);
      this.ctx.sim.after(this.spec.commitLatency, this.ev.deleted, m.slot, m.epoch);
      return;
    }
    m.undeleted.push(message.seq);
    this.nextMessage(m);
  }

  private batchDone(m: QueueMember): void {
    if (m.undeleted.length > 0) {
      m.state = 'committing';
      this.sendDeletes(m.undeleted);
      m.undeleted.length = 0;
      m.batch.length = 0;
      this.ctx.sim.after(this.spec.commitLatency, this.ev.deleted, m.slot, m.epoch);
      return;
    }
    m.batch.length = 0;
    m.index = 0;
    m.deletedAhead = false;
    this.receive(m);
  }

  /** Whether a message always fails: decided by its event id, as for a group reading a topic. */
  private isPoison(eventId: number): boolean {
    return this.spec.poison > 0 && hash32(eventId ^ this.poisonSalt) / 4294967296 < this.spec.poison;
  }
}

