/**
 * Checks of the two ways a producer's events can stop matching the world: schema versions (what a
 * group declares it reads, and the compatibility each set-schema declares) and database writes
 * (dual-write or outbox, and the crashes that show them).
 */
import type { Scenario } from './schema.ts';

/** Every problem with schema versions and database-writing producers in `scenario`, as `path: what is wrong`. */
export function evolutionProblems(scenario: Scenario): string[] {
  const problems: string[] = [];
  const byId = new Map(scenario.components.map((c) => [c.id, c]));

  scenario.components.forEach((component, i) => {
    const path = `components[${i}]`;
    if (component.kind === 'consumer-group' && component.schema?.onFailure === 'dead-letter' && component.deadLetterTopic === undefined) {
      problems.push(`${path}.schema.onFailure: "dead-letter" sends unreadable records to the group's deadLetterTopic, but "${component.id}" has none; set deadLetterTopic or use "skip"`);
    }
    if (component.kind !== 'producer' || component.writes === 'publish-only') return;
    const wires = scenario.connections.filter((c) => c.from === component.id).map((c) => c.to);
    const topics = wires.filter((id) => byId.get(id)?.kind === 'topic');
    if (topics.length !== 1 || wires.length !== 1) {
      problems.push(`${path}.writes: a producer that writes "${component.writes}" publishes each event to exactly one topic, but "${component.id}" is wired to ${wires.length === 0 ? 'nothing' : wires.map((id) => `"${id}"`).join(', ')}`);
    }
    if (component.acks === 0) {
      problems.push(`${path}.acks: writes "${component.writes}" needs to hear whether each publish worked (acks 1 or "all"), got 0`);
    }
  });

  const declared = new Map<number, { index: number; compatibility: string }>();
  scenario.timeline.forEach((action, i) => {
    const target = byId.get(action.target);
    if (action.action === 'set-schema') {
      const earlier = declared.get(action.version);
      if (earlier !== undefined && earlier.compatibility !== action.compatibility) {
        problems.push(`timeline[${i}].compatibility: version ${action.version} is declared "${earlier.compatibility}" by timeline[${earlier.index}]; one version has one compatibility with its predecessor`);
      } else declared.set(action.version, { index: i, compatibility: action.compatibility });
    }
    if (action.action === 'set-reader-schema' && target?.kind === 'consumer-group' && target.schema === undefined) {
      problems.push(`timeline[${i}].target: "${action.target}" declares no schema, so it reads every version; give it "schema": { "reads": 1 } to make it check versions`);
    }
    if ((action.action === 'crash-producer' || action.action === 'restart-producer') && target?.kind === 'producer' && target.writes === 'publish-only') {
      problems.push(`timeline[${i}].target: ${action.action} needs a producer that writes a database ("writes": "dual-write" or "outbox"), but "${action.target}" only publishes`);
    }
  });
  return problems;
}
