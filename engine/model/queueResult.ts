/**
 * A queue's part of the run's result (`queues.<id>` in `run --json`), and the usual group result
 * for a group reading a queue, so that a topic's groups and a queue's compare field by field.
 */
import type { Queue, QueueStats } from './queue.ts';
import type { QueueGroup } from './queueGroup.ts';
import { latencyOf, ms, round, type GroupResult, type LatencyMs } from './result.ts';
import type { TimeSeries } from './timeSeries.ts';

/** A queue's counts (see QueueStats for each), with its levels and who reads it. */
export interface QueueResult extends Omit<QueueStats, 'maxDepth' | 'maxInFlight' | 'maxOldestAgeUs'> {
  /** Visible messages waiting. */
  depth: { final: number; max: number };
  /** Received and not yet deleted. */
  inFlight: { final: number; max: number };
  /** Age of the oldest message not deleted, since it was enqueued. */
  oldestAgeMs: { final: number; max: number };
  /** The groups reading the queue: they compete for its messages. */
  groups: string[];
  /** enqueued = acked + deadLettered + expired + depth + inFlight, exactly. */
  conservation: { enqueued: number; acked: number; deadLettered: number; expired: number; depth: number; inFlight: number; holds: boolean };
}

export function queueResult(queue: Queue, groups: readonly QueueGroup[], now: number): QueueResult {
  const s = queue.stats;
  const oldest = queue.oldestAgeUs(now);
  return {
    enqueued: s.enqueued,
    delivered: s.delivered,
    redelivered: s.redelivered,
    acked: s.acked,
    deadLettered: s.deadLettered,
    expired: s.expired,
    depth: { final: queue.depth, max: s.maxDepth },
    inFlight: { final: queue.inFlight, max: s.maxInFlight },
    oldestAgeMs: { final: ms(oldest), max: ms(Math.max(oldest, s.maxOldestAgeUs)) },
    processed: s.processed,
    duplicates: s.duplicates,
    orderingViolations: s.orderingViolations,
    groups: groups.filter((g) => g.queue === queue).map((g) => g.id),
    conservation: {
      enqueued: s.enqueued,
      acked: s.acked,
      deadLettered: s.deadLettered,
      expired: s.expired,
      depth: queue.depth,
      inFlight: queue.inFlight,
      holds: s.enqueued === s.acked + s.deadLettered + s.expired + queue.depth + queue.inFlight,
    },
  };
}

/**
 * A group reading a queue, in the shape of a group reading topics: no partitions, rebalances or
 * pauses; its lag is every message of its queue not yet deleted and its lag time the oldest one's
 * age; its conservation is its queue's, which it shares with any other group reading the queue.
 */
export function queueGroupResult(group: QueueGroup, series: TimeSeries, now: number): GroupResult {
  const { queue, stats } = group;
  const lag = queue.depth + queue.inFlight;
  const lagTimeUs = queue.oldestAgeUs(now);
  const sampled = series.groups[group.id];
  const largest = (values: readonly number[], from: number) => values.reduce((a, b) => Math.max(a, b), from);
  const latencyMs: LatencyMs = latencyOf(group.latency);
  const q = queue.stats;
  return {
    processed: stats.processed,
    duplicates: stats.duplicates,
    lost: stats.lostAtMostOnce + q.expired,
    retries: stats.retries,
    deadLettered: stats.deadLettered,
    rebalances: 0,
    pausedMs: 0,
    orderingViolations: stats.orderingViolations,
    lag: { final: lag, max: largest(sampled?.lag ?? [], lag) },
    latencyMs,
    partitions: [],
    members: group.members.map((m) => ({
      id: m.memberId,
      partitions: [],
      processed: m.processed,
      utilization: round(m.utilization(now)),
      latencyMs: { mean: ms(m.latency.mean), p99: ms(m.latency.quantile(0.99)) },
      alive: m.alive,
    })),
    redelivered: stats.redelivered,
    lostByCause: { retention: q.expired, atMostOnce: stats.lostAtMostOnce, offsetReset: 0 },
    lagTimeMs: { final: ms(lagTimeUs), max: Math.max(ms(lagTimeUs), round(largest(sampled?.lagTimeMs ?? [], 0))) },
    // A queue keeps no commit position: its oldest message is the oldest unprocessed one.
    oldestUnprocessedMs: ms(lagTimeUs),
    commitFailures: 0,
    rebalancingMs: 0,
    conservation: {
      produced: q.enqueued,
      handled: q.acked + q.deadLettered,
      waiting: queue.depth + queue.inFlight,
      lost: q.expired,
      holds: q.enqueued === q.acked + q.deadLettered + queue.depth + queue.inFlight + q.expired,
    },
  };
}
