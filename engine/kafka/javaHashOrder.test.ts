import { describe, expect, it } from 'vitest';
import { JavaHashOrder, javaHashMapKeyOrder, javaStringHash, javaTopicPartitionHash } from './javaHashOrder.ts';
import type { TopicPartition } from './topicPartition.ts';

// Every expected order below was printed by Java 17's java.util.HashMap / HashSet.
describe('Java hash codes', () => {
  it("matches String.hashCode, including non-BMP text as UTF-16 code units", () => {
    expect(javaStringHash('consumer1')).toBe(-421004549);
    expect(javaStringHash('é😀')).toBe(1996812);
    expect(javaStringHash('Aa')).toBe(javaStringHash('BB'));
  });

  it("matches Kafka's TopicPartition.hashCode", () => {
    expect(javaTopicPartitionHash('topic', 3)).toBe(110547277);
  });
});

describe('JavaHashOrder', () => {
  it('iterates a default HashMap in bucket order, not insertion order', () => {
    const keys = Array.from({ length: 14 }, (_, i) => `consumer${i + 1}`);
    expect(javaHashMapKeyOrder(keys)).toEqual([
      'consumer12', 'consumer11', 'consumer10', 'consumer9', 'consumer8', 'consumer7', 'consumer6',
      'consumer14', 'consumer13', 'consumer5', 'consumer4', 'consumer3', 'consumer2', 'consumer1',
    ]);
  });

  it('follows an explicit initial capacity, as new HashMap<>(3) in Kafka tests does', () => {
    expect(javaHashMapKeyOrder(['consumer0', 'consumer1', 'consumer2'], 3)).toEqual(['consumer1', 'consumer0', 'consumer2']);
  });

  it('puts a removed and re-added key behind the keys sharing its bucket', () => {
    const order = new JavaHashOrder<string>(javaStringHash);
    for (const key of ['Aa', 'BB', 'c1', 'c2']) order.add(key);
    order.delete('Aa');
    order.add('Aa');
    expect(order.keys()).toEqual(['BB', 'Aa', 'c1', 'c2']);
  });

  it('iterates a HashSet of topic-partitions as Java does, across a resize', () => {
    const order = new JavaHashOrder<TopicPartition>((tp) => javaTopicPartitionHash(tp.topic, tp.partition));
    for (let i = 0; i < 20; i++) order.add({ topic: 'topic', partition: (i * 7) % 20 });
    expect(order.keys().map((tp) => tp.partition)).toEqual([0, 18, 17, 19, 10, 9, 12, 11, 14, 13, 16, 15, 2, 1, 4, 3, 6, 5, 8, 7]);
    expect(order.first()?.partition).toBe(0);
    expect(order.tableCapacity).toBe(32);
  });
});
