import { readFileSync } from 'node:fs';
import { metricAt } from '../../engine/model/result.ts';
import { runJob } from '../pool/job.ts';
import { describe, expect, it } from 'vitest';
import { formatFigure, parseSweepParam, runSweepJob, summarizeSamples, type SweepRow } from '../../engine/analysis/sweep.ts';
import { studentT975 } from '../../engine/core/stats.ts';
import { parseDuration } from '../../engine/core/time.ts';
import type { ScenarioDoc } from '../store/scenarioDoc.ts';
import { fitDraft, freshDraft, metricOptions, plotData, prepareSweep, suggestValues, sweepableFields, sweepCsv, type SweepDraft } from './sweepForm.ts';

const doc: ScenarioDoc = {
  version: 1,
  name: 'Small',
  seed: 42,
  duration: '10s',
  components: [
    { id: 'p', kind: 'producer', rate: 400, linger: '4ms' },
    { id: 't', kind: 'topic', partitions: 12 },
    { id: 'g', kind: 'consumer-group', consumers: 3, processing: '2ms' },
  ],
  connections: [
    { from: 'p', to: 't' },
    { from: 't', to: 'g' },
  ],
  layout: {},
};
const component = (id: string) => doc.components.find((c) => c.id === id)!;
const field = (id: string, name: string) => sweepableFields(component(id)).find((f) => f.name === name)!;
const draft = (patch: Partial<SweepDraft> = {}): SweepDraft => ({ ...freshDraft(doc), ...patch });

describe('the sweep form', () => {
  it('offers the numeric and choice settings of a component, not its text or distribution ones', () => {
    const names = sweepableFields(component('g')).map((f) => f.name);
    expect(names).toEqual(expect.arrayContaining(['consumers', 'assignor', 'maxPollRecords', 'sessionTimeout', 'delivery']));
    expect(names).not.toContain('processing');
    expect(names).not.toContain('deadLetterTopic');
    expect(sweepableFields(component('p')).map((f) => f.name)).toEqual(expect.arrayContaining(['rate', 'linger', 'acks', 'idempotent']));
  });

  it('suggests values around the current one', () => {
    expect(suggestValues(component('t'), field('t', 'partitions'))).toBe('3, 6, 12, 24');
    // From a small count the list goes up rather than repeating 1.
    expect(suggestValues({ id: 'x', kind: 'topic', partitions: 1 }, field('t', 'partitions'))).toBe('1, 2, 4, 8');
    // Unset: from the default (1 consumer).
    expect(suggestValues({ id: 'x', kind: 'consumer-group' }, field('g', 'consumers'))).toBe('1, 2, 4, 8');
    expect(suggestValues(component('g'), field('g', 'assignor'))).toBe(field('g', 'assignor').choices!.join(', '));
    const lingers = suggestValues(component('p'), field('p', 'linger')).split(', ');
    expect(lingers.map((v) => parseDuration(v))).toEqual([2, 4, 8, 16].map((ms) => ms * 1000));
    expect(suggestValues(component('p'), field('p', 'rate'))).toBe('200, 400, 800');
  });

  it('lists the useful metrics of every group, then the records produced', () => {
    const paths = metricOptions(doc).map((m) => m.path);
    expect(paths).toEqual([
      'groups.g.latencyMs.p99',
      'groups.g.latencyMs.p95',
      'groups.g.latencyMs.mean',
      'groups.g.lag.max',
      'groups.g.lagTimeMs.max',
      'groups.g.duplicates',
      'groups.g.lost',
      'groups.g.pausedMs',
      'produced',
    ]);
    expect(metricOptions(doc)[0].label).toBe('g p99 latency (ms)');
  });

  it('starts with the first topic’s partitions and the first group’s p99, and starts afresh on another scenario', () => {
    expect(freshDraft(doc)).toMatchObject({ componentId: 't', field: 'partitions', valuesText: '3, 6, 12, 24', seedsText: '3', metric: 'groups.g.latencyMs.p99', targetText: '' });
    const typed = draft({ valuesText: '5, 7', targetText: '50' });
    expect(fitDraft(doc, typed)).toBe(typed);
    const other: ScenarioDoc = { ...doc, components: [{ id: 'orders', kind: 'topic', partitions: 3 }, { id: 'billing', kind: 'consumer-group' }] };
    expect(fitDraft(other, typed)).toMatchObject({ componentId: 'orders', field: 'partitions', valuesText: '1, 2, 3, 6', metric: 'groups.billing.latencyMs.p99' });
  });
});

describe('reading the form into a sweep', () => {
  it('plans every value on the same seeds from the first seed, leaving the canvas’s scenario as it was', () => {
    const before = JSON.stringify(doc);
    const prepared = prepareSweep(doc, draft({ valuesText: '3, 6', seedsText: '2', targetText: '50' }), 7);
    if (!prepared.ok) throw new Error(prepared.problems.join('\n'));
    const { sweep } = prepared;
    expect(sweep.param).toEqual({ componentId: 't', field: 'partitions', values: [3, 6] });
    expect(sweep.seeds).toEqual([7, 8]);
    expect(sweep.jobs.map((j) => [j.value, j.seed])).toEqual([
      [3, 7],
      [3, 8],
      [6, 7],
      [6, 8],
    ]);
    expect(sweep.target).toEqual({ op: '<', value: 50 });
    expect(JSON.stringify(doc)).toBe(before);
  });

  it('reads choices and durations as the inspector does', () => {
    const prepared = prepareSweep(doc, draft({ componentId: 'p', field: 'linger', valuesText: '0, 5ms', seedsText: '1' }), 1);
    if (!prepared.ok) throw new Error(prepared.problems.join('\n'));
    expect(prepared.sweep.param.values).toEqual([0, '5ms']);
    const refused = prepareSweep(doc, draft({ componentId: 'g', field: 'assignor', valuesText: 'range, eager' }), 1);
    expect(refused).toEqual({ ok: false, problems: [expect.stringMatching(/^values: "eager" must be one of range, /)] });
  });

  it('names every problem of the form and plans nothing', () => {
    const prepared = prepareSweep(doc, draft({ valuesText: '3,x', seedsText: '0', metric: '', customMetric: ' ', targetText: 'fast' }), 1);
    expect(prepared).toEqual({
      ok: false,
      problems: [
        'values: "x" is not a number',
        'seeds: a whole number from 1 to 20, got "0"',
        'metric: give a path into the run’s result, e.g. groups.<id>.latencyMs.p99',
        'target: "fast" is not a number',
      ],
    });
    expect(prepareSweep(doc, draft({ valuesText: ' , ' }), 1)).toEqual({ ok: false, problems: ['values: give at least one value, e.g. 3,6,12'] });
    expect(prepareSweep(doc, draft({ valuesText: '1,2,3,4,5,6,7,8,9,10,11', seedsText: '20' }), 1)).toEqual({ ok: false, problems: ['11 values × 20 seeds is 220 runs; at most 200'] });
  });

  it('passes on the validator’s line for a value the scenario refuses', () => {
    const prepared = prepareSweep(doc, draft({ valuesText: '0, 3' }), 1);
    expect(prepared.ok).toBe(false);
    if (prepared.ok) return;
    expect(prepared.problems).toHaveLength(1);
    expect(prepared.problems[0]).toMatch(/^with partitions = 0 the scenario is not valid:\ncomponents\[1\]\.partitions: /);
  });

  it('runs each job as the engine does, with a duration that replaces the scenario’s', () => {
    const prepared = prepareSweep(doc, draft({ valuesText: '3', seedsText: '1', durationText: '2s' }), 1);
    if (!prepared.ok) throw new Error(prepared.problems.join('\n'));
    expect(runSweepJob(prepared.sweep.jobs[0], 'simulatedMs')).toBe(2000);
  });
});

describe('the plot and the table', () => {
  const rows: SweepRow[] = [summarizeSamples(24, [20, 22]), summarizeSamples(3, [90, 80]), summarizeSamples(6, [null, 60])];

  it('places numbers by value (log when they span 8 times) and seeds as points', () => {
    const data = plotData(rows, [42, 43], { op: '<', value: 2 });
    expect(data.axis).toBe('log');
    expect(data.means.map((m) => m.value)).toEqual([3, 6, 24]);
    expect(data.means[0]).toMatchObject({ mean: 85, min: 80, max: 90, ci95: (studentT975(1) * Math.sqrt(50)) / Math.sqrt(2) });
    expect(data.points.map((p) => [p.value, p.seed, p.metric])).toEqual([
      [3, 42, 90],
      [3, 43, 80],
      [6, 43, 60],
      [24, 42, 20],
      [24, 43, 22],
    ]);
    // Figures from 2 (the target, shown even below every run) to 90: a log axis, which leaves the
    // intervals out of its extent (one reaching below 0 is cut at the bottom).
    expect(data.yScale).toBe('log');
    expect(data.extent).toEqual([2, 90]);
    const linear = plotData(rows, [42, 43], null);
    expect(linear.yScale).toBe('linear');
    expect(linear.extent).toEqual([Math.min(...linear.means.map((m) => m.mean - (m.ci95 ?? 0))), 85 + linear.means[0].ci95!]);
    expect(plotData([summarizeSamples(1, [5]), summarizeSamples(3, [4])], [1], null).axis).toBe('linear');
  });

  it('puts choices on a category axis in the order given', () => {
    const data = plotData([summarizeSamples('sticky', [3]), summarizeSamples('range', [5])], [1], null);
    expect(data.axis).toBe('category');
    expect(data.means.map((m) => m.value)).toEqual(['sticky', 'range']);
  });

  it('writes the table as CSV, a line per value', () => {
    const csv = sweepCsv('partitions', rows, [42, 43]).trim().split('\n');
    expect(csv[0]).toBe('partitions,mean,ci95,sd,min,max,seed 42,seed 43');
    expect(csv[1]).toBe(`24,21,${rows[0].ci95},${rows[0].sd},20,22,20,22`);
    expect(csv[3]).toBe('6,60,,,60,60,,60');
    expect(formatFigure(1 / 3)).toBe('0.333');
    expect(formatFigure(null)).toBe('–');
  });

  it('keeps the parameter the engine reads', () => {
    // The form builds the same parameter the command line's --param does.
    const prepared = prepareSweep(doc, draft({ valuesText: '3,6,12' }), 1);
    if (!prepared.ok) throw new Error(prepared.problems.join('\n'));
    expect(prepared.sweep.param).toEqual(parseSweepParam('components.t.partitions=3,6,12'));
  });

  it("offers a processor's group figures and its windows' own (late records, state, time to a final count)", () => {
    const windowed = JSON.parse(readFileSync('scenarios/windowed-counts.json', 'utf8')) as ScenarioDoc;
    const processor = windowed.components.find((c) => c.kind === 'processor')!;
    const options = metricOptions(windowed);
    const paths = options.map((o) => o.path);
    expect(paths).toContain(`groups.${processor.id}.latencyMs.p99`);
    expect(paths).toContain(`processors.${processor.id}.lateRecords`);
    expect(options.find((o) => o.path === `processors.${processor.id}.lateRecords`)!.label).toBe(`${processor.id} late records`);
    // Each names a figure the run has.
    const outcome = runJob({ scenario: { ...windowed, duration: '2m', narrative: [], expect: [] } });
    if (!outcome.ok) throw new Error(outcome.problems.join('\n'));
    for (const path of paths) expect(metricAt(outcome.result, path), path).not.toBeNull();
  });
});
