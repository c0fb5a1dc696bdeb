/**
 * Event-time windows of one stream task (one input partition), as Kafka Streams' windowed
 * aggregations keep them: a count per key per window, stream time, and grace.
 *
 * - Windows are `[start, start + size)`, aligned to the epoch. Tumbling windows advance by their
 *   size, so a record is in exactly one; hopping windows (Flink calls them sliding) advance by
 *   `advance`, so a record is in about `size / advance` of them (Kafka's TimeWindows.windowsFor).
 * - Stream time is the largest event time the task has seen: it moves only when records arrive.
 *   A window closes once stream time reaches its end plus the grace period. A record whose window
 *   has closed is too late for it and is skipped (Kafka Streams' dropped-records); a record whose
 *   every window has closed is a late record, dropped.
 * - A closed window's count is final and handed on once (Kafka Streams' emit-on-window-close, or
 *   `suppress(untilWindowCloses)`); the window's state is then gone.
 */

export interface WindowSpec {
  /** Window length, microseconds. */
  sizeUs: number;
  /** Distance between window starts: the size for tumbling windows, less for hopping ones. */
  advanceUs: number;
  /** How long after its end a window still takes late records (Kafka Streams' grace period). */
  graceUs: number;
}

/** Hears each (window, key) count as its window closes, windows in start order, keys ascending. */
export type OnWindowClosed = (startUs: number, endUs: number, keySlot: number, count: number) => void;

/** What adding one record did. */
export interface AddOutcome {
  /** Windows it was counted in. */
  counted: number;
  /** Windows it belonged to that had closed already. */
  skipped: number;
}

export class WindowStore {
  /** Largest event time seen; windows close against it. -Infinity before the first record. */
  streamTime = -Infinity;
  /** Open (window, key) counts: the state a real store would hold. */
  entries = 0;
  /** Starts of the open windows, ascending. */
  private readonly starts: number[] = [];
  private readonly counts = new Map<number, Map<number, number>>();
  private readonly outcome: AddOutcome = { counted: 0, skipped: 0 };

  constructor(readonly spec: WindowSpec) {}

  get openWindows(): number {
    return this.starts.length;
  }

  /**
   * Counts one record with event time `eventTime` under `keySlot`, then closes every window stream
   * time has passed, telling `onClosed`. The outcome object is reused: read it before the next call.
   */
  add(eventTime: number, keySlot: number, onClosed: OnWindowClosed): AddOutcome {
    const { sizeUs, advanceUs, graceUs } = this.spec;
    if (eventTime > this.streamTime) this.streamTime = eventTime;
    const closeTime = this.streamTime - graceUs;
    const outcome = this.outcome;
    outcome.counted = 0;
    outcome.skipped = 0;
    // Windows [k * advance, k * advance + size) that hold eventTime, from the latest start back.
    for (let start = Math.floor(eventTime / advanceUs) * advanceUs; start > eventTime - sizeUs && start >= 0; start -= advanceUs) {
      if (start + sizeUs <= closeTime) {
        outcome.skipped++;
        continue;
      }
      let byKey = this.counts.get(start);
      if (byKey === undefined) {
        byKey = new Map();
        this.counts.set(start, byKey);
        this.insertStart(start);
      }
      const before = byKey.get(keySlot);
      if (before === undefined) this.entries++;
      byKey.set(keySlot, (before ?? 0) + 1);
      outcome.counted++;
    }
    this.closeUpTo(closeTime, onClosed);
    return outcome;
  }

  /** The open count of one window and key (0 when there is none), for tests and views. */
  countOf(startUs: number, keySlot: number): number {
    return this.counts.get(startUs)?.get(keySlot) ?? 0;
  }

  /** Sum of every open count. */
  openCountTotal(): number {
    let total = 0;
    for (const byKey of this.counts.values()) for (const n of byKey.values()) total += n;
    return total;
  }

  private closeUpTo(closeTime: number, onClosed: OnWindowClosed): void {
    const { sizeUs } = this.spec;
    let closed = 0;
    while (closed < this.starts.length && this.starts[closed] + sizeUs <= closeTime) {
      const start = this.starts[closed];
      const byKey = this.counts.get(start)!;
      this.counts.delete(start);
      this.entries -= byKey.size;
      const keys = [...byKey.keys()].sort((a, b) => a - b);
      for (const key of keys) onClosed(start, start + sizeUs, key, byKey.get(key)!);
      closed++;
    }
    if (closed > 0) this.starts.splice(0, closed);
  }

  private insertStart(start: number): void {
    // Nearly always the newest window: search from the end.
    let i = this.starts.length;
    while (i > 0 && this.starts[i - 1] > start) i--;
    this.starts.splice(i, 0, start);
  }
}
