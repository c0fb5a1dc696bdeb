/**
 * Every component that runs as a consumer group, as a group: consumer groups themselves and
 * processors (a Kafka Streams application is a consumer group). The analyses read groups this way,
 * so a processor gets its explanation, review and operator signals like any group.
 */
import { groupSpecOf } from '../model/processor.ts';
import type { ConsumerGroupSpec, Scenario } from '../scenario/schema.ts';

export function groupSpecs(scenario: Scenario): ConsumerGroupSpec[] {
  const specs: ConsumerGroupSpec[] = [];
  for (const component of scenario.components) {
    if (component.kind === 'consumer-group') specs.push(component);
    else if (component.kind === 'processor') specs.push(groupSpecOf(component));
  }
  return specs;
}
