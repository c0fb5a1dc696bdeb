import { describe, expect, it } from 'vitest';
import { runScenario } from '../model/run.ts';
import { metricAt } from '../model/result.ts';
import { loadScenario } from '../scenario/load.ts';
import { studentT975 } from '../core/stats.ts';
import {
  answerTarget,
  describeAnswer,
  describeMetric,
  parseSweepParam,
  parseSweepTarget,
  parseSweepValues,
  planSweep,
  runSweepJob,
  summarizeSamples,
  summarizeSweep,
  sweep,
  withParam,
  type SweepRow,
} from './sweep.ts';

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
    expect(() => parseSweepParam('components.g.consumers=')).toThrow('--param: give at least one value');
    expect(() => parseSweepValues('3, 6,3')).toThrow('3 is in the list twice');
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

  it('reads a target as an operator and a number, and names a bad one', () => {
    expect(parseSweepTarget('<50')).toEqual({ op: '<', value: 50 });
    expect(parseSweepTarget(' >= 0.5 ')).toEqual({ op: '>=', value: 0.5 });
    expect(() => parseSweepTarget('under 50')).toThrow('a target is an operator and a number, like "<50"');
    expect(() => parseSweepTarget('<')).toThrow('got "<"');
  });
});

describe('sweep plans', () => {
  it('list every value on the same seeds, value by value, from the first seed', () => {
    const plan = planSweep(data, parseSweepParam('components.t.partitions=3,6'), { seeds: 3, firstSeed: 42 });
    if (!plan.ok) throw new Error(plan.problems.join('\n'));
    expect(plan.seeds).toEqual([42, 43, 44]);
    expect(plan.jobs.map((j) => [j.value, j.seed, j.valueIndex, j.seedIndex])).toEqual([
      [3, 42, 0, 0],
      [3, 43, 0, 1],
      [3, 44, 0, 2],
      [6, 42, 1, 0],
      [6, 43, 1, 1],
      [6, 44, 1, 2],
    ]);
    const topic = (plan.jobs[3].scenario.components as { id: string; partitions?: number }[]).find((c) => c.id === 't');
    expect(topic?.partitions).toBe(6);
    // The data passed in is never changed.
    expect(data.components[1]).toEqual({ id: 't', kind: 'topic', partitions: 6 });
  });

  it('start from seed 1 when the scenario has no numeric seed, and can replace the duration', () => {
    const plan = planSweep(data, parseSweepParam('components.t.partitions=3'), { seeds: 2, firstSeed: 'abc', duration: '5s' });
    if (!plan.ok) throw new Error(plan.problems.join('\n'));
    expect(plan.seeds).toEqual([1, 2]);
    expect(plan.jobs[0].scenario.duration).toBe('5s');
    expect(runSweepJob(plan.jobs[0], 'simulatedMs')).toBe(5000);
    // A narrative step after the new end changes nothing in a run: it does not refuse the sweep.
    const told = { ...data, narrative: [{ at: '15s', text: 'later' }] };
    expect(planSweep(told, parseSweepParam('components.t.partitions=3'), { seeds: 1, duration: '5s' }).ok).toBe(true);
  });

  it('refuse every value the scenario refuses, with the validator’s lines, and plan nothing', () => {
    const plan = planSweep(data, parseSweepParam('components.t.partitions=0,3,x'), { seeds: 2 });
    expect(plan.ok).toBe(false);
    if (plan.ok) return;
    expect(plan.problems).toHaveLength(2);
    expect(plan.problems[0]).toMatch(/^with partitions = 0 the scenario is not valid:\ncomponents\[1\]\.partitions/);
    expect(plan.problems[1]).toMatch(/^with partitions = "x" the scenario is not valid:/);
    expect(planSweep(data, parseSweepParam('components.nope.partitions=3'), { seeds: 1 })).toEqual({ ok: false, problems: ['--param: no component has the id "nope"'] });
    expect(planSweep(data, parseSweepParam('components.t.partitions=3'), { seeds: 0 })).toMatchObject({ ok: false });
  });
});

describe('sweep summaries', () => {
  it('give the mean, spread and a Student-t interval over the seeds', () => {
    const row = summarizeSamples(6, [10, 14, 12, null]);
    expect(row.mean).toBe(12);
    expect([row.min, row.max]).toEqual([10, 14]);
    expect(row.sd).toBeCloseTo(2, 12);
    // Three numbers: two degrees of freedom (the null names nothing and is left out).
    expect(row.ci95).toBeCloseTo((studentT975(2) * 2) / Math.sqrt(3), 12);
    expect(summarizeSamples(6, [10])).toMatchObject({ mean: 10, sd: null, ci95: null });
    expect(summarizeSamples(6, [null, null])).toMatchObject({ mean: null, min: null, max: null });
  });

  it('put each job’s metric in its value’s row and seed’s place, whatever order they finished in', () => {
    const param = parseSweepParam('components.t.partitions=3,6');
    const plan = planSweep(data, param, { seeds: 2 });
    if (!plan.ok) throw new Error(plan.problems.join('\n'));
    const rows = summarizeSweep(param, plan.jobs, [1, 2, undefined, 4]);
    expect(rows.map((r) => [r.value, r.samples])).toEqual([
      [3, [1, 2]],
      [6, [null, 4]],
    ]);
  });
});

describe('answering "which value is enough?"', () => {
  const row = (value: unknown, samples: (number | null)[]): SweepRow => summarizeSamples(value, samples);
  // Listed out of order: the answer is still the smallest number.
  const rows = [row(24, [20, 30]), row(6, [40, 70]), row(12, [35, 45]), row(3, [90, 95])];

  it('finds the smallest value whose every seed meets the target, and the smallest whose mean does', () => {
    const answer = answerTarget(rows, { op: '<', value: 50 });
    expect(answer.everySeed?.value).toBe(12);
    expect(answer.mean?.value).toBe(12);
    const looser = answerTarget(rows, { op: '<', value: 60 });
    expect(looser.everySeed?.value).toBe(12);
    // 6's seeds are 40 and 70: its mean (55) meets "< 60", one seed does not.
    expect(looser.mean?.value).toBe(6);
  });

  it('takes other values in the order given, and a seed with no number never counts as meeting', () => {
    const modes = [row('eager', [80, 90]), row('cooperative', [10, 20]), row('sticky', [5, 6])];
    expect(answerTarget(modes, { op: '<=', value: 20 }).everySeed?.value).toBe('cooperative');
    expect(answerTarget([row(3, [10, null])], { op: '<', value: 50 })).toEqual({ everySeed: null, mean: expect.objectContaining({ value: 3 }) });
    expect(answerTarget(rows, { op: '<', value: 10 })).toEqual({ everySeed: null, mean: null });
  });

  it('says the answer as a sentence, or that no value tried is enough', () => {
    expect(describeMetric('groups.counter.latencyMs.p99')).toEqual({ label: 'counter p99 latency', unit: 'ms' });
    expect(describeMetric('topics.likes.partitions.0.produced')).toEqual({ label: 'topics.likes.partitions.0.produced', unit: '' });
    expect(describeAnswer('partitions', 'groups.g.latencyMs.p99', { op: '<', value: 50 }, rows)).toBe('smallest partitions with g p99 latency < 50 ms on every seed: 12');
    expect(describeAnswer('partitions', 'groups.g.latencyMs.p99', { op: '<', value: 60 }, [rows[1]])).toBe(
      'no partitions tried has g p99 latency < 60 ms on every seed; smallest partitions with g p99 latency < 60 ms on the mean: 6',
    );
    expect(describeAnswer('partitions', 'produced', { op: '>', value: 1000 }, rows)).toBe('no partitions tried has produced > 1000, on every seed or on the mean (tried 24, 6, 12, 3)');
  });
});

