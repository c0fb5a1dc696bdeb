/**
 * A producer: events arrive at a rate (Poisson or evenly spaced), each gets a key and a size, the
 * partitioner picks a partition, and records wait in a per-partition batch until it is full
 * (`batchSize` bytes) or `linger` has passed since its first record. A batch then travels
 * `networkLatency` to the broker; a failed send is retried after `retryBackoff` until `retries` or
 * `deliveryTimeout` runs out, then counted as a publish failure.
 *
 * The producer is idempotent (Kafka's default since 3.0): a retried batch keeps its place, so
 * batches of one partition are appended in the order they were created, whatever their retries.
 */
import { createSampler, type Sampler } from '../core/distributions.ts';
import { createKeySampler, NO_KEY, type KeySampler } from '../core/keys.ts';
import type { Rng } from '../core/random.ts';
import type { ProducerSpec } from '../scenario/schema.ts';
import { arrivalGapUs } from './arrivals.ts';
import { KEYLESS, type ModelContext } from './context.ts';
import { QueueInbox, type Queue } from './queue.ts';
import type { Topic } from './topic.ts';

/** Records of one batch, held column-wise until the batch is appended. Batches are pooled. */
class Batch {
  target = 0;
  partition = 0;
  createdAt = 0;
  count = 0;
  bytes = 0;
  createTimes = new Float64Array(64);
  eventIds = new Uint32Array(64);
  keySlots = new Int32Array(64);
  sizes = new Uint32Array(64);
  versions = new Uint16Array(64);
  attempts = 0;
  /** First offset of its records in the log once appended, -1 before. */
  appendedFrom = -1;
  /** Bumped on every reuse, so a linger timer set for an earlier use is recognised as stale. */
  use = 0;
  state: 'free' | 'open' | 'closed' | 'in-flight' | 'acked' | 'failed' = 'free';

  constructor(readonly id: number) {}

  push(createTime: number, eventId: number, keySlot: number, size: number, version: number): void {
    const i = this.count;
    if (i === this.createTimes.length) this.grow();
    this.createTimes[i] = createTime;
    this.eventIds[i] = eventId;
    this.keySlots[i] = keySlot;
    this.sizes[i] = size;
    this.versions[i] = version;
    this.count = i + 1;
    this.bytes += size;
  }

  private grow(): void {
    const n = this.createTimes.length * 2;
    const grow = <T extends Float64Array | Uint32Array | Int32Array | Uint16Array>(from: T, to: T): T => {
      to.set(from);
      return to;
    };
    this.createTimes = grow(this.createTimes, new Float64Array(n));
    this.eventIds = grow(this.eventIds, new Uint32Array(n));
    this.keySlots = grow(this.keySlots, new Int32Array(n));
    this.sizes = grow(this.sizes, new Uint32Array(n));
    this.versions = grow(this.versions, new Uint16Array(n));
  }
}

/** A partition of one output topic, as this producer sees it. */
interface Accumulator {
  open: Batch | null;
  /** Sent batches not yet acknowledged or failed, oldest first. */
  inFlight: Batch[];
  /** Closed batches waiting for a free request slot (maxInFlight). */
  waiting: Batch[];
  /** Idempotent batches that reached the broker before their predecessor was appended. */
  parked: Batch[];
  /** Batches closed with their send still to come (drawn ahead): newer records must not overtake them. */
  closing: number;
}

/**
 * The app behind a producer that writes a database (`writes` dual-write or outbox, see dbWriter.ts):
 * it takes the producer's arrivals and decides what is published, and when.
 */
export interface ProducerApp {
  /** An event arrives at `at` (now, or drawn ahead). */
  arrived(at: number, eventId: number, keySlot: number, size: number): void;
  /** A crash dropped these records from the producer's buffer before they were sent. */
  dropped(batchEventIds: Uint32Array, createTimes: Float64Array, count: number): void;
  /** Arrivals it holds that were drawn ahead of `now`. */
  aheadOf(now: number): number;
}

export interface ProducerStats {
  sent: number;
  publishFailures: number;
  retries: number;
  batches: number;
}

export class Producer {
  readonly stats: ProducerStats = { sent: 0, publishFailures: 0, retries: 0, batches: 0 };
  /** Hears each batch once it is done (acknowledged, or failed for good): an api answers its requests from it. */
  onBatchDone: ((target: number, eventIds: Uint32Array, count: number, ok: boolean) => void) | null = null;
  private ratePerSec: number;
  private readonly interarrival: Rng;
  private readonly keys: KeySampler;
  private readonly eventSize: Sampler;
  private readonly partitionRng: Rng;
  private readonly failureRng: Rng;
  private readonly accumulators: Accumulator[][];
  /** Every batch ever made, by id; `free` ones are reused. */
  private readonly batches: Batch[] = [];
  private readonly freeBatches: Batch[] = [];
  private readonly poisson: boolean;
  /** The event size when it never varies (most scenarios), else -1: saves a call per event. */
  private readonly constantSize: number;
  /** Exact (unrounded) time of the next arrival, so evenly spaced arrivals never drift. */
  private nextArrivalExact = 0;
  private arrivalGeneration = 0;
  /** Times of this producer's `set-rate` actions: arrivals are never drawn past the next one. */
  private readonly rateChanges: number[];
  private readonly horizon: number;
  /** Records in batches handed to the network. */
  recordsSent = 0;
  /** The schema version its records are written with (set-schema moves it). */
  schemaVersion: number;
  /** Writes a database before or instead of publishing (dual-write, outbox): takes every arrival. */
  app: ProducerApp | null = null;
  /** The process is down (crash-producer): nothing is sent or retried until it restarts. */
  down = false;
  /** Queues it sends to: each event goes on its own, no batch, no partitioner (see {@link sendTo}). */
  private readonly inboxes: QueueInbox[] = [];
  /** Keyless sticky partitioning: the current partition per output and bytes sent to it. */
  private readonly sticky: { partition: number; bytes: number }[];
  private readonly roundRobin: number[];
  private readonly arrivalEvent: number;
  private readonly sendEvent: number;
  private readonly lingerEvent: number;
  private readonly arriveEvent: number;
  private readonly ackEvent: number;
  private readonly releaseEvent: number;
  private readonly waitingDueEvent: number;
  private readonly failEvent: number;
  private readonly retryEvent: number;

  constructor(
    readonly spec: ProducerSpec,
    private readonly outputs: Topic[],
    /** First run-wide key slot of this producer's keys. */
    readonly keyBase: number,
    private readonly ctx: ModelContext,
    rateChanges: number[] = [],
  ) {
    this.rateChanges = [...rateChanges].sort((a, b) => a - b);
    // An app that writes a database turns each arrival into events of its own: drawing far ahead buys nothing.
    this.horizon = spec.writes === 'publish-only' ? Math.max(spec.linger, 1000) : 1000;
    const { streams, sim } = ctx;
    this.ratePerSec = spec.rate;
    this.schemaVersion = spec.schemaVersion;
    this.poisson = spec.arrival === 'poisson';
    this.constantSize = spec.eventSize.dist === 'constant' ? Math.max(0, Math.round(spec.eventSize.value)) : -1;
    this.interarrival = streams.stream(spec.id, 'arrivals');
    this.keys = createKeySampler(spec.keys, streams.stream(spec.id, 'keys'));
    this.eventSize = createSampler(spec.eventSize, streams.stream(spec.id, 'event-size'));
    this.partitionRng = streams.stream(spec.id, 'partitioner');
    this.failureRng = streams.stream(spec.id, 'publish-failures');
    this.accumulators = outputs.map(() => []);
    this.sticky = outputs.map(() => ({ partition: -1, bytes: 0 }));
    this.roundRobin = outputs.map(() => -1);

    this.arrivalEvent = sim.defineEvent(`${spec.id}:arrivals`, (generation) => {
      if (generation === this.arrivalGeneration) this.generateArrivals();
    });
    this.sendEvent = sim.defineEvent(`${spec.id}:send`, (batchId, use) => {
      const batch = this.batches[batchId];
      if (batch.use !== use) return;
      const acc = this.accumulator(batch.target, batch.partition);
      acc.closing--;
      if (batch.state === 'closed' && !acc.waiting.includes(batch)) this.send(batch);
    });
    this.lingerEvent = sim.defineEvent(`${spec.id}:linger`, (batchId, use) => {
      const batch = this.batches[batchId];
      if (batch.state === 'open' && batch.use === use) this.close(batch, this.ctx.sim.now);
    });
    // Batch events carry the batch's `use`, so an event for an earlier use of a pooled batch is dropped.
    const batchEvent = (name: string, run: (batch: Batch, extra: number) => void) =>
      sim.defineEvent(`${spec.id}:${name}`, (batchId, tag) => {
        const batch = this.batches[batchId];
        if (batch.use === Math.floor(tag / 2)) run(batch, tag % 2);
      });
    this.arriveEvent = batchEvent('reaches-broker', (batch) => this.reachBroker(batch));
    this.ackEvent = batchEvent('acknowledged', (batch) => this.acknowledged(batch));
    this.failEvent = batchEvent('send-failed', (batch, refused) => this.sendFailed(batch, refused === 1));
    this.retryEvent = batchEvent('retry', (batch) => this.attempt(batch));
    this.waitingDueEvent = sim.defineEvent(`${spec.id}:waiting-due`, (target, partition) => this.sendWaiting(this.accumulator(target, partition)));
    this.releaseEvent = sim.defineEvent(`${spec.id}:release-parked`, (target, partition) => this.releaseParked(target, partition));
    this.nextArrivalExact = 0;
    this.drawNextArrival(true);
    this.scheduleArrivals();
  }

  /**
   * Sends every event to `queue` too, as one message reaching it `networkLatency` after the event:
   * a queue has no partitions and no broker batches, so partitioner, linger, batch size, acks and
   * publish failures apply to topics only.
   */
  sendTo(queue: Queue): void {
    this.inboxes.push(new QueueInbox(queue, this.spec.id, this.ctx));
  }

  /** Number of distinct keys (run-wide key slots this producer owns). */
  get keyCount(): number {
    return this.keys.count;
  }

  keyName(id: number): string {
    return this.keys.name(id);
  }

  get rate(): number {
    return this.ratePerSec;
  }

  /**
   * Changes the rate from now on (the `set-rate` timeline action). Arrivals are drawn ahead (see
   * {@link generateArrivals}) but never past a scheduled rate change, so none was drawn at the old rate.
   */
  setRate(ratePerSec: number): void {
    this.ratePerSec = ratePerSec;
    this.arrivalGeneration++;
    this.nextArrivalExact = this.ctx.sim.now;
    this.drawNextArrival(true);
    this.scheduleArrivals();
  }

  /** Draws the time of the next arrival into nextArrivalExact (Infinity at rate 0). */
  private drawNextArrival(first = false): void {
    this.nextArrivalExact += arrivalGapUs(this.ratePerSec, this.poisson, this.interarrival, first);
  }

  private scheduleArrivals(): void {
    if (this.nextArrivalExact === Infinity) return;
    const sim = this.ctx.sim;
    sim.at(Math.max(sim.now, Math.round(this.nextArrivalExact)), this.arrivalEvent, this.arrivalGeneration);
  }

  /**
   * Draws and batches every arrival from now until `horizon` ahead (at least one linger) in one
   * event. Nothing outside the producer can see a record before its batch is sent, and batches
   * are sent by their own events at their exact times (full, or linger expired), so drawing ahead
   * changes no outcome; it only saves an event per record.
   */
  private generateArrivals(): void {
    const now = this.ctx.sim.now;
    let end = now + this.horizon;
    for (const change of this.rateChanges) {
      // A change due now runs next (its event is already queued) and reschedules arrivals.
      if (change >= now) {
        end = Math.min(end, change);
        break;
      }
    }
    let at = Math.round(this.nextArrivalExact);
    while (at < end) {
      this.arrive(Math.max(at, now));
      this.drawNextArrival();
      at = Math.round(this.nextArrivalExact);
    }
    this.scheduleArrivals();
  }

  /** One event handed to the producer now, beside its own arrivals (an api publishing per request). Returns its event id. */
  publish(): number {
    return this.arrive(this.ctx.sim.now);
  }

  private arrive(now: number): number {
    const keyId = this.keys.next();
    const keySlot = keyId === NO_KEY ? KEYLESS : this.keyBase + keyId;
    const size = this.constantSize >= 0 ? this.constantSize : Math.max(0, Math.round(this.eventSize()));
    const eventId = this.ctx.nextEventId();
    this.stats.sent++;
    if (this.app !== null) {
      this.app.arrived(now, eventId, keySlot, size);
      return eventId;
    }
    this.publishAt(now, now, eventId, keySlot, size);
    for (const inbox of this.inboxes) inbox.send(now + this.spec.networkLatency, now, eventId, keySlot, size);
    return eventId;
  }

  private choosePartition(target: number, keySlot: number, size: number): number {
    const topic = this.outputs[target];
    const partitions = topic.partitionCount;
    if (this.spec.partition !== undefined) return Math.min(this.spec.partition, partitions - 1);
    switch (this.spec.partitioner) {
      case 'round-robin':
        this.roundRobin[target] = (this.roundRobin[target] + 1) % partitions;
        return this.roundRobin[target];
      case 'random':
        return Math.floor(this.partitionRng() * partitions);
      case 'default': {
        if (keySlot !== KEYLESS) return topic.partitionForKeySlot(keySlot);
        // Kafka 3.3+ built-in partitioner: stay on one partition until batch.size bytes went to
        // it, then move to a partition chosen at random (uniformly: no broker load is modelled).
        const sticky = this.sticky[target];
        if (sticky.partition < 0 || sticky.partition >= partitions || sticky.bytes >= this.spec.batchSize) {
          sticky.partition = Math.floor(this.partitionRng() * partitions);
          sticky.bytes = 0;
        }
        sticky.bytes += size;
        return sticky.partition;
      }
    }
  }

  private accumulator(target: number, partition: number): Accumulator {
    const list = this.accumulators[target];
    while (list.length <= partition) list.push({ open: null, inFlight: [], waiting: [], parked: [], closing: 0 });
    return list[partition];
  }

  /**
   * Hands one record to the batches of every output at `now` (drawn ahead, or the clock). A
   * database-writing app calls it when it publishes; `createTime` is then the event's time, which
   * may be earlier (an outbox row's commit time).
   */
  publishAt(now: number, createTime: number, eventId: number, keySlot: number, size: number): void {
    for (let target = 0; target < this.outputs.length; target++) {
      const partition = this.choosePartition(target, keySlot, size);
      this.add(target, partition, now, createTime, eventId, keySlot, size);
    }
  }

  /**
   * A new schema version from now on (set-schema). Records drawn ahead of the clock were created
   * after this instant: they take the new version too.
   */
  setSchemaVersion(version: number): void {
    this.schemaVersion = version;
    const now = this.ctx.sim.now;
    for (const batch of this.batches) {
      if (batch.state === 'free') continue;
      for (let i = batch.count - 1; i >= 0 && batch.createTimes[i] > now; i--) batch.versions[i] = version;
    }
  }

  /**
   * The app process dies: batches not yet sent are gone (the app hears which records), requests
   * already on the wire still reach the broker, and nothing is retried while it is down.
   */
  crash(): void {
    if (this.down) return;
    this.down = true;
    for (const list of this.accumulators) {
      for (const acc of list) {
        acc.open = null;
        acc.waiting = [];
        acc.closing = 0;
      }
    }
    for (const batch of this.batches) {
      if (batch.state !== 'open' && batch.state !== 'closed') continue;
      this.app?.dropped(batch.eventIds, batch.createTimes, batch.count);
      this.release(batch);
    }
  }

  restart(): void {
    this.down = false;
  }

  private add(target: number, partition: number, now: number, createTime: number, eventId: number, keySlot: number, size: number): void {
    const acc = this.accumulator(target, partition);
    let batch = acc.open;
    if (batch !== null && this.spec.linger > 0 && batch.createdAt + this.spec.linger <= now) {
      // Drawn ahead past the batch's linger deadline: the batch leaves at the deadline without it.
      this.close(batch, batch.createdAt + this.spec.linger);
      batch = null;
    }
    if (batch !== null && batch.bytes + size > this.spec.batchSize) {
      this.close(batch, now);
      batch = null;
    }
    if (batch === null && acc.waiting.length > 0 && acc.closing === 0) {
      // Every request slot is taken: like Kafka's accumulator, the batch waiting to be sent keeps
      // filling up to batch.size, so a slow acknowledgement makes batches bigger, not the queue longer.
      const last = acc.waiting[acc.waiting.length - 1];
      if (last.bytes + size <= this.spec.batchSize) {
        last.push(createTime, eventId, keySlot, size, this.schemaVersion);
        return;
      }
    }
    if (batch === null) {
      batch = this.newBatch(target, partition, now);
      acc.open = batch;
      if (this.spec.linger > 0) this.ctx.sim.at(now + this.spec.linger, this.lingerEvent, batch.id, batch.use);
    }
    batch.push(createTime, eventId, keySlot, size, this.schemaVersion);
    if (batch.bytes >= this.spec.batchSize || this.spec.linger === 0) this.close(batch, now);
  }

  /** The batch takes no more records; it is sent at `time` (now, or a drawn-ahead arrival's time). */
  private close(batch: Batch, time: number): void {
    const acc = this.accumulator(batch.target, batch.partition);
    if (acc.open === batch) acc.open = null;
    batch.state = 'closed';
    if (time <= this.ctx.sim.now) this.send(batch);
    else {
      acc.closing++;
      this.ctx.sim.at(time, this.sendEvent, batch.id, batch.use);
    }
  }

  private newBatch(target: number, partition: number, now: number): Batch {
    let batch = this.freeBatches.pop();
    if (batch === undefined) {
      batch = new Batch(this.batches.length);
      this.batches.push(batch);
    }
    batch.target = target;
    batch.partition = partition;
    batch.createdAt = now;
    batch.count = 0;
    batch.bytes = 0;
    batch.attempts = 0;
    batch.state = 'open';
    return batch;
  }

  private send(batch: Batch): void {
    const acc = this.accumulator(batch.target, batch.partition);
    if (acc.open === batch) acc.open = null;
    if (this.inFlightCount(acc) >= this.spec.maxInFlight) {
      // max.in.flight.requests.per.connection: this one waits for an earlier request to finish.
      batch.state = 'closed';
      acc.waiting.push(batch);
      return;
    }
    batch.state = 'in-flight';
    batch.appendedFrom = -1;
    acc.inFlight.push(batch);
    this.stats.batches++;
    this.recordsSent += batch.count;
    this.attempt(batch);
  }

  private inFlightCount(acc: Accumulator): number {
    return acc.inFlight.length;
  }

  /** The process that would retry is gone: the app hears the batch's records were not published. */
  private abandonDown(batch: Batch): void {
    this.onBatchDone?.(batch.target, batch.eventIds, batch.count, false);
    this.finish(batch);
  }

  private attempt(batch: Batch): void {
    if (this.down) {
      this.abandonDown(batch);
      return;
    }
    batch.attempts++;
    const { failureRate, networkLatency } = this.spec;
    if (failureRate > 0 && this.failureRng() < failureRate) {
      // The request is lost on the way; the error comes back after a round trip.
      this.ctx.sim.after(2 * networkLatency, this.failEvent, batch.id, batch.use * 2);
      return;
    }
    this.ctx.sim.after(networkLatency, this.arriveEvent, batch.id, batch.use * 2);
    if (this.spec.acks === 0) this.acknowledged(batch);
  }

  /** The request reaches the partition's leader. */
  private reachBroker(batch: Batch): void {
    const acc = this.accumulator(batch.target, batch.partition);
    // An idempotent producer's batches are appended in sequence: the broker rejects one that
    // arrives before its predecessor, and the producer resends it; modelled as waiting there.
    if (this.spec.idempotent) {
      const index = acc.inFlight.indexOf(batch);
      if (index > 0 && acc.inFlight[index - 1].appendedFrom < 0) {
        acc.parked.push(batch);
        return;
      }
    }
    const topic = this.outputs[batch.target];
    if (this.spec.acks === 0 && !topic.online(batch.partition)) {
      this.dropUnanswered(batch);
      return;
    }
    const use = batch.use;
    topic.cluster.produce(
      topic,
      batch.partition,
      batch.bytes,
      this.spec.acks,
      () => this.appendBatch(batch),
      (outcome) => {
        if (batch.use !== use) return;
        if (this.spec.acks === 0) {
          if (outcome !== 'ok') this.dropUnanswered(batch);
          return;
        }
        // The answer travels back to the producer.
        this.ctx.sim.after(this.spec.networkLatency, outcome === 'ok' ? this.ackEvent : this.failEvent, batch.id, batch.use * 2 + (outcome === 'not-enough-replicas' ? 1 : 0));
      },
    );
  }

  /** The leader appends the batch (or, for a retry it already has, an idempotent producer's duplicate is dropped). */
  private appendBatch(batch: Batch): number {
    const topic = this.outputs[batch.target];
    const log = topic.logs[batch.partition];
    if (this.spec.idempotent && batch.appendedFrom >= 0 && this.stillInLog(batch)) return 0;
    const from = log.logEndOffset;
    for (let i = 0; i < batch.count; i++) topic.append(batch.partition, batch.createTimes[i], batch.eventIds[i], batch.keySlots[i], batch.sizes[i], batch.versions[i]);
    topic.markProducerAppend(batch.partition, from, batch.count);
    batch.appendedFrom = from;
    // Its successors may go now, but not from inside the broker's append: next, at this instant.
    if (this.accumulator(batch.target, batch.partition).parked.length > 0) this.ctx.sim.after(0, this.releaseEvent, batch.target, batch.partition);
    // acks=0: nobody waits for an answer; the batch is done once it is in the log.
    if (this.spec.acks === 0) this.release(batch);
    return batch.count;
  }

  /** acks=0 records that found no leader: gone, and the producer never knows. */
  private dropUnanswered(batch: Batch): void {
    this.outputs[batch.target].cluster.lost.acksZero += batch.count;
    this.release(batch);
  }

  /** Whether a batch appended earlier survived any truncation since. */
  private stillInLog(batch: Batch): boolean {
    const log = this.outputs[batch.target].logs[batch.partition];
    return batch.appendedFrom + batch.count <= log.logEndOffset && log.eventIdAt(batch.appendedFrom) === batch.eventIds[0];
  }

  /** Sends on parked batches whose predecessor is now in the log (or gone), in sequence order. */
  private releaseParked(target: number, partition: number): void {
    const acc = this.accumulator(target, partition);
    for (let i = 0; i < acc.inFlight.length && acc.parked.length > 0; i++) {
      const batch = acc.inFlight[i];
      const at = acc.parked.indexOf(batch);
      if (at < 0) continue;
      if (i > 0 && acc.inFlight[i - 1].appendedFrom < 0) return;
      acc.parked.splice(at, 1);
      this.reachBroker(batch);
    }
  }

  private sendFailed(batch: Batch, refused: boolean): void {
    const now = this.ctx.sim.now;
    const { retries, retryBackoff, deliveryTimeout } = this.spec;
    if (refused) this.outputs[batch.target].cluster.refused += batch.count;
    if (this.down) {
      this.abandonDown(batch);
      return;
    }
    if (batch.attempts > retries || now + retryBackoff - batch.createdAt >= deliveryTimeout) {
      this.stats.publishFailures += batch.count;
      this.onBatchDone?.(batch.target, batch.eventIds, batch.count, false);
      this.finish(batch);
      return;
    }
    this.stats.retries++;
    this.ctx.sim.after(retryBackoff, this.retryEvent, batch.id, batch.use * 2);
  }

  private acknowledged(batch: Batch): void {
    this.outputs[batch.target].cluster.recordProduceLatency(this.spec.acks, this.ctx.sim.now - batch.createdAt);
    if (this.spec.acks !== 0) {
      this.onBatchDone?.(batch.target, batch.eventIds, batch.count, true);
      this.finish(batch);
    } else {
      // Fire and forget: the request slot frees at once, the records travel on regardless.
      const acc = this.accumulator(batch.target, batch.partition);
      acc.inFlight.splice(acc.inFlight.indexOf(batch), 1);
      this.sendWaiting(acc);
    }
  }

  /** The batch is done (acknowledged or failed for good): its slot goes to the next waiting batch. */
  private finish(batch: Batch): void {
    const acc = this.accumulator(batch.target, batch.partition);
    const index = acc.inFlight.indexOf(batch);
    if (index >= 0) acc.inFlight.splice(index, 1);
    this.release(batch);
    this.releaseParked(batch.target, batch.partition);
    this.sendWaiting(acc);
  }

  private sendWaiting(acc: Accumulator): void {
    const now = this.ctx.sim.now;
    while (acc.waiting.length > 0 && this.inFlightCount(acc) < this.spec.maxInFlight) {
      const batch = acc.waiting[0];
      if (batch.createTimes[0] > now) {
        // Drawn ahead: it cannot leave before its first record exists.
        this.ctx.sim.at(batch.createTimes[0], this.waitingDueEvent, batch.target, batch.partition);
        return;
      }
      acc.waiting.shift();
      this.splitFuture(acc, batch, now);
      this.send(batch);
    }
  }

  /** Records drawn ahead of `now` stay behind in a batch of their own, first in line. */
  private splitFuture(acc: Accumulator, batch: Batch, now: number): void {
    let keep = batch.count;
    while (keep > 0 && batch.createTimes[keep - 1] > now) keep--;
    if (keep === batch.count || keep === 0) return;
    const rest = this.newBatch(batch.target, batch.partition, batch.createTimes[keep]);
    for (let i = keep; i < batch.count; i++) rest.push(batch.createTimes[i], batch.eventIds[i], batch.keySlots[i], batch.sizes[i], batch.versions[i]);
    rest.state = 'closed';
    batch.count = keep;
    batch.bytes = 0;
    for (let i = 0; i < keep; i++) batch.bytes += batch.sizes[i];
    acc.waiting.unshift(rest);
  }

  private release(batch: Batch): void {
    batch.use++;
    batch.state = 'free';
    this.freeBatches.push(batch);
  }

  /**
   * Events handed to the producer up to `now` (the app's `send()` calls): arrivals drawn ahead of
   * the clock are not counted yet.
   */
  sentUpTo(now: number): number {
    let ahead = 0;
    for (const batch of this.batches) {
      if (batch.state !== 'open' && batch.state !== 'closed') continue;
      for (let i = batch.count - 1; i >= 0 && batch.createTimes[i] > now; i--) ahead++;
    }
    if (this.app !== null) return this.stats.sent - this.app.aheadOf(now);
    if (this.outputs.length === 0 && this.inboxes.length > 0) return this.stats.sent - this.inboxes[0].aheadOf(now);
    // A record written to several topics is one event: count it once.
    return this.stats.sent - ahead / Math.max(1, this.outputs.length);
  }
}
