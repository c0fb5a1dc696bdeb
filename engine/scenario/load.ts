/**
 * Loading a scenario: JSON text or a plain object in, a parsed {@link Scenario} or every problem
 * out, each as `path: what is wrong`. Never throws on bad input. In order: the text is read as
 * data only (safeData.ts), brought up to the current format version (migrations.ts), checked
 * against the schema (schema.ts, worded by messages.ts), then how its parts refer to each other
 * (here and checks.ts) and against the limits (limits.ts). When the schema refuses the file, the
 * later checks still run on the parts that parse (partial.ts), so every problem shows at once.
 */
import { scenarioProblems } from './checks.ts';
import { limitProblems } from './limits.ts';
import { evolutionProblems } from './evolutionChecks.ts';
import { formatIssues, issueMessage } from './messages.ts';
import { MISSING_VERSION, migrateScenario, type MigrationTable } from './migrations.ts';
import { partialProblems } from './partial.ts';
import { processorProblems } from './processorChecks.ts';
import { queueProblems } from './queueChecks.ts';
import { aKind, wireProblem } from './rules.ts';
import { parseScenarioJson, plainData } from './safeData.ts';
import { SCENARIO_VERSION, scenarioSchema, type Component, type Scenario } from './schema.ts';

export { formatPath } from './messages.ts';

export type LoadResult = { ok: true; scenario: Scenario } | { ok: false; problems: string[] };

export interface LoadOptions {
  /** Upgrades for older versions, instead of the real table (tests bring their own). */
  migrations?: MigrationTable;
}

/** Parses the text of a scenario file and loads it; text that is too large or not JSON is one problem naming where. */
export function loadScenarioText(text: string, options: LoadOptions = {}): LoadResult {
  const parsed = parseScenarioJson(text);
  return parsed.ok ? loadScenario(parsed.data, options) : parsed;
}

/** Validates a plain object as a scenario: its shape, then how its parts refer to each other. */
export function loadScenario(data: unknown, options: LoadOptions = {}): LoadResult {
  const plain = plainData(data);
  const problems = [...plain.problems];
  let raw = plain.data;
  // A file without a version is checked as the current version, so it gets every problem at once.
  if (raw !== null && typeof raw === 'object' && !Array.isArray(raw) && (raw as Record<string, unknown>).version === undefined) {
    problems.push(MISSING_VERSION);
    raw = { ...raw, version: SCENARIO_VERSION };
  }
  const migrated = migrateScenario(raw, options.migrations);
  if (!migrated.ok) return { ok: false, problems: [...problems, ...migrated.problems] };

  const parsed = scenarioSchema.safeParse(migrated.data, { reportInput: true, error: issueMessage });
  if (parsed.success) problems.push(...relations(parsed.data));
  else problems.push(...formatIssues(parsed.error.issues, migrated.data), ...partialProblems(migrated.data, relations));
  if (problems.length > 0 || !parsed.success) return { ok: false, problems: shortList([...new Set(problems)]) };
  return { ok: true, scenario: parsed.data };
}

/** Problems reported at most; a file with thousands of bad entries gets the first ones and a count. */
export const MAX_PROBLEMS = 200;

function shortList(problems: string[]): string[] {
  if (problems.length <= MAX_PROBLEMS) return problems;
  return [...problems.slice(0, MAX_PROBLEMS), `and ${problems.length - MAX_PROBLEMS} more problems`];
}

/** Every check of a parsed scenario beyond its schema. */
function relations(scenario: Scenario): string[] {
  return [...limitProblems(scenario), ...crossCheck(scenario), ...queueProblems(scenario), ...evolutionProblems(scenario), ...processorProblems(scenario), ...scenarioProblems(scenario)];
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
    if (component.kind === 'topic') {
      const clusters = scenario.components.filter((c) => c.kind === 'cluster');
      const cluster = component.cluster !== undefined ? byId.get(component.cluster) : clusters.length === 1 ? clusters[0] : undefined;
      if (component.cluster !== undefined && cluster?.kind !== 'cluster') problems.push(`components[${i}].cluster: no cluster has the id "${component.cluster}"`);
      else if (component.cluster === undefined && clusters.length > 1) problems.push(`components[${i}].cluster: there are ${clusters.length} clusters; say which one this topic lives on`);
      const brokers = cluster?.kind === 'cluster' ? cluster.brokers : 1;
      if (component.replicationFactor > brokers) {
        problems.push(`components[${i}].replicationFactor: ${component.replicationFactor} copies need as many brokers, but the cluster has ${brokers}`);
      }
      if (component.minInsyncReplicas > component.replicationFactor) {
        problems.push(`components[${i}].minInsyncReplicas: must be at most replicationFactor (${component.replicationFactor}), got ${component.minInsyncReplicas}`);
      }
    }
    if (component.kind === 'producer' && component.partition !== undefined) {
      for (const wire of scenario.connections.filter((c) => c.from === component.id)) {
        const topic = byId.get(wire.to);
        if (topic?.kind === 'topic' && component.partition >= topic.partitions) {
          problems.push(`components[${i}].partition: "${wire.to}" has partitions 0 to ${topic.partitions - 1}, got ${component.partition}`);
        }
      }
    }
    if (component.kind === 'producer' && component.idempotent && component.acks !== 'all') {
      problems.push(`components[${i}].idempotent: an idempotent producer needs acks "all" (Kafka refuses the combination); set "idempotent": false to use acks ${component.acks}`);
    }
    if (component.kind === 'api' && component.mode === 'async' && !scenario.connections.some((c) => c.from === component.id && kindOf(c.to) === 'topic')) {
      problems.push(`components[${i}].mode: an async api publishes each request's event to a topic, but "${component.id}" is wired to none; wire it to a topic or use mode "sync"`);
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
    'set-latency': 'service',
    'crash-broker': 'cluster',
    'restart-broker': 'cluster',
    'isolate-broker': 'cluster',
    'reconnect-broker': 'cluster',
    'set-schema': 'producer',
    'set-reader-schema': 'consumer-group',
    'crash-producer': 'producer',
    'restart-producer': 'producer',
  };
  scenario.timeline.forEach((action, i) => {
    const wanted = targetKinds[action.action];
    const actual = kindOf(action.target);
    // An api's request rate changes like a producer's; a processor's members are a group's.
    const fits = actual === wanted || (action.action === 'set-rate' && actual === 'api') || (wanted === 'consumer-group' && actual === 'processor');
    if (!actual) problems.push(`timeline[${i}].target: no component has the id "${action.target}"`);
    else if (!fits) problems.push(`timeline[${i}].target: ${action.action} needs ${aKind(wanted)}${action.action === 'set-rate' ? ' or an api' : wanted === 'consumer-group' ? ' or a processor' : ''}, but "${action.target}" is ${aKind(actual)}`);
    if (action.at > scenario.duration) problems.push(`timeline[${i}].at: comes after the end of the run`);
    if ('broker' in action && actual === 'cluster') {
      const cluster = byId.get(action.target) as Extract<Component, { kind: 'cluster' }>;
      if (action.broker >= cluster.brokers) problems.push(`timeline[${i}].broker: "${action.target}" has brokers 0 to ${cluster.brokers - 1}, got ${action.broker}`);
    }
  });
  return problems;
}
