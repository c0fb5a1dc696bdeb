/**
 * One partition as one consumer group sees it: its committed offset, who consumes it, and which of
 * its offsets the group has processed or lost. Every offset below the log end is, for the group,
 * exactly one of processed, lost, or still waiting in the log: the conservation law the tests check.
 */
import { LatencyHistogram } from '../metrics/histogram.ts';
import type { PartitionLog } from './log.ts';
import { OffsetSet } from './offsetSet.ts';
import type { Topic } from './topic.ts';

/** Why records were lost to a group. */
export type LossCause = 'retention' | 'at-most-once' | 'offset-reset';

export class GroupPartition {
  /** The group knows this partition exists (new partitions wait for a metadata refresh). */
  known: boolean;
  /** Next offset to consume after a restart; -1 until the first commit. */
  committed = -1;
  /** Offsets below this have reached this group's fetches (appended at least fetchLatency ago). */
  fetchable = 0;
  /** Slot of the member consuming it, or -1. */
  owner = -1;
  /** Next offset to hand out to the owner. */
  position = 0;
  /** Its owner cannot fetch before this time (the first fetch after an assignment or a seek). */
  readyAt = 0;
  readonly processed = new OffsetSet();
  readonly lost = new OffsetSet();
  readonly lostByCause: Record<LossCause, number> = { retention: 0, 'at-most-once': 0, 'offset-reset': 0 };
  /** Records processed successfully here, first time or not. */
  processedCount = 0;
  readonly latency = new LatencyHistogram();
  lagMax = 0;
  /** When consumption of this partition stopped (rebalance, crash), or -1 while it is consumed. */
  pausedSince = 0;
  pausedUs = 0;

  constructor(
    readonly index: number,
    readonly topic: Topic,
    readonly partition: number,
    known: boolean,
  ) {
    this.known = known;
  }

  get log(): PartitionLog {
    return this.topic.logs[this.partition];
  }

  get name(): string {
    return `${this.topic.id}-${this.partition}`;
  }

  /**
   * Marks offsets in [from, to) lost for `cause`; returns how many were neither processed nor lost
   * before. The lost set may overlap the processed one (a lost record replayed later counts as
   * processed, see {@link recovered}), so counts below always subtract the overlap.
   */
  declareLost(from: number, to: number, cause: LossCause): number {
    if (to <= from) return 0;
    const fresh = to - from - this.accountedIn(from, to);
    this.lost.addRange(from, to);
    this.lostByCause[cause] += fresh;
    return fresh;
  }

  /** Lost records that were processed after all (by a replay). */
  recovered = 0;

  /** Records lost to this group, by every cause, less those recovered by a replay. */
  get lostCount(): number {
    return this.lostByCause.retention + this.lostByCause['at-most-once'] + this.lostByCause['offset-reset'] - this.recovered;
  }

  /** Records first processed successfully. */
  get processedFirst(): number {
    return this.processed.size;
  }

  pause(now: number): void {
    if (this.pausedSince < 0) this.pausedSince = now;
  }

  resume(now: number): void {
    if (this.pausedSince >= 0) {
      this.pausedUs += now - this.pausedSince;
      this.pausedSince = -1;
    }
  }

  /** Paused time so far, counting a pause still running at `now`. */
  pausedUsAt(now: number): number {
    return this.pausedUs + (this.pausedSince >= 0 ? now - this.pausedSince : 0);
  }

  /** The offset lag is measured from: the committed offset, or where the group would start. */
  lagBase(autoOffsetReset: 'earliest' | 'latest'): number {
    const log = this.log;
    if (this.committed >= 0) return Math.max(this.committed, log.logStartOffset);
    if (this.owner >= 0) return Math.max(this.position, log.logStartOffset);
    return autoOffsetReset === 'earliest' ? log.logStartOffset : log.logEndOffset;
  }

  /** Records between the committed offset and the high watermark (what consumers can see). */
  lag(autoOffsetReset: 'earliest' | 'latest'): number {
    return Math.max(0, this.topic.visibleEnd(this.partition) - this.lagBase(autoOffsetReset));
  }

  /** Age of the oldest record not yet committed, in microseconds (0 when there is none). */
  lagTime(now: number, autoOffsetReset: 'earliest' | 'latest'): number {
    const base = this.lagBase(autoOffsetReset);
    return base < this.topic.visibleEnd(this.partition) ? now - this.log.createTimeAt(base) : 0;
  }

  /**
   * Age of the oldest record this group has neither processed nor lost, in microseconds (0 when
   * there is none): lag time without the records processed since the last commit.
   */
  oldestUnprocessedAge(now: number, autoOffsetReset: 'earliest' | 'latest'): number {
    const end = this.topic.visibleEnd(this.partition);
    let offset = this.lagBase(autoOffsetReset);
    // Processed and lost ranges can alternate (a retention gap inside processed records): skip both until neither covers it.
    for (;;) {
      const next = this.lost.nextAbsent(this.processed.nextAbsent(offset));
      if (next === offset) break;
      offset = next;
    }
    return offset < end ? now - this.log.createTimeAt(offset) : 0;
  }

  /**
   * Offsets neither processed nor lost: still waiting for this group, in the log or (below the log
   * start, after a deletion) in a member's hands, from `heldFrom` on.
   */
  waiting(heldFrom = Infinity): number {
    const end = this.log.logEndOffset;
    const start = Math.min(this.log.logStartOffset, heldFrom);
    return end - start - this.accountedIn(start, end);
  }

  /** Offsets in [start, end) that are processed or lost (or both). */
  accountedIn(start: number, end: number): number {
    let overlap = 0;
    for (const [from, to] of this.lost.ranges()) {
      const a = Math.max(from, start);
      const b = Math.min(to, end);
      if (a < b) overlap += this.processed.countIn(a, b);
    }
    return this.processed.countIn(start, end) + this.lost.countIn(start, end) - overlap;
  }
}
