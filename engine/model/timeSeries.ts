/**
 * Time series sampled every `sampleInterval` of simulated time: what the charts draw and what
 * `run --csv` writes. Columns are plain number arrays, one value per sample.
 */
import type { Api } from './api.ts';
import type { Cluster } from './cluster.ts';
import type { ConsumerGroup } from './consumerGroup.ts';
import type { Queue } from './queue.ts';
import type { QueueGroup } from './queueGroup.ts';
import type { Processor } from './processor.ts';
import type { Topic } from './topic.ts';

export interface GroupSeries {
  /** Records between committed offsets and log ends, summed over partitions. */
  lag: number[];
  /** Age of the oldest uncommitted record over all partitions, ms. */
  lagTimeMs: number[];
  /** Records processed per second over the interval. */
  throughputOut: number[];
  /** Latency percentiles of records finished in the interval, ms (0 when none finished). */
  p50Ms: number[];
  p95Ms: number[];
  p99Ms: number[];
  /** Partitions nobody was consuming at the sample (rebalance, crash). */
  pausedPartitions: number[];
  /** Members alive at the sample. */
  members: number[];
  /** Lag per partition: partitionLag[p][sample]. */
  partitionLag: number[][];
}

export interface TopicSeries {
  /** Records appended per second over the interval. */
  throughputIn: number[];
  /** Max over mean of records appended per partition so far (1 is perfectly even). */
  skew: number[];
}

export interface ClusterSeries {
  underReplicated: number[];
  offline: number[];
  /** Partitions led per broker: partitionsLed[b][sample]. */
  partitionsLed: number[][];
  /** Bytes per second taken in per broker over the interval: bytesIn[b][sample]. */
  bytesInPerSec: number[][];
}

export interface ApiSeries {
  /** Requests arrived per second over the interval. */
  requestsPerSec: number[];
  /** Latency percentiles of requests answered in the interval (as the client sees them), ms; 0 when none. */
  p50Ms: number[];
  p99Ms: number[];
  /** Fraction of the requests answered in the interval that failed (0 when none was answered). */
  failureRate: number[];
  /** Requests not answered yet at the sample. */
  inFlight: number[];
}

export interface QueueSeries {
  /** Visible messages waiting at the sample. */
  depth: number[];
  /** Messages received and not yet deleted at the sample. */
  inFlight: number[];
  /** Age of the oldest message not deleted at the sample, ms. */
  oldestAgeMs: number[];
}

export interface ProcessorSeries {
  /** Open (window, key) counts at the sample: the state the processor holds. */
  stateEntries: number[];
  /** Late records (every window closed: dropped) per second over the interval. */
  lateRecordsPerSec: number[];
  /** (window, key) counts made final per second over the interval. */
  windowsClosedPerSec: number[];
}

export interface TimeSeries {
  /** Only when the scenario has processors. */
  processors?: Record<string, ProcessorSeries>;
  /** Sample times, ms. */
  timeMs: number[];
  /** Only when the scenario has queues. */
  queues?: Record<string, QueueSeries>;
  groups: Record<string, GroupSeries>;
  topics: Record<string, TopicSeries>;
  clusters: Record<string, ClusterSeries>;
  apis: Record<string, ApiSeries>;
}

export class Sampler {
  readonly series: TimeSeries = { timeMs: [], groups: {}, topics: {}, clusters: {}, apis: {} };
  private readonly lastBytesIn = new Map<Cluster, number[]>();
  private lastTime = 0;
  private readonly lastAppended = new Map<Topic, number>();

  constructor(
    private readonly groups: ConsumerGroup[],
    private readonly topics: Topic[],
    private readonly clusters: Cluster[] = [],
    private readonly apis: Api[] = [],
  ) {
    for (const api of apis) this.series.apis[api.id] = { requestsPerSec: [], p50Ms: [], p99Ms: [], failureRate: [], inFlight: [] };
    for (const cluster of clusters) {
      this.series.clusters[cluster.id] = { underReplicated: [], offline: [], partitionsLed: cluster.brokers.map(() => []), bytesInPerSec: cluster.brokers.map(() => []) };
      this.lastBytesIn.set(cluster, cluster.brokers.map(() => 0));
    }
    for (const group of groups) {
      this.series.groups[group.id] = {
        lag: [],
        lagTimeMs: [],
        throughputOut: [],
        p50Ms: [],
        p95Ms: [],
        p99Ms: [],
        pausedPartitions: [],
        members: [],
        partitionLag: [],
      };
    }
    for (const topic of topics) this.series.topics[topic.id] = { throughputIn: [], skew: [] };
  }

  private queues: Queue[] = [];
  private queueGroups: QueueGroup[] = [];

  /** Samples these queues and the groups reading them too. */
  addQueues(queues: Queue[], groups: QueueGroup[]): void {
    this.queues = queues;
    this.queueGroups = groups;
    if (queues.length === 0) return;
    this.series.queues = {};
    for (const queue of queues) this.series.queues[queue.id] = { depth: [], inFlight: [], oldestAgeMs: [] };
    for (const group of groups) {
      this.series.groups[group.id] = { lag: [], lagTimeMs: [], throughputOut: [], p50Ms: [], p95Ms: [], p99Ms: [], pausedPartitions: [], members: [], partitionLag: [] };
    }
  }

  /**
   * A queue's depth, messages in flight and oldest message; a group reading it has no partitions
   * and never pauses, and its lag is every message of its queue not yet deleted.
   */
  private sampleQueues(now: number, seconds: number): void {
    for (const queue of this.queues) {
      const s = this.series.queues![queue.id];
      s.depth.push(queue.depth);
      s.inFlight.push(queue.inFlight);
      s.oldestAgeMs.push(queue.oldestAgeUs(now) / 1000);
    }
    for (const group of this.queueGroups) {
      const s = this.series.groups[group.id];
      const h = group.intervalLatency;
      s.lag.push(group.queue.depth + group.queue.inFlight);
      s.lagTimeMs.push(group.queue.oldestAgeUs(now) / 1000);
      s.throughputOut.push(seconds > 0 ? group.intervalProcessed / seconds : 0);
      s.p50Ms.push(h.quantile(0.5) / 1000);
      s.p95Ms.push(h.quantile(0.95) / 1000);
      s.p99Ms.push(h.quantile(0.99) / 1000);
      s.pausedPartitions.push(0);
      s.members.push(group.members.filter((m) => m.alive).length);
      h.reset();
      group.intervalProcessed = 0;
    }
  }

  private processors: Processor[] = [];

  /** Samples these processors' state and late records too (their groups are sampled as groups). */
  addProcessors(processors: Processor[]): void {
    this.processors = processors;
    if (processors.length === 0) return;
    this.series.processors = {};
    for (const p of processors) this.series.processors[p.id] = { stateEntries: [], lateRecordsPerSec: [], windowsClosedPerSec: [] };
  }

  private sampleProcessors(seconds: number): void {
    for (const p of this.processors) {
      const s = this.series.processors![p.id];
      s.stateEntries.push(p.stateEntries);
      s.lateRecordsPerSec.push(seconds > 0 ? p.intervalLate / seconds : 0);
      s.windowsClosedPerSec.push(seconds > 0 ? p.intervalClosed / seconds : 0);
      p.intervalLate = 0;
      p.intervalClosed = 0;
    }
  }

  /** Takes one sample at `now` (microseconds). */
  sample(now: number): void {
    const seconds = (now - this.lastTime) / 1e6;
    this.lastTime = now;
    this.series.timeMs.push(now / 1000);
    for (const group of this.groups) {
      group.catchUp(now);
      const s = this.series.groups[group.id];
      const reset = group.spec.autoOffsetReset;
      let lag = 0;
      let lagTime = 0;
      let paused = 0;
      group.partitions.forEach((gp, p) => {
        const partitionLag = gp.lag(reset);
        lag += partitionLag;
        if (partitionLag > gp.lagMax) gp.lagMax = partitionLag;
        lagTime = Math.max(lagTime, gp.lagTime(now, reset));
        if (gp.owner < 0) paused++;
        (s.partitionLag[p] ??= new Array(s.lag.length).fill(0)).push(partitionLag);
      });
      s.lag.push(lag);
      s.lagTimeMs.push(lagTime / 1000);
      s.throughputOut.push(seconds > 0 ? group.intervalProcessed / seconds : 0);
      const h = group.intervalLatency;
      s.p50Ms.push(h.quantile(0.5) / 1000);
      s.p95Ms.push(h.quantile(0.95) / 1000);
      s.p99Ms.push(h.quantile(0.99) / 1000);
      s.pausedPartitions.push(paused);
      s.members.push(group.members.filter((m) => m.alive).length);
      h.reset();
      group.intervalProcessed = 0;
    }
    this.sampleQueues(now, seconds);
    this.sampleProcessors(seconds);
    for (const cluster of this.clusters) {
      const s = this.series.clusters[cluster.id];
      const health = cluster.health();
      s.underReplicated.push(health.underReplicated);
      s.offline.push(health.offline);
      const last = this.lastBytesIn.get(cluster)!;
      cluster.brokers.forEach((b, i) => {
        s.partitionsLed[i].push(cluster.partitionsLed(i));
        s.bytesInPerSec[i].push(seconds > 0 ? (b.bytesIn - last[i]) / seconds : 0);
        last[i] = b.bytesIn;
      });
    }
    for (const api of this.apis) {
      const s = this.series.apis[api.id];
      const { interval } = api;
      s.requestsPerSec.push(seconds > 0 ? interval.arrived / seconds : 0);
      s.p50Ms.push(interval.latency.quantile(0.5) / 1000);
      s.p99Ms.push(interval.latency.quantile(0.99) / 1000);
      s.failureRate.push(interval.answered > 0 ? interval.failed / interval.answered : 0);
      s.inFlight.push(api.inFlight);
      interval.arrived = 0;
      interval.answered = 0;
      interval.failed = 0;
      interval.latency.reset();
    }
    for (const topic of this.topics) {
      const s = this.series.topics[topic.id];
      const produced = topic.producedPerPartition();
      const total = produced.reduce((a, b) => a + b, 0);
      const before = this.lastAppended.get(topic) ?? 0;
      this.lastAppended.set(topic, total);
      s.throughputIn.push(seconds > 0 ? (total - before) / seconds : 0);
      s.skew.push(total > 0 ? Math.max(...produced) / (total / produced.length) : 1);
    }
  }

  /** Largest group lag over the samples. */
  maxLag(group: ConsumerGroup): number {
    return largest(this.series.groups[group.id].lag);
  }

  maxLagTimeMs(group: ConsumerGroup): number {
    return largest(this.series.groups[group.id].lagTimeMs);
  }
}

function largest(values: readonly number[]): number {
  let max = 0;
  for (const v of values) if (v > max) max = v;
  return max;
}
