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
import { MICROS_PER_SECOND } from '../core/time.ts';
import type { ProducerSpec } from '../scenario/schema.ts';
import { KEYLESS, type ModelContext } from './context.ts';
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
  attempts = 0;
  /** Bumped on every reuse, so a linger timer set for an earlier use is recognised as stale. */
  use = 0;
  state: 'free' | 'open' | 'closed' | 'in-flight' | 'acked' | 'failed' = 'free';

  constructor(readonly id: number) {}

  push(createTime: number, eventId: number, keySlot: number, size: number): void {
    const i = this.count;
    if (i === this.createTimes.length) this.grow();
    this.createTimes[i] = createTime;
    this.eventIds[i] = eventId;
    this.keySlots[i] = keySlot;
    this.sizes[i] = size;
    this.count = i + 1;
    this.bytes += size;
  }

  private grow(): void {
    const n = this.createTimes.length * 2;
    const grow = <T extends Float64Array | Uint32Array | Int32Array>(from: T, to: T): T => {
      to.set(from);
      return to;
    };
    this.createTimes = grow(this.createTimes, new Float64Array(n));
    this.eventIds = grow(this.eventIds, new Uint32Array(n));
    this.keySlots = grow(this.keySlots, new Int32Array(n));
    this.sizes = grow(this.sizes, new Uint32Array(n));
  }
}

/** A partition of one output topic, as this producer sees it. */
interface Accumulator {
  open: Batch | null;
  /** Sent batches not yet appended or failed, oldest first: appends keep this order. */
  inFlight: Batch[];
}

export interface ProducerStats {
  sent: number;
  publishFailures: number;
  retries: number;
  batches: number;
}

export class Producer {
  readonly stats: ProducerStats = { sent: 0, publishFailures: 0, retries: 0, batches: 0 };
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
  /** Exact (unrounded) time of the next arrival, so evenly spaced arrivals never drift. */
  private nextArrivalExact = 0;
  private arrivalGeneration = 0;
  /** Times of this producer's `set-rate` actions: arrivals are never drawn past the next one. */
  private readonly rateChanges: number[];
  private readonly horizon: number;
  /** Records in batches handed to the network. */
  recordsSent = 0;
  /** Keyless sticky partitioning: the current partition per output and bytes sent to it. */
  private readonly sticky: { partition: number; bytes: number }[];
  private readonly roundRobin: number[];
  private readonly arrivalEvent: number;
  private readonly sendEvent: number;
  private readonly lingerEvent: number;
  private readonly arriveEvent: number;
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
    this.horizon = Math.max(spec.linger, 1000);
    const { streams, sim } = ctx;
    this.ratePerSec = spec.rate;
    this.poisson = spec.arrival === 'poisson';
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
      if (batch.state === 'closed' && batch.use === use) this.send(batch);
    });
    this.lingerEvent = sim.defineEvent(`${spec.id}:linger`, (batchId, use) => {
      const batch = this.batches[batchId];
      if (batch.state === 'open' && batch.use === use) this.close(batch, this.ctx.sim.now);
    });
    this.arriveEvent = sim.defineEvent(`${spec.id}:batch-arrives`, (batchId) => this.delivered(this.batches[batchId]));
    this.failEvent = sim.defineEvent(`${spec.id}:send-failed`, (batchId) => this.sendFailed(this.batches[batchId]));
    this.retryEvent = sim.defineEvent(`${spec.id}:retry`, (batchId) => this.attempt(this.batches[batchId]));
    this.nextArrivalExact = 0;
    this.drawNextArrival(true);
    this.scheduleArrivals();
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
    if (this.ratePerSec <= 0) {
      this.nextArrivalExact = Infinity;
      return;
    }
    const meanUs = MICROS_PER_SECOND / this.ratePerSec;
    let gap = this.poisson ? -meanUs * Math.log(1 - this.interarrival()) : meanUs;
    // The first evenly spaced arrival comes after a random fraction of the gap, so several
    // constant-rate producers do not all fire in the same microsecond.
    if (first && !this.poisson) gap *= this.interarrival();
    this.nextArrivalExact += gap;
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

  private arrive(now: number): void {
    const keyId = this.keys.next();
    const keySlot = keyId === NO_KEY ? KEYLESS : this.keyBase + keyId;
    const size = Math.max(0, Math.round(this.eventSize()));
    const eventId = this.ctx.nextEventId();
    this.stats.sent++;
    for (let target = 0; target < this.outputs.length; target++) {
      const partition = this.choosePartition(target, keySlot, size);
      this.add(target, partition, now, eventId, keySlot, size);
    }
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
    while (list.length <= partition) list.push({ open: null, inFlight: [] });
    return list[partition];
  }

  private add(target: number, partition: number, now: number, eventId: number, keySlot: number, size: number): void {
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
    if (batch === null) {
      batch = this.newBatch(target, partition, now);
      acc.open = batch;
      if (this.spec.linger > 0) this.ctx.sim.at(now + this.spec.linger, this.lingerEvent, batch.id, batch.use);
    }
    batch.push(now, eventId, keySlot, size);
    if (batch.bytes >= this.spec.batchSize || this.spec.linger === 0) this.close(batch, now);
  }

  /** The batch takes no more records; it is sent at `time` (now, or a drawn-ahead arrival's time). */
  private close(batch: Batch, time: number): void {
    const acc = this.accumulator(batch.target, batch.partition);
    if (acc.open === batch) acc.open = null;
    batch.state = 'closed';
    if (time <= this.ctx.sim.now) this.send(batch);
    else this.ctx.sim.at(time, this.sendEvent, batch.id, batch.use);
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
    batch.use++;
    return batch;
  }

  private send(batch: Batch): void {
    const acc = this.accumulator(batch.target, batch.partition);
    if (acc.open === batch) acc.open = null;
    batch.state = 'in-flight';
    acc.inFlight.push(batch);
    this.stats.batches++;
    this.recordsSent += batch.count;
    this.attempt(batch);
  }

  private attempt(batch: Batch): void {
    batch.attempts++;
    const { failureRate, networkLatency } = this.spec;
    if (failureRate > 0 && this.failureRng() < failureRate) {
      // The error comes back on the response: a round trip.
      this.ctx.sim.after(2 * networkLatency, this.failEvent, batch.id);
    } else {
      this.ctx.sim.after(networkLatency, this.arriveEvent, batch.id);
    }
  }

  private sendFailed(batch: Batch): void {
    const now = this.ctx.sim.now;
    const { retries, retryBackoff, deliveryTimeout } = this.spec;
    if (batch.attempts > retries || now + retryBackoff - batch.createdAt >= deliveryTimeout) {
      batch.state = 'failed';
      this.stats.publishFailures += batch.count;
      this.flush(batch.target, batch.partition);
      return;
    }
    this.stats.retries++;
    this.ctx.sim.after(retryBackoff, this.retryEvent, batch.id);
  }

  private delivered(batch: Batch): void {
    batch.state = 'acked';
    this.flush(batch.target, batch.partition);
  }

  /** Appends acknowledged batches at the head of the partition's queue, in creation order. */
  private flush(target: number, partition: number): void {
    const acc = this.accumulator(target, partition);
    const topic = this.outputs[target];
    let appended = false;
    while (acc.inFlight.length > 0 && acc.inFlight[0].state !== 'in-flight') {
      const batch = acc.inFlight.shift()!;
      if (batch.state !== 'acked') {
        this.release(batch);
        continue;
      }
      // After partitions were added the batch still goes where it was routed.
      for (let i = 0; i < batch.count; i++) {
        topic.append(partition, batch.createTimes[i], batch.eventIds[i], batch.keySlots[i], batch.sizes[i]);
      }
      topic.appendedByProducers += batch.count;
      appended = true;
      this.release(batch);
    }
    if (appended) topic.notifyAppended(partition);
  }

  private release(batch: Batch): void {
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
    // A record written to several topics is one event: count it once.
    return this.stats.sent - ahead / Math.max(1, this.outputs.length);
  }
}
