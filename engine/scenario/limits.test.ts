import { describe, expect, it } from 'vitest';
import { loadScenario, type LoadResult } from './load.ts';
import { LIMITS } from './limits.ts';

function scenario(extra: Record<string, unknown> = {}, producer: Record<string, unknown> = {}, topic: Record<string, unknown> = {}, group: Record<string, unknown> = {}) {
  return {
    version: 1,
    duration: '60s',
    components: [
      { id: 'p', kind: 'producer', rate: 100, ...producer },
      { id: 't', kind: 'topic', partitions: 3, ...topic },
      { id: 'g', kind: 'consumer-group', consumers: 2, ...group },
    ],
    connections: [
      { from: 'p', to: 't' },
      { from: 't', to: 'g' },
    ],
    ...extra,
  };
}

const problems = (result: LoadResult) => (result.ok ? [] : result.problems);

describe('limits', () => {
  it('accept a scenario right at each limit', () => {
    const atLimits = scenario(
      { duration: '30d', sampleInterval: `${(LIMITS.durationUs / LIMITS.samples / 1000).toFixed(0)}ms` },
      { rate: 38 },
      { partitions: LIMITS.partitionsPerTopic },
      { consumers: LIMITS.consumersPerGroup },
    );
    expect(problems(loadScenario(atLimits))).toEqual([]);
  });

  it('refuse what exceeds them, naming the limit', () => {
    const cases: [Record<string, unknown>, string][] = [
      [scenario({}, {}, { partitions: LIMITS.partitionsPerTopic + 1 }), 'components[1].partitions: must be a whole number from 1 to 10000, got 10001'],
      [scenario({}, {}, {}, { consumers: LIMITS.consumersPerGroup + 1 }), 'components[2].consumers: must be a whole number from 0 to 10000, got 10001'],
      [scenario({}, { keys: { dist: 'uniform', count: LIMITS.keyCount + 1 } }), 'components[0].keys.count: must be a whole number from 1 to 100000000, got 100000001'],
      [scenario({}, { rate: '1000001/s' }), 'components[0].rate: 1,000,001 messages/s is above the limit of 1,000,000 per producer'],
      [scenario({ duration: '31d', sampleInterval: '1m' }), 'duration: 31d is longer than the limit of 30d'],
      [scenario({ duration: '2d' }), 'sampleInterval: 2d sampled every 1s gives 172,800 samples; the limit is 100,000: sample every 1.728s or more'],
      [scenario({ duration: '2m' }, { rate: 1_000_000 }), 'duration: 1,000,000 messages/s for 2m is up to 120,000,000 records; the limit is 100,000,000 records a run: shorten the run or lower the rates'],
      [scenario({ timeline: [{ at: '1s', action: 'set-rate', target: 'p', rate: 2_000_000 }] }), 'timeline[0].rate: 2,000,000 messages/s is above the limit of 1,000,000 per producer'],
      [scenario({ timeline: [{ at: '1s', action: 'add-partitions', target: 't', partitions: LIMITS.partitionsPerTopic }] }), 'components[1].partitions: 3 partitions and 10,000 added on the timeline make 10,003; the limit is 10,000 a topic'],
      [scenario({ timeline: Array.from({ length: LIMITS.timelineActions + 1 }, () => ({ at: '1s', action: 'add-consumer', target: 'g' })) }), 'timeline: has 1,001 actions; the limit is 1,000'],
      [scenario({ narrative: Array.from({ length: LIMITS.narrativeEntries + 1 }, () => ({ at: '1s', text: 'hi' })) }), 'narrative: has 501 entries; the limit is 500'],
      [scenario({ expect: Array.from({ length: LIMITS.expectations + 1 }, () => ({ metric: 'produced', op: '>', value: 0 })) }), 'expect: has 501 expectations; the limit is 500'],
      [scenario({ duration: 0 }), 'duration: must be above 0'],
    ];
    for (const [data, message] of cases) expect(problems(loadScenario(data))).toContain(message);
  });

  it('count every producer at its highest rate against the total', () => {
    const data = scenario({ timeline: [{ at: '1s', action: 'set-rate', target: 'p', rate: 1_000_000 }] }, { rate: 10 });
    data.components.push({ id: 'p2', kind: 'producer', rate: 1_000_000 }, { id: 'p3', kind: 'producer', rate: 1 });
    expect(problems(loadScenario(data))).toContain('components: the producers together send up to 2,000,001 messages/s; the limit is 2,000,000');
  });

  it('count partitions and members across every topic and group', () => {
    const data = scenario();
    for (let i = 0; i < 6; i++) data.components.push({ id: `t${i}`, kind: 'topic', partitions: 10_000 });
    for (let i = 0; i < 3; i++) data.components.push({ id: `g${i}`, kind: 'consumer-group', consumers: 10_000 });
    expect(problems(loadScenario(data))).toEqual([
      'components: the topics have 60,003 partitions together; the limit is 50,000',
      'components: the groups have 30,002 members together; the limit is 20,000',
    ]);
  });

  it('count components and connections', () => {
    const data = scenario();
    for (let i = 0; i < LIMITS.components; i++) data.components.push({ id: `s${i}`, kind: 'topic', partitions: 1 });
    for (let i = 0; i < LIMITS.connections - 1; i++) data.connections.push({ from: 'p', to: `s${i % LIMITS.components}` });
    const found = problems(loadScenario(data));
    expect(found).toContain('components: has 203 components; the limit is 200');
    expect(found).toContain('connections: has 1,001 connections; the limit is 1,000');
  });
});
