// Ported from Kafka's clients/src/test/java/org/apache/kafka/clients/consumer/StickyAssignorTest.java
// (the tests of assignments; those of the user-data encoding have no counterpart here). Kafka runs
// the generation tests with both equal and unequal subscriptions, and so do these.
import { describe, expect, it } from 'vitest';
import { sticky } from './sticky.ts';
import { balanceProblems, isFullyBalanced, show, tps, validityProblems } from './testKit.ts';
import type { Assignment, AssignmentInput, GroupMember } from './types.ts';

const member = (id: string, topics: string[], owned?: string, generation?: number): GroupMember => ({
  id,
  topics,
  owned: owned === undefined ? undefined : tps(owned),
  generation,
});
const owning = (id: string, topics: string[], partitions: Assignment | string, generation: number, of = id): GroupMember => ({
  id,
  topics,
  owned: typeof partitions === 'string' ? tps(partitions) : partitions.get(of),
  generation,
});

/** Kafka's verifyValidityAndBalance plus isFullyBalanced. */
function assignValid(input: AssignmentInput): Assignment {
  const assignment = sticky(input);
  expect(validityProblems(input, assignment)).toEqual([]);
  expect(balanceProblems(assignment)).toEqual([]);
  expect(isFullyBalanced(assignment)).toBe(true);
  return assignment;
}

const overlaps = (a: Assignment, x: string, b: Assignment, y: string) =>
  a.get(x)!.some((tp) => b.get(y)!.some((other) => other.topic === tp.topic && other.partition === tp.partition));

describe('sticky assignor (Kafka StickyAssignorTest)', () => {
  it('takes a partition two members of one generation claim away from both (even split)', () => {
    const input = {
      topics: { topic: 3 },
      members: [member('consumer1', ['topic'], 'topic-0, topic-1', 1), member('consumer2', ['topic'], 'topic-0, topic-2', 1), member('consumer3', ['topic'], '', 1)],
    };
    expect(show(assignValid(input))).toEqual({ consumer1: 'topic-1', consumer2: 'topic-2', consumer3: 'topic-0' });
  });

  it('takes a partition two members of one generation claim away from both (uneven split)', () => {
    const input = {
      topics: { topic: 4 },
      members: [member('consumer1', ['topic'], 'topic-0, topic-1', 1), member('consumer2', ['topic'], 'topic-0, topic-2', 1), member('consumer3', ['topic'], '', 1)],
    };
    expect(show(assignValid(input))).toEqual({ consumer1: 'topic-1, topic-3', consumer2: 'topic-2', consumer3: 'topic-0' });
  });

  describe.each([
    ['equal subscriptions', true],
    ['unequal subscriptions', false],
  ])('across several generations, with %s', (_, allEqual) => {
    it('keeps each member’s partitions as members leave and an old one returns', () => {
      const all = ['topic', 'topic2'];
      const consumer2Topics = allEqual ? all : ['topic'];
      const topics = { topic: 6, topic2: 6 };
      const r1 = assignValid({ topics, members: [member('consumer1', all), member('consumer2', consumer2Topics), member('consumer3', all)] });
      for (const partitions of r1.values()) expect(partitions).toHaveLength(4);

      const r2 = assignValid({ topics, members: [owning('consumer1', all, r1, 1), owning('consumer2', consumer2Topics, r1, 1)] });
      expect(r2.get('consumer1')).toHaveLength(6);
      expect(r2.get('consumer2')).toHaveLength(6);
      if (allEqual) expect(r2.get('consumer1')).toEqual(expect.arrayContaining(r1.get('consumer1')!));
      expect(r2.get('consumer2')).toEqual(expect.arrayContaining(r1.get('consumer2')!));
      expect(overlaps(r2, 'consumer2', r1, 'consumer3')).toBe(true);

      // consumer3 comes back claiming its round-1 partitions with its round-1 generation.
      const r3 = assignValid({ topics, members: [owning('consumer2', consumer2Topics, r2, 2), owning('consumer3', all, r1, 1)] });
      expect(r3.get('consumer2')).toHaveLength(6);
      expect(r3.get('consumer3')).toHaveLength(6);
      expect(overlaps(r3, 'consumer2', r3, 'consumer3')).toBe(false);
    });

    it('keeps the partitions of the member that stayed when the others return with older claims', () => {
      const all = ['topic', 'topic2', 'topic3'];
      const consumer1Topics = allEqual ? all : ['topic'];
      const consumer3Topics = allEqual ? all : ['topic', 'topic2'];
      const topics = { topic: 4, topic2: 4, topic3: 4 };
      const r1 = assignValid({ topics, members: [member('consumer1', consumer1Topics), member('consumer2', all), member('consumer3', consumer3Topics)] });
      for (const partitions of r1.values()) expect(partitions).toHaveLength(4);

      const r2 = assignValid({ topics, members: [owning('consumer2', all, r1, 1)] });
      expect(r2.get('consumer2')).toHaveLength(12);
      expect(r2.get('consumer2')).toEqual(expect.arrayContaining(r1.get('consumer2')!));

      const r3 = assignValid({
        topics,
        members: [owning('consumer1', consumer1Topics, r1, 1), owning('consumer2', all, r2, 2), owning('consumer3', consumer3Topics, r1, 1)],
      });
      for (const partitions of r3.values()) expect(partitions).toHaveLength(4);
    });

    it('resolves claims from conflicting previous generations in favour of the newer one', () => {
      const all = ['topic', 'topic2', 'topic3'];
      const consumer1Topics = allEqual ? all : ['topic'];
      const consumer2Topics = allEqual ? all : ['topic', 'topic2'];
      const c1 = allEqual ? 'topic-0, topic-1, topic-2, topic2-2, topic2-3, topic3-0' : 'topic-0, topic-1, topic-2, topic-3';
      const c2 = 'topic-0, topic-1, topic2-0, topic2-1, topic2-2, topic2-3';
      const c3 = 'topic-2, topic-3, topic3-0, topic3-1, topic3-2, topic3-3';
      const assignment = assignValid({
        topics: { topic: 4, topic2: 4, topic3: 4 },
        members: [owning('consumer1', consumer1Topics, c1, 1), owning('consumer2', consumer2Topics, c2, 2), owning('consumer3', all, c3, 2)],
      });
      for (const partitions of assignment.values()) expect(partitions).toHaveLength(4);
      expect(tps(c2)).toEqual(expect.arrayContaining(assignment.get('consumer2')!));
      expect(tps(c3)).toEqual(expect.arrayContaining(assignment.get('consumer3')!));
    });
  });

  it('honours claims of a member that does not know its generation (the old user-data schema)', () => {
    const assignment = assignValid({
      topics: { topic: 3 },
      members: [member('consumer1', ['topic'], 'topic-0, topic-2', 1), member('consumer2', ['topic'], 'topic-1'), member('consumer3', ['topic'])],
    });
    for (const partitions of assignment.values()) expect(partitions).toHaveLength(1);
    expect(tps('topic-0, topic-2')).toEqual(expect.arrayContaining(assignment.get('consumer1')!));
    expect(show(assignment).consumer2).toBe('topic-1');
  });

  it('keeps the claims of members on older protocol versions', () => {
    const input = {
      topics: { topic1: 3 },
      members: [member('consumer1', ['topic1'], 'topic1-0', 1), member('consumer2', ['topic1'], 'topic1-1', 1), member('consumer3', ['topic1'], '', 1)],
    };
    expect(show(assignValid(input))).toEqual({ consumer1: 'topic1-0', consumer2: 'topic1-1', consumer3: 'topic1-2' });
  });
});
