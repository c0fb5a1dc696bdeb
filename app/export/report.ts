/**
 * What the run report says, worked out from the run's result and scenario without React: the key
 * figures per group and cluster, the expectations and the design review's findings. The report
 * component lays this out; tests check it against the result.
 */
import { review, type Finding } from '../../engine/analysis/review.ts';
import { formatDuration } from '../../engine/core/time.ts';
import type { ExpectationResult, RunResult } from '../../engine/model/result.ts';
import type { Scenario } from '../../engine/scenario/schema.ts';

export interface GroupFigures {
  id: string;
  processed: number;
  lagMax: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  duplicates: number;
  lost: number;
  rebalances: number;
}

export interface ClusterLoss {
  id: string;
  lost: number;
  /** The causes with a count above 0, e.g. `acks=1 unreplicated 120`. */
  causes: string[];
}

export interface RunReport {
  name: string;
  description: string | null;
  seed: number | string;
  simulated: string;
  events: number;
  /** Why the run stopped before its end, or null. */
  stopped: string | null;
  produced: number;
  publishFailures: number;
  groups: GroupFigures[];
  /** Only clusters that lost records. */
  clusterLosses: ClusterLoss[];
  expectations: ExpectationResult[];
  findings: Finding[];
}

/** The report of `result`, a run of `scenario`. */
export function runReport(scenario: Scenario, result: RunResult): RunReport {
  return {
    name: scenario.name,
    description: scenario.description?.trim() || null,
    seed: result.seed,
    simulated: formatDuration(result.simulatedMs * 1000),
    events: result.engine.events,
    stopped: result.engine.stopped,
    produced: result.produced,
    publishFailures: result.publishFailures,
    groups: Object.entries(result.groups).map(([id, g]) => ({
      id,
      processed: g.processed,
      lagMax: g.lag.max,
      p50Ms: g.latencyMs.p50,
      p99Ms: g.latencyMs.p99,
      maxMs: g.latencyMs.max,
      duplicates: g.duplicates,
      lost: g.lost,
      rebalances: g.rebalances,
    })),
    clusterLosses: Object.entries(result.clusters)
      .map(([id, c]) => {
        const causes: [string, number][] = [
          ['acks=1 unreplicated', c.lost.unreplicatedAcks],
          ['acks=0', c.lost.acksZero],
          ['unclean election', c.lost.uncleanElection],
          ['dropped in the pipeline', c.lost.pipelineDropped],
        ];
        return { id, lost: causes.reduce((sum, [, n]) => sum + n, 0), causes: causes.filter(([, n]) => n > 0).map(([cause, n]) => `${cause} ${formatNumber(n)}`) };
      })
      .filter((c) => c.lost > 0),
    expectations: result.expectations,
    findings: review(scenario, result),
  };
}

/** `1,234,567`, `0.25`: thousands separated, at most two decimals. */
export function formatNumber(value: number): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

/** An expectation as the scenario writes it: `groups.billing.lag.max < 1000`. */
export function describeExpectation(e: ExpectationResult): string {
  return `${e.metric} ${e.op} ${formatNumber(e.value)}`;
}
