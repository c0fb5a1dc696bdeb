import { describe, expect, it } from 'vitest';
import { runScenario } from '../model/run.ts';
import { metricAt } from '../model/result.ts';
import { loadScenario } from '../scenario/load.ts';
import { parseSweepParam, sweep, withParam } from './sweep.ts';

const data = {
  version: 1,
  seed: 9,
  duration: '20s',
  components: [
    { id: 'p', kind: 'producer', rate: 600 },
    { id: 't', kind: 'topic', partitions: 6 },
    { id: 'g', kind: 'consumer-group', consumers: 1, processing: '2ms' },
  ],
  connections: [
    { from: 'p', to: 't' },
    { from: 't', to: 'g' },
  ],
};

describe('sweeps', () => {
  it('read --param, keeping numbers numbers, and name what is wrong with a bad one', () => {
    expect(parseSweepParam('components.g.consumers=1, 2,3')).toEqual({ componentId: 'g', field: 'consumers', values: [1, 2, 3] });
    expect(parseSweepParam('components.g.assignor=range,sticky').values).toEqual(['range', 'sticky']);
    expect(() => parseSweepParam('g.consumers=1')).toThrow('--param must look like components.<id>.<field>=3,6,12');
    expect(() => withParam(data, parseSweepParam('components.x.consumers=1'), 1)).toThrow('no component has the id "x"');
  });

  it('runs every value on the same seeds, so each sample is the run of that value and seed', () => {
    const rows = sweep(data, parseSweepParam('components.g.consumers=1,2,3'), 2, 'groups.g.lag.max', 9);
    expect(rows.map((r) => r.value)).toEqual([1, 2, 3]);
    // One member at 2 ms is overloaded by 600/s; three are not: lag falls as members are added.
    expect(rows[0].mean!).toBeGreaterThan(rows[2].mean!);
    const loaded = loadScenario(withParam(data, parseSweepParam('components.g.consumers=2'), 2));
    if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
    expect(rows[1].samples[1]).toBe(metricAt(runScenario(loaded.scenario, { seed: 10 }), 'groups.g.lag.max'));
    expect(rows[1].min).toBeLessThanOrEqual(rows[1].mean!);
    expect(rows[1].max).toBeGreaterThanOrEqual(rows[1].mean!);
  });

  it('refuses a value that makes the scenario invalid, with the validator’s message', () => {
    expect(() => sweep(data, parseSweepParam('components.t.partitions=0'), 1, 'produced')).toThrow(/with partitions = 0 the scenario is not valid:\ncomponents\[1\]\.partitions/);
  });
});
