// Member ordering, ported from Kafka's
// clients/src/test/java/org/apache/kafka/clients/consumer/internals/AbstractPartitionAssignorTest.java.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compareMembers, prepareGroup } from './group.ts';
import type { GroupMember } from './types.ts';

const sortIds = (members: GroupMember[]) => {
  const group = prepareGroup({ topics: {}, members });
  return [...group.members].sort(compareMembers).map((m) => m.id);
};

describe('member order (Kafka AbstractPartitionAssignorTest)', () => {
  it('orders dynamic members by member id', () => {
    expect(sortIds([{ id: 'a', topics: [] }, { id: 'b', topics: [] }, { id: 'c', topics: [] }])).toEqual(['a', 'b', 'c']);
  });

  it('orders static members by group.instance.id', () => {
    const members = [
      { id: 'a', topics: [], instanceId: 'y' },
      { id: 'b', topics: [], instanceId: 'z' },
      { id: 'c', topics: [], instanceId: 'x' },
    ];
    expect(sortIds(members)).toEqual(['c', 'a', 'b']);
  });

  it('puts static members before dynamic ones', () => {
    const members = [{ id: 'a', topics: [] }, { id: 'b', topics: [], instanceId: 'y' }, { id: 'c', topics: [], instanceId: 'x' }];
    expect(sortIds(members)).toEqual(['c', 'b', 'a']);
  });

  it('sorts any mix of static and dynamic members: static by instance id, then dynamic by member id', () => {
    // Kafka's testMergeSortManyMemberInfo, as a property.
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 1, maxLength: 100 }), fc.nat(), (isStatic, shuffleSeed) => {
        const members = isStatic.map((s, i) => ({ id: String(i + 100), topics: [], instanceId: s ? String(i + 100) : undefined }));
        const expected = [...members.filter((m) => m.instanceId), ...members.filter((m) => !m.instanceId)].map((m) => m.id);
        const shuffled = [...members].sort((a, b) => ((Number(a.id) * 7919 + shuffleSeed) % 101) - ((Number(b.id) * 7919 + shuffleSeed) % 101));
        expect(sortIds(shuffled)).toEqual(expected);
      }),
    );
  });
});

describe('prepareGroup', () => {
  it('drops owned partitions that do not exist and duplicate claims', () => {
    const group = prepareGroup({
      topics: { t: 2 },
      members: [{ id: 'm', topics: ['t', 't'], owned: [{ topic: 't', partition: 1 }, { topic: 't', partition: 1 }, { topic: 't', partition: 5 }, { topic: 'gone', partition: 0 }] }],
    });
    expect(group.members[0].owned).toEqual([{ topic: 't', partition: 1 }]);
    expect(group.members[0].topics).toEqual(['t']);
  });

  it('does not mistake inherited object properties for topics', () => {
    const group = prepareGroup({ topics: { t: 1 }, members: [{ id: 'm', topics: ['constructor', 't'] }] });
    expect([...group.partitionsPerTopic.keys()]).toEqual(['t']);
  });

  it('rejects duplicate member ids', () => {
    expect(() => prepareGroup({ topics: {}, members: [{ id: 'm', topics: [] }, { id: 'm', topics: [] }] })).toThrow(/duplicate member id/);
  });
});
