/**
 * Kafka's `RoundRobinAssignor` (`roundrobin`).
 *
 * All partitions of all subscribed topics, topics in name order and partitions in number order, are
 * dealt one at a time around the members in Kafka's member order (static members by
 * `group.instance.id` first, then dynamic ones by member id). A member not subscribed to a
 * partition's topic is skipped, and the deal carries on from the member after the one that took it.
 * With identical subscriptions the counts differ by at most one; with different subscriptions it
 * can be badly uneven, which is what the sticky assignor was written to fix.
 */
import { compareJavaStrings, type TopicPartition } from '../topicPartition.ts';
import { compareMembers, prepareGroup, toAssignment } from './group.ts';
import type { Assignor } from './types.ts';

/** Assigns like Kafka's `roundrobin` assignor. See the module comment for the rule. */
export const roundRobin: Assignor = (input, options) => {
  const group = prepareGroup(input, options);
  const assigned = new Map<string, TopicPartition[]>();
  const circle = [...group.members].sort(compareMembers);
  for (const member of circle) assigned.set(member.id, []);

  // Kafka's CircularIterator: `next` is the member the deal is at.
  let next = 0;
  const topics = [...group.partitionsPerTopic.keys()].sort(compareJavaStrings);
  for (const topic of topics) {
    const partitions = group.partitionsPerTopic.get(topic)!;
    for (let p = 0; p < partitions; p++) {
      // Someone subscribes to every topic in partitionsPerTopic, so this stops within one lap.
      while (!circle[next].topicSet.has(topic)) next = (next + 1) % circle.length;
      assigned.get(circle[next].id)!.push(group.tp(topic, p));
      next = (next + 1) % circle.length;
    }
  }
  return toAssignment(group, (id) => assigned.get(id));
};
