import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenario, loadScenarioText } from '../../engine/scenario/load.ts';
import type { Scenario } from '../../engine/scenario/schema.ts';
import { chartFor, highlightSet, inferHighlights, NO_HIGHLIGHTS, teachingSteps } from './narrative.ts';

function scenario(narrative: unknown[], extra: Record<string, unknown>[] = []): Scenario {
  const loaded = loadScenario({
    version: 1,
    duration: '2m',
    components: [
      { id: 'orders-api', kind: 'producer', rate: 100 },
      { id: 'orders', kind: 'topic', partitions: 6 },
      { id: 'orders-dlq', kind: 'topic', partitions: 1 },
      { id: 'billing', kind: 'consumer-group', consumers: 3 },
      ...extra,
    ],
    connections: [
      { from: 'orders-api', to: 'orders' },
      { from: 'orders', to: 'billing' },
    ],
    narrative,
  });
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  return loaded.scenario;
}

describe('teaching steps', () => {
  it('orders steps by time (ties keep the file order), in ms, and keeps a step’s own highlight', () => {
    const steps = teachingSteps(
      scenario([
        { at: '30s', text: 'later', highlight: [{ component: 'billing', member: 2 }, { chart: 'latency' }] },
        { at: '0s', text: 'first' },
        { at: '30s', text: 'same time, after' },
      ]),
    );
    expect(steps.map((s) => [s.atMs, s.text])).toEqual([
      [0, 'first'],
      [30_000, 'later'],
      [30_000, 'same time, after'],
    ]);
    expect(steps[1]).toMatchObject({ inferred: false, highlights: [{ component: 'billing', member: 2 }, { chart: 'latency' }] });
  });

  it('infers what a step talks about from its text when it does not say', () => {
    const s = scenario([]);
    // Whole ids only, the longest first: "orders-dlq" is not also "orders"; "orders-api" is not "orders".
    expect(inferHighlights(s, 'orders-api writes; failures go to orders-dlq.')).toEqual([{ component: 'orders-api' }, { component: 'orders-dlq' }]);
    expect(inferHighlights(s, 'billing reads orders.')).toEqual([{ component: 'billing' }, { component: 'orders' }]);
    // With one topic carrying partitions... here two topics: partitions name nobody.
    expect(inferHighlights(s, 'partition 2 is hot')).toEqual([]);
    expect(inferHighlights(s, 'Member 1 crashes; members 0 and 2 rebalance. Watch the lag.')).toEqual([
      { component: 'billing', member: 1 },
      { component: 'billing', member: 0 },
      { component: 'billing', member: 2 },
      { chart: 'lag' },
    ]);
  });

  it('reads partition lists of the only topic, and ignores partitions it does not have', () => {
    const loaded = loadScenarioText(readFileSync('scenarios/consumer-crash-eager.json', 'utf8'));
    if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
    const topic = loaded.scenario.components.find((c) => c.kind === 'topic')!;
    expect(inferHighlights(loaded.scenario, 'Partitions 2 and 3 stall; partitions 0, 1, and 5 do not; partition 99 is not there.')).toEqual([
      { component: topic.id, partition: 2 },
      { component: topic.id, partition: 3 },
      { component: topic.id, partition: 0 },
      { component: topic.id, partition: 1 },
      { component: topic.id, partition: 5 },
    ]);
  });

  it('picks the chart a step points at, else keeps the previous one, else lag', () => {
    expect(chartFor(highlightSet([{ chart: 'skew' }]), 'lag')).toBe('skew');
    expect(chartFor(highlightSet(inferHighlights(scenario([]), 'the p99 latency climbs')), null)).toBe('latency');
    expect(chartFor(highlightSet([{ component: 'orders' }]), 'throughput')).toBe('throughput');
    expect(chartFor(NO_HIGHLIGHTS, null)).toBe('lag');
  });

  it('indexes highlights for the canvas: components, partitions per topic, members per group', () => {
    const set = highlightSet([{ component: 'orders', partition: 0 }, { component: 'orders', partition: 4 }, { component: 'billing', member: 1 }, { chart: 'lag' }]);
    expect([...set.components]).toEqual(['orders', 'billing']);
    expect([...set.partitions.get('orders')!]).toEqual([0, 4]);
    expect([...set.members.get('billing')!]).toEqual([1]);
    expect(set.partitions.has('billing')).toBe(false);
    expect([...set.charts]).toEqual(['lag']);
  });

  it('gives every library lesson steps, each pointing at something to look at', () => {
    for (const file of ['hot-key', 'consumer-crash-eager', 'consumer-crash-cooperative', 'retention-loss', 'replay']) {
      const loaded = loadScenarioText(readFileSync(`scenarios/${file}.json`, 'utf8'));
      if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
      const steps = teachingSteps(loaded.scenario);
      expect(steps.length, file).toBeGreaterThanOrEqual(4);
      for (const step of steps) expect(step.highlights.length, `${file} at ${step.atMs} ms`).toBeGreaterThan(0);
    }
  });
});
