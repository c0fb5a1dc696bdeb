/**
 * A set of a partition's offsets, such as those a consumer group has processed or those lost to
 * retention before it got to them, kept as sorted, disjoint half-open ranges [start, end).
 *
 * A group mostly processes a partition in offset order, so the set is usually one range that grows
 * at its end: that append is O(1) and allocates nothing. Memory follows the number of gaps (one per
 * retention loss, reset or out-of-order completion), not the number of offsets; anything else is a
 * binary search plus a shift of the ranges after the insertion point.
 *
 * Offsets are whole numbers from 0 below 2^53; ranges are stored in a growable Float64Array, which
 * holds every such offset exactly (2^50 and beyond included).
 */

/** Ranges room is made for at first: most sets never have more than a few. */
const INITIAL_RANGES = 4;

/** A set of non-negative whole-number offsets, stored as ranges. */
export class OffsetSet {
  // Range k is [bounds[2k], bounds[2k + 1]). Ranges are sorted and never overlap or touch: a range
  // ending where the next starts is merged with it, so the range count is the number of gaps + 1.
  private bounds = new Float64Array(2 * INITIAL_RANGES);
  private rangeCount = 0;
  private members = 0;

  /** Offsets in the set. */
  get size(): number {
    return this.members;
  }

  /**
   * Adds one offset; O(1) when it is the one just after the largest member.
   * @returns true if the offset was not already in the set.
   * @throws RangeError for a negative or fractional offset.
   */
  add(offset: number): boolean {
    const lastEnd = 2 * this.rangeCount - 1;
    // The common case, checked before anything else: the next offset in order extends the last range.
    if (lastEnd > 0 && this.bounds[lastEnd] === offset) {
      this.bounds[lastEnd] = offset + 1;
      this.members++;
      return true;
    }
    return this.addRange(offset, offset + 1) === 1;
  }

  /**
   * Adds every offset in [start, end), merging it with the ranges it overlaps or touches.
   * @returns how many of those offsets were not already in the set.
   * @throws RangeError unless start and end are whole numbers with 0 ≤ start ≤ end < 2^53.
   */
  addRange(start: number, end: number): number {
    if (!(Number.isSafeInteger(start) && Number.isSafeInteger(end) && start >= 0 && start <= end)) {
      throw new RangeError(`an offset range must be whole numbers with 0 <= start <= end < 2^53, got [${start}, ${end})`);
    }
    if (start === end) return 0;
    const n = this.rangeCount;
    const b = this.bounds;
    // Appends after the last range, or onto it, need no search.
    if (n === 0 || start > b[2 * n - 1]) {
      this.insertRange(n, start, end);
      return this.counted(end - start);
    }
    if (start >= b[2 * n - 2]) {
      const lastEnd = b[2 * n - 1];
      if (end <= lastEnd) return 0;
      b[2 * n - 1] = end;
      return this.counted(end - lastEnd);
    }

    // The ranges that overlap or touch [start, end) are first..next-1; they collapse into one.
    const first = this.firstRangeEndingAfter(start - 1);
    let next = first;
    let alreadyIn = 0;
    while (next < n && b[2 * next] <= end) {
      alreadyIn += b[2 * next + 1] - b[2 * next];
      next++;
    }
    if (next === first) {
      this.insertRange(first, start, end);
      return this.counted(end - start);
    }
    const mergedStart = Math.min(start, b[2 * first]);
    const mergedEnd = Math.max(end, b[2 * next - 1]);
    b[2 * first] = mergedStart;
    b[2 * first + 1] = mergedEnd;
    if (next - first > 1) {
      b.copyWithin(2 * first + 2, 2 * next, 2 * n);
      this.rangeCount = n - (next - first - 1);
    }
    return this.counted(mergedEnd - mergedStart - alreadyIn);
  }

  /** Whether `offset` is in the set; O(1) for offsets in or after the last range. */
  has(offset: number): boolean {
    const n = this.rangeCount;
    if (n === 0) return false;
    const b = this.bounds;
    if (offset >= b[2 * n - 2]) return offset < b[2 * n - 1];
    const k = this.firstRangeEndingAfter(offset);
    return b[2 * k] <= offset;
  }

  /** The first offset at or after `offset` that is not in the set. */
  nextAbsent(offset: number): number {
    const n = this.rangeCount;
    if (n === 0) return offset;
    const k = this.firstRangeEndingAfter(offset);
    return k < n && this.bounds[2 * k] <= offset ? this.bounds[2 * k + 1] : offset;
  }

  /** How many members lie in [start, end); 0 when end ≤ start. */
  countIn(start: number, end: number): number {
    if (!(end > start)) return 0;
    const n = this.rangeCount;
    const b = this.bounds;
    let count = 0;
    for (let k = this.firstRangeEndingAfter(start); k < n && b[2 * k] < end; k++) {
      count += Math.min(b[2 * k + 1], end) - Math.max(b[2 * k], start);
    }
    return count;
  }

  /**
   * Removes every member at or above `offset` (a log truncated after an unclean leader election
   * reuses those offsets). Returns how many were removed.
   */
  removeFrom(offset: number): number {
    const b = this.bounds;
    let k = this.firstRangeEndingAfter(offset);
    let removed = 0;
    if (k < this.rangeCount && b[2 * k] < offset) {
      removed += b[2 * k + 1] - offset;
      b[2 * k + 1] = offset;
      k++;
    }
    for (let j = k; j < this.rangeCount; j++) removed += b[2 * j + 1] - b[2 * j];
    this.rangeCount = k;
    this.members -= removed;
    return removed;
  }

  /** The ranges [start, end), in order: a copy, for tests and debugging. */
  ranges(): Array<[number, number]> {
    const out: Array<[number, number]> = [];
    for (let k = 0; k < this.rangeCount; k++) out.push([this.bounds[2 * k], this.bounds[2 * k + 1]]);
    return out;
  }

  private counted(added: number): number {
    this.members += added;
    return added;
  }

  /** The first range whose end is above `offset` (so that may hold it); the range count if none. */
  private firstRangeEndingAfter(offset: number): number {
    const b = this.bounds;
    let lo = 0;
    let hi = this.rangeCount;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (b[2 * mid + 1] > offset) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** Puts a new range at position k, shifting the ones from k up; doubles the storage when full. */
  private insertRange(k: number, start: number, end: number): void {
    const n = this.rangeCount;
    if (2 * n === this.bounds.length) {
      const grown = new Float64Array(2 * this.bounds.length);
      grown.set(this.bounds);
      this.bounds = grown;
    }
    const b = this.bounds;
    if (k < n) b.copyWithin(2 * k + 2, 2 * k, 2 * n);
    b[2 * k] = start;
    b[2 * k + 1] = end;
    this.rangeCount = n + 1;
  }
}
