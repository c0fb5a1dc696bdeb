// Invariants of Kafka's assignors, checked on random groups. Kafka's own randomized tests
// (AbstractStickyAssignorTest.testReassignmentWithRandomSubscriptionsAndChanges and
// testLargeAssignmentWithMultipleConsumersLeavingAndRandomSubscription, with
// CooperativeStickyAssignorTest's rebalance-until-nothing-is-revoked check) become properties here.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { assignorNames, assignors } from './index.ts';
import { balanceProblems, handedOverWhileOwned, isFullyBalanced, settleCooperative, show, validityProblems, withOwned } from './testKit.ts';
import type { AssignmentInput, GroupMember } from './types.ts';
import type { TopicPartition } from '../topicPartition.ts';

const topicNames = ['orders', 'page-views', 'likes', 't-1', 'clicks'];

/** A random group: 1 to 5 topics, 1 to 8 members, each subscribed to a non-empty subset. */
const groupArb = (options: { uniform?: boolean; withOwned?: boolean } = {}): fc.Arbitrary<AssignmentInput> =>
  fc
    .record({
      counts: fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: topicNames.length }),
      ids: fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/), { minLength: 1, maxLength: 8 }),
      seed: fc.integer(),
    })
    .chain(({ counts, ids, seed }) => {
      const names = topicNames.slice(0, counts.length);
      const topics = Object.fromEntries(names.map((t, i) => [t, counts[i]]));
      const allPartitions: TopicPartition[] = names.flatMap((topic) => Array.from({ length: topics[topic] }, (_, partition) => ({ topic, partition })));
      const subscription = options.uniform ? fc.constant(names) : fc.subarray(names, { minLength: 1 });
      const owned = options.withOwned ? fc.subarray(allPartitions) : fc.constant(undefined);
      return fc
        .tuple(...ids.map(() => fc.record({ topics: subscription, owned, isStatic: fc.boolean() })))
        .map((members): AssignmentInput => ({
          topics,
          members: members.map((m, i) => ({
            id: ids[i],
            topics: m.topics,
            owned: m.owned,
            instanceId: m.isStatic ? `instance-${(i * 7 + seed) % 100}-${i}` : undefined,
          })),
        }));
    });

const eager = assignorNames.filter((name) => name !== 'cooperative-sticky');

describe('every assignor', () => {
  it.each(eager)('%s assigns each subscribed partition exactly once, only to a subscriber', (name) => {
    fc.assert(
      fc.property(groupArb({ withOwned: true }), (input) => {
        expect(validityProblems(input, assignors[name](input))).toEqual([]);
      }),
    );
  });

  it('cooperative-sticky assigns each partition at most once, only to a subscriber, and all of them once settled', () => {
    fc.assert(
      fc.property(groupArb({ withOwned: true }), (input) => {
        const first = assignors['cooperative-sticky'](input);
        expect(validityProblems(input, first, true)).toEqual([]);
        const settled = settleCooperative(input, first);
        expect(settled.violations).toEqual([]);
        expect(validityProblems(settled.input, settled.assignment)).toEqual([]);
      }),
    );
  });

  it.each(assignorNames)('%s gives the same answer every time', (name) => {
    fc.assert(
      fc.property(groupArb({ withOwned: true }), (input) => {
        expect(show(assignors[name](input))).toEqual(show(assignors[name](structuredClone(input))));
      }),
    );
  });
});

describe('balance', () => {
  it.each(['roundrobin', 'sticky'] as const)('%s keeps partition counts within one of each other when subscriptions are equal', (name) => {
    fc.assert(
      fc.property(groupArb({ uniform: true, withOwned: true }), (input) => {
        expect(isFullyBalanced(assignors[name](input))).toBe(true);
      }),
    );
  });

  it('cooperative-sticky settles within one of each other when subscriptions are equal', () => {
    fc.assert(
      fc.property(groupArb({ uniform: true, withOwned: true }), (input) => {
        expect(isFullyBalanced(settleCooperative(input).assignment)).toBe(true);
      }),
    );
  });

  it.each(['sticky', 'cooperative-sticky'] as const)(
    '%s stays valid and balanced when subscriptions change between rebalances',
    (name) => {
      fc.assert(
        fc.property(groupArb(), fc.array(fc.subarray(topicNames, { minLength: 1 }), { minLength: 8, maxLength: 8 }), (input, resubscribed) => {
          const first = settle(name, input);
          expect(balanceProblems(first.assignment)).toEqual([]);
          const changed: AssignmentInput = withOwned(
            { topics: input.topics, members: input.members.map((m, i) => ({ ...m, topics: resubscribed[i].filter((t) => t in input.topics) })) },
            first.assignment,
            1,
          );
          const members = changed.members.map((m) => (m.topics.length > 0 ? m : { ...m, topics: [Object.keys(input.topics)[0]] }));
          const second = settle(name, { topics: input.topics, members });
          expect(validityProblems(second.input, second.assignment)).toEqual([]);
          expect(balanceProblems(second.assignment)).toEqual([]);
        }),
      );
    },
  );
});

describe('stickiness', () => {
  it.each(assignorNames)('%s moves nothing when members rejoin owning what they were given', (name) => {
    fc.assert(
      fc.property(groupArb(), (input) => {
        const { assignment } = settle(name, input);
        expect(show(assignors[name](withOwned(input, assignment, 1)))).toEqual(show(assignment));
      }),
    );
  });

  it.each(['sticky', 'cooperative-sticky'] as const)(
    '%s leaves everyone else’s partitions in place when a member leaves an evenly subscribed group',
    (name) => {
      fc.assert(
        fc.property(groupArb({ uniform: true }), fc.nat(), (input, leaver) => {
          fc.pre(input.members.length > 1);
          const before = settle(name, input).assignment;
          const gone = input.members[leaver % input.members.length].id;
          const after = withOwned({ topics: input.topics, members: input.members.filter((m) => m.id !== gone) }, before, 1);
          const assignment = assignors[name](after);
          for (const member of after.members) {
            expect(assignment.get(member.id)).toEqual(expect.arrayContaining(before.get(member.id)!));
          }
        }),
      );
    },
  );
});

describe('cooperative rebalancing', () => {
  it('never gives a partition to a new member in the round its owner revokes it', () => {
    fc.assert(
      fc.property(groupArb({ withOwned: true }), (input) => {
        expect(handedOverWhileOwned(input, assignors['cooperative-sticky'](input))).toEqual([]);
      }),
    );
  });

  it.each([
    { kind: 'equal', uniform: true, bound: 1 },
    { kind: 'differing', uniform: false, bound: 4 },
  ])('settles after members come and go with $kind subscriptions within $bound follow-up rebalance(s)', ({ uniform, bound }) => {
    // Kafka's CooperativeStickyAssignorTest allows up to four; with equal subscriptions the
    // constrained algorithm needs only the one that hands over the revoked partitions.
    fc.assert(
      fc.property(groupArb({ uniform }), fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }), fc.nat({ max: 3 }), (input, stays, joiners) => {
        const previous = settleCooperative(input).assignment;
        const members: GroupMember[] = [
          ...input.members.filter((_, i) => stays[i]).map((m) => ({ ...m, owned: previous.get(m.id), generation: 1 })),
          ...Array.from({ length: joiners }, (_, k) => ({ id: `joiner-${k}`, topics: input.members[0].topics })),
        ];
        fc.pre(members.length > 0);
        const settled = settleCooperative({ topics: input.topics, members });
        expect(settled.violations).toEqual([]);
        expect(settled.rebalances).toBeLessThanOrEqual(bound);
        expect(validityProblems(settled.input, settled.assignment)).toEqual([]);
      }),
    );
  });
});

/** The assignment a group ends up with: one round for eager assignors, until nothing is revoked for cooperative. */
function settle(name: (typeof assignorNames)[number], input: AssignmentInput) {
  if (name === 'cooperative-sticky') return settleCooperative(input);
  return { assignment: assignors[name](input), input, rebalances: 0, violations: [] };
}
