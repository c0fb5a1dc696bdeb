import { describe, expect, it } from 'vitest';
import { chain, makeScenario, runSketch, type GroupInput, type ScenarioSketch, type TopicInput } from '../../test/support/scenario.ts';
import { partitionForKey } from '../kafka/murmur2.ts';
import { KEYLESS } from './context.ts';
import { ScenarioRun } from './run.ts';
import type { Topic, TopicSubscriber } from './topic.ts';

const SECOND = 1_000_000;

/** A topic in a run of its own; a producer that never sends names key slot `s` `key-<s>`. */
function standaloneTopic(spec: Omit<TopicInput, 'id' | 'kind'>) {
  const run = new ScenarioRun(
    makeScenario({
      components: [
        { id: 'names', kind: 'producer', rate: 0, keys: { dist: 'uniform', count: 1_000_000 } },
        { id: 't', kind: 'topic', ...spec },
      ],
    }),
  );
  return { sim: run.sim, topic: run.topics.get('t')! };
}

function deletions(topic: Topic): [number, number, number][] {
  const seen: [number, number, number][] = [];
  const subscriber: TopicSubscriber = {
    onAppend: () => {},
    onDeleted: (_t, partition, from, to) => seen.push([partition, from, to]),
    onPartitionsAdded: () => {},
  };
  topic.subscribers.push(subscriber);
  return seen;
}

describe('Topic partitioning', () => {
  it('maps a key slot to murmur2(key name) % partitions, for slots past the first cache block too', () => {
    const { topic } = standaloneTopic({ partitions: 13 });
    for (const slot of [0, 1, 2, 500, 1023, 1024, 5000, 100_000]) {
      expect(topic.partitionForKeySlot(slot)).toBe(partitionForKey(`key-${slot}`, 13));
      // The cached answer is the same.
      expect(topic.partitionForKeySlot(slot)).toBe(partitionForKey(`key-${slot}`, 13));
    }
  });

  it('remaps keys over the new partition count after partitions are added', () => {
    const { topic } = standaloneTopic({ partitions: 3 });
    const slots = Array.from({ length: 200 }, (_, i) => i);
    const before = slots.map((s) => topic.partitionForKeySlot(s));
    topic.addPartitions(4);
    expect(topic.partitionCount).toBe(7);
    const after = slots.map((s) => topic.partitionForKeySlot(s));
    expect(before).toEqual(slots.map((s) => partitionForKey(`key-${s}`, 3)));
    expect(after).toEqual(slots.map((s) => partitionForKey(`key-${s}`, 7)));
    expect(after.filter((p, i) => p !== before[i]).length).toBeGreaterThan(100);
    expect(topic.logs).toHaveLength(7);
  });

  it('spreads keyless derived records round robin and keeps keyed ones on their key partition', () => {
    const { topic } = standaloneTopic({ partitions: 4 });
    const keyless = Array.from({ length: 12 }, () => topic.partitionForDerived(KEYLESS));
    expect([...keyless].sort()).toEqual([0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3]);
    expect(new Set(keyless.slice(0, 4)).size).toBe(4);
    expect(topic.partitionForDerived(42)).toBe(partitionForKey('key-42', 4));
  });
});

describe('Topic retention', () => {
  it('checks retention every retentionCheckInterval and tells subscribers which offsets went', () => {
    const { sim, topic } = standaloneTopic({ partitions: 2, retention: '1s', segmentBytes: 1000, retentionCheckInterval: '2s' });
    const deleted = deletions(topic);
    // 100-byte records every 10 ms into partition 0 for 3 s; partition 1 gets nothing.
    for (let i = 0; i < 300; i++) topic.logs[0].append(i * 10_000, i, 0, 100, i * 10_000);
    sim.runUntil(1_999_999);
    expect(topic.logs[0].logStartOffset).toBe(0);
    sim.runUntil(2 * SECOND);
    // At 2 s the segments whose newest record is older than 1 s (offsets 0..99) go.
    expect(topic.logs[0].logStartOffset).toBe(100);
    expect(deleted).toEqual([[0, 0, 100]]);
    sim.runUntil(4 * SECOND);
    expect(topic.logs[0].logStartOffset).toBe(300);
    expect(deleted).toEqual([
      [0, 0, 100],
      [0, 100, 300],
    ]);
    expect(topic.logs[1].logStartOffset).toBe(0);
  });
});

describe('retention in a run', () => {
  const retentionRun = (group: Omit<GroupInput, 'id' | 'kind'>, extra: Partial<ScenarioSketch> = {}): ScenarioSketch => ({
    duration: '30s',
    components: [
      { id: 'p', kind: 'producer', rate: 500 },
      { id: 't', kind: 'topic', partitions: 3, retention: '5s', segmentBytes: 5000, retentionCheckInterval: '1s' },
      { id: 'g', kind: 'consumer-group', ...group },
    ],
    connections: chain('p', 't', 'g'),
    ...extra,
  });

  it('a group with no consumers loses to retention exactly the records deleted from the log', () => {
    const { result } = runSketch(retentionRun({ consumers: 0 }));
    const g = result.groups.g;
    const partitions = result.topics.t.partitions;
    const deleted = partitions.reduce((sum, p) => sum + p.logStartOffset, 0);
    const retained = partitions.reduce((sum, p) => sum + p.logEndOffset - p.logStartOffset, 0);
    for (const p of partitions) expect(p.logStartOffset).toBeGreaterThan(0);
    expect(g.lostByCause).toEqual({ retention: deleted, atMostOnce: 0, offsetReset: 0 });
    expect(g.lost).toBe(deleted);
    expect(g.conservation).toEqual({ produced: result.produced, handled: 0, waiting: retained, lost: deleted, holds: true });
    // What is left is at most retention + a segment + a check interval old: about 7 s of 500/s.
    expect(retained).toBeLessThan(500 * 8);
  });

  it.each(['earliest', 'latest'] as const)(
    'a group too slow for the topic loses records to retention and keeps consuming (auto.offset.reset %s)',
    (autoOffsetReset) => {
      // 300 records/s against 200/s of processing: retention deletes records before, and while,
      // the group gets to them.
      const { result } = runSketch({
        duration: '40s',
        components: [
          { id: 'p', kind: 'producer', rate: 300 },
          { id: 't', kind: 'topic', partitions: 2, retention: '5s', segmentBytes: 10_000, retentionCheckInterval: '1s' },
          { id: 'g', kind: 'consumer-group', processing: { dist: 'exponential', mean: '5ms' }, autoOffsetReset, initialRebalanceDelay: 0 },
        ],
        connections: chain('p', 't', 'g'),
      });
      const g = result.groups.g;
      expect(result.engine.stopped).toBeNull();
      expect(g.lost).toBeGreaterThan(1000);
      expect(g.lostByCause.retention).toBeGreaterThan(0);
      if (autoOffsetReset === 'earliest') expect(g.lostByCause.offsetReset).toBe(0);
      for (const p of result.topics.t.partitions) expect(p.logStartOffset).toBeGreaterThan(0);
      expect(g.conservation.holds).toBe(true);
      expect(g.conservation.produced).toBe(result.produced);
      // It never stopped: it processed about 200 a second throughout.
      expect(g.processed).toBeGreaterThan(0.8 * 200 * 40);
    },
  );

  it.each(['earliest', 'latest'] as const)(
    'a group that stops consuming loses records to retention, and conservation still holds (auto.offset.reset %s)',
    (autoOffsetReset) => {
      const { run, result } = runSketch(
        retentionRun(
          { consumers: 2, processing: '1ms', autoOffsetReset, commit: 'poll', initialRebalanceDelay: 0, sessionTimeout: '3s' },
          {
            timeline: [
              { at: '5s', action: 'crash-consumer', target: 'g', member: 0 },
              { at: '5s', action: 'crash-consumer', target: 'g', member: 1 },
              { at: '20s', action: 'restart-consumer', target: 'g', member: 0 },
            ],
          },
        ),
      );
      const g = result.groups.g;
      expect(g.lostByCause.retention).toBeGreaterThan(1000);
      expect(g.lostByCause.atMostOnce).toBe(0);
      for (const p of result.topics.t.partitions) expect(p.logStartOffset).toBeGreaterThan(0);
      expect(g.conservation.holds).toBe(true);
      expect(g.conservation.produced).toBe(result.produced);
      expect(g.conservation.handled + g.conservation.waiting + g.conservation.lost).toBe(result.produced);
      expect(g.lost).toBe(g.lostByCause.retention + g.lostByCause.offsetReset);
      if (autoOffsetReset === 'latest') {
        // Restarted, the member finds its committed offset deleted and jumps to the log end: what
        // was still retained is skipped too.
        expect(g.lostByCause.offsetReset).toBeGreaterThan(0);
      } else {
        expect(g.lostByCause.offsetReset).toBe(0);
      }
      // Caught up again by the end.
      expect(g.conservation.waiting).toBeLessThan(100);
      expect(g.lag.final).toBeLessThan(100);
      const topic = run.topics.get('t')!;
      expect(topic.logs.every((log) => log.segments[0].baseOffset === log.logStartOffset)).toBe(true);
    },
  );
});

describe('add-partitions in a run', () => {
  const addPartitionsRun = (autoOffsetReset: 'earliest' | 'latest'): ScenarioSketch => ({
    duration: '20s',
    components: [
      { id: 'p', kind: 'producer', rate: 500, arrival: 'constant', keys: { dist: 'uniform', count: 40 } },
      { id: 't', kind: 'topic', partitions: 3 },
      { id: 'g', kind: 'consumer-group', consumers: 2, metadataMaxAge: '2s', autoOffsetReset, initialRebalanceDelay: 0 },
    ],
    connections: chain('p', 't', 'g'),
    timeline: [{ at: '5s', action: 'add-partitions', target: 't', partitions: 3 }],
  });

  it('remaps keys: records created before go to murmur2 % 3, after to murmur2 % 6, so a key spans two partitions', () => {
    const run = new ScenarioRun(makeScenario(addPartitionsRun('earliest')));
    const result = run.runToEnd();
    expect(result.topics.t.partitions).toHaveLength(6);
    const topic = run.topics.get('t')!;
    const producer = run.producers[0];
    const partitionsOfKey = new Map<number, Set<number>>();
    let misplaced = 0;
    for (const [partition, log] of topic.logs.entries()) {
      for (let offset = log.logStartOffset; offset < log.logEndOffset; offset++) {
        const slot = log.keySlotAt(offset);
        const key = producer.keyName(slot - producer.keyBase);
        const created = log.createTimeAt(offset);
        if (created === 5 * SECOND) continue;
        const expected = partitionForKey(key, created < 5 * SECOND ? 3 : 6);
        if (partition !== expected) misplaced++;
        if (!partitionsOfKey.has(slot)) partitionsOfKey.set(slot, new Set());
        partitionsOfKey.get(slot)!.add(partition);
      }
    }
    expect(misplaced).toBe(0);
    const moved = [...partitionsOfKey.values()].filter((ps) => ps.size === 2).length;
    // About half the keys hash to a different partition out of 6 than out of 3.
    expect(moved).toBeGreaterThan(10);
    expect(moved).toBeLessThan(30);
    for (const p of [3, 4, 5]) expect(topic.logs[p].logEndOffset).toBeGreaterThan(0);
  });

  it('with auto.offset.reset earliest the group reads the new partitions from the start: nothing lost', () => {
    const { result } = runSketch(addPartitionsRun('earliest'));
    const g = result.groups.g;
    expect(g.partitions).toHaveLength(6);
    expect(g.lost).toBe(0);
    expect(g.conservation.holds).toBe(true);
    expect(g.conservation.produced).toBe(result.produced);
    for (const p of g.partitions) expect(p.processed).toBeGreaterThan(0);
    expect(g.conservation.waiting).toBeLessThan(50);
  });

  it('with auto.offset.reset latest the records written to new partitions before the group noticed them are lost', () => {
    const { result } = runSketch(addPartitionsRun('latest'));
    const g = result.groups.g;
    expect(g.lostByCause.offsetReset).toBeGreaterThan(0);
    expect(g.lost).toBe(g.lostByCause.offsetReset);
    expect(g.conservation.holds).toBe(true);
    expect(g.conservation.produced).toBe(result.produced);
    expect(g.conservation.handled + g.conservation.waiting + g.conservation.lost).toBe(result.produced);
  });
});
