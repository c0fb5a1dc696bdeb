/**
 * Kafka's `AbstractStickyAssignor.PartitionMovements`: a record of the partitions the general
 * sticky algorithm has moved during one assignment, so a move back in the opposite direction can
 * undo an earlier move instead of shuffling a second partition.
 */
import { JavaHashOrder, javaTopicPartitionHash } from '../../javaHashOrder.ts';
import { compareJavaStrings, type TopicPartition } from '../../topicPartition.ts';

interface Move {
  readonly from: string;
  readonly to: string;
}

const hashTopicPartition = (tp: TopicPartition): number => javaTopicPartitionHash(tp.topic, tp.partition);

export class PartitionMovements {
  // topic -> from -> to -> partitions. Kafka keys the inner level by a ConsumerPair; the partition
  // sets are HashSets whose iteration order decides which partition is moved back.
  private readonly byTopic = new Map<string, Map<string, Map<string, JavaHashOrder<TopicPartition>>>>();
  private readonly moves = new Map<TopicPartition, Move>();

  /** Records that `partition` moves from `oldConsumer` to `newConsumer`. */
  movePartition(partition: TopicPartition, oldConsumer: string, newConsumer: string): void {
    const existing = this.moves.get(partition);
    if (existing) {
      this.removeMove(partition, existing);
      // A partition moving back to where it started is no longer a move at all.
      if (existing.from !== newConsumer) this.addMove(partition, { from: existing.from, to: newConsumer });
    } else {
      this.addMove(partition, { from: oldConsumer, to: newConsumer });
    }
  }

  /**
   * The partition to move when `partition` should go from `oldConsumer` to `newConsumer`: if some
   * partition of the same topic already moved the other way, that one goes back instead (the first
   * in Kafka's HashSet order); otherwise `partition` itself.
   */
  actualPartitionToMove(partition: TopicPartition, oldConsumer: string, newConsumer: string): TopicPartition {
    const topicMoves = this.byTopic.get(partition.topic);
    if (!topicMoves) return partition;
    const earlier = this.moves.get(partition);
    const origin = earlier ? earlier.from : oldConsumer;
    const reverse = topicMoves.get(newConsumer)?.get(origin);
    return reverse?.first() ?? partition;
  }

  /**
   * Everything that decides future moves, as text: which partitions moved between which members,
   * and each set's Java iteration order and table size. Equal fingerprints mean equal futures.
   */
  fingerprint(): string {
    const parts: string[] = [];
    for (const [topic, fromMoves] of sortedEntries(this.byTopic)) {
      for (const [from, toMoves] of sortedEntries(fromMoves)) {
        for (const [to, partitions] of sortedEntries(toMoves)) {
          const order = partitions.keys().map((tp) => tp.partition);
          parts.push(`${JSON.stringify([topic, from, to])}:${partitions.tableCapacity}:${order.join(',')}`);
        }
      }
    }
    return parts.join(';');
  }

  private addMove(partition: TopicPartition, move: Move): void {
    this.moves.set(partition, move);
    let topicMoves = this.byTopic.get(partition.topic);
    if (!topicMoves) this.byTopic.set(partition.topic, (topicMoves = new Map()));
    let fromMoves = topicMoves.get(move.from);
    if (!fromMoves) topicMoves.set(move.from, (fromMoves = new Map()));
    let partitions = fromMoves.get(move.to);
    if (!partitions) fromMoves.set(move.to, (partitions = new JavaHashOrder(hashTopicPartition)));
    partitions.add(partition);
  }

  private removeMove(partition: TopicPartition, move: Move): void {
    this.moves.delete(partition);
    const topicMoves = this.byTopic.get(partition.topic)!;
    const fromMoves = topicMoves.get(move.from)!;
    const partitions = fromMoves.get(move.to)!;
    partitions.delete(partition);
    // Kafka drops an emptied set, so a later move between the same pair starts a fresh HashSet.
    if (partitions.size === 0) fromMoves.delete(move.to);
    if (fromMoves.size === 0) topicMoves.delete(move.from);
    if (topicMoves.size === 0) this.byTopic.delete(partition.topic);
  }
}

function sortedEntries<V>(map: ReadonlyMap<string, V>): [string, V][] {
  return [...map].sort(([a], [b]) => compareJavaStrings(a, b));
}
