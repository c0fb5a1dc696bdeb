/**
 * Kafka's `AbstractStickyAssignor.GeneralAssignmentBuilder`: the sticky algorithm when members
 * subscribe to different topics.
 *
 * 1. Keep every owned partition whose topic the owner still subscribes to.
 * 2. Give each unowned partition (topics with the fewest potential consumers first, then by name;
 *    partitions in number order) to the subscribed member that has the fewest partitions, ties by
 *    member id.
 * 3. Rebalance: while some member could take a partition from one with two or more than it, move
 *    partitions, preferring to send a partition back to its owner of an earlier generation, and
 *    undoing earlier moves of the same topic rather than shuffling new ones. Newly assigned
 *    partitions are tried first when nothing had to be revoked.
 * 4. If step 3 did not make the assignment strictly more balanced (sum over member pairs of the
 *    difference in partition counts), keep step 2's result.
 *
 * Kafka's rack-aware steps are left out: Streamlab does not model racks.
 */
import { compareJavaStrings, compareTopicPartitions, formatTopicPartition, type TopicPartition } from '../../topicPartition.ts';
import type { Group } from '../group.ts';
import { DEFAULT_GENERATION, removeFrom, type OwnershipClaims } from './ownedPartitions.ts';
import { PartitionMovements } from './partitionMovements.ts';

interface PreviousOwner {
  readonly consumer: string;
  readonly generation: number;
}

/**
 * Kafka's `TreeSet<String>` of members ordered by (number of partitions, member id). The order
 * depends on mutable counts, so, as in Kafka, a member is taken out before its count changes and
 * put back after.
 */
class MembersByLoad {
  private readonly order: string[] = [];

  constructor(private readonly load: (member: string) => number) {}

  first(): string {
    return this.order[0];
  }

  last(): string {
    return this.order[this.order.length - 1];
  }

  [Symbol.iterator](): Iterator<string> {
    return this.order[Symbol.iterator]();
  }

  add(member: string): void {
    if (this.order.includes(member)) return;
    const load = this.load(member);
    let lo = 0;
    let hi = this.order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const other = this.order[mid];
      const cmp = this.load(other) - load || compareJavaStrings(other, member);
      if (cmp < 0) lo = mid + 1;
      else hi = mid;
    }
    this.order.splice(lo, 0, member);
  }

  remove(member: string): void {
    removeFrom(this.order, member);
  }
}

/** Runs the general algorithm. See the module comment. */
export function generalAssignment(group: Group, claims: OwnershipClaims): Map<string, TopicPartition[]> {
  const { partitionsPerTopic } = group;
  const currentAssignment = new Map<string, TopicPartition[]>();
  for (const [consumer, owned] of claims.consumerToOwnedPartitions) currentAssignment.set(consumer, [...owned]);

  const topic2AllPotentialConsumers = new Map<string, string[]>();
  for (const topic of partitionsPerTopic.keys()) topic2AllPotentialConsumers.set(topic, []);
  const consumer2AllPotentialTopics = new Map<string, string[]>();
  for (const member of group.members) {
    const topics = member.topics.filter((t) => partitionsPerTopic.has(t));
    consumer2AllPotentialTopics.set(member.id, topics);
    for (const topic of topics) topic2AllPotentialConsumers.get(topic)!.push(member.id);
  }
  const subscribes = (consumer: string, topic: string): boolean => consumer2AllPotentialTopics.get(consumer)!.includes(topic);

  const currentPartitionConsumer = new Map<TopicPartition, string>();
  for (const [consumer, partitions] of currentAssignment) for (const tp of partitions) currentPartitionConsumer.set(tp, consumer);

  const sortedAllTopics = [...topic2AllPotentialConsumers.keys()].sort(
    (a, b) => topic2AllPotentialConsumers.get(a)!.length - topic2AllPotentialConsumers.get(b)!.length || compareJavaStrings(a, b),
  );
  let sortedAllPartitions: TopicPartition[] = [];
  for (const topic of sortedAllTopics) {
    for (let p = 0; p < partitionsPerTopic.get(topic)!; p++) sortedAllPartitions.push(group.tp(topic, p));
  }
  let totalPartitions = 0;
  for (const count of partitionsPerTopic.values()) totalPartitions += count;

  const size = (consumer: string): number => currentAssignment.get(consumer)!.length;
  const byLoad = new MembersByLoad(size);
  const movements = new PartitionMovements();

  // Where a member of an older generation owned a partition (the latest such generation wins).
  const prevAssignment = new Map<TopicPartition, PreviousOwner>();
  for (const member of group.members) {
    let generation: number;
    if (member.generation !== undefined && member.generation < claims.maxGeneration) generation = member.generation;
    else if (member.generation === undefined && claims.maxGeneration > DEFAULT_GENERATION) generation = DEFAULT_GENERATION;
    else continue;
    for (const tp of member.owned) {
      const known = prevAssignment.get(tp);
      if (!known || generation > known.generation) prevAssignment.set(tp, { consumer: member.id, generation });
    }
  }

  // Step 1: keep owned partitions of still-subscribed topics.
  let revocationRequired = false;
  const assignedPartitions = new Set<TopicPartition>();
  for (const [consumer, partitions] of currentAssignment) {
    const member = group.byId.get(consumer)!;
    const kept = partitions.filter((tp) => {
      if (member.topicSet.has(tp.topic)) return true;
      revocationRequired = true;
      return false;
    });
    for (const tp of kept) assignedPartitions.add(tp);
    currentAssignment.set(consumer, kept);
  }
  let unassignedPartitions = sortedAllPartitions.filter((tp) => !assignedPartitions.has(tp));
  for (const consumer of currentAssignment.keys()) byLoad.add(consumer);

  const maxAssignmentSize = (topics: readonly string[]): number => {
    if (topics.length === partitionsPerTopic.size) return totalPartitions;
    let sum = 0;
    for (const topic of topics) sum += partitionsPerTopic.get(topic)!;
    return sum;
  };

  const isBalanced = (): boolean => {
    if (size(byLoad.first()) >= size(byLoad.last()) - 1) return true;
    const owner = new Map<TopicPartition, string>();
    for (const [consumer, partitions] of currentAssignment) for (const tp of partitions) owner.set(tp, consumer);
    // A member short of partitions it could have must not be able to take one from a member with
    // two or more than it.
    for (const consumer of byLoad) {
      const count = size(consumer);
      const topics = consumer2AllPotentialTopics.get(consumer)!;
      if (count === maxAssignmentSize(topics)) continue;
      const mine = new Set(currentAssignment.get(consumer));
      for (const topic of topics) {
        for (let p = 0; p < partitionsPerTopic.get(topic)!; p++) {
          const tp = group.tp(topic, p);
          if (!mine.has(tp) && count + 1 < size(owner.get(tp)!)) return false;
        }
      }
    }
    return true;
  };

  const processPartitionMovement = (tp: TopicPartition, newConsumer: string): void => {
    const oldConsumer = currentPartitionConsumer.get(tp)!;
    byLoad.remove(oldConsumer);
    byLoad.remove(newConsumer);
    movements.movePartition(tp, oldConsumer, newConsumer);
    removeFrom(currentAssignment.get(oldConsumer)!, tp);
    currentAssignment.get(newConsumer)!.push(tp);
    currentPartitionConsumer.set(tp, newConsumer);
    byLoad.add(newConsumer);
    byLoad.add(oldConsumer);
  };

  const reassignPartitionTo = (tp: TopicPartition, newConsumer: string): void => {
    const consumer = currentPartitionConsumer.get(tp)!;
    processPartitionMovement(movements.actualPartitionToMove(tp, consumer, newConsumer), newConsumer);
  };

  const reassignPartition = (tp: TopicPartition): void => {
    for (const candidate of byLoad) {
      if (subscribes(candidate, tp.topic)) {
        reassignPartitionTo(tp, candidate);
        return;
      }
    }
  };

  // Kafka's loop below can run forever: the "actual partition to move" may sit with a third
  // member, and two members can then pass one partition back and forth. Kafka's leader would hang
  // until the rebalance timed out. Each pass is deterministic in this state, so a pass that starts
  // from a state seen before proves the loop endless; it stops there instead.
  const passState = (): string => {
    const members = [...currentAssignment.keys()].sort(compareJavaStrings);
    const assignment = members.map(
      (m) => `${JSON.stringify(m)}=${[...currentAssignment.get(m)!].sort(compareTopicPartitions).map(formatTopicPartition).join(',')}`,
    );
    return `${assignment.join(';')}#${movements.fingerprint()}`;
  };

  const performReassignments = (reassignable: readonly TopicPartition[]): boolean => {
    let reassignmentPerformed = false;
    let modified: boolean;
    const seen = new Set<string>();
    do {
      const state = passState();
      if (seen.has(state)) break;
      seen.add(state);
      modified = false;
      for (const tp of reassignable) {
        if (isBalanced()) break;
        const consumer = currentPartitionConsumer.get(tp)!;
        const previous = prevAssignment.get(tp);
        // Kafka would throw a NullPointerException when the earlier owner is no longer in the
        // balancing set; skipping the preference there is the only departure from its behaviour.
        if (previous && currentAssignment.has(previous.consumer) && size(consumer) > size(previous.consumer) + 1) {
          reassignPartitionTo(tp, previous.consumer);
          reassignmentPerformed = modified = true;
          continue;
        }
        for (const other of topic2AllPotentialConsumers.get(tp.topic)!) {
          if (size(consumer) > size(other) + 1) {
            reassignPartition(tp);
            reassignmentPerformed = modified = true;
            break;
          }
        }
      }
    } while (modified);
    return reassignmentPerformed;
  };

  // Steps 2 to 4 (Kafka's `balance`).
  const initializing = size(byLoad.last()) === 0;
  for (const tp of unassignedPartitions) {
    for (const candidate of byLoad) {
      if (subscribes(candidate, tp.topic)) {
        byLoad.remove(candidate);
        currentAssignment.get(candidate)!.push(tp);
        currentPartitionConsumer.set(tp, candidate);
        byLoad.add(candidate);
        break;
      }
    }
  }

  // Only partitions of topics with two or more potential consumers can move...
  const movable = (tp: TopicPartition): boolean => topic2AllPotentialConsumers.get(tp.topic)!.length >= 2;
  sortedAllPartitions = sortedAllPartitions.filter(movable);
  unassignedPartitions = unassignedPartitions.filter(movable);
  // ...and only members that could gain a partition or hold a movable one take part.
  const fixedAssignments = new Map<string, TopicPartition[]>();
  for (const [consumer, topics] of consumer2AllPotentialTopics) {
    const partitions = currentAssignment.get(consumer)!;
    const canParticipate = partitions.length < maxAssignmentSize(topics) || partitions.some(movable);
    if (!canParticipate) {
      byLoad.remove(consumer);
      fixedAssignments.set(consumer, partitions);
      currentAssignment.delete(consumer);
    }
  }

  const preBalanceAssignment = copyAssignment(currentAssignment);
  if (!revocationRequired) performReassignments(unassignedPartitions);
  const reassignmentPerformed = performReassignments(sortedAllPartitions);
  // Step 4. (Kafka also restores its partition-to-member map here; nothing reads it afterwards.)
  if (!initializing && reassignmentPerformed && balanceScore(currentAssignment) >= balanceScore(preBalanceAssignment)) {
    currentAssignment.clear();
    for (const [consumer, partitions] of preBalanceAssignment) currentAssignment.set(consumer, partitions);
  }
  for (const [consumer, partitions] of fixedAssignments) currentAssignment.set(consumer, partitions);
  return currentAssignment;
}

function copyAssignment(assignment: ReadonlyMap<string, TopicPartition[]>): Map<string, TopicPartition[]> {
  const copy = new Map<string, TopicPartition[]>();
  for (const [consumer, partitions] of assignment) copy.set(consumer, [...partitions]);
  return copy;
}

/** Kafka's balance score: the sum over all pairs of members of the difference in their partition counts. */
function balanceScore(assignment: ReadonlyMap<string, readonly TopicPartition[]>): number {
  const sizes = [...assignment.values()].map((partitions) => partitions.length);
  let score = 0;
  for (let i = 0; i < sizes.length; i++) for (let j = i + 1; j < sizes.length; j++) score += Math.abs(sizes[i] - sizes[j]);
  return score;
}
