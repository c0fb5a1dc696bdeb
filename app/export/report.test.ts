import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runFile } from '../../bin/commands/run.ts';
import { loadScenarioText } from '../../engine/scenario/load.ts';
import type { Scenario } from '../../engine/scenario/schema.ts';
import { describeExpectation, formatNumber, runReport } from './report.ts';

function library(name: string): Scenario {
  const loaded = loadScenarioText(readFileSync(`scenarios/${name}.json`, 'utf8'));
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  return loaded.scenario;
}

describe('the run report', () => {
  it('gives each group’s key figures as the result has them', () => {
    const { result } = runFile('scenarios/consumer-crash-eager.json', { seed: '5' });
    const scenario = library('consumer-crash-eager');
    const report = runReport(scenario, result);
    expect(report.name).toBe(scenario.name);
    expect(report.description).toBe(scenario.description);
    expect(report.seed).toBe(5);
    expect(report.simulated).toBe('2m');
    expect(report.events).toBe(result.engine.events);
    expect(report.produced).toBe(result.produced);
    expect(report.groups.map((g) => g.id)).toEqual(Object.keys(result.groups));
    for (const g of report.groups) {
      const r = result.groups[g.id];
      expect(g).toEqual({
        id: g.id,
        processed: r.processed,
        lagMax: r.lag.max,
        p50Ms: r.latencyMs.p50,
        p99Ms: r.latencyMs.p99,
        maxMs: r.latencyMs.max,
        duplicates: r.duplicates,
        lost: r.lost,
        rebalances: r.rebalances,
      });
    }
    // The crash makes the group rebalance more than its first assignment.
    expect(report.groups[0].rebalances).toBeGreaterThan(1);
  });

  it('carries the expectations and the design review’s findings', () => {
    const { result } = runFile('scenarios/hot-key.json');
    const report = runReport(library('hot-key'), result);
    expect(report.expectations).toEqual(result.expectations);
    expect(report.expectations.length).toBeGreaterThan(0);
    // The hot key's partition is the first finding, with the run's skew as evidence.
    expect(report.findings[0]).toMatchObject({ rule: 'hot-partition', severity: 'risk', component: 'likes' });
    expect(report.findings[0].evidence).toMatch(/Skew \d/);
    expect(describeExpectation(result.expectations[0])).toBe(`${result.expectations[0].metric} ${result.expectations[0].op} ${formatNumber(result.expectations[0].value)}`);
  });

  it('lists a cluster only when it lost records, with the causes', () => {
    const { result } = runFile('scenarios/broker-crash-acks.json');
    const report = runReport(library('broker-crash-acks'), result);
    const lossy = Object.entries(result.clusters).filter(([, c]) => c.lost.unreplicatedAcks + c.lost.acksZero + c.lost.uncleanElection + c.lost.pipelineDropped > 0);
    expect(report.clusterLosses.map((c) => c.id)).toEqual(lossy.map(([id]) => id));
    for (const loss of report.clusterLosses) {
      const c = result.clusters[loss.id].lost;
      expect(loss.lost).toBe(c.unreplicatedAcks + c.acksZero + c.uncleanElection + c.pipelineDropped);
      expect(loss.causes.length).toBeGreaterThan(0);
    }
    const quiet = runReport(library('first-stream'), runFile('scenarios/first-stream.json').result);
    expect(quiet.clusterLosses).toEqual([]);
    expect(quiet.findings).toEqual([]);
  });

  it('formats numbers with separators and two decimals at most', () => {
    expect(formatNumber(1234567)).toBe('1,234,567');
    expect(formatNumber(0.256)).toBe('0.26');
  });
});
