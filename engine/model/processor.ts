/**
 * A stream processor, as a Kafka Streams application runs one: a consumer group (its members,
 * partitions, assignor, rebalances and commits are the group's, see consumerGroup.ts) whose
 * records are counted per key in event-time windows (windows.ts), one window store per input
 * partition (Kafka Streams' task). Each window's counts are written to the wired topics once it
 * closes, one record per key, so processors and topics chain into pipelines.
 *
 * - Event time: the record's create time less its `eventDelay` (how long before it was produced
 *   the event happened: a phone offline, a batch upload). The delay is drawn per event from its
 *   event id, so a re-delivered record has the same event time, and every processor with the same
 *   `eventDelay` sees the same event times (variants compare fairly).
 * - State lives with the partition, not the member: a partition that moves takes its windows with
 *   it, as Kafka Streams restores a task's store from its changelog (restoring takes no time here).
 *   Records re-delivered after a crash (at-least-once) are counted again, as Kafka Streams does
 *   without exactly-once; an `idempotent` group never applies an event twice (exactly-once).
 * - An aggregate's create time is its window's end, so a group reading the output measures its
 *   latency from the window's end: how stale a windowed result is when it is finally used.
 */
import { createSampler, type Sampler } from '../core/distributions.ts';
import { LatencyHistogram } from '../metrics/histogram.ts';
import type { ConsumerGroupSpec, ProcessorSpec } from '../scenario/schema.ts';
import { hash32, stringHash, type ConsumerGroup } from './consumerGroup.ts';
import { KEYLESS, type ModelContext } from './context.ts';
import type { GroupPartition } from './groupPartition.ts';
import type { Topic } from './topic.ts';
import { WindowStore, type OnWindowClosed, type WindowSpec } from './windows.ts';

/** Bytes of one aggregate record: a key, a window and a count, with the record's overhead. */
export const AGGREGATE_BYTES = 100;

export interface ProcessorStats {
  /** Records applied to the windows (re-deliveries included, as the store sees them). */
  recordsIn: number;
  /** Records counted in at least one window. */
  aggregated: number;
  /** Records every window of which had closed: dropped. */
  lateRecords: number;
  /** Window updates skipped because that window had closed (equals lateRecords for tumbling windows). */
  lateWindowUpdates: number;
  /** Window updates made: a record counts once in each of its windows that was open. */
  windowUpdates: number;
  /** Sum of the counts of the closed windows (windowUpdates = this + what open windows hold). */
  closedCounts: number;
  /** Records without a key: Kafka Streams' aggregations drop them. */
  keyless: number;
  /** (window, key) counts made final. */
  windowsClosed: number;
  /** Aggregate records written to output topics. */
  emitted: number;
}

/** The group a processor runs as: its own settings, and records that never fail (it calls no service). */
export function groupSpecOf(spec: ProcessorSpec): ConsumerGroupSpec {
  return { ...spec, kind: 'consumer-group', retries: 0, retryBackoff: 0, poison: 0, deadLetterTopic: undefined };
}

/** The window shape of a processor's settings. */
export function windowSpecOf(spec: ProcessorSpec): WindowSpec {
  const advanceUs = spec.window === 'hopping' && spec.advance !== undefined ? spec.advance : spec.windowSize;
  return { sizeUs: spec.windowSize, advanceUs, graceUs: spec.grace };
}

export class Processor {
  readonly stats: ProcessorStats = { recordsIn: 0, aggregated: 0, lateRecords: 0, lateWindowUpdates: 0, windowUpdates: 0, closedCounts: 0, keyless: 0, windowsClosed: 0, emitted: 0 };
  /** Window end to the moment its aggregate is emitted. */
  readonly outputLatency = new LatencyHistogram();
  readonly window: WindowSpec;
  /** Open (window, key) entries over every partition, and the most there ever were. */
  stateEntries = 0;
  stateEntriesMax = 0;
  /** Late records and closed windows since the last sample (the time series reads and resets them). */
  intervalLate = 0;
  intervalClosed = 0;
  /** Hears each final count as its window closes (tests, and anything that wants the values). */
  onWindowClosed: OnWindowClosed | null = null;
  /** One store per group partition (by its index), made at its first record. */
  readonly stores: WindowStore[] = [];
  private readonly delay: Sampler | null;
  /** Box–Muller samplers keep a spare draw between calls: theirs is made afresh per event. */
  private readonly delayKeepsSpare: boolean;
  private readonly delaySalt: number;
  private delayState = 0;
  private now = 0;
  private readonly emit = (startUs: number, endUs: number, keySlot: number, count: number) => this.emitWindow(startUs, endUs, keySlot, count);

  constructor(
    readonly spec: ProcessorSpec,
    readonly group: ConsumerGroup,
    readonly outputs: Topic[],
    private readonly ctx: ModelContext,
  ) {
    this.window = windowSpecOf(spec);
    const d = spec.eventDelay;
    const none = d.dist === 'constant' && d.value === 0;
    this.delay = none ? null : createSampler(d, () => this.nextDelayUniform());
    this.delayKeepsSpare = d.dist === 'normal' || d.dist === 'lognormal';
    // Not the processor's id: every processor of the run sees an event at the same event time.
    this.delaySalt = hash32(stringHash(`${ctx.streams.seed}:event-time`));
    // Windows close and emit as records are processed, so records are applied in time order,
    // when they finish, not in the group's lazily accounted fast batches.
    group.fastPath = false;
    group.onRecordProcessed = (gp, _latencyUs, doneUs, offset) => this.apply(gp, offset, doneUs);
  }

  get id(): string {
    return this.spec.id;
  }

  /** Open windows over every partition (a window with counts for several keys counts once per partition). */
  get openWindows(): number {
    let n = 0;
    for (const store of this.stores) if (store) n += store.openWindows;
    return n;
  }

  /** The smallest stream time over the partitions that have seen records (-Infinity if none has). */
  get minStreamTime(): number {
    let min = Infinity;
    for (const store of this.stores) if (store && store.streamTime < min) min = store.streamTime;
    return min === Infinity ? -Infinity : min;
  }

  /** The event time of a record: its create time less its event's delay, never before 0. */
  eventTimeOf(gp: GroupPartition, offset: number): number {
    const createTime = gp.log.createTimeAt(offset);
    if (this.delay === null) return createTime;
    this.delayState = hash32(gp.log.eventIdAt(offset) ^ this.delaySalt);
    // An event's delay depends on its id alone, whatever was drawn before it.
    const delay = this.delayKeepsSpare ? createSampler(this.spec.eventDelay, () => this.nextDelayUniform())() : this.delay();
    return Math.max(0, createTime - Math.round(delay));
  }

  /** Applies one processed record at time `now`. */
  apply(gp: GroupPartition, offset: number, now: number): void {
    this.now = now;
    const s = this.stats;
    s.recordsIn++;
    const keySlot = gp.log.keySlotAt(offset);
    if (keySlot === KEYLESS) {
      s.keyless++;
      return;
    }
    const store = (this.stores[gp.index] ??= new WindowStore(this.window));
    const before = store.entries;
    const outcome = store.add(this.eventTimeOf(gp, offset), keySlot, this.emit);
    s.lateWindowUpdates += outcome.skipped;
    s.windowUpdates += outcome.counted;
    if (outcome.counted > 0) s.aggregated++;
    else {
      s.lateRecords++;
      this.intervalLate++;
    }
    this.stateEntries += store.entries - before;
    if (this.stateEntries > this.stateEntriesMax) this.stateEntriesMax = this.stateEntries;
  }

  private emitWindow(startUs: number, endUs: number, keySlot: number, count: number): void {
    this.stats.windowsClosed++;
    this.stats.closedCounts += count;
    if (this.onWindowClosed !== null) this.onWindowClosed(startUs, endUs, keySlot, count);
    this.intervalClosed++;
    this.outputLatency.record(this.now - endUs);
    if (this.outputs.length === 0) return;
    // One event, written to each output topic, like a producer's.
    const eventId = this.ctx.nextEventId();
    for (const topic of this.outputs) {
      topic.write(topic.partitionForDerived(keySlot), endUs, eventId, keySlot, AGGREGATE_BYTES);
      this.stats.emitted++;
    }
  }

  /** A small generator reseeded per event (see eventTimeOf): the next uniform in [0, 1). */
  private nextDelayUniform(): number {
    this.delayState = hash32((this.delayState + 0x9e3779b9) | 0);
    return this.delayState / 4294967296;
  }
}
