/**
 * Kafka's `AbstractStickyAssignor.ConstrainedAssignmentBuilder`: the sticky algorithm when every
 * member subscribes to the same topics.
 *
 * With `total` partitions and `n` members, every member ends with `minQuota = floor(total / n)` or
 * `maxQuota = ceil(total / n)` partitions, and exactly `total % n` members get `maxQuota`.
 *
 * 1. Visiting members in the order of Kafka's `HashMap`, each keeps its owned partitions up to its
 *    quota: all of them if it owns fewer than `minQuota`; `maxQuota` if it owns that many and not
 *    all `total % n` larger slots are taken yet; otherwise `minQuota`. What it has to give up may
 *    be revoked. (Owned partitions are kept lowest partition number first, then by topic.)
 * 2. The partitions nobody kept, in topic-name then partition order, are dealt round-robin to the
 *    members still under `minQuota` (sorted by member id), then one each to members at exactly
 *    `minQuota` (sorted by member id) until all larger slots are taken.
 *
 * Kafka's rack-aware steps are left out: Streamlab does not model racks.
 */
import { javaHashMapKeyOrder } from '../../javaHashOrder.ts';
import { compareJavaStrings, type TopicPartition } from '../../topicPartition.ts';
import type { Group } from '../group.ts';
import type { OwnershipClaims } from './ownedPartitions.ts';

export interface StickyResult {
  /** Partitions per member id. */
  readonly assignment: Map<string, TopicPartition[]>;
  /**
   * Partitions given to a member other than the one that owned them, with their new member:
   * the ones a cooperative rebalance must revoke first. `null` when the algorithm does not track
   * them (the general case), as in Kafka.
   */
  readonly partitionsTransferringOwnership: Map<TopicPartition, string> | null;
}

/** Runs the constrained algorithm. See the module comment. */
export function constrainedAssignment(group: Group, claims: OwnershipClaims): StickyResult {
  const { consumerToOwnedPartitions, partitionsWithMultiplePreviousOwners } = claims;
  // consumerToOwnedPartitions is a `new HashMap<>()` in Kafka, filled in subscription-map order.
  const memberOrder = javaHashMapKeyOrder([...consumerToOwnedPartitions.keys()]);

  let totalPartitions = 0;
  for (const count of group.partitionsPerTopic.values()) totalPartitions += count;
  const members = memberOrder.length;
  const minQuota = Math.floor(totalPartitions / members);
  const maxQuota = Math.ceil(totalPartitions / members);
  const expectedNumMembersWithOverMinQuota = totalPartitions % members;
  let currentNumMembersWithOverMinQuota = 0;

  const assignment = new Map<string, TopicPartition[]>();
  for (const id of memberOrder) assignment.set(id, []);
  const assignedPartitions = new Set<TopicPartition>();
  const maybeRevokedPartitions = new Map<TopicPartition, string>();
  const partitionsTransferringOwnership = new Map<TopicPartition, string>();
  const unfilledUnderMinQuota: string[] = [];
  let unfilledAtMinQuota: string[] = [];

  // Step 1: keep owned partitions up to the quota.
  for (const consumer of memberOrder) {
    const owned = [...consumerToOwnedPartitions.get(consumer)!]
      .sort((a, b) => a.partition - b.partition || compareJavaStrings(a.topic, b.topic))
      .filter((tp) => !partitionsWithMultiplePreviousOwners.has(tp));
    const consumerAssignment = assignment.get(consumer)!;
    let keep: number;
    if (owned.length < minQuota) {
      keep = owned.length;
      unfilledUnderMinQuota.push(consumer);
    } else if (owned.length >= maxQuota && currentNumMembersWithOverMinQuota < expectedNumMembersWithOverMinQuota) {
      keep = maxQuota;
      currentNumMembersWithOverMinQuota++;
      if (currentNumMembersWithOverMinQuota === expectedNumMembersWithOverMinQuota) unfilledAtMinQuota = [];
    } else {
      keep = minQuota;
      // Still a candidate for one of the larger slots.
      if (currentNumMembersWithOverMinQuota < expectedNumMembersWithOverMinQuota) unfilledAtMinQuota.push(consumer);
    }
    for (const tp of owned.slice(0, keep)) {
      consumerAssignment.push(tp);
      assignedPartitions.add(tp);
    }
    for (const tp of owned.slice(keep)) maybeRevokedPartitions.set(tp, consumer);
  }

  const unassignedPartitions: TopicPartition[] = [];
  for (const topic of [...group.partitionsPerTopic.keys()].sort(compareJavaStrings)) {
    for (let p = 0; p < group.partitionsPerTopic.get(topic)!; p++) {
      const tp = group.tp(topic, p);
      if (!assignedPartitions.has(tp)) unassignedPartitions.push(tp);
    }
  }
  unfilledUnderMinQuota.sort(compareJavaStrings);
  unfilledAtMinQuota.sort(compareJavaStrings);

  const assignNewPartition = (tp: TopicPartition, consumer: string): number => {
    const consumerAssignment = assignment.get(consumer)!;
    consumerAssignment.push(tp);
    const previousOwner = maybeRevokedPartitions.get(tp);
    if ((previousOwner !== undefined && previousOwner !== consumer) || partitionsWithMultiplePreviousOwners.has(tp)) {
      partitionsTransferringOwnership.set(tp, consumer);
    }
    return consumerAssignment.length;
  };

  // Step 2: Kafka walks the under-quota list with a java.util.Iterator that removes members as they
  // reach minQuota and restarts from the top when it runs off the end; `cursor` and `lastReturned`
  // reproduce that iterator.
  let cursor = 0;
  let lastReturned = -1;
  for (const tp of unassignedPartitions) {
    let consumer: string;
    if (cursor < unfilledUnderMinQuota.length) {
      lastReturned = cursor++;
      consumer = unfilledUnderMinQuota[lastReturned];
    } else if (unfilledUnderMinQuota.length === 0 && unfilledAtMinQuota.length === 0) {
      throw new Error('sticky assignment: no member left to take a partition (Kafka throws here too)');
    } else if (unfilledUnderMinQuota.length === 0) {
      consumer = unfilledAtMinQuota.shift()!;
    } else {
      cursor = 0;
      lastReturned = cursor++;
      consumer = unfilledUnderMinQuota[lastReturned];
    }

    const assignedCount = assignNewPartition(tp, consumer);
    if (assignedCount === minQuota) {
      unfilledUnderMinQuota.splice(lastReturned, 1);
      cursor = lastReturned;
      lastReturned = -1;
      unfilledAtMinQuota.push(consumer);
    } else if (assignedCount === maxQuota) {
      currentNumMembersWithOverMinQuota++;
    }
  }

  return { assignment, partitionsTransferringOwnership };
}
