/**
 * Kafka's `StickyAssignor` (`sticky`): an eager assignor that balances the group (partition counts
 * differ by at most one wherever subscriptions allow) while leaving as many partitions as possible
 * with the member that owned them before the rebalance. Under the eager protocol every member still
 * revokes everything first; stickiness means it gets most of it straight back.
 *
 * Each member's `owned` partitions (and `generation`) play the part of the previous assignment the
 * Java client carries in its subscription user data. The algorithm is in `stickyCore/`.
 */
import { prepareGroup, toAssignment } from './group.ts';
import { stickyAssignment } from './stickyCore/index.ts';
import type { Assignor } from './types.ts';

/** Assigns like Kafka's `sticky` assignor. */
export const sticky: Assignor = (input, options) => {
  const group = prepareGroup(input, options);
  const { assignment } = stickyAssignment(group);
  return toAssignment(group, (id) => assignment.get(id));
};
