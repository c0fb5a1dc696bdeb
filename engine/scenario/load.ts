/**
 * Loading a scenario: JSON text or a plain object in, a parsed {@link Scenario} or every problem
 * out, each as `path: what is wrong`. Never throws on bad input.
 */
import type { z } from 'zod';
import { scenarioSchema, type Component, type Scenario } from './schema.ts';
import { wireProblem } from './rules.ts';

export type LoadResult = { ok: true; scenario: Scenario } | { ok: false; problems: string[] };

/** `components[1].partitions` from a zod path. */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`;
    else text += text === '' ? String(part) : `.${String(part)}`;
  }
  return text;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const where = formatPath(issue.path);
  return where === '' ? issue.message : `${where}: ${issue.message}`;
}

/** Parses JSON text and loads it; a JSON syntax error is one problem naming where it is. */
export function loadScenarioText(text: string): LoadResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [`not valid JSON: ${(error as Error).message}`] };
  }
  return loadScenario(data);
}

/** Validates a plain object as a scenario: its shape, then how its parts refer to each other. */
export function loadScenario(data: unknown): LoadResult {
  const parsed = scenarioSchema.safeParse(data);
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map(describeIssue) };
  const problems = crossCheck(parsed.data);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, scenario: parsed.data };
}

function crossCheck(scenario: Scenario): string[] {
  const problems: string[] = [];
  const byId = new Map<string, Component>();
  scenario.components.forEach((component, i) => {
    if (byId.has(component.id)) problems.push(`components[${i}].id: "${component.id}" is used by another component`);
    else byId.set(component.id, component);
  });
  const kindOf = (ref: string) => byId.get(ref)?.kind;

  const seen = new Set<string>();
  scenario.connections.forEach(({ from, to }, i) => {
    const path = `connections[${i}]`;
    const fromKind = kindOf(from);
    const toKind = kindOf(to);
    if (!fromKind) problems.push(`${path}.from: no component has the id "${from}"`);
    if (!toKind) problems.push(`${path}.to: no component has the id "${to}"`);
    if (fromKind && toKind) {
      const problem = wireProblem(fromKind, toKind);
      if (problem) problems.push(`${path}: ${problem}`);
    }
    if (seen.has(`${from}\u0000${to}`)) problems.push(`${path}: the wire from "${from}" to "${to}" is listed twice`);
    seen.add(`${from}\u0000${to}`);
  });

  scenario.components.forEach((component, i) => {
    if (component.kind === 'consumer-group') {
      if (component.instanceIds && component.instanceIds.length !== component.consumers) {
        problems.push(`components[${i}].instanceIds: must list one id per consumer (${component.consumers}), got ${component.instanceIds.length}`);
      }
      if (component.deadLetterTopic !== undefined && kindOf(component.deadLetterTopic) !== 'topic') {
        problems.push(`components[${i}].deadLetterTopic: no topic has the id "${component.deadLetterTopic}"`);
      }
    }
    if (component.kind === 'service') {
      component.outages.forEach((outage, j) => {
        if (outage.end <= outage.start) problems.push(`components[${i}].outages[${j}].end: must be after start`);
      });
    }
  });

  const targetKinds: Record<string, Component['kind']> = {
    'crash-consumer': 'consumer-group',
    'restart-consumer': 'consumer-group',
    'add-consumer': 'consumer-group',
    'remove-consumer': 'consumer-group',
    'set-rate': 'producer',
    'add-partitions': 'topic',
    'reset-offsets': 'consumer-group',
    'outage-start': 'service',
    'outage-end': 'service',
  };
  scenario.timeline.forEach((action, i) => {
    const wanted = targetKinds[action.action];
    const actual = kindOf(action.target);
    if (!actual) problems.push(`timeline[${i}].target: no component has the id "${action.target}"`);
    else if (actual !== wanted) problems.push(`timeline[${i}].target: ${action.action} needs a ${wanted}, but "${action.target}" is a ${actual}`);
    if (action.at > scenario.duration) problems.push(`timeline[${i}].at: comes after the end of the run`);
  });
  return problems;
}
