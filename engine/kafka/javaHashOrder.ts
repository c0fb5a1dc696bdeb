/**
 * The iteration order of Java's `HashMap` and `HashSet`, reproduced.
 *
 * Kafka's sticky assignors iterate hash maps of member ids and hash sets of topic-partitions, and
 * some of their decisions depend on which entry comes first: which members keep `maxQuota`
 * partitions, which partition a reassignment moves. To give the same assignment as Kafka, Streamlab
 * has to visit entries in the same order, and that order is a function of the keys' Java
 * `hashCode()`, the table's capacity and the insertion order.
 *
 * The model: a table of `capacity` buckets (a power of two); an entry lives in bucket
 * `spread(hash) & (capacity - 1)`; iteration walks the buckets in index order and each bucket's
 * chain in insertion order. Resizing doubles the capacity and splits every chain keeping its
 * relative order, so "bucket index, then insertion sequence" is the iteration order at any
 * capacity. Not modelled: chains converted to red-black trees, which needs nine or more keys in one
 * bucket of a table of at least 64 buckets (pathological hash collisions).
 */

const DEFAULT_CAPACITY = 16;
const LOAD_FACTOR = 0.75;
// A chain that reaches this length is turned into a tree, or the table grows if it is small.
const TREEIFY_THRESHOLD = 8;
const MIN_TREEIFY_CAPACITY = 64;

/** Java's `String.hashCode()`: `s[0]*31^(n-1) + ... + s[n-1]` over UTF-16 code units, wrapping at 32 bits. */
export function javaStringHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
  return h;
}

/** Kafka's `TopicPartition.hashCode()`: `31 * (31 + partition) + topic.hashCode()`. */
export function javaTopicPartitionHash(topic: string, partition: number): number {
  return (Math.imul(31, (31 + partition) | 0) + javaStringHash(topic)) | 0;
}

interface Slot {
  readonly spreadHash: number;
  readonly sequence: number;
}

/**
 * A set of keys that iterates in the order a `java.util.HashSet` (or a `HashMap`'s key set) with
 * the same construction and history of additions and removals would.
 */
export class JavaHashOrder<K> {
  private capacity = 0;
  private threshold: number;
  private sequence = 0;
  private readonly slots = new Map<K, Slot>();

  /**
   * @param hashOf - the key's Java `hashCode()`.
   * @param initialCapacity - as passed to `new HashMap<>(initialCapacity)`; omit for `new HashMap<>()`.
   */
  constructor(
    private readonly hashOf: (key: K) => number,
    initialCapacity?: number,
  ) {
    // Java keeps a requested capacity in `threshold` until the table is first allocated.
    this.threshold = initialCapacity === undefined ? 0 : tableSizeFor(initialCapacity);
  }

  get size(): number {
    return this.slots.size;
  }

  /** The number of buckets in Java's table (0 until the first key is added). */
  get tableCapacity(): number {
    return this.capacity;
  }

  has(key: K): boolean {
    return this.slots.has(key);
  }

  /** `HashMap.put` of a new key (an existing key keeps its place, as in Java). */
  add(key: K): void {
    if (this.slots.has(key)) return;
    if (this.capacity === 0) this.resize();
    const hash = this.hashOf(key);
    const spreadHash = hash ^ (hash >>> 16);
    const bucket = spreadHash & (this.capacity - 1);
    let chainLength = 0;
    for (const slot of this.slots.values()) if ((slot.spreadHash & (this.capacity - 1)) === bucket) chainLength++;
    this.slots.set(key, { spreadHash, sequence: this.sequence++ });
    // Java's putVal: appending to a chain that already holds 8 nodes calls treeifyBin, which only
    // grows the table while it is smaller than 64 buckets.
    if (chainLength >= TREEIFY_THRESHOLD && this.capacity < MIN_TREEIFY_CAPACITY) this.resize();
    if (this.slots.size > this.threshold) this.resize();
  }

  /** `HashMap.remove`: the table never shrinks, so later keys still see the grown capacity. */
  delete(key: K): boolean {
    return this.slots.delete(key);
  }

  /** The first key Java's iterator would return (`set.iterator().next()`). */
  first(): K | undefined {
    let best: K | undefined;
    let bestBucket = Infinity;
    let bestSequence = Infinity;
    for (const [key, slot] of this.slots) {
      const bucket = slot.spreadHash & (this.capacity - 1);
      if (bucket < bestBucket || (bucket === bestBucket && slot.sequence < bestSequence)) {
        best = key;
        bestBucket = bucket;
        bestSequence = slot.sequence;
      }
    }
    return best;
  }

  /** All keys, in Java's iteration order. */
  keys(): K[] {
    const mask = this.capacity - 1;
    return [...this.slots]
      .sort(([, a], [, b]) => (a.spreadHash & mask) - (b.spreadHash & mask) || a.sequence - b.sequence)
      .map(([key]) => key);
  }

  private resize(): void {
    const oldCapacity = this.capacity;
    let newCapacity: number;
    let newThreshold = 0;
    if (oldCapacity > 0) {
      newCapacity = oldCapacity * 2;
      if (oldCapacity >= DEFAULT_CAPACITY) newThreshold = this.threshold * 2;
    } else if (this.threshold > 0) {
      newCapacity = this.threshold;
    } else {
      newCapacity = DEFAULT_CAPACITY;
      newThreshold = DEFAULT_CAPACITY * LOAD_FACTOR;
    }
    if (newThreshold === 0) newThreshold = Math.floor(newCapacity * LOAD_FACTOR);
    this.capacity = newCapacity;
    this.threshold = newThreshold;
  }
}

/**
 * The order Java iterates the keys of a `HashMap<String, ?>` into which `keys` were put in this
 * order (duplicates keep their first place).
 */
export function javaHashMapKeyOrder(keys: readonly string[], initialCapacity?: number): string[] {
  const order = new JavaHashOrder<string>(javaStringHash, initialCapacity);
  for (const key of keys) order.add(key);
  return order.keys();
}

/** Java's `HashMap.tableSizeFor`: the smallest power of two at least `capacity` (and at least 1). */
function tableSizeFor(capacity: number): number {
  let size = 1;
  while (size < capacity && size < 2 ** 30) size *= 2;
  return size;
}
