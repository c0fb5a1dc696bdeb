/**
 * Kafka's four built-in consumer-group assignors, by the names `partition.assignment.strategy` uses.
 */
import { cooperativeSticky } from './cooperativeSticky.ts';
import { range } from './range.ts';
import { roundRobin } from './roundRobin.ts';
import { sticky } from './sticky.ts';
import type { AssignorName, Assignor, RebalanceProtocol } from './types.ts';

export type * from './types.ts';
export { cooperativeSticky, range, roundRobin, sticky };

/** Each assignor by its Kafka name. */
export const assignors: Readonly<Record<AssignorName, Assignor>> = {
  range,
  roundrobin: roundRobin,
  sticky,
  'cooperative-sticky': cooperativeSticky,
};

/** The assignor names, in the order Kafka introduced them. */
export const assignorNames: readonly AssignorName[] = ['range', 'roundrobin', 'sticky', 'cooperative-sticky'];

/** How a rebalance runs under each assignor (see {@link RebalanceProtocol}). */
export const rebalanceProtocols: Readonly<Record<AssignorName, RebalanceProtocol>> = {
  range: 'eager',
  roundrobin: 'eager',
  sticky: 'eager',
  'cooperative-sticky': 'cooperative',
};

/** True if `name` is one of Kafka's built-in assignor names. */
export function isAssignorName(name: string): name is AssignorName {
  return (assignorNames as readonly string[]).includes(name);
}
