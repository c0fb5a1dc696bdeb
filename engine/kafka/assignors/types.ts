/**
 * What a consumer-group assignor takes and gives: the same inputs Kafka's client-side assignors
 * (`partition.assignment.strategy`) see on the group leader, and the assignment they hand back.
 */
import type { TopicPartition } from '../topicPartition.ts';

/** The names Kafka gives its built-in assignors, as used in `partition.assignment.strategy`. */
export type AssignorName = 'range' | 'roundrobin' | 'sticky' | 'cooperative-sticky';

/** One consumer in the group, as it describes itself when it joins. */
export interface GroupMember {
  /** `member.id`, unique in the group. */
  readonly id: string;
  /** The topics it subscribes to. Topics that do not exist (or have no partitions) are ignored, as in Kafka. */
  readonly topics: readonly string[];
  /**
   * `group.instance.id`: makes the member static. Range and round-robin order static members by
   * this id, ahead of dynamic ones, so a static member keeps its partitions when it rejoins with a
   * new member id.
   */
  readonly instanceId?: string;
  /**
   * The partitions it owned before this rebalance. Only the sticky assignors read it (the sticky
   * assignor's user data, the cooperative one's `ownedPartitions`).
   */
  readonly owned?: readonly TopicPartition[];
  /**
   * The generation in which it owned them. When two members claim one partition, the higher
   * generation wins. Missing or negative means unknown (Kafka's `DEFAULT_GENERATION`, -1).
   */
  readonly generation?: number;
}

/** Everything an assignor needs: partition counts and the members' subscriptions. */
export interface AssignmentInput {
  /** Partition count per topic. */
  readonly topics: Readonly<Record<string, number>>;
  /**
   * The members, in the order the group coordinator lists them. Kafka's leader puts them into a
   * `HashMap` in this order, and the sticky assignors' tie-breaks follow that map's iteration order.
   */
  readonly members: readonly GroupMember[];
}

/**
 * Partitions per member id, sorted by topic then partition, with every member present (possibly
 * with no partitions), in the order of {@link AssignmentInput.members}.
 */
export type Assignment = Map<string, TopicPartition[]>;

/** Rarely needed knobs, for reproducing Kafka's own tests exactly. */
export interface AssignorOptions {
  /**
   * The initial capacity of the leader's subscription `HashMap`. The consumer uses
   * `new HashMap<>()` (16); a few Kafka tests build theirs with an explicit size, which changes the
   * iteration order and hence sticky tie-breaks.
   */
  readonly subscriptionMapCapacity?: number;
}

/** An assignor: the same input always gives the same assignment. */
export type Assignor = (input: AssignmentInput, options?: AssignorOptions) => Assignment;

/**
 * How a rebalance runs under an assignor. `eager`: every member gives up all its partitions and
 * nobody consumes until the new assignment arrives. `cooperative`: members keep the partitions that
 * stay with them; partitions that move are revoked first and assigned in a second rebalance.
 */
export type RebalanceProtocol = 'eager' | 'cooperative';
