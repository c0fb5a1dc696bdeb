/**
 * A topic: partitions, each an append-only {@link PartitionLog}; the groups subscribed to it are
 * told of appends, deletions and new partitions. Retention runs every `retentionCheckInterval`,
 * like the broker's log cleaner thread.
 */
import { partitionForKey } from '../kafka/murmur2.ts';
import type { TopicSpec } from '../scenario/schema.ts';
import type { Cluster } from './cluster.ts';
import { KEYLESS, type ModelContext } from './context.ts';
import { PartitionLog } from './log.ts';

/** What a topic tells the groups that read it. */
export interface TopicSubscriber {
  onAppend(topic: Topic, partition: number): void;
  onDeleted(topic: Topic, partition: number, fromOffset: number, toOffset: number): void;
  onPartitionsAdded(topic: Topic): void;
  /** A new leader had less than the old one: offsets from `end` on are gone (and will be reused). */
  onTruncated?(topic: Topic, partition: number, end: number): void;
  /** The lowest offset of this partition a consumer still holds in hand (Infinity for none). */
  readFloor?(topic: Topic, partition: number): number;
}

export class Topic {
  readonly logs: PartitionLog[] = [];
  readonly subscribers: TopicSubscriber[] = [];
  /** Records appended by producers (not by pipelines or dead-lettering). */
  appendedByProducers = 0;
  /**
   * Per partition, the offset ranges producers appended, as [start, end) pairs in order: a leader
   * change that cuts records off can then take back from `appendedByProducers` only producers' own
   * (a topic is usually written by one kind of writer, so there are few ranges).
   */
  private readonly producerRanges: number[][] = [];
  /** Keyed partition + 1 per key slot, for the current partition count (0: not computed yet). */
  private keyPartition = new Int32Array(1024);
  private roundRobin = 0;

  constructor(
    readonly spec: TopicSpec,
    private readonly ctx: ModelContext,
    /** The brokers it lives on. */
    readonly cluster: Cluster,
  ) {
    for (let p = 0; p < spec.partitions; p++) this.logs.push(this.newLog());
    cluster.place(this);
    const check = ctx.sim.defineEvent(`${spec.id}:retention`, () => {
      this.applyRetention();
      ctx.sim.after(spec.retentionCheckInterval, check);
    });
    ctx.sim.after(spec.retentionCheckInterval, check);
  }

  get id(): string {
    return this.spec.id;
  }

  get partitionCount(): number {
    return this.logs.length;
  }

  /** Kafka's default partitioner for a keyed record: murmur2 of the key's bytes, cached per key. */
  partitionForKeySlot(slot: number): number {
    let cache = this.keyPartition;
    if (slot >= cache.length) {
      const bigger = new Int32Array(Math.max(slot + 1, cache.length * 2));
      bigger.set(cache);
      this.keyPartition = cache = bigger;
    }
    const cached = cache[slot];
    if (cached > 0) return cached - 1;
    const partition = partitionForKey(this.ctx.keyName(slot), this.logs.length);
    cache[slot] = partition + 1;
    return partition;
  }

  /** A partition for a record written by a pipeline: by key when keyed, otherwise round robin. */
  partitionForDerived(slot: number): number {
    if (slot !== KEYLESS) return this.partitionForKeySlot(slot);
    this.roundRobin = (this.roundRobin + 1) % this.logs.length;
    return this.roundRobin;
  }

  /** Appends one record now; call {@link notifyAppended} once after a batch of appends. */
  append(partition: number, createTime: number, eventId: number, keySlot: number, size: number, version = 1): number {
    return this.logs[partition].append(createTime, eventId, keySlot, size, this.ctx.sim.now, version);
  }

  /**
   * Writes one record through the partition's leader, as a pipeline's embedded producer does
   * (acks=1, no batching). With no leader the record is dropped, counted by the cluster.
   */
  write(partition: number, createTime: number, eventId: number, keySlot: number, size: number, version = 1): void {
    this.cluster.produce(
      this,
      partition,
      size,
      1,
      () => {
        this.append(partition, createTime, eventId, keySlot, size, version);
        return 1;
      },
      (outcome) => {
        if (outcome !== 'ok') this.cluster.lost.pipelineDropped++;
      },
    );
  }

  notifyAppended(partition: number): void {
    for (const subscriber of this.subscribers) subscriber.onAppend(this, partition);
  }

  /** Adds partitions at the end. Keys now hash over more partitions: a key's new records may land elsewhere. */
  /** Set once partitions were added while running: a key's records may then sit in two partitions. */
  partitionsAdded = false;

  addPartitions(count: number): void {
    this.partitionsAdded = true;
    for (let i = 0; i < count; i++) this.logs.push(this.newLog());
    this.cluster.place(this);
    this.keyPartition.fill(0);
    for (const subscriber of this.subscribers) subscriber.onPartitionsAdded(this);
  }

  /** Offsets consumers may read below: the high watermark. */
  visibleEnd(partition: number): number {
    return this.cluster.visibleEnd(this, partition);
  }

  /** Whether the partition has a leader: offline partitions can be neither written nor read. */
  online(partition: number): boolean {
    return this.cluster.online(this, partition);
  }

  /** Records `from`, `from`+1, ... were just appended to `partition` by a producer (see `producerRanges`). */
  markProducerAppend(partition: number, from: number, count: number): void {
    const ranges = (this.producerRanges[partition] ??= []);
    const last = ranges.length - 1;
    if (last > 0 && ranges[last] === from) ranges[last] = from + count;
    else ranges.push(from, from + count);
    this.appendedByProducers += count;
  }

  /** Cuts a partition's log back to `end` after a leader change; subscribers adjust. */
  truncate(partition: number, end: number): void {
    const log = this.logs[partition];
    const cut = Math.max(end, log.logStartOffset);
    if (log.logEndOffset - cut <= 0) return;
    log.truncate(end);
    // Take back the producers' records among those cut off, and forget their ranges.
    const ranges = this.producerRanges[partition] ?? [];
    while (ranges.length > 0 && ranges[ranges.length - 1] > cut) {
      const start = ranges[ranges.length - 2];
      const stop = ranges[ranges.length - 1];
      this.appendedByProducers -= stop - Math.max(start, cut);
      if (start >= cut) ranges.length -= 2;
      else ranges[ranges.length - 1] = cut;
    }
    for (const subscriber of this.subscribers) subscriber.onTruncated?.(this, partition, log.logEndOffset);
  }

  /** Records appended to each partition so far (its log end offset). */
  producedPerPartition(): number[] {
    return this.logs.map((log) => log.logEndOffset);
  }

  applyRetention(): void {
    const now = this.ctx.sim.now;
    this.logs.forEach((log, partition) => {
      const before = log.logStartOffset;
      let floor = Infinity;
      for (const subscriber of this.subscribers) floor = Math.min(floor, subscriber.readFloor?.(this, partition) ?? Infinity);
      const after = log.applyRetention(now, floor);
      if (after > before) for (const subscriber of this.subscribers) subscriber.onDeleted(this, partition, before, after);
    });
  }

  private newLog(): PartitionLog {
    const { segmentBytes, segmentTime, retention, retentionBytes } = this.spec;
    return new PartitionLog({ segmentBytes, segmentTime, retention, retentionBytes });
  }
}
