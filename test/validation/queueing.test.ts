/**
 * The model against queueing theory. With every latency at 0, keyless records spread at random
 * over N partitions and one member per partition, each member is a single-server FIFO queue fed
 * by a Poisson stream (a random split of a Poisson stream is Poisson): M/M/1 with exponential
 * processing, M/D/1 with constant processing.
 */
import { describe, expect, it } from 'vitest';
import type { GroupResult, RunResult } from '../../engine/model/result.ts';
import { chain, runSketch, type GroupInput } from '../support/scenario.ts';

const PARTITIONS = 3;
/** Service rate: processing takes 1 ms on average. */
const MU_PER_SEC = 1000;

function queueingRun(processing: GroupInput['processing'], ratePerPartition: number, duration: string, seed = 1): RunResult {
  return runSketch(
    {
      duration,
      components: [
        {
          id: 'p',
          kind: 'producer',
          rate: ratePerPartition * PARTITIONS,
          arrival: 'poisson',
          keys: { dist: 'none' },
          partitioner: 'random',
          linger: 0,
          networkLatency: 0,
        },
        { id: 't', kind: 'topic', partitions: PARTITIONS },
        {
          id: 'g',
          kind: 'consumer-group',
          consumers: PARTITIONS,
          processing,
          fetchLatency: 0,
          commitLatency: 0,
          initialRebalanceDelay: 0,
        },
      ],
      connections: chain('p', 't', 'g'),
    },
    { seed },
  ).result;
}

/** Each member with the arrival rate it saw: its one partition's records over the run. */
function queues(result: RunResult): { member: GroupResult['members'][number]; lambdaPerSec: number }[] {
  const g = result.groups.g;
  const seconds = result.simulatedMs / 1000;
  return g.members.map((member) => {
    expect(member.partitions).toHaveLength(1);
    const partition = g.partitions.find((p) => `${p.topic}-${p.partition}` === member.partitions[0])!;
    return { member, lambdaPerSec: result.topics.t.partitions[partition.partition].produced / seconds };
  });
}

const relativeError = (measured: number, theory: number) => Math.abs(measured - theory) / theory;
/** The long runs take a second or two; a busy machine must not turn that into a timeout. */
const LONG_RUN_TIMEOUT_MS = 60_000;

describe('one member per partition is a single-server queue', () => {
  it('starts consuming at once: no start-up rebalance delays the first records', () => {
    const result = queueingRun({ dist: 'exponential', mean: '1ms' }, 500, '2s');
    expect(result.groups.g.rebalancingMs).toBe(0);
    expect(result.groups.g.partitions.map((p) => p.pausedMs)).toEqual([0, 0, 0]);
  });

  it('M/M/1 at rho 0.5: mean latency within 3% of 1/(mu - lambda), p99 near ln(100)/(mu - lambda), utilization near rho', () => {
    // 400 s at 500/s: 200k records a member, so the standard error of a mean is about 0.7%.
    const result = queueingRun({ dist: 'exponential', mean: '1ms' }, 500, '400s');
    for (const { member, lambdaPerSec } of queues(result)) {
      expect(member.processed).toBeGreaterThan(190_000);
      const sojournMs = 1000 / (MU_PER_SEC - lambdaPerSec);
      expect(relativeError(member.latencyMs.mean, sojournMs), member.id).toBeLessThan(0.03);
      // Sojourn time in M/M/1 is exponential with rate mu - lambda.
      expect(relativeError(member.latencyMs.p99, Math.log(100) * sojournMs), member.id).toBeLessThan(0.06);
      expect(relativeError(member.utilization, lambdaPerSec / MU_PER_SEC), member.id).toBeLessThan(0.02);
    }
  }, LONG_RUN_TIMEOUT_MS);

  it('M/D/1 at rho 0.6: mean latency within 2% of Pollaczek-Khinchine, 1/mu + rho/(2 mu (1 - rho))', () => {
    const result = queueingRun('1ms', 600, '150s');
    for (const { member, lambdaPerSec } of queues(result)) {
      const rho = lambdaPerSec / MU_PER_SEC;
      const sojournMs = 1 + rho / (2 * (1 - rho));
      expect(relativeError(member.latencyMs.mean, sojournMs), member.id).toBeLessThan(0.02);
    }
    // Nothing is faster than the processing itself.
    expect(result.groups.g.latencyMs.p50).toBeGreaterThanOrEqual(1);
  }, LONG_RUN_TIMEOUT_MS);
});
