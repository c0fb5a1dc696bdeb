import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { smallRun } from '../../test/support/smallScenario.ts';
import { ScenarioRun } from '../model/run.ts';
import { loadScenario, loadScenarioText } from '../scenario/load.ts';
import { OPERATOR_SIGNALS } from '../scenario/schema.ts';
import { DEFAULT_THRESHOLDS, judge, operatorView } from './operator.ts';

function library(file: string) {
  const loaded = loadScenarioText(readFileSync(`scenarios/${file}.json`, 'utf8'));
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  const run = new ScenarioRun(loaded.scenario);
  const result = run.runToEnd();
  return { view: operatorView(loaded.scenario, result, run.sampler.series), result, series: run.sampler.series };
}

describe("the operator's view", () => {
  it('refuses thresholds in the wrong order, naming the signal', () => {
    const base = JSON.parse(readFileSync('scenarios/first-stream.json', 'utf8'));
    const bad = loadScenario({ ...base, operator: { lag: { amber: 100, red: 10 }, retentionHeadroom: { amber: 0.1, red: 0.5 } } });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.problems).toEqual(['operator.lag.red: must be at or above amber (100), got 10', 'operator.retentionHeadroom.red: must be at or below amber (0.1), got 0.5']);
    expect(loadScenario({ ...base, operator: { lagTime: { amber: 1, red: 2 } } }).ok).toBe(false);
  });

  it('judges a value against amber and red, higher or (headroom) lower being worse', () => {
    expect(judge('lagTimeMs', 9_999, DEFAULT_THRESHOLDS).level).toBe(0);
    expect(judge('lagTimeMs', 10_000, DEFAULT_THRESHOLDS).level).toBe(1);
    expect(judge('lagTimeMs', 60_000, DEFAULT_THRESHOLDS).level).toBe(2);
    // Headroom thresholds are fractions of the retention: here 100 s.
    expect(judge('retentionHeadroom', 60_000, DEFAULT_THRESHOLDS, 100_000)).toMatchObject({ level: 0, amber: 50_000, red: 10_000 });
    expect(judge('retentionHeadroom', 50_000, DEFAULT_THRESHOLDS, 100_000).level).toBe(1);
    expect(judge('retentionHeadroom', 5_000, DEFAULT_THRESHOLDS, 100_000).level).toBe(2);
    expect(judge('lag', null, DEFAULT_THRESHOLDS).level).toBe(0);
  });

  it('is all green for a healthy stream, and its figures are the run’s own', () => {
    const { view, result } = library('first-stream');
    expect(view.level).toBe(0);
    expect(view.groups.billing.lag.value).toBe(result.groups.billing.lag.final);
    expect(view.groups.billing.lagTimeMs.value).toBe(result.groups.billing.lagTimeMs.final);
    expect(view.groups.billing.replayMs.value).toBeNull();
  });

  it('turns red for a hot key’s skew and amber for its lag', () => {
    const { view, series } = library('hot-key');
    expect(view.topics.likes.skew.value).toBe(series.topics.likes.skew.at(-1));
    expect(view.topics.likes.skew.level).toBe(2);
    expect(view.groups.counter.lagTimeMs.level).toBeGreaterThanOrEqual(1);
    expect(view.level).toBe(2);
  });

  it('shows a group losing records to retention as no headroom, red, and one near it as amber or red', () => {
    const { view } = library('retention-loss');
    expect(view.groups.archiver.retentionHeadroomMs).toMatchObject({ value: -1, level: 2 });
    expect(view.groups['live-dashboard'].retentionHeadroomMs.value).toBeGreaterThan(0);
  });

  it('measures a replay from the reset to the first sample caught up again', () => {
    const { view, series } = library('replay');
    const replay = view.groups['order-totals'];
    expect(replay.replayDone).toBe(true);
    // The reset is at 60 s; the group is back to a few seconds of lag time by 72 s (12 s of replay).
    const doneAt = 60_000 + replay.replayMs.value!;
    const i = series.timeMs.indexOf(doneAt);
    expect(i).toBeGreaterThan(0);
    expect(series.groups['order-totals'].lagTimeMs[i]).toBeLessThan(11_000);
    expect(series.groups['order-totals'].lagTimeMs[i - 1]).toBeGreaterThan(11_000);
    expect(replay.replayMs.value).toBe(12_000);
  });

  it('counts retries per second and dead-lettered records', () => {
    const { view, result } = library('poison-records');
    expect(view.groups.shipping.deadLettered).toMatchObject({ value: result.groups.shipping.deadLettered, level: 1 });
    expect(view.groups.shipping.retryRate.value).toBeCloseTo(result.groups.shipping.retries / (result.simulatedMs / 1000), 9);
  });

  it('reads each group’s schema-compatibility failures from the run: a stalled group amber, a dead-lettering one red', () => {
    const { view, result } = library('schema-incompatible-deploy');
    expect(view.groups.billing.schemaFailures).toMatchObject({ value: result.groups.billing.schemaFailures, level: 1 });
    expect(view.groups.fraud.schemaFailures).toMatchObject({ value: result.groups.fraud.schemaFailures, level: 2 });
    expect(view.groups.fraud.schemaFailures.value).toBeGreaterThan(100);
    expect(view.groups.analytics.schemaFailures).toMatchObject({ value: 0, level: 0 });
    expect(view.level).toBe(2);
  });

  it("takes a scenario's own thresholds over the defaults", () => {
    const run = smallRun({ producer: { rate: 300 } });
    const result = run.runToEnd();
    const strict = operatorView(run.scenario, result, run.sampler.series, { lag: { amber: 1, red: 2 } });
    expect(strict.groups.g.lag).toMatchObject({ amber: 1, red: 2, level: 2 });
    expect(operatorView(run.scenario, result, run.sampler.series).groups.g.lag.level).toBe(0);
  });

  it("reads thresholds from the scenario's `operator`, and the schema knows every signal", () => {
    const run = smallRun({ producer: { rate: 300 } });
    const scenario = { ...run.scenario, operator: { lag: { amber: 1, red: 2 } } };
    const result = run.runToEnd();
    expect(operatorView(scenario, result, run.sampler.series).groups.g.lag.level).toBe(2);
    expect([...OPERATOR_SIGNALS].sort()).toEqual(Object.keys(DEFAULT_THRESHOLDS).sort());
  });

  it('is part of the run result (run --json), where expectations can test it', () => {
    const { view, result } = library('hot-key');
    expect(result.operator).toEqual(view);
    const loaded = loadScenarioText(readFileSync('scenarios/first-stream.json', 'utf8'));
    if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
    const checked = new ScenarioRun({ ...loaded.scenario, expect: [{ metric: 'operator.level', op: '==', value: 0 }, { metric: 'operator.groups.billing.lag.level', op: '<', value: 1 }] }).runToEnd();
    expect(checked.expectations.map((e) => [e.actual, e.pass])).toEqual([
      [0, true],
      [0, true],
    ]);
  });

  it('watches a processor like any group (it runs as one)', () => {
    const { view, result } = library('windowed-counts');
    const processors = Object.keys(result.processors ?? {});
    expect(processors.length).toBeGreaterThan(0);
    for (const id of processors) expect(view.groups[id].lag.value).toBe(result.groups[id].lag.final);
  });

  it('tells the oldest unprocessed event from lag in time: what was processed since the last commit does not count', () => {
    const healthy = library('first-stream');
    const billing = healthy.result.groups.billing;
    // Auto-commit every 5 s: lag time saw-tooths up to 5 s, while nothing waits more than a few ms.
    expect(billing.lagTimeMs.final).toBeGreaterThan(1000);
    expect(billing.oldestUnprocessedMs).toBeLessThan(100);
    expect(healthy.view.groups.billing.oldestUnprocessedMs).toMatchObject({ value: billing.oldestUnprocessedMs, level: 0 });
    // Behind for real: the hot partition's oldest unprocessed like is as old as its lag.
    const hot = library('hot-key').result.groups.counter;
    expect(hot.oldestUnprocessedMs).toBeGreaterThan(40_000);
    expect(hot.oldestUnprocessedMs).toBeLessThanOrEqual(hot.lagTimeMs.final);
    expect(hot.lagTimeMs.final - hot.oldestUnprocessedMs).toBeLessThan(6_000);
  });
});
