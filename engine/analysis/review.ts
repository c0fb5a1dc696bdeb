/**
 * A design review of a scenario and its run: findings a reviewer would raise, each with the
 * evidence from the run and a suggested change. Pure: a parsed scenario and its result in,
 * plain findings out (`streamlab review` prints them; the playground can show them).
 */
import { distributionMean } from '../core/distributions.ts';
import { formatDuration } from '../core/time.ts';
import type { RunResult } from '../model/result.ts';
import type { Component, ConsumerGroupSpec, Scenario } from '../scenario/schema.ts';
import { groupSpecOf } from '../model/processor.ts';

export type Severity = 'risk' | 'warning' | 'info';

export interface Finding {
  /** A stable name for the kind of finding. */
  rule: string;
  severity: Severity;
  /** The component it is about. */
  component: string;
  title: string;
  evidence: string;
  suggestion: string;
}

const ms = (micros: number) => formatDuration(micros);
const pct = (x: number) => `${(x * 100).toFixed(0)}%`;

/** Every finding for `scenario` given its run's `result`, the most serious first. */
export function review(scenario: Scenario, result: RunResult): Finding[] {
  const findings: Finding[] = [];
  const byId = new Map(scenario.components.map((c) => [c.id, c]));
  const inputsOf = (group: string) => scenario.connections.filter((c) => c.to === group).map((c) => byId.get(c.from)).filter((c): c is Extract<Component, { kind: 'topic' }> => c?.kind === 'topic');
  const wiredFrom = (id: string) => scenario.connections.filter((c) => c.from === id).map((c) => byId.get(c.to));

  for (const spec of scenario.components) {
    // A processor is reviewed as the consumer group it runs as.
    const component = spec.kind === 'processor' ? groupSpecOf(spec) : spec;
    if (component.kind === 'consumer-group') {
      const queue = scenario.connections.map((c) => (c.to === component.id ? byId.get(c.from) : undefined)).find((c) => c?.kind === 'queue');
      // A crash stalls nothing on a queue (no partitions wait for a session to expire): the queue's own risks instead.
      const crashes = queue === undefined && scenario.timeline.some((a) => a.action === 'crash-consumer' && a.target === component.id);
      reviewGroup(component, inputsOf(component.id), wiredFrom(component.id), result, crashes, findings);
      if (queue?.kind === 'queue') reviewQueueGroup(component, queue, wiredFrom(component.id), result, findings);
    }
    if (component.kind === 'topic') reviewTopic(component, result, findings);
    if (component.kind === 'producer') {
      const topics = wiredFrom(component.id).filter((c) => c?.kind === 'topic');
      const replicated = topics.some((t) => t?.kind === 'topic' && t.replicationFactor > 1);
      if (component.acks !== 'all' && replicated) {
        const lost = Object.values(result.clusters).reduce((sum, c) => sum + (component.acks === 1 ? c.lost.unreplicatedAcks : c.lost.acksZero), 0);
        findings.push({
          rule: 'acks-can-lose-data',
          severity: lost > 0 ? 'risk' : 'warning',
          component: component.id,
          title: `acks=${component.acks} can lose acknowledged records`,
          evidence: lost > 0 ? `${lost} records were lost when a leader failed in this run.` : 'A leader that fails before its followers have copied a record loses it, though the producer saw it succeed.',
          suggestion: 'Use acks "all" with minInsyncReplicas 2 on a topic with 3 replicas (and an idempotent producer).',
        });
      }
    }
  }
  const order: Record<Severity, number> = { risk: 0, warning: 1, info: 2 };
  return findings.sort((a, b) => order[a.severity] - order[b.severity]);
}

function reviewGroup(
  group: ConsumerGroupSpec,
  topics: Extract<Component, { kind: 'topic' }>[],
  wired: (Component | undefined)[],
  result: RunResult,
  crashes: boolean,
  findings: Finding[],
): void {
  const r = result.groups[group.id];
  if (!r) return;
  const partitions = topics.reduce((sum, t) => sum + t.partitions, 0);
  if (group.consumers > partitions && partitions > 0) {
    findings.push({
      rule: 'more-consumers-than-partitions',
      severity: 'warning',
      component: group.id,
      title: `${group.consumers - partitions} of ${group.consumers} members have nothing to do`,
      evidence: `The group reads ${partitions} partitions; a partition goes to one member at a time. Members with no partition processed ${r.members.filter((m) => m.processed === 0).length === 0 ? 'little' : 'nothing'}.`,
      suggestion: `Use at most ${partitions} consumers, or more partitions (adding partitions later remaps keys).`,
    });
  }
  // Offered load against capacity: each member's partitions' arrival rate times the mean processing time.
  const seconds = result.simulatedMs / 1000;
  const meanUs = distributionMean(group.processing);
  for (const m of r.members) {
    if (!m.alive || m.partitions.length === 0 || seconds <= 0) continue;
    const rate = m.partitions.reduce((sum, name) => {
      const at = name.lastIndexOf('-');
      const topic = result.topics[name.slice(0, at)];
      return sum + (topic?.partitions[Number(name.slice(at + 1))]?.produced ?? 0) / seconds;
    }, 0);
    const load = (rate * meanUs) / 1e6;
    if (load >= 0.9) {
      findings.push({
        rule: 'member-overloaded',
        severity: load >= 1 ? 'risk' : 'warning',
        component: group.id,
        title: `member ${m.id} is offered ${pct(load)} of what it can process`,
        evidence: `Its partitions (${m.partitions.join(', ')}) receive ${rate.toFixed(0)} records/s; at ${ms(Math.round(meanUs))} a record it can take ${(1e6 / meanUs).toFixed(0)}/s. Lag ${load >= 1 ? 'grows without end' : 'swings widely'} (max ${r.lag.max}).`,
        suggestion: load >= 1 && r.members.length >= partitions ? 'Add partitions (and members), or make processing faster: more members alone cannot help.' : 'Add members (up to the partition count) or make processing faster.',
      });
      break;
    }
  }
  const lostToRetention = r.lostByCause.retention;
  for (const topic of topics) {
    if (lostToRetention > 0 || r.lagTimeMs.max * 1000 > topic.retention / 2) {
      findings.push({
        rule: 'retention-shorter-than-lag',
        severity: lostToRetention > 0 ? 'risk' : 'warning',
        component: group.id,
        title: lostToRetention > 0 ? `${lostToRetention} records were deleted before ${group.id} read them` : `${group.id} falls behind by more than half of ${topic.id}'s retention`,
        evidence: `Its oldest unread record was ${ms(Math.round(r.lagTimeMs.max * 1000))} old at worst; ${topic.id} keeps records ${ms(topic.retention)}.`,
        suggestion: `Keep records longer than the worst lag (retention ≥ ${ms(Math.round(r.lagTimeMs.max * 2000))}), or make the group keep up.`,
      });
    }
  }
  const services = wired.filter((c) => c?.kind === 'service');
  if (group.delivery === 'at-least-once' && services.length > 0) {
    findings.push({
      rule: 'at-least-once-into-service',
      severity: r.duplicates > 0 ? 'risk' : 'warning',
      component: group.id,
      title: `records are delivered at least once into ${services.map((s) => s!.id).join(', ')}`,
      evidence: r.duplicates > 0 ? `${r.duplicates} records were processed twice in this run, each calling the service again.` : 'A crash re-delivers everything since the last commit, and each re-delivery calls the service again.',
      suggestion: 'Make processing idempotent (delivery "idempotent": look the event up first), or make the service dedupe by event id.',
    });
  }
  if (group.sessionTimeout >= 30_000_000 && (crashes || (topics.length > 0 && r.members.some((m) => !m.alive))) && group.instanceIds === undefined) {
    findings.push({
      rule: 'long-session-timeout',
      severity: 'warning',
      component: group.id,
      title: `a crashed member stalls its partitions for up to ${ms(group.sessionTimeout)}`,
      evidence: `The coordinator only notices a silent member after sessionTimeout; ${group.id}'s partitions were paused ${r.pausedMs.toFixed(0)} ms on average in this run.`,
      suggestion: 'Lower sessionTimeout (Kafka allows down to 6 s), or use static membership for planned restarts.',
    });
  }
}

/**
 * A receive hides all its messages for the visibility timeout at once: when working through them
 * takes longer, the last ones come back while still held and are processed twice.
 */
function reviewQueueGroup(group: ConsumerGroupSpec, queue: Extract<Component, { kind: 'queue' }>, wired: (Component | undefined)[], result: RunResult, findings: Finding[]): void {
  const perMessageUs = distributionMean(group.processing) + wired.reduce((sum, c) => sum + (c?.kind === 'service' ? distributionMean(c.latency) : 0), 0);
  const receiveUs = group.maxPollRecords * perMessageUs + group.fetchLatency;
  if (receiveUs < queue.visibilityTimeout) return;
  const duplicates = result.queues[queue.id]?.duplicates ?? 0;
  findings.push({
    rule: 'visibility-timeout-shorter-than-a-receive',
    severity: duplicates > 0 ? 'risk' : 'warning',
    component: group.id,
    title: `${queue.id}'s messages come back while ${group.id} still holds them`,
    evidence: `A receive takes up to ${group.maxPollRecords} messages at about ${ms(Math.round(perMessageUs))} each: about ${ms(Math.round(receiveUs))} to get through, longer than the ${ms(queue.visibilityTimeout)} visibility timeout.${duplicates > 0 ? ` ${duplicates} messages were processed twice in this run.` : ''}`,
    suggestion: `Raise ${queue.id}'s visibilityTimeout above ${ms(Math.round(receiveUs * 2))}, or receive fewer messages at a time (maxPollRecords).`,
  });
}

function reviewTopic(topic: Extract<Component, { kind: 'topic' }>, result: RunResult, findings: Finding[]): void {
  const counts = result.topics[topic.id]?.partitions.map((p) => p.produced) ?? [];
  const total = counts.reduce((a, b) => a + b, 0);
  if (counts.length < 2 || total < 100) return;
  const max = Math.max(...counts);
  const skew = max / (total / counts.length);
  if (skew >= 2) {
    const hot = counts.indexOf(max);
    findings.push({
      rule: 'hot-partition',
      severity: skew >= 3 ? 'risk' : 'warning',
      component: topic.id,
      title: `partition ${hot} takes ${pct(max / total)} of ${topic.id}'s records`,
      evidence: `Skew ${skew.toFixed(1)}× (largest over mean records per partition): a key concentrates load, and one member serves all of it.`,
      suggestion: 'Spread the hot key (add a suffix and aggregate downstream), or give its partition a faster consumer; more partitions alone do not split one key.',
    });
  }
}
