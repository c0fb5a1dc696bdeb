import { describe, expect, it } from 'vitest';
import { smallRun, type SmallScenario } from '../../test/support/smallScenario.ts';
import { partitionForKey } from '../kafka/murmur2.ts';
import { readFileSync } from 'node:fs';
import { ScenarioRun } from '../model/run.ts';
import { loadScenarioText } from '../scenario/load.ts';
import { explain } from './explain.ts';
import { review } from './review.ts';

function explained(spec: SmallScenario) {
  const run = smallRun(spec);
  const result = run.runToEnd();
  const [group] = explain(run.scenario, result, run.sampler.series);
  return { group, result };
}

describe('explain', () => {
  it("sets each member's offered load against its capacity, and sees lag grow when it is above 1", () => {
    // 900/s over 3 partitions, one each; 5 ms a record is 200/s: each member is offered 300/s.
    const { group } = explained({ producer: { rate: 900, keys: { dist: 'uniform', count: 10_000 } }, topic: { partitions: 3 }, group: { processing: '5ms', commit: 'poll' } });
    expect(group.members).toHaveLength(3);
    for (const m of group.members) {
      expect(m.capacityPerSec).toBeCloseTo(200, 6);
      expect(m.load).toBeGreaterThan(1.35);
      expect(m.load).toBeLessThan(1.65);
    }
    expect(group.lag.trend).toBe('growing');
    // 3 members fall behind by 100/s each.
    expect(group.lag.perSecond).toBeGreaterThan(255);
    expect(group.lag.perSecond).toBeLessThan(345);
    expect(group.sentences[0]).toMatch(/more than it can process/);
    expect(group.sentences[2]).toMatch(/^Lag is growing by about \d+ records a second/);
  });

  it('sees lag drain after the rate drops, and estimates the time to drain from the backlog and the rate', () => {
    // Capacity 1,500/s; 2,000/s for 20 s builds a backlog, 500/s after that drains it at about 1,000/s.
    const { group, result } = explained({
      duration: '30s',
      producer: { rate: 2000 },
      group: { processing: '2ms', commit: 'poll' },
      timeline: [{ at: '20s', action: 'set-rate', target: 'p', rate: 500 }],
    });
    expect(group.lag.trend).toBe('draining');
    expect(group.lag.perSecond).toBeLessThan(-850);
    expect(group.lag.perSecond).toBeGreaterThan(-1150);
    expect(group.lag.current).toBe(result.groups.g.lag.final);
    expect(group.lag.drainMs).toBeCloseTo((group.lag.current / -group.lag.perSecond) * 1000, -3);
    expect(group.sentences[2]).toMatch(/at this rate it is gone in about \d/);
  });

  it("reads an auto-commit sawtooth as steady, and says why lag swings", () => {
    const { group } = explained({ producer: { rate: 300 }, group: { commit: 'auto' } });
    expect(group.lag.trend).toBe('steady');
    expect(group.lag.high).toBeGreaterThan(group.lag.low * 2);
    expect(group.sentences[2]).toContain('auto-commits, every 5.0 s');
    expect(group.sentences[0]).toMatch(/comfortably within its capacity/);
  });

  it('names the hot partition, the one the hot key hashes to, with its share', () => {
    const { group } = explained({ producer: { rate: 600, keys: { dist: 'hot', count: 10_000, hotKeys: ['post_42'], hotFraction: 0.5 } } });
    expect(group.hot?.partition).toBe(`t-${partitionForKey('post_42', 6)}`);
    // Half the records plus a sixth of the other half.
    expect(group.hot!.share).toBeGreaterThan(0.55);
    expect(group.hot!.share).toBeLessThan(0.62);
    expect(group.sentences[1]).toMatch(/^t-\d is hot: it takes 5\d% of its topic's records, against 17%/);
  });

  it('counts service calls in the time a record takes, and says which members sit idle', () => {
    const { group } = explained({
      group: { consumers: 8, processing: '1ms' },
      components: [{ id: 's', kind: 'service', latency: '4ms' }],
      connections: [{ from: 'g', to: 's' }],
    });
    expect(group.busiest!.capacityPerSec).toBeCloseTo(200, 6);
    expect(group.members.filter((m) => m.partitions.length === 0)).toHaveLength(2);
    expect(group.sentences[0]).toContain('2 members have no partition and sit idle.');
  });

  it('prices rebalances in pause time and the records held back meanwhile', () => {
    const { group, result } = explained({
      producer: { rate: 600 },
      group: { sessionTimeout: '10s' },
      timeline: [{ at: '20s', action: 'crash-consumer', target: 'g', member: 1 }],
    });
    expect(group.rebalance.count).toBe(result.groups.g.rebalances);
    expect(group.rebalance.count).toBeGreaterThanOrEqual(2);
    expect(group.rebalance.pausedMs).toBe(result.groups.g.pausedMs);
    // 600/s over the run, each partition paused pausedMs on average.
    const produced = result.produced / (result.simulatedMs / 1000);
    expect(group.rebalance.heldBack).toBeCloseTo((produced * result.groups.g.pausedMs) / 1000, -1);
    expect(group.sentences[3]).toMatch(/^\d+ rebalances \(counting the first assignment\) paused each partition for [\d.]+ s on average/);
  });

  it('explains a processor like any group, and the review reads it too', () => {
    const loaded = loadScenarioText(readFileSync('scenarios/windowed-counts.json', 'utf8'));
    if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
    const run = new ScenarioRun(loaded.scenario);
    const result = run.runToEnd();
    const processors = loaded.scenario.components.filter((c) => c.kind === 'processor').map((c) => c.id);
    const explained = explain(loaded.scenario, result, run.sampler.series).map((g) => g.group);
    for (const id of processors) expect(explained).toContain(id);
    expect(() => review(loaded.scenario, result)).not.toThrow();
  });
});
