/**
 * The first step of Kafka's sticky assignment (`AbstractStickyAssignor.allSubscriptionsEqual`):
 * decide whether every member subscribes to the same topics, and settle which member owns which
 * partition when members' claims conflict.
 */
import type { TopicPartition } from '../../topicPartition.ts';
import type { Group } from '../group.ts';

/** Kafka's `DEFAULT_GENERATION`: the generation of a member that does not know its own. */
export const DEFAULT_GENERATION = -1;

export interface OwnershipClaims {
  /** True when every member lists the same topics: Kafka then uses the faster constrained algorithm. */
  readonly allSubscriptionsEqual: boolean;
  /**
   * Per member, in subscription-map order: the owned partitions it may keep claiming, limited to
   * subscribed-by-someone topics, after conflicts are settled.
   */
  readonly consumerToOwnedPartitions: Map<string, TopicPartition[]>;
  /** Partitions claimed by two members of the same generation: neither keeps them. */
  readonly partitionsWithMultiplePreviousOwners: Set<TopicPartition>;
  /** The highest generation any member reported (or {@link DEFAULT_GENERATION}). */
  readonly maxGeneration: number;
}

/**
 * Kafka's rules, in its member order: a partition first claimed goes to its claimant; a later
 * claim from a higher generation takes it over; from a lower generation it is ignored; from the
 * same generation the partition is taken from both and marked as having multiple previous owners.
 *
 * Kafka compares subscriptions with a quirk kept here: the reference topic set is the first
 * non-empty one, so members with no topics that come before it in map order do not make the
 * subscriptions unequal. (A Kafka consumer with no subscription does not join a group, so this only
 * matters for hand-written input.)
 *
 * Kafka keeps the highest generation seen in a field of the assignor that outlives one rebalance;
 * here it is computed from this rebalance's members, which is the same whenever generations only
 * grow, as they do in a group.
 */
export function resolveOwnership(group: Group): OwnershipClaims {
  let allSubscriptionsEqual = true;
  let subscribedTopics = new Set<string>();
  const consumerToOwnedPartitions = new Map<string, TopicPartition[]>();
  const partitionsWithMultiplePreviousOwners = new Set<TopicPartition>();
  const previousOwner = new Map<TopicPartition, string>();
  let maxGeneration = DEFAULT_GENERATION;

  for (const member of group.members) {
    if (subscribedTopics.size === 0) {
      subscribedTopics = new Set(member.topics);
    } else if (
      allSubscriptionsEqual &&
      !(member.topics.length === subscribedTopics.size && member.topics.every((t) => subscribedTopics.has(t)))
    ) {
      allSubscriptionsEqual = false;
    }

    const generation = member.generation ?? DEFAULT_GENERATION;
    maxGeneration = Math.max(maxGeneration, generation);

    const owned: TopicPartition[] = [];
    consumerToOwnedPartitions.set(member.id, owned);
    for (const tp of member.owned) {
      if (!group.partitionsPerTopic.has(tp.topic)) continue;
      const other = previousOwner.get(tp);
      if (other === undefined) {
        owned.push(tp);
        previousOwner.set(tp, member.id);
        continue;
      }
      const otherGeneration = group.byId.get(other)!.generation ?? DEFAULT_GENERATION;
      if (generation === otherGeneration) {
        partitionsWithMultiplePreviousOwners.add(tp);
        removeFrom(consumerToOwnedPartitions.get(other)!, tp);
        previousOwner.set(tp, member.id);
      } else if (generation > otherGeneration) {
        owned.push(tp);
        removeFrom(consumerToOwnedPartitions.get(other)!, tp);
        previousOwner.set(tp, member.id);
      }
      // A lower generation's claim is ignored: the other member keeps the partition.
    }
  }
  return { allSubscriptionsEqual, consumerToOwnedPartitions, partitionsWithMultiplePreviousOwners, maxGeneration };
}

/** Java's `List.remove(Object)`: removes the first occurrence, if any. */
export function removeFrom<T>(list: T[], item: T): void {
  const i = list.indexOf(item);
  if (i >= 0) list.splice(i, 1);
}
