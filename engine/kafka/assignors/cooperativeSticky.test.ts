// Ported from Kafka's clients/src/test/java/org/apache/kafka/clients/consumer/CooperativeStickyAssignorTest.java
// (the tests of assignments; those of the user-data encoding and the rack-aware one have no
// counterpart here), plus the cooperative half of AbstractStickyAssignorTest's rack tests.
import { describe, expect, it } from 'vitest';
import { cooperativeSticky } from './cooperativeSticky.ts';
import { balanceProblems, handedOverWhileOwned, settleCooperative, show, tps, validityProblems } from './testKit.ts';
import type { GroupMember } from './types.ts';

const member = (id: string, topics: string[], owned?: string, generation?: number): GroupMember => ({
  id,
  topics,
  owned: owned === undefined ? undefined : tps(owned),
  generation,
});

describe('cooperative-sticky assignor (Kafka CooperativeStickyAssignorTest)', () => {
  it('gives a partition two members of one generation claim to nobody until both revoke it (even split)', () => {
    const input = {
      topics: { topic: 3 },
      members: [member('consumer1', ['topic'], 'topic-0, topic-1', 1), member('consumer2', ['topic'], 'topic-0, topic-2', 1), member('consumer3', ['topic'], '', 1)],
    };
    const first = cooperativeSticky(input);
    expect(show(first)).toEqual({ consumer1: 'topic-1', consumer2: 'topic-2', consumer3: '' });
    const settled = settleCooperative(input, first);
    expect(settled.violations).toEqual([]);
    expect(show(settled.assignment)).toEqual({ consumer1: 'topic-1', consumer2: 'topic-2', consumer3: 'topic-0' });
  });

  it('gives a partition two members of one generation claim to nobody until both revoke it (uneven split)', () => {
    const input = {
      topics: { topic: 4 },
      members: [member('consumer1', ['topic'], 'topic-0, topic-1', 1), member('consumer2', ['topic'], 'topic-0, topic-2', 1), member('consumer3', ['topic'], '', 1)],
    };
    const first = cooperativeSticky(input);
    expect(show(first)).toEqual({ consumer1: 'topic-1, topic-3', consumer2: 'topic-2', consumer3: '' });
    const settled = settleCooperative(input, first);
    expect(validityProblems(settled.input, settled.assignment)).toEqual([]);
    expect(balanceProblems(settled.assignment)).toEqual([]);
  });

  it('keeps the claims of members on older protocol versions', () => {
    const input = {
      topics: { topic1: 3 },
      members: [member('consumer1', ['topic1'], 'topic1-0', 1), member('consumer2', ['topic1'], 'topic1-1', 1), member('consumer3', ['topic1'], '', 1)],
    };
    expect(show(cooperativeSticky(input))).toEqual({ consumer1: 'topic1-0', consumer2: 'topic1-1', consumer3: 'topic1-2' });
  });

  it('moves partitions in two rebalances when subscriptions differ, as in Kafka’s rack test', () => {
    // AbstractStickyAssignorTest.testRackAwareAssignmentWithNonEqualSubscription, cooperative branch,
    // with racks that all hold every partition (so the rack-aware logic stays off).
    const all = ['t1', 't2', 't3'];
    const subscriptions = [all, all, ['t1', 't3']];
    const round = (owned: string[]) =>
      cooperativeSticky(
        { topics: { t1: 6, t2: 7, t3: 2 }, members: [0, 1, 2].map((i) => member(`consumer${i}`, subscriptions[i], owned[i])) },
        { subscriptionMapCapacity: 3 },
      );
    const intermediate = ['t1-2, t1-3, t1-4', 't2-0, t2-1, t2-2, t2-3', 't3-0, t3-1'];
    const final = ['t1-2, t1-3, t1-4, t2-4, t2-5', 't2-0, t2-1, t2-2, t2-3, t2-6', 't1-0, t1-1, t1-5, t3-0, t3-1'];
    expect(Object.values(show(round(['t1-0, t1-1, t1-2, t1-3, t1-4', 't1-5, t2-0, t2-1, t2-2, t2-3', 't2-4, t2-5, t2-6, t3-0, t3-1'])))).toEqual(
      intermediate,
    );
    expect(Object.values(show(round(intermediate)))).toEqual(final);
    expect(Object.values(show(round(final)))).toEqual(final);
  });

  it('assigns partitions of a member that left in the first round, since nobody has to revoke them', () => {
    const input = {
      topics: { topic: 4 },
      members: [member('consumer1', ['topic'], 'topic-0, topic-1', 1), member('consumer3', ['topic'], '', 1)],
    };
    // consumer2 owned topic-2 and topic-3 and is gone: they are free at once.
    expect(show(cooperativeSticky(input))).toEqual({ consumer1: 'topic-0, topic-1', consumer3: 'topic-2, topic-3' });
  });

  it('revokes a partition whose owner unsubscribed and gives it out only in the next round', () => {
    const input = {
      topics: { a: 2, b: 2 },
      members: [member('consumer1', ['a'], 'a-0, a-1, b-0', 1), member('consumer2', ['a', 'b'], 'b-1', 1)],
    };
    const first = cooperativeSticky(input);
    expect(handedOverWhileOwned(input, first)).toEqual([]);
    expect(first.get('consumer2')!.some((tp) => tp.topic === 'b' && tp.partition === 0)).toBe(false);
    const settled = settleCooperative(input, first);
    expect(settled.rebalances).toBe(1);
    expect(show(settled.assignment).consumer2).toContain('b-0');
  });
});
