import { describe, expect, it } from 'vitest';
import { smallRun } from '../../test/support/smallScenario.ts';
import { liveView } from './live.ts';

const s = 1_000_000;

describe('liveView', () => {
  it('shows every partition empty and the group waiting before anything has run', () => {
    const view = liveView(smallRun());
    expect(view.timeMs).toBe(0);
    expect(view.topics.t.partitions).toHaveLength(6);
    for (const p of view.topics.t.partitions) {
      expect(p).toMatchObject({ logStartOffset: 0, logEndOffset: 0, highWatermark: 0 });
      expect(p.groups.g).toMatchObject({ lag: 0, owner: -1 });
    }
    expect(view.groups.g.generation).toBe(0);
    expect(view.groups.g.coordinator).not.toBe('stable');
    expect(view.groups.g.members.map((m) => m.slot)).toEqual([0, 1, 2]);
  });

  it('shows a stable group whose members own the partitions the topic says they own', () => {
    const run = smallRun();
    run.runUntil(10 * s);
    const view = liveView(run);
    expect(view.timeMs).toBe(10_000);
    const group = view.groups.g;
    expect(group.coordinator).toBe('stable');
    expect(group.generation).toBe(1);
    expect(group.members.every((m) => m.alive && m.partitions.length === 2)).toBe(true);
    for (const member of group.members) {
      for (const { topic, partition } of member.partitions) expect(view.topics[topic].partitions[partition].groups.g.owner).toBe(member.slot);
    }
    const partitions = view.topics.t.partitions;
    const produced = partitions.reduce((sum, p) => sum + p.logEndOffset, 0);
    expect(produced).toBeGreaterThan(900);
    for (const p of partitions) {
      expect(p.leader).toBeUndefined();
      expect(p.highWatermark).toBe(p.logEndOffset);
      expect(p.groups.g.committed).toBeLessThanOrEqual(p.highWatermark);
      expect(p.groups.g.lag).toBe(p.highWatermark - Math.max(p.groups.g.committed, p.logStartOffset));
    }
    expect(group.lag).toBe(partitions.reduce((sum, p) => sum + p.groups.g.lag, 0));
  });

  it('shows a crashed member dead and its partitions unowned until the group rebalances', () => {
    const run = smallRun({ group: { sessionTimeout: '6s' }, timeline: [{ at: '10s', action: 'crash-consumer', target: 'g', member: 1 }] });
    run.runUntil(10 * s + 1);
    let view = liveView(run);
    const crashed = view.groups.g.members[1];
    expect(crashed).toMatchObject({ alive: false, state: 'dead', partitions: [] });
    expect(view.topics.t.partitions.filter((p) => p.groups.g.owner === -1)).toHaveLength(2);

    run.runUntil(30 * s);
    view = liveView(run);
    expect(view.groups.g.coordinator).toBe('stable');
    expect(view.groups.g.generation).toBeGreaterThan(1);
    expect(view.topics.t.partitions.map((p) => p.groups.g.owner).sort()).toEqual([0, 0, 0, 2, 2, 2]);
  });

  it('shows leaders, replicas and brokers when the scenario declares a cluster', () => {
    const run = smallRun({
      components: [{ id: 'kafka', kind: 'cluster', brokers: 3, brokerSessionTimeout: '2s' }],
      topic: { replicationFactor: 3 },
      timeline: [{ at: '5s', action: 'crash-broker', target: 'kafka', broker: 0 }],
    });
    run.runUntil(10 * s);
    const view = liveView(run);
    const cluster = view.clusters.kafka;
    expect(cluster.brokers.map((b) => b.alive)).toEqual([false, true, true]);
    expect(cluster.brokers[0].partitionsLed).toBe(0);
    expect(cluster.brokers.reduce((sum, b) => sum + b.partitionsLed, 0)).toBe(6);
    for (const p of view.topics.t.partitions) {
      expect(p.replicas).toHaveLength(3);
      expect([1, 2]).toContain(p.leader);
      expect(p.isr).not.toContain(0);
    }
  });

  it('shows a service in an outage and the calls queued for it', () => {
    const run = smallRun({
      producer: { rate: 1000 },
      components: [{ id: 'db', kind: 'service', latency: '20ms', concurrency: 1, outages: [{ start: '8s', end: '20s' }] }],
      connections: [{ from: 'g', to: 'db' }],
    });
    run.runUntil(10 * s);
    const db = liveView(run).services.db;
    expect(db.outage).toBe(true);
    expect(db.inFlight).toBe(1);
    expect(db.queue).toBeGreaterThan(0);
  });

  it('is plain data and leaves the run as it was', () => {
    const run = smallRun();
    run.runUntil(5 * s);
    const view = liveView(run);
    expect(JSON.parse(JSON.stringify(view))).toEqual(view);
    liveView(run);
    run.runUntil(20 * s);
    const untouched = smallRun();
    untouched.runUntil(5 * s);
    untouched.runUntil(20 * s);
    expect(run.result()).toEqual(untouched.result());
  });
});
