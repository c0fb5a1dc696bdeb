/**
 * The limits every scenario stays within, stated once. They keep each run finite and each file
 * small, so a scenario from anywhere (a shared link, a pull request) can be opened safely. The
 * loader refuses what exceeds them with the limit in the message; the schema's own bounds on
 * component fields (partitions, consumers, key counts) are the same numbers, pinned by a test.
 */
import { formatDuration } from '../core/time.ts';
import type { Scenario } from './schema.ts';

export const LIMITS = {
  /** Bytes in a scenario file (1 MiB). */
  fileBytes: 1_048_576,
  /** Objects and lists inside one another; a scenario needs about 6. */
  nestingDepth: 20,
  components: 200,
  connections: 1_000,
  timelineActions: 1_000,
  narrativeEntries: 500,
  expectations: 500,
  /** Partitions of one topic, including any added on the timeline. */
  partitionsPerTopic: 10_000,
  /** Partitions of every topic together, including any added on the timeline. */
  partitionsTotal: 50_000,
  /** Members of one group. */
  consumersPerGroup: 10_000,
  /** Members of every group together, including any added on the timeline. */
  consumersTotal: 20_000,
  /** Distinct keys of one producer. */
  keyCount: 100_000_000,
  /** Messages per second from one producer, at any time of the run. */
  ratePerProducer: 1_000_000,
  /** Messages per second from every producer together, each at its highest rate. */
  totalRate: 2_000_000,
  /** Records a run may produce with every producer at its highest rate throughout (16 bytes each in memory). */
  records: 100_000_000,
  /** Simulated time of one run, microseconds (30 days). */
  durationUs: 30 * 86_400_000_000,
  /** Points in each time series: duration / sampleInterval. */
  samples: 100_000,
} as const;

const count = (n: number) => n.toLocaleString('en-US');

/**
 * Every way `scenario` exceeds {@link LIMITS}, as `path: what is wrong`. Field-level bounds the
 * schema already enforces (partitions of one topic at the start, members of one group, key counts)
 * are not repeated here.
 */
export function limitProblems(scenario: Scenario): string[] {
  const problems: string[] = [];
  const listLimit = (path: string, length: number, limit: number, what: string) => {
    if (length > limit) problems.push(`${path}: has ${count(length)} ${what}; the limit is ${count(limit)}`);
  };
  listLimit('components', scenario.components.length, LIMITS.components, 'components');
  listLimit('connections', scenario.connections.length, LIMITS.connections, 'connections');
  listLimit('timeline', scenario.timeline.length, LIMITS.timelineActions, 'actions');
  listLimit('narrative', scenario.narrative.length, LIMITS.narrativeEntries, 'entries');
  listLimit('expect', scenario.expect.length, LIMITS.expectations, 'expectations');

  const { duration, sampleInterval } = scenario;
  if (duration === 0) problems.push('duration: must be above 0');
  if (duration > LIMITS.durationUs) {
    problems.push(`duration: ${formatDuration(duration)} is longer than the limit of ${formatDuration(LIMITS.durationUs)}`);
  }
  if (sampleInterval === 0) problems.push('sampleInterval: must be above 0');
  else if (duration / sampleInterval > LIMITS.samples) {
    const least = formatDuration(Math.ceil(duration / LIMITS.samples / 1_000) * 1_000);
    problems.push(
      `sampleInterval: ${formatDuration(duration)} sampled every ${formatDuration(sampleInterval)} gives ${count(Math.floor(duration / sampleInterval))} samples; ` +
        `the limit is ${count(LIMITS.samples)}: sample every ${least} or more`,
    );
  }

  // Each producer (and api: one event or a few calls per request) at its highest rate, counting the timeline's set-rate actions.
  let totalRate = 0;
  scenario.components.forEach((component, i) => {
    if (component.kind !== 'producer' && component.kind !== 'api') return;
    const per = `${component.kind === 'api' ? 'requests' : 'messages'}/s is above the limit of ${count(LIMITS.ratePerProducer)} per ${component.kind}`;
    let highest = component.rate;
    if (component.rate > LIMITS.ratePerProducer) problems.push(`components[${i}].rate: ${count(component.rate)} ${per}`);
    scenario.timeline.forEach((action, j) => {
      if (action.action !== 'set-rate' || action.target !== component.id) return;
      highest = Math.max(highest, action.rate);
      if (action.rate > LIMITS.ratePerProducer) problems.push(`timeline[${j}].rate: ${count(action.rate)} ${per}`);
    });
    totalRate += highest;
  });
  if (totalRate > LIMITS.totalRate) {
    problems.push(`components: the producers together send up to ${count(totalRate)} messages/s; the limit is ${count(LIMITS.totalRate)}`);
  }
  const records = totalRate * (Math.min(duration, LIMITS.durationUs) / 1_000_000);
  if (totalRate <= LIMITS.totalRate && records > LIMITS.records) {
    problems.push(
      `duration: ${count(totalRate)} messages/s for ${formatDuration(duration)} is up to ${count(Math.round(records))} records; ` +
        `the limit is ${count(LIMITS.records)} records a run: shorten the run or lower the rates`,
    );
  }

  // Partitions and members, including those the timeline adds.
  let partitionsTotal = 0;
  let consumersTotal = 0;
  scenario.components.forEach((component, i) => {
    if (component.kind === 'topic') {
      const added = scenario.timeline.reduce((sum, a) => sum + (a.action === 'add-partitions' && a.target === component.id ? a.partitions : 0), 0);
      if (component.partitions + added > LIMITS.partitionsPerTopic) {
        problems.push(`components[${i}].partitions: ${count(component.partitions)} partitions and ${count(added)} added on the timeline make ${count(component.partitions + added)}; the limit is ${count(LIMITS.partitionsPerTopic)} a topic`);
      }
      partitionsTotal += component.partitions + added;
    }
    if (component.kind === 'consumer-group' || component.kind === 'processor') {
      const added = scenario.timeline.filter((a) => a.action === 'add-consumer' && a.target === component.id).length;
      consumersTotal += component.consumers + added;
    }
  });
  if (partitionsTotal > LIMITS.partitionsTotal) problems.push(`components: the topics have ${count(partitionsTotal)} partitions together; the limit is ${count(LIMITS.partitionsTotal)}`);
  if (consumersTotal > LIMITS.consumersTotal) problems.push(`components: the groups have ${count(consumersTotal)} members together; the limit is ${count(LIMITS.consumersTotal)}`);
  return problems;
}
