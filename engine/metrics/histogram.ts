/**
 * Latency distributions (end-to-end, per group and per member) as log-linear histograms: the layout
 * of HdrHistogram, applied to a double's own exponent and mantissa bits. Each power of two [2^e, 2^(e+1))
 * is cut into 128 equal sub-buckets, so a bucket is at most 1/128 of its lower bound wide and any
 * value is within 0.78% of its bucket's lower bound; below 1 the buckets stay 1/128 wide, so
 * whole-microsecond values below 256 each get a bucket of their own and come back exact.
 *
 * Memory is fixed, 6,912 counters (54 KiB), whatever is recorded; `record` is a handful of
 * arithmetic operations and no allocation, because it runs once per processed record.
 */

/** log2 of the sub-buckets per power of two: 128 keeps the relative bucket width under 1%. */
const SUB_BUCKET_BITS = 7;
const SUB_BUCKETS = 1 << SUB_BUCKET_BITS;
/**
 * Powers of two resolved at full precision, [1, 2) up to [2^52, 2^53): every whole number of
 * microseconds the clock can hold (2^53 µs is 285 years), not just the 2^44 a run is likely to see.
 */
const POWERS = 53;
/** One linear range [0, 1) at the first power's resolution, then 128 buckets per power. */
const BUCKET_COUNT = SUB_BUCKETS * (POWERS + 1);
const TOP_BUCKET = BUCKET_COUNT - 1;

/**
 * The high 32 bits of a positive double are 1 sign bit, 11 exponent bits and the top 20 mantissa
 * bits; shifting out all but 7 mantissa bits leaves (biased exponent << 7 | sub-bucket), which is
 * already a bucket number once the exponent of 1 (bias 1023) is moved to bucket 128.
 */
const MANTISSA_SHIFT = 20 - SUB_BUCKET_BITS;
const INDEX_OFFSET = (1023 << SUB_BUCKET_BITS) - SUB_BUCKETS;

// One scratch double shared by every histogram: reading a value's bits through it allocates nothing.
const scratch = new Float64Array(1);
const scratchWords = new Uint32Array(scratch.buffer);
// Typed arrays use the platform's byte order; the exponent lives in the high word.
const HIGH_WORD = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

/** The bucket holding a non-negative finite value; values of 2^53 and above share the top bucket. */
function bucketIndex(value: number): number {
  if (value < 1) return (value * SUB_BUCKETS) | 0;
  scratch[0] = value;
  const index = (scratchWords[HIGH_WORD] >>> MANTISSA_SHIFT) - INDEX_OFFSET;
  return index < TOP_BUCKET ? index : TOP_BUCKET;
}

/** The smallest value a bucket holds: the value it reports, so whole numbers below 256 come back exact. */
function bucketLowerBound(index: number): number {
  if (index < SUB_BUCKETS) return index / SUB_BUCKETS;
  const exponent = (index >> SUB_BUCKET_BITS) - 1;
  return (SUB_BUCKETS + (index & (SUB_BUCKETS - 1))) * 2 ** (exponent - SUB_BUCKET_BITS);
}

/**
 * The rank (1-based, in ascending order) of the q-quantile of `count` values: the smallest rank r
 * with r ≥ q·count, at least 1 — HdrHistogram's `valueAtPercentile` convention. So q = 0 is the
 * minimum, q = 1 the maximum, and the median of 4 values is the 2nd.
 */
export function quantileRank(q: number, count: number): number {
  const target = q * count;
  // q·count can land a hair above a whole number (0.07 × 100 = 7.000000000000001); that rounding
  // noise must not push the rank to the next value.
  const nearest = Math.round(target);
  const rank = Math.abs(target - nearest) <= 4 * Number.EPSILON * target ? nearest : Math.ceil(target);
  return Math.min(count, Math.max(1, rank));
}

/** A histogram's headline figures, all in the unit values were recorded in; zeros when it is empty. */
export interface LatencySummary {
  count: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/**
 * A log-linear histogram of non-negative values in microseconds, whole or fractional.
 *
 * Accuracy: `count`, `min` and `max` are exact, and `mean` is computed from the values themselves
 * (a compensated sum), not from their buckets. `quantile(q)` is never above the exact sample
 * quantile and, for quantiles of 1 µs or more, less than 1/128 (0.78%) below it; below 1 µs it is
 * less than 1/128 µs below. Whole numbers below 256 are reported exactly, and so are the minimum
 * and the maximum. Values of 2^53 µs and above are counted in the top bucket (their quantiles then
 * lose precision; `max` and `mean` do not).
 */
export class LatencyHistogram {
  private readonly counts = new Float64Array(BUCKET_COUNT);
  private total = 0;
  // The sum is kept as an unevaluated pair (Neumaier's compensated sum): `sumLow` collects the
  // rounding error of every addition, so whole-microsecond sums stay exact far past 2^53 and
  // fractional ones do not drift with the count (ten plain additions of 0.1 make 0.9999999999999999).
  private sumHigh = 0;
  private sumLow = 0;
  private minValue = Infinity;
  private maxValue = 0;
  // Where the last quantile walk stopped: the bucket, and the count of values below it.
  private scanIndex = 0;
  private scanSeen = 0;

  /**
   * Counts one value. O(1), allocates nothing.
   * @throws RangeError for a negative, NaN or infinite value.
   */
  record(valueUs: number): void {
    if (!(valueUs >= 0 && valueUs <= Number.MAX_VALUE)) {
      throw new RangeError(`a latency must be a finite number of microseconds, zero or more, got ${valueUs}`);
    }
    this.counts[bucketIndex(valueUs)]++;
    this.total++;
    this.addToSum(valueUs);
    if (valueUs < this.minValue) this.minValue = valueUs;
    if (valueUs > this.maxValue) this.maxValue = valueUs;
  }

  /** Values recorded. */
  get count(): number {
    return this.total;
  }

  /** The exact mean of the values recorded; 0 when empty. */
  get mean(): number {
    return this.total === 0 ? 0 : (this.sumHigh + this.sumLow) / this.total;
  }

  /** The smallest value recorded; 0 when empty. */
  get min(): number {
    return this.total === 0 ? 0 : this.minValue;
  }

  /** The largest value recorded; 0 when empty. */
  get max(): number {
    return this.total === 0 ? 0 : this.maxValue;
  }

  /**
   * The q-quantile: the smallest value v such that at least q·count of the values are ≤ v (see
   * {@link quantileRank}), to the accuracy stated on the class; 0 when empty.
   * @param q - between 0 and 1: 0.99 for p99.
   * @throws RangeError for q outside [0, 1].
   */
  quantile(q: number): number {
    if (!(q >= 0 && q <= 1)) throw new RangeError(`a quantile must be between 0 and 1, got ${q}`);
    if (this.total === 0) return 0;
    this.rewindScan();
    return this.valueAtRank(quantileRank(q, this.total));
  }

  /** Adds every value counted in `other` to this histogram, as if each had been recorded here. */
  merge(other: LatencyHistogram): void {
    if (other.total === 0) return;
    const last = bucketIndex(other.maxValue);
    for (let i = bucketIndex(other.minValue); i <= last; i++) this.counts[i] += other.counts[i];
    this.total += other.total;
    const otherLow = other.sumLow;
    this.addToSum(other.sumHigh);
    this.sumLow += otherLow;
    if (other.minValue < this.minValue) this.minValue = other.minValue;
    if (other.maxValue > this.maxValue) this.maxValue = other.maxValue;
  }

  /** Forgets every value, keeping the counters' memory. */
  reset(): void {
    if (this.total > 0) this.counts.fill(0, bucketIndex(this.minValue), bucketIndex(this.maxValue) + 1);
    this.total = 0;
    this.sumHigh = 0;
    this.sumLow = 0;
    this.minValue = Infinity;
    this.maxValue = 0;
  }

  /** Count, mean, p50, p95, p99 and max; all zeros for an empty histogram, never NaN. */
  summary(): LatencySummary {
    if (this.total === 0) return { count: 0, mean: 0, p50: 0, p95: 0, p99: 0, max: 0 };
    // Ascending ranks share one walk over the buckets: a summary is sampled per group and member
    // at every interval, and the walk is most of its cost.
    this.rewindScan();
    const p50 = this.valueAtRank(quantileRank(0.5, this.total));
    const p95 = this.valueAtRank(quantileRank(0.95, this.total));
    const p99 = this.valueAtRank(quantileRank(0.99, this.total));
    return { count: this.total, mean: this.mean, p50, p95, p99, max: this.maxValue };
  }

  private rewindScan(): void {
    this.scanIndex = bucketIndex(this.minValue);
    this.scanSeen = 0;
  }

  /**
   * The value of rank `rank` (1-based), walking on from where the last call stopped: after
   * `rewindScan`, ranks must come in ascending order. The histogram must not be empty.
   */
  private valueAtRank(rank: number): number {
    // The top rank is the maximum, which is known exactly.
    if (rank === this.total) return this.maxValue;
    const last = bucketIndex(this.maxValue);
    let i = this.scanIndex;
    let seen = this.scanSeen;
    while (i < last && seen + this.counts[i] < rank) seen += this.counts[i++];
    this.scanIndex = i;
    this.scanSeen = seen;
    return Math.max(bucketLowerBound(i), this.minValue);
  }

  private addToSum(value: number): void {
    const high = this.sumHigh;
    const sum = high + value;
    // Both terms are non-negative, so the larger one is known without Math.abs; the parenthesised
    // difference is exactly the rounding error of `high + value`.
    if (high >= value) this.sumLow += high - sum + value;
    else this.sumLow += value - sum + high;
    this.sumHigh = sum;
  }
}
