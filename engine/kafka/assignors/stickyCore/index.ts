/**
 * Kafka's `AbstractStickyAssignor.assignPartitions`, shared by the `sticky` and
 * `cooperative-sticky` assignors: balance first, then keep as many partitions where they were.
 */
import type { Group } from '../group.ts';
import { constrainedAssignment, type StickyResult } from './constrainedAssignment.ts';
import { generalAssignment } from './generalAssignment.ts';
import { resolveOwnership } from './ownedPartitions.ts';

export type { StickyResult } from './constrainedAssignment.ts';

/**
 * The sticky target assignment: the constrained algorithm when all members subscribe to the same
 * topics, the general one otherwise, exactly as Kafka chooses.
 */
export function stickyAssignment(group: Group): StickyResult {
  if (group.members.length === 0) return { assignment: new Map(), partitionsTransferringOwnership: new Map() };
  const claims = resolveOwnership(group);
  if (claims.allSubscriptionsEqual) return constrainedAssignment(group, claims);
  // Kafka leaves the transfers unset in the general case so the cooperative assignor computes them.
  return { assignment: generalAssignment(group, claims), partitionsTransferringOwnership: null };
}
