/**
 * A topic-partition, the unit Kafka assigns to consumers, and its text form `${topic}-${partition}`
 * (Kafka's `TopicPartition.toString()`), e.g. `likes-0`.
 */

/** One partition of one topic. */
export interface TopicPartition {
  readonly topic: string;
  readonly partition: number;
}

/** `likes-0`: Kafka's text form of a topic-partition. */
export function formatTopicPartition(tp: TopicPartition): string {
  return `${tp.topic}-${tp.partition}`;
}

/**
 * Reads `likes-0` back. Topic names may contain `-` themselves (`page-views-3` is partition 3 of
 * `page-views`), so the partition number is what follows the last `-`.
 *
 * @returns undefined unless the text is a non-empty topic, a `-`, and a partition number written
 *   the way Kafka writes it (digits, no sign, no leading zeros).
 */
export function parseTopicPartition(text: string): TopicPartition | undefined {
  const dash = text.lastIndexOf('-');
  if (dash <= 0) return undefined;
  const digits = text.slice(dash + 1);
  if (!/^(0|[1-9][0-9]{0,9})$/.test(digits)) return undefined;
  const partition = Number(digits);
  if (partition > 0x7fffffff) return undefined;
  return { topic: text.slice(0, dash), partition };
}

/**
 * Orders by topic, then partition number. Topic names compare by UTF-16 code units, like Java's
 * `String.compareTo`, so sorted output matches Kafka's.
 */
export function compareTopicPartitions(a: TopicPartition, b: TopicPartition): number {
  return compareJavaStrings(a.topic, b.topic) || a.partition - b.partition;
}

/** Java's `String.compareTo` order (UTF-16 code units), which is also JavaScript's `<` on strings. */
export function compareJavaStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
