/**
 * Kafka's `CooperativeStickyAssignor` (`cooperative-sticky`): the sticky assignment, delivered in
 * two rebalances so that partitions which stay put never stop being consumed.
 *
 * A partition may not go to a new member in the same rebalance in which its current owner still
 * holds it. So this assignor computes the sticky target, then takes out of it every partition that
 * is moving from one member to another: the first round gives the old owner an assignment without
 * that partition (it is revoked) and gives it to nobody. Once the old owner has revoked it, it
 * rejoins, and the second round (the same call, with each member's first-round partitions as
 * `owned`) hands the revoked partitions to their new members.
 *
 * Which partitions count as moving follows Kafka exactly: when all members subscribe to the same
 * topics, those the constrained algorithm gave away from an owner over its quota, plus any claimed
 * by two members of the same generation; otherwise, partitions that leave some member's owned set
 * and join another's. Partitions nobody owned, or owned by a member that has left, are assigned
 * in the first round.
 */
import type { TopicPartition } from '../topicPartition.ts';
import { prepareGroup, toAssignment, type Group } from './group.ts';
import { removeFrom } from './stickyCore/ownedPartitions.ts';
import { stickyAssignment } from './stickyCore/index.ts';
import type { Assignor } from './types.ts';

/**
 * Assigns like Kafka's `cooperative-sticky` assignor: the first round of a cooperative rebalance,
 * in which partitions that change owner are revoked and not yet given to anyone.
 */
export const cooperativeSticky: Assignor = (input, options) => {
  const group = prepareGroup(input, options);
  const { assignment, partitionsTransferringOwnership } = stickyAssignment(group);
  const moving = partitionsTransferringOwnership ?? partitionsChangingOwner(group, assignment);
  for (const [tp, newOwner] of moving) removeFrom(assignment.get(newOwner)!, tp);
  return toAssignment(group, (id) => assignment.get(id));
};

/**
 * Kafka's `computePartitionsTransferringOwnership`: partitions some member gains that another
 * member loses, with the member that gains them.
 */
function partitionsChangingOwner(group: Group, assignment: ReadonlyMap<string, TopicPartition[]>): Map<TopicPartition, string> {
  const added = new Map<TopicPartition, string>();
  const revoked = new Set<TopicPartition>();
  for (const [consumer, assigned] of assignment) {
    const owned = new Set(group.byId.get(consumer)!.owned);
    const kept = new Set(assigned);
    for (const tp of assigned) if (!owned.has(tp)) added.set(tp, consumer);
    for (const tp of owned) if (!kept.has(tp)) revoked.add(tp);
  }
  for (const tp of added.keys()) if (!revoked.has(tp)) added.delete(tp);
  return added;
}
