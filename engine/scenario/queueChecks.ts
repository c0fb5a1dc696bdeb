/**
 * Checks of how queues fit into a scenario: what a group reading a queue can and cannot do (read
 * one queue and nothing else, leave dead-lettering to the queue, never replay), and a queue's own
 * references.
 */
import { didYouMean } from './didYouMean.ts';
import type { Scenario } from './schema.ts';

/** Every problem with queues in `scenario`, as `path: what is wrong`. */
export function queueProblems(scenario: Scenario): string[] {
  const problems: string[] = [];
  const kindOf = (id: string) => scenario.components.find((c) => c.id === id)?.kind;
  const queueIds = scenario.components.filter((c) => c.kind === 'queue').map((c) => c.id);
  const queuesRead = new Map<string, string[]>();

  scenario.components.forEach((component, i) => {
    const path = `components[${i}]`;
    if (component.kind === 'queue') {
      // A timeout of 0 hands a message back the instant it is received, forever.
      if (component.visibilityTimeout === 0) problems.push(`${path}.visibilityTimeout: must be above 0 (a message would be visible again the moment it is received)`);
      const dlq = component.deadLetterQueue;
      if (dlq !== undefined) {
        if (dlq === component.id) problems.push(`${path}.deadLetterQueue: must be another queue, not "${dlq}" itself`);
        else if (kindOf(dlq) !== 'queue') problems.push(`${path}.deadLetterQueue: no queue has the id ${JSON.stringify(dlq)}${didYouMean(dlq, queueIds)}`);
        if (component.maxReceives === undefined) problems.push(`${path}.deadLetterQueue: messages go there after maxReceives receives; set maxReceives too`);
      }
    }
    if (component.kind !== 'consumer-group') return;
    const feeds = scenario.connections.filter((c) => c.to === component.id).map((c) => c.from);
    const queues = feeds.filter((id) => kindOf(id) === 'queue');
    if (queues.length === 0) return;
    queuesRead.set(component.id, queues);
    const topics = feeds.filter((id) => kindOf(id) === 'topic');
    if (topics.length > 0) problems.push(`${path}: "${component.id}" reads the topic "${topics[0]}" and the queue "${queues[0]}"; a group reads topics or one queue, not both`);
    if (queues.length > 1) problems.push(`${path}: "${component.id}" reads the queues "${queues[0]}" and "${queues[1]}"; a group reads one queue (use one group per queue)`);
    if (component.deadLetterTopic !== undefined) {
      problems.push(`${path}.deadLetterTopic: "${component.id}" reads the queue "${queues[0]}", which dead-letters for it; set maxReceives and deadLetterQueue on the queue instead`);
    }
  });

  scenario.timeline.forEach((action, i) => {
    const queues = queuesRead.get(action.target);
    if (action.action === 'reset-offsets' && queues) {
      problems.push(
        `timeline[${i}].target: a queue cannot be replayed: "${action.target}" reads the queue "${queues[0]}", which deletes each message once it is acknowledged; reset-offsets works only for a group reading topics`,
      );
    }
  });
  return problems;
}
