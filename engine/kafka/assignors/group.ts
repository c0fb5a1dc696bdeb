/**
 * The group as Kafka's assignors see it on the leader: the partition counts of subscribed topics,
 * and the members in the order Kafka's subscription map iterates them.
 */
import { javaHashMapKeyOrder } from '../javaHashOrder.ts';
import { compareJavaStrings, compareTopicPartitions, type TopicPartition } from '../topicPartition.ts';
import type { Assignment, AssignmentInput, AssignorOptions, GroupMember } from './types.ts';

/** A member after normalisation. */
export interface Member {
  readonly id: string;
  /** Subscribed topics, duplicates removed, in the member's order. */
  readonly topics: readonly string[];
  readonly topicSet: ReadonlySet<string>;
  readonly instanceId: string | undefined;
  /** Owned partitions that exist, duplicates removed, interned (see {@link Group.tp}). */
  readonly owned: readonly TopicPartition[];
  /** undefined when unknown: Kafka treats a missing and a negative generation alike. */
  readonly generation: number | undefined;
}

export interface Group {
  /** Partition counts of the topics at least one member subscribes to, as Kafka's leader builds them. */
  readonly partitionsPerTopic: ReadonlyMap<string, number>;
  /** The members in the iteration order of Kafka's `Map<String, Subscription>`. */
  readonly members: readonly Member[];
  readonly byId: ReadonlyMap<string, Member>;
  /** The members' ids in input order, which is the order assignments are reported in. */
  readonly inputOrder: readonly string[];
  /** The one TopicPartition object for (topic, partition), so sets and maps can key on identity. */
  tp(topic: string, partition: number): TopicPartition;
}

/**
 * Normalises an {@link AssignmentInput}.
 *
 * Owned partitions that do not exist (unknown topic, or a partition number beyond the topic's
 * count) are dropped: Kafka drops the former, and the latter cannot happen in Kafka, whose
 * partition counts only grow.
 *
 * @throws RangeError on a duplicate member id, which Kafka's coordinator never produces.
 */
export function prepareGroup(input: AssignmentInput, options: AssignorOptions = {}): Group {
  const counts = new Map<string, number>();
  // Object.entries reads own properties only, so a topic called "constructor" is not inherited.
  for (const [topic, count] of Object.entries(input.topics)) counts.set(topic, count);

  const pool = new Map<string, TopicPartition>();
  const tp = (topic: string, partition: number): TopicPartition => {
    const key = `${partition}:${topic}`;
    let found = pool.get(key);
    if (!found) {
      found = { topic, partition };
      pool.set(key, found);
    }
    return found;
  };

  const byId = new Map<string, Member>();
  for (const member of input.members) {
    if (byId.has(member.id)) throw new RangeError(`duplicate member id "${member.id}"`);
    byId.set(member.id, normaliseMember(member, counts, tp));
  }

  // Kafka only asks the cluster for topics someone subscribes to, and skips those without partitions.
  const subscribed = new Set<string>();
  for (const member of byId.values()) for (const topic of member.topics) subscribed.add(topic);
  const partitionsPerTopic = new Map<string, number>();
  for (const topic of [...subscribed].sort(compareJavaStrings)) {
    const count = counts.get(topic);
    if (count !== undefined && count > 0) partitionsPerTopic.set(topic, count);
  }

  const inputOrder = [...byId.keys()];
  const members = javaHashMapKeyOrder(inputOrder, options.subscriptionMapCapacity).map((id) => byId.get(id)!);
  return { partitionsPerTopic, members, byId, inputOrder, tp };
}

function normaliseMember(
  member: GroupMember,
  counts: ReadonlyMap<string, number>,
  tp: (topic: string, partition: number) => TopicPartition,
): Member {
  const topics = [...new Set(member.topics)];
  const owned: TopicPartition[] = [];
  const seen = new Set<TopicPartition>();
  for (const claim of member.owned ?? []) {
    const count = counts.get(claim.topic);
    if (count === undefined || !Number.isInteger(claim.partition) || claim.partition < 0 || claim.partition >= count) continue;
    const interned = tp(claim.topic, claim.partition);
    if (seen.has(interned)) continue;
    seen.add(interned);
    owned.push(interned);
  }
  const generation = member.generation !== undefined && member.generation >= 0 ? member.generation : undefined;
  return { id: member.id, topics, topicSet: new Set(topics), instanceId: member.instanceId, owned, generation };
}

/**
 * Kafka's `MemberInfo.compareTo`: static members (with a `group.instance.id`) first, ordered by
 * instance id; then dynamic members by member id.
 */
export function compareMembers(a: Member, b: Member): number {
  if (a.instanceId !== undefined && b.instanceId !== undefined) return compareJavaStrings(a.instanceId, b.instanceId);
  if (a.instanceId !== undefined) return -1;
  if (b.instanceId !== undefined) return 1;
  return compareJavaStrings(a.id, b.id);
}

/**
 * Builds the reported {@link Assignment}: every member in input order, partitions sorted by topic
 * then partition. Kafka's lists come out in hash-map order; the set is what matters, and sorted
 * lists read better and compare easily.
 */
export function toAssignment(group: Group, partitionsOf: (memberId: string) => readonly TopicPartition[] | undefined): Assignment {
  const assignment: Assignment = new Map();
  for (const id of group.inputOrder) {
    assignment.set(id, [...(partitionsOf(id) ?? [])].sort(compareTopicPartitions));
  }
  return assignment;
}
