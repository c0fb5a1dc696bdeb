/**
 * Kafka's `RangeAssignor` (`range`, the consumer's long-time default).
 *
 * Topic by topic: lay the topic's partitions out in order and its subscribers in Kafka's member
 * order (static members by `group.instance.id` first, then dynamic ones by member id), and give
 * each subscriber a contiguous range. The first `partitions % subscribers` members get one extra.
 * Topics are assigned independently, so with several topics the same first members get every
 * extra partition: the imbalance range is known for.
 *
 * Kafka's rack-aware variant only applies when consumers and brokers declare racks, which
 * Streamlab does not model.
 */
import type { TopicPartition } from '../topicPartition.ts';
import { compareMembers, prepareGroup, toAssignment } from './group.ts';
import type { Assignor } from './types.ts';

/** Assigns like Kafka's `range` assignor. See the module comment for the rule. */
export const range: Assignor = (input, options) => {
  const group = prepareGroup(input, options);
  const assigned = new Map<string, TopicPartition[]>();
  for (const member of group.members) assigned.set(member.id, []);

  for (const [topic, partitions] of group.partitionsPerTopic) {
    // Array.prototype.sort is stable, like Java's Collections.sort, so ties keep the map order.
    const subscribers = group.members.filter((m) => m.topicSet.has(topic)).sort(compareMembers);
    const perMember = Math.floor(partitions / subscribers.length);
    const withExtra = partitions % subscribers.length;
    subscribers.forEach((member, i) => {
      const start = perMember * i + Math.min(i, withExtra);
      const length = perMember + (i < withExtra ? 1 : 0);
      const list = assigned.get(member.id)!;
      for (let p = start; p < start + length; p++) list.push(group.tp(topic, p));
    });
  }
  return toAssignment(group, (id) => assigned.get(id));
};
