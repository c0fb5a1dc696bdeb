/**
 * Checks on a parsed scenario beyond its wiring (load.ts checks ids, wires and timeline targets):
 * ids that would collide with JavaScript's own names, settings that would keep the clock from
 * moving, and the references the teaching parts make (layout positions, expectation metrics,
 * narrative times).
 */
import { formatDuration } from '../core/time.ts';
import { didYouMean } from './didYouMean.ts';
import { FORBIDDEN_KEYS } from './safeData.ts';
import type { Component, Scenario } from './schema.ts';

/** The sections of a run's result that are keyed by component id, and the kind each holds. */
const RESULT_SECTIONS: Record<string, Component['kind']> = {
  groups: 'consumer-group',
  topics: 'topic',
  producers: 'producer',
  services: 'service',
  queues: 'queue',
  apis: 'api',
  processors: 'processor',
};

/** Every problem of these kinds in `scenario`, as `path: what is wrong`. */
export function scenarioProblems(scenario: Scenario): string[] {
  const problems: string[] = [];
  const ids = scenario.components.map((c) => c.id);

  scenario.components.forEach((component, i) => {
    // Results are objects keyed by id: an id like "__proto__" would replace their prototype.
    if (FORBIDDEN_KEYS.has(component.id)) problems.push(`components[${i}].id: ${JSON.stringify(component.id)} cannot be an id: it is a name JavaScript objects reserve`);
    // An interval of 0 schedules its next event at the same instant forever.
    if (component.kind === 'consumer-group' && component.metadataMaxAge === 0) {
      problems.push(`components[${i}].metadataMaxAge: must be above 0 (metadata refreshed every 0s would keep the clock from moving)`);
    }
    if (component.kind === 'topic' && component.retentionCheckInterval === 0) {
      problems.push(`components[${i}].retentionCheckInterval: must be above 0 (retention checked every 0s would keep the clock from moving)`);
    }
  });

  for (const id of Object.keys(scenario.layout)) {
    if (!ids.includes(id)) problems.push(`layout.${id}: no component has the id ${JSON.stringify(id)}${didYouMean(id, ids)}`);
  }

  scenario.expect.forEach((expectation, i) => {
    const [section, id] = expectation.metric.split('.');
    const kind = Object.hasOwn(RESULT_SECTIONS, section) ? RESULT_SECTIONS[section] : undefined;
    if (kind === undefined || id === undefined) return;
    // A processor is a group too: its group figures are under `groups`.
    const candidates = scenario.components.filter((c) => c.kind === kind || (section === 'groups' && c.kind === 'processor')).map((c) => c.id);
    if (!candidates.includes(id)) problems.push(`expect[${i}].metric: no ${kind} has the id ${JSON.stringify(id)}${didYouMean(id, candidates)}`);
  });

  for (const [name, threshold] of Object.entries(scenario.operator ?? {})) {
    if (!threshold) continue;
    // Headroom is the one signal where lower is worse.
    const lowerIsWorse = name === 'retentionHeadroom';
    if (lowerIsWorse ? threshold.red > threshold.amber : threshold.red < threshold.amber) {
      problems.push(`operator.${name}.red: must be ${lowerIsWorse ? 'at or below' : 'at or above'} amber (${threshold.amber}), got ${threshold.red}`);
    }
  }

  scenario.narrative.forEach((entry, i) => {
    if (entry.at > scenario.duration) problems.push(`narrative[${i}].at: ${formatDuration(entry.at)} comes after the end of the run (${formatDuration(scenario.duration)})`);
    entry.highlight?.forEach((h, j) => {
      if (h.component === undefined) return;
      const path = `narrative[${i}].highlight[${j}]`;
      const target = scenario.components.find((c) => c.id === h.component);
      if (!target) return problems.push(`${path}.component: no component has the id ${JSON.stringify(h.component)}${didYouMean(h.component, ids)}`);
      if (h.partition !== undefined) {
        if (target.kind !== 'topic') problems.push(`${path}.partition: only a topic has partitions, but "${h.component}" is a ${target.kind}`);
        else if (h.partition >= target.partitions) problems.push(`${path}.partition: "${h.component}" has partitions 0 to ${target.partitions - 1}, got ${h.partition}`);
      }
      if (h.member !== undefined && target.kind !== 'consumer-group' && target.kind !== 'processor') problems.push(`${path}.member: only a consumer group has members, but "${h.component}" is a ${target.kind}`);
    });
  });
  return problems;
}
