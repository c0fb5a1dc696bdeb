// Ported from Kafka's clients/src/test/java/org/apache/kafka/clients/consumer/RangeAssignorTest.java
// (the tests without racks). Kafka compares these as sets; `show` sorts, so equal text is equal sets.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { range } from './range.ts';
import { show } from './testKit.ts';
import type { AssignmentInput, GroupMember } from './types.ts';

const twoTopics = (p1: number, p2: number) => ({ topic1: p1, topic2: p2 });
const member = (id: string, topics: string[], instanceId?: string): GroupMember => ({ id, topics, instanceId });

/** Kafka's checkStaticAssignment: the assignment keyed by group.instance.id. */
function byInstance(input: AssignmentInput): Record<string, string> {
  const shown = show(range(input));
  return Object.fromEntries(input.members.filter((m) => m.instanceId).map((m) => [m.instanceId!, shown[m.id]]));
}

describe('range assignor (Kafka RangeAssignorTest)', () => {
  it('gives a member with no subscription nothing', () => {
    expect(show(range({ topics: {}, members: [member('consumer1', [])] }))).toEqual({ consumer1: '' });
  });

  it('gives nothing for a topic that does not exist', () => {
    expect(show(range({ topics: {}, members: [member('consumer1', ['topic1'])] }))).toEqual({ consumer1: '' });
  });

  it('gives a lone member every partition of its topic', () => {
    expect(show(range({ topics: { topic1: 3 }, members: [member('consumer1', ['topic1'])] }))).toEqual({
      consumer1: 'topic1-0, topic1-1, topic1-2',
    });
  });

  it('only assigns partitions of subscribed topics', () => {
    expect(show(range({ topics: { topic1: 3, other: 3 }, members: [member('consumer1', ['topic1'])] }))).toEqual({
      consumer1: 'topic1-0, topic1-1, topic1-2',
    });
  });

  it('gives a lone member every partition of all its topics', () => {
    expect(show(range({ topics: twoTopics(1, 2), members: [member('consumer1', ['topic1', 'topic2'])] }))).toEqual({
      consumer1: 'topic1-0, topic2-0, topic2-1',
    });
  });

  it('leaves the second of two members idle when there is one partition', () => {
    const input = { topics: { topic1: 1 }, members: [member('consumer1', ['topic1']), member('consumer2', ['topic1'])] };
    expect(show(range(input))).toEqual({ consumer1: 'topic1-0', consumer2: '' });
  });

  it('gives two members one partition each of a two-partition topic', () => {
    const input = { topics: { topic1: 2 }, members: [member('consumer1', ['topic1']), member('consumer2', ['topic1'])] };
    expect(show(range(input))).toEqual({ consumer1: 'topic1-0', consumer2: 'topic1-1' });
  });

  it('splits each topic among its own subscribers only', () => {
    const input = {
      topics: twoTopics(3, 2),
      members: [member('consumer1', ['topic1']), member('consumer2', ['topic1', 'topic2']), member('consumer3', ['topic1'])],
    };
    expect(show(range(input))).toEqual({ consumer1: 'topic1-0', consumer2: 'topic1-1, topic2-0, topic2-1', consumer3: 'topic1-2' });
  });

  it('gives the first member the extra partition of every topic', () => {
    const input = {
      topics: twoTopics(3, 3),
      members: [member('consumer1', ['topic1', 'topic2']), member('consumer2', ['topic1', 'topic2'])],
    };
    expect(show(range(input))).toEqual({ consumer1: 'topic1-0, topic1-1, topic2-0, topic2-1', consumer2: 'topic1-2, topic2-2' });
  });

  it('orders static members by group.instance.id, not by member id', () => {
    const input = {
      topics: twoTopics(3, 3),
      members: [member('consumer-b', ['topic1', 'topic2'], 'instance1'), member('consumer-a', ['topic1', 'topic2'], 'instance2')],
    };
    expect(show(range(input))).toEqual({ 'consumer-b': 'topic1-0, topic1-1, topic2-0, topic2-1', 'consumer-a': 'topic1-2, topic2-2' });
  });

  it('puts a static member ahead of a dynamic one whose member id sorts first', () => {
    const input = {
      topics: twoTopics(3, 3),
      members: [member('consumer-b', ['topic1', 'topic2'], 'instance1'), member('consumer-a', ['topic1', 'topic2'])],
    };
    expect(show(range(input))).toEqual({ 'consumer-b': 'topic1-0, topic1-1, topic2-0, topic2-1', 'consumer-a': 'topic1-2, topic2-2' });
  });

  it('keeps static members on their partitions when a dynamic member is replaced', () => {
    const both = ['topic1', 'topic2'];
    const statics = [member('consumer1', both, 'instance1'), member('consumer2', both, 'instance2'), member('consumer3', both, 'instance3')];
    const expected = {
      consumer1: 'topic1-0, topic1-1, topic2-0',
      consumer2: 'topic1-2, topic2-1',
      consumer3: 'topic1-3, topic2-2',
    };
    expect(show(range({ topics: twoTopics(5, 4), members: [...statics, member('consumer4', both)] }))).toEqual({
      ...expected,
      consumer4: 'topic1-4, topic2-3',
    });
    expect(show(range({ topics: twoTopics(5, 4), members: [...statics, member('consumer5', both)] }))).toEqual({
      ...expected,
      consumer5: 'topic1-4, topic2-3',
    });
  });

  it('keeps each static instance on its partitions when member ids change', () => {
    const both = ['topic1', 'topic2'];
    const before = {
      topics: twoTopics(5, 5),
      members: [member('consumer1', both, 'instance1'), member('consumer2', both, 'instance2'), member('consumer3', both, 'instance3')],
    };
    const expected = {
      instance1: 'topic1-0, topic1-1, topic2-0, topic2-1',
      instance2: 'topic1-2, topic1-3, topic2-2, topic2-3',
      instance3: 'topic1-4, topic2-4',
    };
    expect(byInstance(before)).toEqual(expected);
    const after = {
      topics: twoTopics(5, 5),
      members: [member('consumer1', both, 'instance1'), member('consumer5', both, 'instance2'), member('consumer4', both, 'instance3')],
    };
    expect(byInstance(after)).toEqual(expected);
  });
});

describe('range assignor properties', () => {
  it('gives static instances the same partitions whatever their member ids are', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 }),
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 6 }), { minLength: 6, maxLength: 6 }),
        fc.integer({ min: 1, max: 20 }),
        (instances, ids, partitions) => {
          const input = (memberIds: readonly string[]) => ({
            topics: { t: partitions },
            members: instances.map((instance, i) => member(memberIds[i], ['t'], instance)),
          });
          expect(byInstance(input(ids))).toEqual(byInstance(input([...ids].reverse())));
        },
      ),
    );
  });
});
