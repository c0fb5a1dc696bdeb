import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compareTopicPartitions, formatTopicPartition, parseTopicPartition } from './topicPartition.ts';

describe('topic-partition text', () => {
  it('reads the partition number after the last dash, so topic names may contain dashes', () => {
    expect(parseTopicPartition('page-views-3')).toEqual({ topic: 'page-views', partition: 3 });
    expect(parseTopicPartition('likes-0')).toEqual({ topic: 'likes', partition: 0 });
  });

  it.each(['likes', 'likes-', '-3', 'likes-03', 'likes-+3', 'likes-3.0', 'likes- 3', 'likes-99999999999'])('rejects %j', (text) => {
    expect(parseTopicPartition(text)).toBeUndefined();
  });

  it('reads back what it writes', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.integer({ min: 0, max: 0x7fffffff }), (topic, partition) => {
        expect(parseTopicPartition(formatTopicPartition({ topic, partition }))).toEqual({ topic, partition });
      }),
    );
  });

  it('sorts by topic, then by partition number (not as text)', () => {
    const sorted = [{ topic: 'b', partition: 0 }, { topic: 'a', partition: 10 }, { topic: 'a', partition: 9 }].sort(compareTopicPartitions);
    expect(sorted.map(formatTopicPartition)).toEqual(['a-9', 'a-10', 'b-0']);
  });
});
