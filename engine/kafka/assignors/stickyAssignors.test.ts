// Ported from Kafka's clients/src/test/java/org/apache/kafka/clients/consumer/internals/AbstractStickyAssignorTest.java,
// which Kafka runs against both StickyAssignor and CooperativeStickyAssignor. Kafka runs most tests
// once per rack configuration; Streamlab has no racks, so each runs once. For the cooperative
// assignor, `verify` does what CooperativeStickyAssignorTest.verifyValidityAndBalance does: keep
// rebalancing while partitions are being revoked, then check the settled assignment.
import { describe, expect, it } from 'vitest';
import { cooperativeSticky } from './cooperativeSticky.ts';
import { sticky } from './sticky.ts';
import { balanceProblems, isFullyBalanced, settleCooperative, show, tps, transfers, validityProblems } from './testKit.ts';
import type { Assignment, AssignmentInput, Assignor, AssignorOptions, GroupMember } from './types.ts';

/** Kafka's `subscription(topics, i)` (no owned partitions) or `buildSubscriptionV2Above(topics, owned, generation, i)`. */
const member = (id: string, topics: string[], owned?: string, generation?: number): GroupMember => ({
  id,
  topics,
  owned: owned === undefined ? undefined : tps(owned),
  generation,
});
const GENERATION = 1;
const pad = (i: number, max: number) => String(i).padStart(String(max).length, '0');
const topicName = (i: number, max: number) => `t${pad(i, max)}`;
const consumerName = (i: number, max: number) => `c${pad(i, max)}`;

const flavours: { name: string; assign: Assignor; cooperative: boolean }[] = [
  { name: 'sticky', assign: sticky, cooperative: false },
  { name: 'cooperative-sticky', assign: cooperativeSticky, cooperative: true },
];

describe.each(flavours)('$name assignor (Kafka AbstractStickyAssignorTest)', ({ assign, cooperative }) => {
  /** Kafka's verifyValidityAndBalance; returns the assignment the group settles on. */
  function verify(input: AssignmentInput, first: Assignment, options?: AssignorOptions): Assignment {
    let final = first;
    let finalInput = input;
    if (cooperative) {
      const settled = settleCooperative(input, first, GENERATION, options);
      expect(settled.violations).toEqual([]);
      expect(settled.rebalances).toBeLessThanOrEqual(4);
      final = settled.assignment;
      finalInput = settled.input;
    }
    expect(validityProblems(finalInput, final)).toEqual([]);
    expect(balanceProblems(final)).toEqual([]);
    return final;
  }
  /** Assigns, verifies, and returns the settled assignment. */
  const run = (input: AssignmentInput, options?: AssignorOptions) => verify(input, assign(input, options), options);
  const next = (input: AssignmentInput, assignment: Assignment, members: GroupMember[]): AssignmentInput => ({
    topics: input.topics,
    members: members.map((m) => ({ ...m, owned: m.owned ?? assignment.get(m.id) ?? [], generation: m.generation ?? GENERATION })),
  });

  it('gives a member with no subscription nothing', () => {
    const input = { topics: {}, members: [member('consumer', [])] };
    const assignment = run(input);
    expect(show(assignment)).toEqual({ consumer: '' });
    expect(transfers(input)).toEqual({});
    expect(isFullyBalanced(assignment)).toBe(true);
  });

  it('gives nothing for a topic without partitions', () => {
    const input = { topics: { topic: 0 }, members: [member('consumer', ['topic'])] };
    expect(show(run(input))).toEqual({ consumer: '' });
    expect(transfers(input)).toEqual({});
  });

  it('gives a lone member every partition of its topic', () => {
    const input = { topics: { topic: 3 }, members: [member('consumer', ['topic'])] };
    expect(show(run(input))).toEqual({ consumer: 'topic-0, topic-1, topic-2' });
    expect(transfers(input)).toEqual({});
  });

  it('only assigns partitions of subscribed topics, whatever the member owned before', () => {
    const input = { topics: { topic: 2 }, members: [member('consumer', ['topic'], 'topic-0, topic-1, other-0, other-1', GENERATION)] };
    expect(show(run(input))).toEqual({ consumer: 'topic-0, topic-1' });
    expect(transfers(input)).toEqual({});
  });

  it('gives a lone member every partition of all its topics', () => {
    const input = { topics: { topic1: 1, topic2: 2 }, members: [member('consumer', ['topic1', 'topic2'])] };
    expect(show(run(input))).toEqual({ consumer: 'topic1-0, topic2-0, topic2-1' });
  });

  it('balances two members over one partition', () => {
    const input = { topics: { topic: 1 }, members: [member('consumer1', ['topic']), member('consumer2', ['topic'])] };
    expect(isFullyBalanced(run(input))).toBe(true);
    expect(transfers(input)).toEqual({});
  });

  it('gives two members one partition each of a two-partition topic', () => {
    const input = { topics: { topic: 2 }, members: [member('consumer1', ['topic']), member('consumer2', ['topic'])] };
    expect(show(run(input))).toEqual({ consumer1: 'topic-0', consumer2: 'topic-1' });
  });

  it('balances members with mixed subscriptions using the general algorithm', () => {
    const input = {
      topics: { topic1: 3, topic2: 2 },
      members: [member('consumer1', ['topic1']), member('consumer2', ['topic1', 'topic2']), member('consumer3', ['topic1'])],
    };
    expect(show(run(input))).toEqual({ consumer1: 'topic1-0, topic1-2', consumer2: 'topic2-0, topic2-1', consumer3: 'topic1-1' });
    expect(transfers(input)).toBeNull();
  });

  it('deals two topics of three partitions between two members', () => {
    const both = ['topic1', 'topic2'];
    const input = { topics: { topic1: 3, topic2: 3 }, members: [member('consumer1', both), member('consumer2', both)] };
    expect(show(run(input))).toEqual({ consumer1: 'topic1-0, topic1-2, topic2-1', consumer2: 'topic1-1, topic2-0, topic2-2' });
  });

  it('tops up a member owning minQuota partitions to maxQuota', () => {
    const both = ['topic1', 'topic2'];
    const input = {
      topics: { topic1: 2, topic2: 3 },
      members: [member('consumer1', both, 'topic1-0, topic2-1', GENERATION), member('consumer2', both, 'topic1-1, topic2-2', GENERATION)],
    };
    expect(show(run(input))).toEqual({ consumer1: 'topic1-0, topic2-0, topic2-1', consumer2: 'topic1-1, topic2-2' });
    expect(transfers(input)).toEqual({});
  });

  it('takes a partition from one of two members at maxQuota when only one may stay there', () => {
    const both = ['topic1', 'topic2'];
    const input = {
      topics: { topic1: 2, topic2: 2 },
      members: [
        member('consumer1', both, 'topic1-0, topic2-0', GENERATION),
        member('consumer2', both, 'topic1-1, topic2-1', GENERATION),
        member('consumer3', both, '', GENERATION),
      ],
    };
    expect(transfers(input)).toEqual({ 'topic2-0': 'consumer3' });
    expect(show(run(input))).toEqual({ consumer1: 'topic1-0', consumer2: 'topic1-1, topic2-1', consumer3: 'topic2-0' });
  });

  it('fills members that all own fewer than minQuota partitions', () => {
    const both = ['topic1', 'topic2'];
    const input = {
      topics: { topic1: 2, topic2: 3 },
      members: [
        member('consumer1', both, 'topic1-0', GENERATION),
        member('consumer2', both, 'topic1-1', GENERATION),
        member('consumer3', both, '', GENERATION),
      ],
    };
    expect(transfers(input)).toEqual({});
    expect(show(run(input))).toEqual({ consumer1: 'topic1-0, topic2-1', consumer2: 'topic1-1, topic2-2', consumer3: 'topic2-0' });
  });

  it('moves one partition when a member joins and gives all back when the other leaves', () => {
    const topics = { topic: 3 };
    const first = run({ topics, members: [member('consumer1', ['topic'])] });
    expect(show(first)).toEqual({ consumer1: 'topic-0, topic-1, topic-2' });

    const joined = next({ topics, members: [] }, first, [member('consumer1', ['topic']), member('consumer2', ['topic'], '')]);
    expect(transfers(joined)).toEqual({ 'topic-2': 'consumer2' });
    const second = verify(joined, assign(joined));
    expect(show(second)).toEqual({ consumer1: 'topic-0, topic-1', consumer2: 'topic-2' });

    const left = next({ topics, members: [] }, second, [member('consumer2', ['topic'])]);
    expect(show(verify(left, assign(left)))).toEqual({ consumer2: 'topic-0, topic-1, topic-2' });
    expect(transfers(left)).toEqual({});
  });

  it('keeps every topic evenly spread as members come and go', () => {
    const all = ['topic1', 'topic2'];
    const topics = { topic1: 12, topic2: 12 };
    const perTopic = (assignment: Assignment, expected: number) => {
      for (const partitions of assignment.values()) {
        expect(partitions.filter((tp) => tp.topic === 'topic1')).toHaveLength(expected);
        expect(partitions.filter((tp) => tp.topic === 'topic2')).toHaveLength(expected);
      }
    };
    let assignment = run({ topics, members: [member('consumer1', all)] });
    perTopic(assignment, 12);
    let input = next({ topics, members: [] }, assignment, [member('consumer1', all), member('consumer2', all, '')]);
    assignment = verify(input, assign(input));
    perTopic(assignment, 6);
    input = next(input, assignment, ['consumer1', 'consumer2', 'consumer3', 'consumer4'].map((id, i) => member(id, all, i < 2 ? undefined : '')));
    assignment = verify(input, assign(input));
    perTopic(assignment, 3);
    input = next(input, assignment, [member('consumer3', all), member('consumer4', all)]);
    assignment = verify(input, assign(input));
    perTopic(assignment, 6);
    expect(transfers(input)).toEqual({});
  });

  it('hands partitions to two joining members and takes them back when the first two leave', () => {
    const all = ['topic1', 'topic2'];
    const topics = { topic1: 3, topic2: 4 };
    const start = { topics, members: [member('consumer1', all), member('consumer2', all)] };
    const first = run(start);
    expect(show(first)).toEqual({ consumer1: 'topic1-0, topic1-2, topic2-1, topic2-3', consumer2: 'topic1-1, topic2-0, topic2-2' });
    expect(transfers(start)).toEqual({});

    const grown = next(start, first, [member('consumer1', all), member('consumer2', all), member('consumer3', all, ''), member('consumer4', all, '')]);
    expect(transfers(grown)).toEqual({ 'topic1-2': 'consumer3', 'topic2-3': 'consumer3', 'topic2-2': 'consumer4' });
    const second = verify(grown, assign(grown));
    expect(show(second)).toEqual({
      consumer1: 'topic1-0, topic2-1',
      consumer2: 'topic1-1, topic2-0',
      consumer3: 'topic1-2, topic2-3',
      consumer4: 'topic2-2',
    });

    const shrunk = next(grown, second, [member('consumer3', all), member('consumer4', all)]);
    expect(show(verify(shrunk, assign(shrunk)))).toEqual({
      consumer3: 'topic1-0, topic1-2, topic2-1, topic2-3',
      consumer4: 'topic1-1, topic2-0, topic2-2',
    });
    expect(transfers(shrunk)).toEqual({});
  });

  it('handles the subscriptions round-robin assigns poorly', () => {
    const topics = { topic1: 2, topic2: 1, topic3: 2, topic4: 1, topic5: 2 };
    const all = Object.keys(topics);
    const odd = ['topic1', 'topic3', 'topic5'];
    run({ topics, members: [member('consumer1', all), member('consumer2', odd), member('consumer3', odd), member('consumer4', all)] });
  });

  it('keeps partitions in place when a topic is added and when one is removed', () => {
    const start = { topics: { topic: 3 }, members: [member('consumer1', ['topic']), member('consumer2', ['topic'])] };
    const first = run(start);
    expect(transfers(start)).toEqual({});
    expect([first.get('consumer1')!.length, first.get('consumer2')!.length].sort()).toEqual([1, 2]);

    const added = next({ topics: { topic: 3, topic2: 3 }, members: [] }, first, [
      member('consumer1', ['topic', 'topic2']),
      member('consumer2', ['topic', 'topic2']),
    ]);
    expect(transfers(added)).toEqual({});
    const second = verify(added, assign(added));
    for (const consumer of ['consumer1', 'consumer2']) {
      expect(second.get(consumer)).toHaveLength(3);
      expect(second.get(consumer)).toEqual(expect.arrayContaining(first.get(consumer)!));
    }

    const removed = next({ topics: { topic2: 3 }, members: [] }, second, [member('consumer1', ['topic2']), member('consumer2', ['topic2'])]);
    expect(transfers(removed)).toEqual({});
    const third = verify(removed, assign(removed));
    expect([third.get('consumer1')!.length, third.get('consumer2')!.length].sort()).toEqual([1, 2]);
    for (const consumer of ['consumer1', 'consumer2']) expect(second.get(consumer)).toEqual(expect.arrayContaining(third.get(consumer)!));
  });

  it('rebalances validly after one member leaves a group of nested subscriptions', () => {
    const topics = Object.fromEntries(Array.from({ length: 19 }, (_, i) => [topicName(i + 1, 20), i + 1]));
    const members = Array.from({ length: 19 }, (_, i) =>
      member(consumerName(i + 1, 20), Array.from({ length: i + 1 }, (_, j) => topicName(j + 1, 20))),
    );
    const first = run({ topics, members });
    const input = next({ topics, members: [] }, first, members.filter((m) => m.id !== 'c10'));
    verify(input, assign(input));
  });

  it('rebalances validly when a member joins', () => {
    const topics = { topic: 20 };
    const members = Array.from({ length: 9 }, (_, i) => member(consumerName(i + 1, 10), ['topic']));
    run({ topics, members });
    expect(transfers({ topics, members })).toEqual({});
    const grown = { topics, members: [...members, member('c10', ['topic'])] };
    run(grown);
    expect(transfers(grown)).toEqual({});
  });

  it('rebalances validly when a member of a uniformly subscribed group leaves', () => {
    const topics = Object.fromEntries(Array.from({ length: 14 }, (_, i) => [topicName(i + 1, 15), i + 1]));
    const members = Array.from({ length: 8 }, (_, i) => member(consumerName(i + 1, 9), Object.keys(topics)));
    const first = run({ topics, members });
    expect(transfers({ topics, members })).toEqual({});
    const input = next({ topics, members: [] }, first, members.filter((m) => m.id !== 'c5'));
    verify(input, assign(input));
    expect(transfers(input)).toEqual({});
  });

  // Kafka's large-group tests (testLargeAssignmentAndGroupWith{Uniform,NonEqual}Subscription,
  // testAssignmentAndGroupWithNonEqualSubscriptionNotTimeout) guard against slow assignments with
  // up to a million partitions; these keep their shape at a size a unit test can afford.
  it.each([
    ['a uniform subscription', false],
    ['one member subscribed to a single topic', true],
  ])('assigns a large group with %s in reasonable time', (_, oneDiffers) => {
    const topics = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [topicName(i, 20), 100]));
    const names = Object.keys(topics);
    const members = Array.from({ length: 100 }, (_, i) => member(consumerName(i, 100), oneDiffers && i === 99 ? names.slice(0, 1) : names));
    const first = assign({ topics, members });
    assign(next({ topics, members: [] }, first, members.slice(1)));
  });

  it('gives a partition claimed by three members of different generations to exactly one of them', () => {
    const topics = { topic: 6, topic1: 1 };
    for (const [g1, g2, g3] of [[1, 2, 3], [1, 3, 2], [2, 1, 3], [2, 3, 1], [3, 1, 2], [3, 2, 1]]) {
      const assignment = assign({
        topics,
        members: [
          member('consumer1', ['topic'], 'topic-0, topic-2', g1),
          member('consumer2', ['topic'], 'topic-1, topic-2, topic-3', g2),
          member('consumer3', ['topic'], 'topic-2, topic-4, topic-5', g3),
          member('consumer4', ['topic1'], 'topic1-0', 2),
        ],
      });
      const all = [...assignment.values()].flat();
      expect(new Set(all).size).toBe(all.length);
      for (const partitions of assignment.values()) {
        expect(partitions.length).toBeGreaterThanOrEqual(1);
        expect(partitions.length).toBeLessThanOrEqual(2);
      }
    }
  });

  it('assigns a topic a member starts subscribing to', () => {
    const topics = { t1: 1, t2: 1, t3: 1, t4: 1 };
    const subscriptions = [[], ['t1'], ['t2', 't3', 't4']];
    run({ topics, members: subscriptions.map((s, i) => member(`c${i}`, s)) });
    subscriptions[0] = ['t1'];
    run({ topics, members: subscriptions.map((s, i) => member(`c${i}`, s)) });
  });

  it('moves existing assignments to balance mixed subscriptions', () => {
    const topics = { topic1: 1, topic2: 1, topic3: 1, topic4: 1, topic5: 1, topic6: 1 };
    const input = {
      topics,
      members: [
        member('consumer1', ['topic1', 'topic2'], 'topic1-0', GENERATION),
        member('consumer2', ['topic1', 'topic2', 'topic3', 'topic4'], 'topic2-0, topic3-0', GENERATION),
        member('consumer3', ['topic2', 'topic3', 'topic4', 'topic5', 'topic6'], 'topic4-0, topic5-0, topic6-0', GENERATION),
      ],
    };
    expect(transfers(input)).toBeNull();
    run(input);
  });

  it('leaves the remaining members on their partitions when one leaves', () => {
    const topics = { topic1: 3 };
    const members = ['consumer1', 'consumer2', 'consumer3', 'consumer4'].map((id) => member(id, ['topic1']));
    const first = run({ topics, members });
    expect(transfers({ topics, members })).toEqual({});
    for (const partitions of first.values()) expect(partitions.length).toBeLessThanOrEqual(1);

    const input = next({ topics, members: [] }, first, members.slice(1));
    const second = verify(input, assign(input));
    expect(transfers(input)).toEqual({});
    for (const [consumer, partitions] of second) {
      expect(partitions).toHaveLength(1);
      if (first.get(consumer)!.length === 1) expect(partitions).toEqual(first.get(consumer));
    }
  });

  it('ignores a subscribed topic that has been deleted', () => {
    const input = { topics: { topic1: 1, topic3: 100 }, members: [member('consumer', ['topic1', 'topic2', 'topic3'])] };
    const assignment = run(input);
    expect(assignment.get('consumer')).toHaveLength(101);
    expect(transfers(input)).toEqual({});
  });

  it('assigns nothing, without failing, when the only subscribed topic is deleted', () => {
    const first = run({ topics: { topic: 3 }, members: [member('consumer', ['topic'])] });
    const input = next({ topics: {}, members: [] }, first, [member('consumer', ['topic'])]);
    expect(show(assign(input))).toEqual({ consumer: '' });
    expect(transfers(input)).toEqual({});
  });

  it('treats members that reach their quota as filled', () => {
    const input = {
      topics: { topic: 4 },
      members: [
        member('consumer1', ['topic'], 'topic-0, topic-1', GENERATION),
        member('consumer2', ['topic'], 'topic-2', GENERATION),
        member('consumer3', ['topic'], '', GENERATION),
      ],
    };
    expect(show(run(input))).toEqual({ consumer1: 'topic-0, topic-1', consumer2: 'topic-2', consumer3: 'topic-3' });
    expect(transfers(input)).toEqual({});
  });

  it.each([
    ['a stale generation', 9],
    ['no generation', undefined],
  ])('ignores the claims of a member with %s', (_, staleGeneration) => {
    const both = ['topic', 'topic2'];
    const claims = 'topic-0, topic-2, topic2-1';
    const input = {
      topics: { topic: 3, topic2: 3 },
      members: [member('consumer1', both, claims, 10), member('consumer2', both, claims, staleGeneration)],
    };
    expect(show(run(input))).toEqual({ consumer1: 'topic-0, topic-2, topic2-1', consumer2: 'topic-1, topic2-0, topic2-2' });
    expect(transfers(input)).toEqual({});
  });

  it('reassigns a partition two members of one generation both claim', () => {
    const input = {
      topics: { topic: 3 },
      members: [
        member('consumer1', ['topic'], 'topic-0, topic-1', GENERATION),
        member('consumer2', ['topic'], 'topic-0, topic-2', GENERATION),
        member('consumer3', ['topic'], '', GENERATION),
      ],
    };
    expect(transfers(input)).toEqual({ 'topic-0': 'consumer3' });
    expect(show(run(input))).toEqual({ consumer1: 'topic-1', consumer2: 'topic-2', consumer3: 'topic-0' });
  });

  it('gives contested partitions to the member with the highest generation', () => {
    const all = ['topic', 'topic2', 'topic3'];
    const input = {
      topics: { topic: 3, topic2: 3, topic3: 3 },
      members: [
        member('consumer1', all, 'topic-0, topic2-0, topic3-0', 10),
        member('consumer2', all, 'topic-1, topic2-1, topic3-1', 9),
        member('consumer3', all, 'topic2-1, topic3-0, topic3-2', 8),
      ],
    };
    expect(show(run(input))).toEqual({
      consumer1: 'topic-0, topic2-0, topic3-0',
      consumer2: 'topic-1, topic2-1, topic3-1',
      consumer3: 'topic-2, topic2-2, topic3-2',
    });
    expect(transfers(input)).toEqual({});
  });

  it('does not move partitions between current members to fill a new one', () => {
    const all = ['topic', 'topic2', 'topic3', 'topic1'];
    const input = {
      topics: { topic: 3, topic1: 3, topic2: 3, topic3: 3 },
      members: [
        member('consumer1', all, '', undefined),
        member('consumer2', all, 'topic-0, topic2-0, topic1-0', 9),
        member('consumer3', all, 'topic3-2, topic2-2, topic1-1', 8),
        member('consumer4', all, 'topic3-1, topic-1, topic-2', 7),
      ],
    };
    const assignment = run(input);
    expect(show(assignment).consumer1).toBe('topic1-2, topic2-1, topic3-0');
    expect(transfers(input)).toEqual({});
  });

  it('ignores the claims of an older generation across several generations', () => {
    const both = ['topic', 'topic2'];
    const input = {
      topics: { topic: 3, topic2: 3 },
      members: [member('consumer1', both, 'topic-0, topic2-1, topic-1', 10), member('consumer2', both, 'topic-0, topic2-1, topic2-2', 8)],
    };
    expect(show(run(input))).toEqual({ consumer1: 'topic-0, topic-1, topic2-1', consumer2: 'topic-2, topic2-0, topic2-2' });
    expect(transfers(input)).toEqual({});
  });

  // The non-rack-aware expectations of testRackAwareAssignmentWith{Uniform,NonEqual}Subscription.
  // Kafka's verifyRackAssignment builds the subscription map with new HashMap<>(3).
  const rackTestOptions = { subscriptionMapCapacity: 3 };
  const rackTestTopics = { t1: 6, t2: 7, t3: 2 };
  const all = ['t1', 't2', 't3'];

  it('deals a uniform subscription as Kafka does, and keeps it when rejoining with it', () => {
    const expected = ['t1-0, t1-3, t2-0, t2-3, t2-6', 't1-1, t1-4, t2-1, t2-4, t3-0', 't1-2, t1-5, t2-2, t2-5, t3-1'];
    const fresh = { topics: rackTestTopics, members: [0, 1, 2].map((i) => member(`consumer${i}`, all)) };
    expect(Object.values(show(run(fresh, rackTestOptions)))).toEqual(expected);
    const owning = { topics: rackTestTopics, members: [0, 1, 2].map((i) => member(`consumer${i}`, all, expected[i])) };
    expect(Object.values(show(run(owning, rackTestOptions)))).toEqual(expected);
  });

  it('deals a non-equal subscription as Kafka does, and keeps it when rejoining with it', () => {
    const subscriptions = [all, all, ['t1', 't3']];
    const expected = ['t1-5, t2-0, t2-2, t2-4, t2-6', 't1-3, t2-1, t2-3, t2-5, t3-0', 't1-0, t1-1, t1-2, t1-4, t3-1'];
    const fresh = { topics: rackTestTopics, members: [0, 1, 2].map((i) => member(`consumer${i}`, subscriptions[i])) };
    expect(Object.values(show(run(fresh, rackTestOptions)))).toEqual(expected);
    const owning = { topics: rackTestTopics, members: [0, 1, 2].map((i) => member(`consumer${i}`, subscriptions[i], expected[i])) };
    expect(Object.values(show(run(owning, rackTestOptions)))).toEqual(expected);
  });
});

describe('sticky assignors on input that sends Kafka into an endless loop', () => {
  // Found by differential testing against Kafka's algorithm: its performReassignments passes
  // topic-1-2 back and forth between consumer-352 and consumer-514 forever, so Kafka's leader would
  // hang until the rebalance timed out. Streamlab stops the loop once a pass repeats a state.
  const owned = (list: string) => list.split(' ').map((p) => `topic-0-${p}`).join(', ');
  const input: AssignmentInput = {
    topics: { 'topic-0': 71, 'topic-1': 10 },
    members: [
      member('consumer-0-3ocz', ['topic-0'], owned('4 9 18 29 40 51 62 68'), 3),
      member('consumer-919-i5sf', ['topic-1', 'topic-0'], owned('7 16 27 38 46 49 60'), 3),
      member('consumer-838-e72r', ['topic-1'], 'topic-1-4, topic-1-5, topic-1-9', 3),
      member('consumer-757-cvvj', ['topic-0'], owned('6 15 26 37 48 59 70'), 3),
      member('consumer-676-jl14', ['topic-0'], owned('5 14 25 36 47 58 69'), 3),
      member('consumer-514-6yqp', ['topic-1'], 'topic-1-1, topic-1-3, topic-1-8', 3),
      member('consumer-433-8k0g', ['topic-0'], owned('3 12 23 34 45 56 67'), 3),
      member('consumer-352-cc2e', ['topic-1'], 'topic-1-0, topic-1-2, topic-1-6, topic-1-7', 3),
      member('consumer-271-3buz', ['topic-0', 'topic-1'], owned('1 21 32 35 43 54 65'), 3),
      member('consumer-190-hoyi', ['topic-0', 'topic-1'], owned('0 20 24 31 42 53 64'), 3),
      member('consumer-109-kwi', ['topic-0'], owned('10 13 19 30 41 52 63'), 3),
      member('consumer-28-a1hf', ['topic-0'], owned('2 11 22 33 44 55 66'), 3),
      member('consumer-947-dihm', ['topic-0'], owned('8 17 28 39 50 57 61'), 3),
      member('consumer-866-ffqd', ['topic-0', 'topic-1']),
    ],
  };

  it.each(flavours)('$name still returns a valid assignment', ({ assign, cooperative }) => {
    const assignment = assign(input);
    expect(validityProblems(input, assignment, cooperative)).toEqual([]);
  });
});
