import { describe, expect, it } from 'vitest';
import { loadScenario } from '../scenario/load.ts';
import { assignReplicasToBrokers } from './cluster.ts';
import { ScenarioRun } from './run.ts';

const s = 1_000_000;

interface Spec {
  cluster?: Record<string, unknown>;
  producer?: Record<string, unknown>;
  topic?: Record<string, unknown>;
  group?: Record<string, unknown>;
  timeline?: Record<string, unknown>[];
  duration?: string;
}

/** 3 brokers; a producer (1000/s), a topic of 6 partitions with 3 replicas, a group of 3. */
function clusterRun(spec: Spec = {}): ScenarioRun {
  const loaded = loadScenario({
    version: 1,
    seed: 5,
    duration: spec.duration ?? '60s',
    components: [
      { id: 'kafka', kind: 'cluster', brokers: 3, replicaFetchDelay: '20ms', ...spec.cluster },
      { id: 'p', kind: 'producer', rate: 1000, ...spec.producer },
      { id: 't', kind: 'topic', partitions: 6, replicationFactor: 3, minInsyncReplicas: 2, ...spec.topic },
      { id: 'g', kind: 'consumer-group', consumers: 3, processing: '0.5ms', ...spec.group },
    ],
    connections: [
      { from: 'p', to: 't' },
      { from: 't', to: 'g' },
    ],
    timeline: spec.timeline ?? [],
  });
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  return new ScenarioRun(loaded.scenario);
}

const crashBroker0 = (at = '20s') => [{ at, action: 'crash-broker', target: 'kafka', broker: 0 }];

describe('replica placement', () => {
  it("matches Kafka's rack-unaware assignment (the AdminUtils example: 5 brokers, 10 partitions, 3 replicas)", () => {
    const placed = assignReplicasToBrokers(5, 10, 3, 0, 0);
    // From the table in Kafka's AdminUtils documentation, read by partition.
    expect(placed).toEqual([
      [0, 1, 2],
      [1, 2, 3],
      [2, 3, 4],
      [3, 4, 0],
      [4, 0, 1],
      [0, 2, 3],
      [1, 3, 4],
      [2, 4, 0],
      [3, 0, 1],
      [4, 1, 2],
    ]);
  });

  it('never puts two replicas of a partition on one broker, and spreads leaders evenly', () => {
    for (let start = 0; start < 4; start++) {
      for (let shift = 0; shift < 4; shift++) {
        const placed = assignReplicasToBrokers(4, 12, 3, start, shift);
        for (const replicas of placed) expect(new Set(replicas).size).toBe(3);
        const leaders = [0, 1, 2, 3].map((b) => placed.filter((r) => r[0] === b).length);
        expect(leaders).toEqual([3, 3, 3, 3]);
      }
    }
  });

  it('reports each partition’s leader, replicas and in-sync replicas in the result', () => {
    const result = clusterRun({ duration: '5s' }).runToEnd();
    for (const p of result.topics.t.partitions) {
      expect(p.replicas).toHaveLength(3);
      expect(p.isr?.slice().sort()).toEqual(p.replicas?.slice().sort());
      expect(p.leader).toBe(p.replicas![0]);
    }
    expect(result.clusters.kafka.brokers.map((b) => b.partitionsLed)).toEqual([2, 2, 2]);
  });

  it('keeps simple scenarios simple: without a cluster there is nothing to report and nothing to fail', () => {
    const loaded = loadScenario({
      version: 1,
      duration: '5s',
      components: [
        { id: 'p', kind: 'producer', rate: 100 },
        { id: 't', kind: 'topic', partitions: 2 },
      ],
      connections: [{ from: 'p', to: 't' }],
    });
    if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
    const result = new ScenarioRun(loaded.scenario).runToEnd();
    expect(result.clusters).toEqual({});
    expect(result.topics.t.partitions[0].leader).toBeUndefined();
    expect(result.produced).toBeGreaterThan(400);
  });
});

describe('acks and a leader crash', () => {
  it('acks=1: a leader crash loses exactly the records it had acknowledged but not replicated', () => {
    const spec: Spec = { producer: { acks: 1, idempotent: false }, timeline: crashBroker0() };
    const probe = clusterRun(spec);
    probe.runUntil(20 * s - 1);
    const topic = probe.topics.get('t')!;
    let tail = 0;
    topic.logs.forEach((log, p) => {
      const r = topic.cluster.replicasOf(topic, p);
      if (r.leader !== 0) return;
      // The first live in-sync replica becomes leader; what it lacks is lost.
      const next = r.replicas.find((b) => b !== 0 && r.isr.includes(b))!;
      tail += log.logEndOffset - r.endOf(next);
    });
    expect(tail).toBeGreaterThan(0);
    const result = clusterRun(spec).runToEnd();
    expect(result.clusters.kafka.lost.unreplicatedAcks).toBe(tail);
    // Lost from the log: the group never sees them, and it conserves what is there.
    expect(result.groups.g.conservation.holds).toBe(true);
  });

  it('acks=all with two in-sync replicas loses nothing acknowledged', () => {
    const result = clusterRun({ timeline: crashBroker0() }).runToEnd();
    const lost = result.clusters.kafka.lost;
    expect(lost.unreplicatedAcks + lost.acksZero + lost.uncleanElection).toBe(0);
    expect(result.producers.p.publishFailures).toBe(0);
    // Every event sent (but the last few still in flight) reaches the log, and the group.
    expect(result.producers.p.sent - result.produced).toBeLessThan(50);
    expect(result.groups.g.duplicates).toBe(0);
    expect(result.groups.g.orderingViolations).toBe(0);
  });

  it('acks=0: records sent to a dead leader or truncated with it vanish, and the producer never knows', () => {
    const result = clusterRun({ producer: { acks: 0, idempotent: false }, timeline: crashBroker0() }).runToEnd();
    expect(result.clusters.kafka.lost.acksZero).toBeGreaterThan(1000);
    expect(result.producers.p.retries).toBe(0);
    expect(result.producers.p.publishFailures).toBe(0);
    expect(result.clusters.kafka.produceLatencyMs['0'].count).toBeGreaterThan(0);
  });

  it('isolating a broker cuts it off like a crash, and reconnecting it brings it back as a follower', () => {
    const isolated = clusterRun({
      timeline: [
        { at: '20s', action: 'isolate-broker', target: 'kafka', broker: 0 },
        { at: '40s', action: 'reconnect-broker', target: 'kafka', broker: 0 },
      ],
    });
    const result = isolated.runToEnd();
    expect(isolated.marks.filter((m) => m.kind === 'isolate-broker' || m.kind === 'reconnect-broker')).toHaveLength(2);
    expect(result.clusters.kafka.offline.max).toBe(2);
    expect(result.clusters.kafka.brokers[0]).toMatchObject({ alive: true, partitionsLed: 0 });
    expect(result.clusters.kafka.underReplicated.final).toBe(0);
  });

  it('a partition whose leader dies is offline for the detection plus the election delay', () => {
    const run = clusterRun({ cluster: { brokerSessionTimeout: '6s', controllerDelay: '250ms' }, timeline: crashBroker0() });
    const result = run.runToEnd();
    const led = result.topics.t.partitions.filter((p) => p.offlineMs! > 0);
    expect(led).toHaveLength(2);
    for (const p of led) expect(p.offlineMs).toBe(6250);
    expect(result.clusters.kafka.offline.max).toBe(2);
    expect(result.clusters.kafka.offlineMs).toBe(2 * 6250);
    expect(result.clusters.kafka.elections).toBe(2);
  });

  it('consumers of an offline partition stall while the others go on', () => {
    const run = clusterRun({ timeline: crashBroker0() });
    run.runUntil(28 * s);
    const group = run.groups[0];
    const topic = run.topics.get('t')!;
    const offline = group.partitions.filter((gp) => !topic.online(gp.partition));
    const online = group.partitions.filter((gp) => topic.online(gp.partition));
    expect(offline).toHaveLength(2);
    const before = offline.map((gp) => [gp.processedCount, gp.lag('latest')]);
    run.runUntil(29 * s);
    // Nothing processed, nothing new visible: the high watermark of an offline partition is frozen.
    expect(offline.map((gp) => [gp.processedCount, gp.lag('latest')])).toEqual(before);
    expect(online.every((gp) => gp.processedCount > 0)).toBe(true);
    // Producers retried against the offline partitions.
    expect(run.result().producers.p.retries).toBeGreaterThan(0);
  });

  it('producers give up after deliveryTimeout when the partition stays offline longer', () => {
    const result = clusterRun({ producer: { deliveryTimeout: '3s' }, timeline: crashBroker0() }).runToEnd();
    expect(result.producers.p.publishFailures).toBeGreaterThan(500);
  });
});

describe('in-sync replicas', () => {
  it('refuses acks=all writes while the ISR is below minInsyncReplicas, and counts them', () => {
    const result = clusterRun({
      cluster: { brokers: 2 },
      topic: { replicationFactor: 2, minInsyncReplicas: 2 },
      timeline: [{ at: '10s', action: 'crash-broker', target: 'kafka', broker: 1 }],
    }).runToEnd();
    expect(result.clusters.kafka.refused).toBeGreaterThan(1000);
    expect(result.clusters.kafka.underReplicated.max).toBeGreaterThan(0);
  });

  it('a restarted broker catches up, rejoins the ISR, and gets its leadership back at the next imbalance check', () => {
    const run = clusterRun({
      cluster: { leaderImbalanceCheckInterval: '10s' },
      timeline: [
        { at: '5s', action: 'crash-broker', target: 'kafka', broker: 0 },
        { at: '25s', action: 'restart-broker', target: 'kafka', broker: 0 },
      ],
      duration: '45s',
    });
    const result = run.runToEnd();
    expect(result.clusters.kafka.underReplicated.final).toBe(0);
    expect(result.clusters.kafka.brokers.map((b) => b.partitionsLed)).toEqual([2, 2, 2]);
    expect(run.marks.some((m) => m.kind === 'preferred-leader-election')).toBe(true);
    const led = run.sampler.series.clusters.kafka.partitionsLed[0];
    expect(Math.min(...led)).toBe(0);
  });

  it('with unclean leader election off, a partition whose in-sync replicas are all down stays offline', () => {
    const timeline = [
      { at: '10s', action: 'crash-broker', target: 'kafka', broker: 1 },
      { at: '30s', action: 'crash-broker', target: 'kafka', broker: 0 },
      { at: '40s', action: 'restart-broker', target: 'kafka', broker: 1 },
    ];
    const spec = { cluster: { brokers: 2 }, producer: { acks: 1, idempotent: false }, topic: { partitions: 2, replicationFactor: 2, minInsyncReplicas: 1 }, timeline };
    const clean = clusterRun(spec).runToEnd();
    expect(clean.clusters.kafka.offline.final).toBeGreaterThan(0);
    expect(clean.clusters.kafka.lost.uncleanElection).toBe(0);
    const unclean = clusterRun({ ...spec, cluster: { brokers: 2, uncleanLeaderElection: true } }).runToEnd();
    expect(unclean.clusters.kafka.offline.final).toBe(0);
    expect(unclean.clusters.kafka.lost.uncleanElection).toBeGreaterThan(1000);
    expect(unclean.groups.g.conservation.holds).toBe(true);
  });
});

describe('broker load', () => {
  it('a broker leading more partitions is busier and its requests wait longer (a hot broker)', () => {
    const spec: Spec = {
      cluster: { requestTime: '0.2ms', leaderImbalanceCheckInterval: '1h' },
      producer: { rate: 4000, linger: 0 },
      topic: { replicationFactor: 2, minInsyncReplicas: 1 },
      timeline: [
        { at: '1s', action: 'crash-broker', target: 'kafka', broker: 0 },
        { at: '20s', action: 'restart-broker', target: 'kafka', broker: 0 },
      ],
      duration: '60s',
    };
    const result = clusterRun(spec).runToEnd();
    const brokers = result.clusters.kafka.brokers;
    // Broker 0 came back as a follower only: the others lead everything and do all the work.
    expect(brokers[0].partitionsLed).toBe(0);
    expect(brokers[1].utilization + brokers[2].utilization).toBeGreaterThan(0.1);
    expect(brokers[0].utilization * 10).toBeLessThan(brokers[1].utilization + brokers[2].utilization);
    expect(brokers[0].bytesInPerSec).toBeLessThan(brokers[1].bytesInPerSec);
  });
});

describe('producer ordering', () => {
  it('an idempotent producer keeps per-key order through failures and retries; without idempotence retries reorder', () => {
    const base: Spec = { producer: { rate: 2000, failureRate: 0.2, retryBackoff: '5ms', keys: { dist: 'uniform', count: 50 } }, duration: '20s' };
    const ordered = clusterRun(base).runToEnd();
    expect(ordered.groups.g.orderingViolations).toBe(0);
    const reordered = clusterRun({ ...base, producer: { ...base.producer, idempotent: false, acks: 1 } }).runToEnd();
    expect(reordered.groups.g.orderingViolations).toBeGreaterThan(0);
  });
});
