// Ported from Kafka's clients/src/test/java/org/apache/kafka/clients/consumer/RoundRobinAssignorTest.java.
import { describe, expect, it } from 'vitest';
import { roundRobin } from './roundRobin.ts';
import { show } from './testKit.ts';
import type { AssignmentInput, GroupMember } from './types.ts';

const twoTopics = (p1: number, p2: number) => ({ topic1: p1, topic2: p2 });
const member = (id: string, topics: string[], instanceId?: string): GroupMember => ({ id, topics, instanceId });
const both = ['topic1', 'topic2'];

/** Kafka's checkStaticAssignment: the assignment keyed by group.instance.id. */
function byInstance(input: AssignmentInput): Record<string, string> {
  const shown = show(roundRobin(input));
  return Object.fromEntries(input.members.filter((m) => m.instanceId).map((m) => [m.instanceId!, shown[m.id]]));
}

describe('round-robin assignor (Kafka RoundRobinAssignorTest)', () => {
  it('gives a member with no subscription nothing', () => {
    expect(show(roundRobin({ topics: {}, members: [member('consumer', [])] }))).toEqual({ consumer: '' });
  });

  it('gives nothing for a topic that does not exist', () => {
    expect(show(roundRobin({ topics: {}, members: [member('consumer', ['topic'])] }))).toEqual({ consumer: '' });
  });

  it('gives a lone member every partition of its topic', () => {
    expect(show(roundRobin({ topics: { topic: 3 }, members: [member('consumer', ['topic'])] }))).toEqual({
      consumer: 'topic-0, topic-1, topic-2',
    });
  });

  it('only assigns partitions of subscribed topics', () => {
    expect(show(roundRobin({ topics: { topic: 3, other: 3 }, members: [member('consumer', ['topic'])] }))).toEqual({
      consumer: 'topic-0, topic-1, topic-2',
    });
  });

  it('gives a lone member every partition of all its topics', () => {
    expect(show(roundRobin({ topics: twoTopics(1, 2), members: [member('consumer', both)] }))).toEqual({
      consumer: 'topic1-0, topic2-0, topic2-1',
    });
  });

  it('leaves the second of two members idle when there is one partition', () => {
    const input = { topics: { topic: 1 }, members: [member('consumer1', ['topic']), member('consumer2', ['topic'])] };
    expect(show(roundRobin(input))).toEqual({ consumer1: 'topic-0', consumer2: '' });
  });

  it('gives two members one partition each of a two-partition topic', () => {
    const input = { topics: { topic: 2 }, members: [member('consumer1', ['topic']), member('consumer2', ['topic'])] };
    expect(show(roundRobin(input))).toEqual({ consumer1: 'topic-0', consumer2: 'topic-1' });
  });

  it('skips members not subscribed to a partition’s topic', () => {
    const input = {
      topics: twoTopics(3, 2),
      members: [member('consumer1', ['topic1']), member('consumer2', both), member('consumer3', ['topic1'])],
    };
    expect(show(roundRobin(input))).toEqual({ consumer1: 'topic1-0', consumer2: 'topic1-1, topic2-0, topic2-1', consumer3: 'topic1-2' });
  });

  it('deals all partitions of all topics around the members in turn', () => {
    const input = { topics: twoTopics(3, 3), members: [member('consumer1', both), member('consumer2', both)] };
    expect(show(roundRobin(input))).toEqual({ consumer1: 'topic1-0, topic1-2, topic2-1', consumer2: 'topic1-1, topic2-0, topic2-2' });
  });

  it('orders static members by group.instance.id, not by member id', () => {
    const input = { topics: twoTopics(3, 3), members: [member('consumer-b', both, 'instance1'), member('consumer-a', both, 'instance2')] };
    expect(show(roundRobin(input))).toEqual({ 'consumer-b': 'topic1-0, topic1-2, topic2-1', 'consumer-a': 'topic1-1, topic2-0, topic2-2' });
  });

  it('puts a static member ahead of a dynamic one whose member id sorts first', () => {
    const input = { topics: twoTopics(3, 3), members: [member('consumer-b', both, 'instance1'), member('consumer-a', both)] };
    expect(show(roundRobin(input))).toEqual({ 'consumer-b': 'topic1-0, topic1-2, topic2-1', 'consumer-a': 'topic1-1, topic2-0, topic2-2' });
  });

  it('keeps static members on their partitions when a dynamic member is replaced', () => {
    const statics = [member('consumer1', both, 'instance1'), member('consumer2', both, 'instance2'), member('consumer3', both, 'instance3')];
    const expected = { consumer1: 'topic1-0, topic2-1', consumer2: 'topic1-1, topic2-2', consumer3: 'topic1-2' };
    expect(show(roundRobin({ topics: twoTopics(3, 3), members: [...statics, member('consumer4', both)] }))).toEqual({
      ...expected,
      consumer4: 'topic2-0',
    });
    expect(show(roundRobin({ topics: twoTopics(3, 3), members: [...statics, member('consumer5', both)] }))).toEqual({
      ...expected,
      consumer5: 'topic2-0',
    });
  });

  it('keeps each static instance on its partitions when member ids change', () => {
    const expected = {
      instance1: 'topic1-0, topic1-3, topic2-1, topic2-4',
      instance2: 'topic1-1, topic1-4, topic2-2',
      instance3: 'topic1-2, topic2-0, topic2-3',
    };
    const before = {
      topics: twoTopics(5, 5),
      members: [member('consumer1', both, 'instance1'), member('consumer2', both, 'instance2'), member('consumer3', both, 'instance3')],
    };
    expect(byInstance(before)).toEqual(expected);
    const after = {
      topics: twoTopics(5, 5),
      members: [member('consumer1', both, 'instance1'), member('consumer5', both, 'instance2'), member('consumer4', both, 'instance3')],
    };
    expect(byInstance(after)).toEqual(expected);
  });
});
