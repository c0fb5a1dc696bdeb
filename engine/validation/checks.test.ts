import { describe, expect, it } from 'vitest';
import { ScenarioRun } from '../model/run.ts';
import { CHECKS, checkById, partitionShares, pollaczekKhinchineUs, type QueueCheck } from './checks.ts';
import { checkScenario, runCheck } from './runCheck.ts';

describe('the theory the checks compare with', () => {
  it('Pollaczek–Khinchine with exponential processing is the M/M/1 result 1/(mu - lambda)', () => {
    expect(pollaczekKhinchineUs(800, { dist: 'exponential', mean: 1000 })).toBeCloseTo(5000, 9);
    expect(pollaczekKhinchineUs(500, { dist: 'exponential', mean: 1000 })).toBeCloseTo(2000, 9);
  });

  it('Pollaczek–Khinchine with constant processing is M/D/1: 1/mu + rho/(2 mu (1 - rho))', () => {
    expect(pollaczekKhinchineUs(800, { dist: 'constant', value: 1000 })).toBeCloseTo(1000 + 0.8 / (2 * 0.2) * 1000, 9);
  });

  it('is infinite for a queue that cannot keep up', () => {
    expect(pollaczekKhinchineUs(1000, { dist: 'constant', value: 1000 })).toBe(Infinity);
  });

  it('gives each partition its keys share, the hot key taking its fraction, as the producer spreads records', () => {
    const check = checkById('hot-key-members');
    const scenario = checkScenario(check, 'short');
    const producer = scenario.components.find((c) => c.kind === 'producer')!;
    const shares = partitionShares(producer, 4);
    expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(Math.max(...shares)).toBeGreaterThan(0.3);
    // The model's own partitioning over 100 s: each partition's count within 4 standard errors of its share.
    const result = new ScenarioRun(scenario, { durationUs: 100_000_000 }).runToEnd();
    const counts = result.topics.topic.partitions.map((p) => p.produced);
    const total = counts.reduce((a, b) => a + b, 0);
    shares.forEach((share, p) => expect(Math.abs(counts[p] - share * total)).toBeLessThan(4 * Math.sqrt(total * share * (1 - share))));
  }, 60_000);
});

describe('the checks', () => {
  it('load, each with one consumer group, for both suite sizes', () => {
    for (const check of CHECKS) {
      for (const size of ['full', 'short'] as const) {
        expect(checkScenario(check, size).components.filter((c) => c.kind === 'consumer-group'), check.id).toHaveLength(1);
      }
    }
  });

  it('name the check that does not exist', () => {
    expect(() => runCheck('mm1-rho-0.95', 'short')).toThrow(/no validation check "mm1-rho-0.95"; the checks are mm1-rho-0.5, /);
  });

  it('turn a run that broke an assumption of the theory down instead of comparing', () => {
    const mm1 = checkById('mm1-rho-0.5');
    if (mm1.kind !== 'queue') throw new Error('mm1-rho-0.5 is a queue check');
    // A group that waits for the default 3 s start-up rebalance is no M/M/1 queue from time 0.
    const delayed: QueueCheck = {
      ...mm1,
      scenario: (size) => {
        const input = mm1.scenario(size);
        return { ...input, duration: '10s', components: input.components.map((c) => (c.kind === 'consumer-group' ? { ...c, initialRebalanceDelay: '3s' } : c)) };
      },
    };
    expect(() => runCheck(delayed, 'short')).toThrow('validation check mm1-rho-0.5: the group must start consuming at once and never rebalance');
  });
});
