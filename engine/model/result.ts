/**
 * The result of a run, in the shape of the design's `run --json` contract. Other tools read this:
 * fields are only ever added, never renamed. Times are milliseconds.
 */
import { operatorView, type OperatorView } from '../analysis/operator.ts';
import type { LatencyHistogram } from '../metrics/histogram.ts';
import type { Expectation } from '../scenario/schema.ts';
import type { Api } from './api.ts';
import type { ConsumerGroup } from './consumerGroup.ts';
import type { DbWriter, DbWriterStats, UnderWay } from './dbWriter.ts';
import { processorResult, type ProcessorResult } from './processorResult.ts';
import { queueGroupResult, queueResult, type QueueResult } from './queueResult.ts';
import type { ScenarioRun } from './run.ts';

export interface LatencyMs {
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface PartitionResult {
  topic: string;
  partition: number;
  /** Slot of the member consuming it at the end, or null. */
  member: number | null;
  processed: number;
  lag: { final: number; max: number };
  latencyMs: { mean: number; p99: number };
  pausedMs: number;
}

export interface MemberResult {
  id: string;
  partitions: string[];
  processed: number;
  utilization: number;
  latencyMs: { mean: number; p99: number };
  alive: boolean;
}

export interface GroupResult {
  processed: number;
  duplicates: number;
  lost: number;
  retries: number;
  deadLettered: number;
  rebalances: number;
  pausedMs: number;
  orderingViolations: number;
  lag: { final: number; max: number };
  latencyMs: LatencyMs;
  partitions: PartitionResult[];
  members: MemberResult[];
  // Extensions beyond the design's contract.
  redelivered: number;
  lostByCause: { retention: number; atMostOnce: number; offsetReset: number };
  lagTimeMs: { final: number; max: number };
  /** Age of the oldest record neither processed nor lost, now: lag time without what was processed since the last commit. */
  oldestUnprocessedMs: number;
  commitFailures: number;
  rebalancingMs: number;
  /** Records it could not read (their schema version against the group's `schema`), once per delivery; 0 without `schema`. */
  schemaFailures?: number;
  /** Unreadable records dropped (onFailure skip); dead-lettered ones are in deadLettered. */
  schemaSkipped?: number;
  /** The schema version the group reads at the end (set-reader-schema), when it declares one. */
  readerVersion?: number;
  /** produced = processed (first time, incl. dead-lettered) + still in the log + lost, for this group's topics. */
  conservation: { produced: number; handled: number; waiting: number; lost: number; holds: boolean };
}

export interface TopicPartitionResult {
  produced: number;
  logStartOffset: number;
  logEndOffset: number;
  bytes: number;
  /** On a declared cluster: where the partition's replicas are. */
  highWatermark?: number;
  leader?: number | null;
  replicas?: number[];
  isr?: number[];
  offlineMs?: number;
}

export interface ClusterResult {
  brokers: { id: number; alive: boolean; partitionsLed: number; bytesInPerSec: number; bytesOutPerSec: number; utilization: number; requests: number }[];
  underReplicated: { final: number; max: number };
  offline: { final: number; max: number };
  /** Partition-milliseconds without a leader, summed over partitions. */
  offlineMs: number;
  elections: number;
  /** acks=all records refused: fewer in-sync replicas than min.insync.replicas. */
  refused: number;
  lost: { unreplicatedAcks: number; acksZero: number; uncleanElection: number; pipelineDropped: number };
  /** Send to acknowledgement, per request, by the producers' acks setting. */
  produceLatencyMs: Record<'0' | '1' | 'all', LatencyMs & { count: number }>;
}

export interface ApiResult {
  mode: 'sync' | 'async';
  /** Requests that arrived. */
  requests: number;
  succeeded: number;
  /** Requests whose last attempt failed. */
  failed: number;
  /** Requests not answered yet (under way, or waiting to be retried). */
  inFlight: number;
  /** failed / answered requests (0 when none was answered). */
  failureRate: number;
  attempts: number;
  /** Client retries. */
  retries: number;
  /** Attempts that failed, by cause: the api stopped waiting (timeout), or the call or publish failed (error). */
  failedAttempts: { timeout: number; error: number };
  /** As the client sees it: arrival to the final answer, retries included, succeeded or failed. */
  latencyMs: LatencyMs;
  /** Effects per downstream component (services in sync, topics in async): calls that succeeded, events acknowledged. */
  effects: Record<string, number>;
  /** Effects beyond the first for the same request, per downstream component (client retries, calls given up on that still took effect). */
  duplicatedEffects: Record<string, number>;
  /** Duplicated effects over every downstream component. */
  duplicates: number;
  /** requests = succeeded + failed + inFlight. */
  conservation: { requests: number; answered: number; inFlight: number; holds: boolean };
}

/** A producer that writes a database (dual-write, outbox): what the database and the topic each got. */
/** A database-writing producer's figures (see DbWriterStats for each count), and what is still under way. */
export interface WritesResult extends DbWriterStats {
  mode: 'dual-write' | 'outbox';
  /** dual-write only: which write goes first. */
  order?: 'db-first' | 'publish-first';
  /** Still on their way at the end. */
  underWay: UnderWay;
  /** DB commit to the topic's acknowledgement, first publish of each event. */
  publishDelayMs: { mean: number; p99: number };
  /** outbox only: the same delay, which the relay's polling makes. */
  relayDelayMs?: { mean: number; p99: number };
  outboxDepth?: { final: number; max: number };
  /** requests and committed events, each accounted for exactly. */
  conservation: { holds: boolean; requests: number; accounted: number; committed: number; committedAccounted: number };
}

export interface ExpectationResult {
  metric: string;
  op: Expectation['op'];
  value: number;
  actual: number | null;
  pass: boolean;
}

export interface RunResult {
  scenario: string;
  seed: number | string;
  simulatedMs: number;
  produced: number;
  publishFailures: number;
  groups: Record<string, GroupResult>;
  topics: Record<string, { partitions: TopicPartitionResult[] }>;
  /** Only the clusters the scenario declares. */
  clusters: Record<string, ClusterResult>;
  producers: Record<string, { sent: number; publishFailures: number; retries: number; batches: number; meanBatchRecords: number; schemaVersion: number; writes?: WritesResult }>;
  services: Record<string, { calls: number; failures: number; queued: number; maxQueue: number; meanQueueWaitMs: number }>;
  /** Work queues; the groups reading them are under `groups` with the rest. */
  queues: Record<string, QueueResult>;
  apis: Record<string, ApiResult>;
  /** Stream processors' windows; each one's group figures are under `groups`. */
  processors?: Record<string, ProcessorResult>;
  expectations: ExpectationResult[];
  /** The operator's view: each signal with its thresholds and level (0 ok, 1 amber, 2 red). */
  operator?: OperatorView;
  engine: { events: number; wallMs?: number; stopped: string | null };
}

export const ms = (us: number) => round(us / 1000);
/** Rounded so results print cleanly; still identical run to run. */
export function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

export function latencyOf(h: LatencyHistogram): LatencyMs {
  const s = h.summary();
  return { mean: ms(s.mean), p50: ms(s.p50), p95: ms(s.p95), p99: ms(s.p99), max: ms(s.max) };
}

function groupResult(run: ScenarioRun, group: ConsumerGroup): GroupResult {
  const now = run.sim.now;
  const reset = group.spec.autoOffsetReset;
  const gps = group.partitions;
  let lost = 0;
  const lostByCause = { retention: 0, atMostOnce: 0, offsetReset: 0 };
  let handled = 0;
  let waiting = 0;
  let produced = 0;
  let lagFinal = 0;
  let lagTimeFinal = 0;
  let oldestUnprocessed = 0;
  let pausedUs = 0;
  for (const gp of gps) {
    lost += gp.lostCount;
    lostByCause.retention += gp.lostByCause.retention;
    lostByCause.atMostOnce += gp.lostByCause['at-most-once'];
    lostByCause.offsetReset += gp.lostByCause['offset-reset'];
    handled += gp.processedFirst;
    waiting += gp.waiting(group.readFloor(gp.topic, gp.partition));
    produced += gp.log.logEndOffset;
    lagFinal += gp.lag(reset);
    lagTimeFinal = Math.max(lagTimeFinal, gp.lagTime(now, reset));
    oldestUnprocessed = Math.max(oldestUnprocessed, gp.oldestUnprocessedAge(now, reset));
    pausedUs += gp.pausedUsAt(now);
  }
  return {
    processed: group.stats.processed,
    duplicates: group.stats.duplicates,
    lost,
    retries: group.stats.retries,
    deadLettered: group.stats.deadLettered,
    rebalances: group.stats.rebalances,
    pausedMs: gps.length > 0 ? ms(pausedUs / gps.length) : 0,
    orderingViolations: group.stats.orderingViolations,
    lag: { final: lagFinal, max: Math.max(lagFinal, run.sampler.maxLag(group)) },
    latencyMs: latencyOf(group.latency),
    partitions: gps.map((gp) => ({
      topic: gp.topic.id,
      partition: gp.partition,
      member: gp.owner >= 0 ? gp.owner : null,
      processed: gp.processedCount,
      lag: { final: gp.lag(reset), max: Math.max(gp.lagMax, gp.lag(reset)) },
      latencyMs: { mean: ms(gp.latency.mean), p99: ms(gp.latency.quantile(0.99)) },
      pausedMs: ms(gp.pausedUsAt(now)),
    })),
    members: group.members.map((m) => ({
      id: m.memberId,
      partitions: m.owned.map((gp) => gp.name),
      processed: m.processed,
      utilization: round(m.utilization(now)),
      latencyMs: { mean: ms(m.latency.mean), p99: ms(m.latency.quantile(0.99)) },
      alive: m.alive,
    })),
    redelivered: group.stats.redelivered,
    lostByCause,
    lagTimeMs: { final: ms(lagTimeFinal), max: Math.max(ms(lagTimeFinal), round(run.sampler.maxLagTimeMs(group))) },
    oldestUnprocessedMs: ms(oldestUnprocessed),
    commitFailures: group.stats.commitFailures,
    schemaFailures: group.stats.schemaFailures,
    schemaSkipped: group.stats.schemaSkipped,
    ...(group.spec.schema !== undefined ? { readerVersion: group.readerVersion } : {}),
    rebalancingMs: ms(group.rebalancingUs),
    conservation: { produced, handled, waiting, lost, holds: produced === handled + waiting + lost },
  };
}

function writesResult(writer: DbWriter): WritesResult {
  const s = writer.stats;
  const w = writer.underWay();
  const outbox = writer.spec.writes === 'outbox';
  const publishFirst = !outbox && writer.spec.order === 'publish-first';
  const delay = { mean: ms(writer.publishDelay.mean), p99: ms(writer.publishDelay.quantile(0.99)) };
  // Every request ends exactly one way; every committed event is published, missing or still on its way.
  const accounted = publishFirst
    ? s.rejected + s.aborted + s.publishFailed + s.published + w.publishing
    : s.rejected + s.aborted + s.committed + w.inTransaction;
  const committedAccounted = publishFirst
    ? s.published - s.phantom - w.inTransaction
    : s.published + s.missing + w.publishing + (w.inOutbox - w.inOutboxPublished);
  return {
    mode: outbox ? 'outbox' : 'dual-write',
    ...(outbox ? {} : { order: writer.spec.order }),
    requests: s.requests,
    rejected: s.rejected,
    aborted: s.aborted,
    committed: s.committed,
    published: s.published,
    missing: s.missing,
    phantom: s.phantom,
    duplicates: s.duplicates,
    publishFailed: s.publishFailed,
    underWay: w,
    publishDelayMs: delay,
    ...(outbox ? { relayDelayMs: delay, outboxDepth: { final: writer.outboxRows, max: writer.outboxDepthMax } } : {}),
    conservation: { holds: accounted === s.requests && committedAccounted === s.committed, requests: s.requests, accounted, committed: s.committed, committedAccounted },
  };
}

function apiResult(api: Api): ApiResult {
  const s = api.stats;
  const answered = s.succeeded + s.failed;
  const byDownstream = (counts: readonly number[]) => Object.fromEntries(api.downstreamIds.map((id, i) => [id, counts[i]]));
  return {
    mode: api.spec.mode,
    requests: s.requests,
    succeeded: s.succeeded,
    failed: s.failed,
    inFlight: api.inFlight,
    failureRate: answered > 0 ? round(s.failed / answered) : 0,
    attempts: s.attempts,
    retries: s.retries,
    failedAttempts: { ...s.failedAttempts },
    latencyMs: latencyOf(api.latency),
    effects: byDownstream(api.effects),
    duplicatedEffects: byDownstream(api.duplicatedEffects),
    duplicates: api.duplicatedEffects.reduce((a, b) => a + b, 0),
    conservation: { requests: s.requests, answered, inFlight: api.inFlight, holds: s.requests === answered + api.inFlight },
  };
}

/** Reads a dotted path (`groups.counter.lag.max`, `groups.g.partitions.0.processed`) from a result. */
export function metricAt(result: unknown, path: string): number | null {
  let node: unknown = result;
  for (const part of path.split('.')) {
    if (node === null || typeof node !== 'object' || !Object.prototype.hasOwnProperty.call(node, part)) return null;
    node = (node as Record<string, unknown>)[part];
  }
  if (typeof node === 'boolean') return node ? 1 : 0;
  return typeof node === 'number' ? node : null;
}

export function evaluate(expectation: Expectation, actual: number | null): boolean {
  if (actual === null) return false;
  const { op, value } = expectation;
  switch (op) {
    case '<':
      return actual < value;
    case '<=':
      return actual <= value;
    case '>':
      return actual > value;
    case '>=':
      return actual >= value;
    case '==':
      return actual === value;
    case '!=':
      return actual !== value;
  }
}

export function buildResult(run: ScenarioRun): RunResult {
  const groups: Record<string, GroupResult> = {};
  for (const group of run.groups) groups[group.id] = groupResult(run, group);
  for (const group of run.queueGroups) groups[group.id] = queueGroupResult(group, run.sampler.series, run.sim.now);
  const queues: RunResult['queues'] = {};
  for (const [id, queue] of run.queues) queues[id] = queueResult(queue, run.queueGroups, run.sim.now);
  const now = run.sim.now;
  const topics: RunResult['topics'] = {};
  for (const [id, topic] of run.topics) {
    topics[id] = {
      partitions: topic.logs.map((log, p) => {
        const base: TopicPartitionResult = { produced: log.logEndOffset, logStartOffset: log.logStartOffset, logEndOffset: log.logEndOffset, bytes: log.bytes };
        if (!topic.cluster.explicit) return base;
        const r = topic.cluster.replicasOf(topic, p);
        return { ...base, highWatermark: r.highWatermark, leader: r.leader >= 0 ? r.leader : null, replicas: [...r.replicas], isr: [...r.isr], offlineMs: ms(r.offlineUsAt(now)) };
      }),
    };
  }
  const clusters: RunResult['clusters'] = {};
  const seconds = now / 1e6;
  for (const [id, cluster] of run.clusters) {
    const series = run.sampler.series.clusters[id];
    const health = cluster.health();
    const max = (values: number[], final: number) => values.reduce((a, b) => Math.max(a, b), final);
    let offlineUs = 0;
    for (const topic of run.topics.values()) if (topic.cluster === cluster) topic.logs.forEach((_, p) => (offlineUs += cluster.replicasOf(topic, p).offlineUsAt(now)));
    const latency = (key: '0' | '1' | 'all') => ({ count: cluster.produceLatency[key].count, ...latencyOf(cluster.produceLatency[key]) });
    clusters[id] = {
      brokers: cluster.brokers.map((b) => ({
        id: b.id,
        alive: b.alive,
        partitionsLed: cluster.partitionsLed(b.id),
        bytesInPerSec: seconds > 0 ? round(b.bytesIn / seconds) : 0,
        bytesOutPerSec: seconds > 0 ? round(b.bytesOut / seconds) : 0,
        utilization: now > 0 ? round(b.busyUs / now) : 0,
        requests: b.requests,
      })),
      underReplicated: { final: health.underReplicated, max: max(series.underReplicated, health.underReplicated) },
      offline: { final: health.offline, max: max(series.offline, health.offline) },
      offlineMs: ms(offlineUs),
      elections: cluster.elections,
      refused: cluster.refused,
      lost: { ...cluster.lost },
      produceLatencyMs: { '0': latency('0'), '1': latency('1'), all: latency('all') },
    };
  }
  const producers: RunResult['producers'] = {};
  let produced = 0;
  let publishFailures = 0;
  for (const p of run.producers) {
    const s = p.stats;
    const sent = p.sentUpTo(run.sim.now);
    producers[p.spec.id] = { ...s, sent, meanBatchRecords: s.batches > 0 ? round(p.recordsSent / s.batches) : 0, schemaVersion: p.schemaVersion };
    const writer = run.dbWriters.get(p.spec.id);
    if (writer) producers[p.spec.id].writes = writesResult(writer);
    publishFailures += s.publishFailures;
  }
  const apis: RunResult['apis'] = {};
  for (const api of run.apis) {
    apis[api.id] = apiResult(api);
    publishFailures += api.producer?.stats.publishFailures ?? 0;
  }
  for (const topic of run.topics.values()) produced += topic.appendedByProducers;
  const services: RunResult['services'] = {};
  for (const [id, service] of run.services) {
    const s = service.stats;
    services[id] = { calls: s.calls, failures: s.failures, queued: s.queued, maxQueue: s.maxQueue, meanQueueWaitMs: s.calls > 0 ? ms(s.queueWaitUs / s.calls) : 0 };
  }
  const result: RunResult = {
    scenario: run.scenario.name,
    seed: run.seed,
    simulatedMs: ms(run.sim.now),
    produced,
    publishFailures,
    groups,
    topics,
    clusters,
    producers,
    services,
    queues,
    apis,
    processors: Object.fromEntries(run.processors.map((p) => [p.id, processorResult(p)])),
    expectations: [],
    engine: { events: run.sim.events, stopped: run.sim.stopReason?.message ?? null },
  };
  // What an operator watches, from the figures above (so expectations can test `operator.level`).
  result.operator = operatorView(run.scenario, result, run.sampler.series);
  result.expectations = run.scenario.expect.map((e) => {
    const actual = metricAt(result, e.metric);
    return { metric: e.metric, op: e.op, value: e.value, actual, pass: evaluate(e, actual) };
  });
  return result;
}
