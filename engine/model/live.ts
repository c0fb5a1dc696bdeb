/**
 * The live view of a run: what the playground's canvas draws at the current simulated time, as plain
 * JSON (it crosses from the worker to the page by structured clone). Reads the run, never changes it.
 */
import type { ConsumerGroup } from './consumerGroup.ts';
import type { MemberState } from './member.ts';
import type { ScenarioRun } from './run.ts';
import type { Service } from './service.ts';
import type { Topic } from './topic.ts';

/** One group's view of one partition. */
export interface LivePartitionGroup {
  /** Next offset the group would read after a restart, or -1 before its first commit. */
  committed: number;
  /** Records between the committed offset (or where the group would start) and the high watermark. */
  lag: number;
  /** Slot of the member consuming it, or -1 while nobody does (rebalance, crash). */
  owner: number;
}

export interface LivePartition {
  partition: number;
  logStartOffset: number;
  logEndOffset: number;
  /** Consumers read below it. */
  highWatermark: number;
  /** Only when the scenario declares a cluster: the leading broker (-1 while offline), replicas, in-sync replicas. */
  leader?: number;
  replicas?: number[];
  isr?: number[];
  /** By group id, for every group subscribed to the topic. */
  groups: Record<string, LivePartitionGroup>;
}

export interface LiveTopic {
  partitions: LivePartition[];
}

export interface LiveMember {
  slot: number;
  id: string;
  alive: boolean;
  state: MemberState;
  partitions: { topic: string; partition: number }[];
}

export interface LiveGroup {
  /** `empty` before any member has joined. */
  coordinator: 'empty' | 'rebalancing' | 'stable';
  generation: number;
  members: LiveMember[];
  /** Lag summed over partitions. */
  lag: number;
  /** A group reading a queue: the queue (its members compete; no partitions, no coordinator). */
  queue?: string;
  /** A group that declares the schema versions it reads: the version, and records it could not read so far. */
  schema?: { reads: number; failures: number };
}

/** A producer, when its schema version or database writes are worth showing. */
export interface LiveProducer {
  schemaVersion: number;
  /** Only for a producer that writes a database (dual-write, outbox). */
  writes?: { down: boolean; committed: number; published: number; missing: number; phantom: number; duplicates: number; outboxDepth: number };
}

export interface LiveQueue {
  /** Visible messages waiting. */
  depth: number;
  /** Received and not yet deleted. */
  inFlight: number;
  /** Age of the oldest message not deleted, ms. */
  oldestAgeMs: number;
  enqueued: number;
  acked: number;
  redelivered: number;
  deadLettered: number;
}

export interface LiveService {
  outage: boolean;
  /** Calls waiting for a free slot. */
  queue: number;
  /** Calls under way. */
  inFlight: number;
}

export interface LiveApi {
  mode: 'sync' | 'async';
  /** Requests not answered yet (under way, or waiting to be retried). */
  inFlight: number;
  requests: number;
  failed: number;
  /** Client retries so far. */
  retries: number;
  /** p99 of the request latency so far, as the client sees it, ms. */
  p99Ms: number;
  /** Duplicated effects so far, over every downstream component. */
  duplicates: number;
}

export interface LiveBroker {
  id: number;
  alive: boolean;
  /** Cut off from the controller and the other brokers. */
  isolated: boolean;
  partitionsLed: number;
}

export interface LiveCluster {
  brokers: LiveBroker[];
  underReplicated: number;
  offline: number;
}

export interface LiveProcessor {
  /** Windows open over every partition. */
  openWindows: number;
  /** Open (window, key) counts: its state. */
  stateEntries: number;
  lateRecords: number;
  windowsClosed: number;
  /** How far the slowest partition's stream time is behind the clock, ms; null before any record. */
  streamTimeLagMs: number | null;
}

export interface LiveView {
  /** Only when the scenario has processors (each is under `groups` too). */
  processors?: Record<string, LiveProcessor>;
  /** Simulated time, ms. */
  timeMs: number;
  topics: Record<string, LiveTopic>;
  groups: Record<string, LiveGroup>;
  services: Record<string, LiveService>;
  /** Declared clusters only (not the implicit one of a scenario without a cluster). */
  clusters: Record<string, LiveCluster>;
  /** Only when the scenario has queues. */
  queues?: Record<string, LiveQueue>;
  apis: Record<string, LiveApi>;
  /** Only when a producer writes a database or a group declares schema versions. */
  producers?: Record<string, LiveProducer>;
}

/** The live view of `run` at its current time. */
export function liveView(run: ScenarioRun): LiveView {
  const now = run.sim.now;
  const view: LiveView = { timeMs: now / 1000, topics: {}, groups: {}, services: {}, clusters: {}, apis: {} };
  for (const topic of run.topics.values()) view.topics[topic.id] = liveTopic(topic, run.groups);
  for (const group of run.groups) view.groups[group.id] = liveGroup(group);
  if (run.queues.size > 0) view.queues = liveQueues(run);
  for (const group of run.queueGroups) {
    view.groups[group.id] = {
      coordinator: 'stable',
      generation: 0,
      members: group.members.map((m) => ({ slot: m.slot, id: m.memberId, alive: m.alive, state: m.state, partitions: [] })),
      lag: group.queue.depth + group.queue.inFlight,
      queue: group.queue.id,
    };
  }
  if (run.processors.length > 0) view.processors = liveProcessors(run);
  if (run.dbWriters.size > 0 || run.groups.some((g) => g.spec.schema !== undefined)) view.producers = liveProducers(run);
  for (const service of run.services.values()) view.services[service.id] = liveService(service);
  for (const api of run.apis) {
    const { stats } = api;
    view.apis[api.id] = {
      mode: api.spec.mode,
      inFlight: api.inFlight,
      requests: stats.requests,
      failed: stats.failed,
      retries: stats.retries,
      p99Ms: api.latency.quantile(0.99) / 1000,
      duplicates: api.duplicatedEffects.reduce((a, b) => a + b, 0),
    };
  }
  for (const cluster of run.clusters.values()) {
    view.clusters[cluster.id] = {
      brokers: cluster.brokers.map((b) => ({ id: b.id, alive: b.alive, isolated: b.isolated, partitionsLed: cluster.partitionsLed(b.id) })),
      ...cluster.health(),
    };
  }
  return view;
}

function liveTopic(topic: Topic, groups: readonly ConsumerGroup[]): LiveTopic {
  const readers = groups.map((group) => ({ group, byPartition: new Map(group.partitions.filter((gp) => gp.topic === topic).map((gp) => [gp.partition, gp])) }));
  const partitions = topic.logs.map((log, partition): LivePartition => {
    const live: LivePartition = {
      partition,
      logStartOffset: log.logStartOffset,
      logEndOffset: log.logEndOffset,
      highWatermark: topic.visibleEnd(partition),
      groups: {},
    };
    if (topic.cluster.explicit) {
      const replicas = topic.cluster.replicasOf(topic, partition);
      live.leader = replicas.leader;
      live.replicas = [...replicas.replicas];
      live.isr = [...replicas.isr];
    }
    for (const { group, byPartition } of readers) {
      const gp = byPartition.get(partition);
      if (gp) live.groups[group.id] = { committed: gp.committed, lag: gp.lag(group.spec.autoOffsetReset), owner: gp.owner };
    }
    return live;
  });
  return { partitions };
}

function liveGroup(group: ConsumerGroup): LiveGroup {
  const state = group.coordinatorState;
  let lag = 0;
  for (const gp of group.partitions) lag += gp.lag(group.spec.autoOffsetReset);
  return {
    coordinator: state === 'empty' || state === 'stable' ? state : 'rebalancing',
    generation: group.generation,
    members: group.members.map((m) => ({
      slot: m.slot,
      id: m.memberId,
      alive: m.alive,
      state: m.state,
      partitions: m.owned.map((gp) => ({ topic: gp.topic.id, partition: gp.partition })),
    })),
    lag,
    ...(group.spec.schema !== undefined ? { schema: { reads: group.readerVersion, failures: group.stats.schemaFailures } } : {}),
  };
}

function liveProducers(run: ScenarioRun): Record<string, LiveProducer> {
  const producers: Record<string, LiveProducer> = {};
  for (const p of run.producers) {
    const writer = run.dbWriters.get(p.spec.id);
    producers[p.spec.id] = { schemaVersion: p.schemaVersion };
    if (writer) {
      const { committed, published, missing, phantom, duplicates } = writer.stats;
      producers[p.spec.id].writes = { down: writer.isDown, committed, published, missing, phantom, duplicates, outboxDepth: writer.outboxRows };
    }
  }
  return producers;
}

function liveProcessors(run: ScenarioRun): Record<string, LiveProcessor> {
  const processors: Record<string, LiveProcessor> = {};
  for (const p of run.processors) {
    const streamTime = p.minStreamTime;
    processors[p.id] = {
      openWindows: p.openWindows,
      stateEntries: p.stateEntries,
      lateRecords: p.stats.lateRecords,
      windowsClosed: p.stats.windowsClosed,
      streamTimeLagMs: streamTime === -Infinity ? null : (run.sim.now - streamTime) / 1000,
    };
  }
  return processors;
}

function liveService(service: Service): LiveService {
  // Service keeps its queue private; bracket access reads it without widening its API for one view.
  return { outage: service.outage, queue: service.queueLength, inFlight: service.inFlight };
}

function liveQueues(run: ScenarioRun): Record<string, LiveQueue> {
  const queues: Record<string, LiveQueue> = {};
  for (const [id, queue] of run.queues) {
    const { enqueued, acked, redelivered, deadLettered } = queue.stats;
    queues[id] = { depth: queue.depth, inFlight: queue.inFlight, oldestAgeMs: queue.oldestAgeUs(run.sim.now) / 1000, enqueued, acked, redelivered, deadLettered };
  }
  return queues;
}
