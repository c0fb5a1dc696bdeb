/**
 * Helpers for the assignor tests: Kafka's own test vocabulary (`tps("t1-0, t1-1")`, the
 * validity-and-balance check, the cooperative rebalance loop) as plain functions that report
 * problems instead of asserting, so each test file states its expectations itself.
 */
import { compareTopicPartitions, formatTopicPartition, parseTopicPartition, type TopicPartition } from '../topicPartition.ts';
import { cooperativeSticky } from './cooperativeSticky.ts';
import { prepareGroup } from './group.ts';
import { stickyAssignment } from './stickyCore/index.ts';
import type { Assignment, AssignmentInput, AssignorOptions, GroupMember } from './types.ts';

/** `tps("t1-0, t1-1")`: topic-partitions from Kafka's test notation. */
export function tps(list: string): TopicPartition[] {
  if (list.trim() === '') return [];
  return list.split(',').map((text) => {
    const tp = parseTopicPartition(text.trim());
    if (!tp) throw new Error(`not a topic-partition: ${text}`);
    return tp;
  });
}

/** An assignment as `{ member: "t1-0, t1-1" }`, partitions sorted: easy to compare and to read in a diff. */
export function show(assignment: Assignment): Record<string, string> {
  return Object.fromEntries([...assignment].map(([member, partitions]) => [member, sorted(partitions)]));
}

/** Sorted `"t1-0, t1-1"` text for a list of partitions. */
export function sorted(partitions: readonly TopicPartition[]): string {
  return [...partitions].sort(compareTopicPartitions).map(formatTopicPartition).join(', ');
}

/** The next generation's input: each member now owns what `assignment` gave it. */
export function withOwned(input: AssignmentInput, assignment: Assignment, generation?: number): AssignmentInput {
  return {
    topics: input.topics,
    members: input.members.map((m) => ({ ...m, owned: assignment.get(m.id) ?? [], generation })),
  };
}

/**
 * Kafka's `partitionsTransferringOwnership` after a sticky assignment, as `{ "t1-0": member }`;
 * null when the general algorithm ran (Kafka leaves it unset then).
 */
export function transfers(input: AssignmentInput, options?: AssignorOptions): Record<string, string> | null {
  const { partitionsTransferringOwnership } = stickyAssignment(prepareGroup(input, options));
  if (!partitionsTransferringOwnership) return null;
  return Object.fromEntries([...partitionsTransferringOwnership].map(([tp, member]) => [formatTopicPartition(tp), member]));
}

/**
 * Validity, as in Kafka's `verifyValidityAndBalance`: every member is reported, a partition goes to
 * at most one member and only to a subscriber, and (unless `allowUnassigned`, for a cooperative
 * first round) every partition someone subscribes to is assigned.
 */
export function validityProblems(input: AssignmentInput, assignment: Assignment, allowUnassigned = false): string[] {
  const problems: string[] = [];
  const byId = new Map<string, GroupMember>(input.members.map((m) => [m.id, m]));
  if (assignment.size !== byId.size) problems.push(`${assignment.size} members reported, ${byId.size} in the group`);
  const owner = new Map<string, string>();
  for (const [member, partitions] of assignment) {
    const subscription = byId.get(member)?.topics ?? [];
    for (const tp of partitions) {
      const name = formatTopicPartition(tp);
      if (!subscription.includes(tp.topic)) problems.push(`${name} went to ${member}, which does not subscribe to ${tp.topic}`);
      if (owner.has(name)) problems.push(`${name} went to both ${owner.get(name)} and ${member}`);
      owner.set(name, member);
    }
  }
  if (!allowUnassigned) {
    for (const [topic, count] of Object.entries(input.topics)) {
      if (!input.members.some((m) => m.topics.includes(topic))) continue;
      for (let p = 0; p < count; p++) if (!owner.has(`${topic}-${p}`)) problems.push(`${topic}-${p} was not assigned`);
    }
  }
  return problems;
}

/**
 * Balance, as in Kafka's `verifyValidityAndBalance`: two members whose partition counts differ by
 * more than one must not both hold partitions of one topic (else one could have moved).
 */
export function balanceProblems(assignment: Assignment): string[] {
  const problems: string[] = [];
  const entries = [...assignment];
  for (let i = 0; i < entries.length; i++) {
    for (let j = i + 1; j < entries.length; j++) {
      const [a, pa] = entries[i];
      const [b, pb] = entries[j];
      if (Math.abs(pa.length - pb.length) <= 1) continue;
      const topicsOfB = new Set(pb.map((tp) => tp.topic));
      const shared = [...new Set(pa.map((tp) => tp.topic))].filter((t) => topicsOfB.has(t));
      if (shared.length > 0) problems.push(`${a} (${pa.length}) and ${b} (${pb.length}) share ${shared.join(', ')}: a partition could move`);
    }
  }
  return problems;
}

/** Kafka's `isFullyBalanced`: partition counts differ by at most one. */
export function isFullyBalanced(assignment: Assignment): boolean {
  const sizes = [...assignment.values()].map((p) => p.length);
  return sizes.length === 0 || Math.max(...sizes) - Math.min(...sizes) <= 1;
}

/** Partitions given to a new member in the same round their owner loses them (must be none). */
export function handedOverWhileOwned(input: AssignmentInput, assignment: Assignment): string[] {
  const added = new Set<string>();
  const revoked = new Set<string>();
  for (const member of input.members) {
    const owned = new Set((member.owned ?? []).map(formatTopicPartition));
    const now = new Set((assignment.get(member.id) ?? []).map(formatTopicPartition));
    for (const tp of now) if (!owned.has(tp)) added.add(tp);
    for (const tp of owned) if (!now.has(tp)) revoked.add(tp);
  }
  return [...added].filter((tp) => revoked.has(tp));
}

export interface Settled {
  /** The assignment once a round revokes nothing. */
  readonly assignment: Assignment;
  /** The input of that last round (members own their previous round's partitions). */
  readonly input: AssignmentInput;
  /** Follow-up rebalances it took. */
  readonly rebalances: number;
  /** Partitions some round handed over while their owner still held them (must be none). */
  readonly violations: string[];
}

/**
 * Kafka's `CooperativeStickyAssignorTest.verifyValidityAndBalance` loop: while a round revokes
 * something, members rejoin owning what they were given and the group rebalances again.
 */
export function settleCooperative(
  input: AssignmentInput,
  first: Assignment = cooperativeSticky(input),
  generation = 1,
  options?: AssignorOptions,
): Settled {
  let current = input;
  let assignment = first;
  let rebalances = 0;
  const violations: string[] = [];
  for (;;) {
    violations.push(...handedOverWhileOwned(current, assignment));
    const revokedSomething = current.members.some((m) =>
      (m.owned ?? []).some((tp) => !(assignment.get(m.id) ?? []).some((a) => a.topic === tp.topic && a.partition === tp.partition)),
    );
    if (!revokedSomething || rebalances >= 10) break;
    current = withOwned(current, assignment, generation);
    assignment = cooperativeSticky(current, options);
    rebalances++;
  }
  return { assignment, input: current, rebalances, violations };
}
