/**
 * One partition's log: an append-only sequence of records with offsets, cut into segments that
 * retention deletes whole, as Kafka's broker does.
 *
 * Records are stored column-wise in fixed chunks of typed arrays, so memory follows what is
 * retained: deleting segments frees whole chunks, and a record costs 16 bytes (its create time,
 * event id and key slot; sizes and schema versions are stored per chunk while every record in it
 * has the same one).
 */

const CHUNK_BITS = 12;
/** Records per storage chunk. */
export const CHUNK_RECORDS = 1 << CHUNK_BITS;
const CHUNK_MASK = CHUNK_RECORDS - 1;

class Chunk {
  readonly createTime = new Float64Array(CHUNK_RECORDS);
  readonly eventId = new Uint32Array(CHUNK_RECORDS);
  readonly keySlot = new Int32Array(CHUNK_RECORDS);
  /** The size of every record so far, while they are all the same; -1 before the first. */
  sizeConst = -1;
  /** Per-record sizes, made only once two records in the chunk differ. */
  sizes: Uint32Array | null = null;
  /** The schema version of every record so far, while they all share one (almost always); 0 before the first. */
  versionConst = 0;
  /** Per-record schema versions, made only once two records in the chunk differ (a producer's deploy). */
  versions: Uint16Array | null = null;
}

/** A segment: a contiguous run of offsets. */
export interface Segment {
  baseOffset: number;
  bytes: number;
  /** Records in it (a segment of empty records still holds records). */
  records: number;
  /** Append time of its first record: segment.ms rolls a segment this old. */
  firstAppendTime: number;
  /** Largest record timestamp in it: retention.ms compares against this. */
  maxTimestamp: number;
}

export interface LogConfig {
  segmentBytes: number;
  segmentTime: number;
  retention: number;
  /** Per partition; undefined for no limit. */
  retentionBytes?: number;
}

export class PartitionLog {
  logStartOffset = 0;
  logEndOffset = 0;
  /** Bytes currently retained. */
  bytes = 0;
  readonly segments: Segment[] = [];
  /** chunks[i] holds offsets from (firstChunk + i) * CHUNK_RECORDS. */
  private chunks: (Chunk | null)[] = [];
  private firstChunk = 0;

  constructor(private readonly config: LogConfig) {}

  /**
   * Appends one record at simulated time `now` and returns its offset. `createTime` is the
   * producer's timestamp (Kafka's CreateTime), used by retention and by offset-for-time lookups.
   */
  append(createTime: number, eventId: number, keySlot: number, size: number, now: number, version = 1): number {
    const offset = this.logEndOffset;
    const chunkIndex = (offset >>> CHUNK_BITS) - this.firstChunk;
    let chunk = this.chunks[chunkIndex];
    if (chunk === undefined || chunk === null) {
      chunk = new Chunk();
      this.chunks[chunkIndex] = chunk;
    }
    const slot = offset & CHUNK_MASK;
    chunk.createTime[slot] = createTime;
    chunk.eventId[slot] = eventId;
    chunk.keySlot[slot] = keySlot;
    if (chunk.sizes !== null) chunk.sizes[slot] = size;
    else if (chunk.sizeConst === -1 || slot === 0) chunk.sizeConst = size;
    else if (chunk.sizeConst !== size) {
      chunk.sizes = new Uint32Array(CHUNK_RECORDS).fill(chunk.sizeConst, 0, slot);
      chunk.sizes[slot] = size;
    }
    if (chunk.versions !== null) chunk.versions[slot] = version;
    else if (chunk.versionConst === 0 || slot === 0) chunk.versionConst = version;
    else if (chunk.versionConst !== version) {
      chunk.versions = new Uint16Array(CHUNK_RECORDS).fill(chunk.versionConst, 0, slot);
      chunk.versions[slot] = version;
    }

    let segment = this.segments[this.segments.length - 1];
    if (
      segment === undefined ||
      (segment.records > 0 && (segment.bytes + size > this.config.segmentBytes || now - segment.firstAppendTime >= this.config.segmentTime))
    ) {
      segment = { baseOffset: offset, bytes: 0, records: 0, firstAppendTime: now, maxTimestamp: -Infinity };
      this.segments.push(segment);
    }
    if (segment.records === 0) segment.firstAppendTime = now;
    segment.bytes += size;
    segment.records++;
    if (createTime > segment.maxTimestamp) segment.maxTimestamp = createTime;
    this.bytes += size;
    this.logEndOffset = offset + 1;
    return offset;
  }

  /**
   * Cuts the log back to `end` (a new leader had less): the offsets from `end` on will be reused.
   * Segments lose the bytes of the removed records; emptied segments are dropped.
   */
  truncate(end: number): void {
    if (end >= this.logEndOffset) return;
    for (let offset = Math.max(end, this.logStartOffset); offset < this.logEndOffset; offset++) {
      const size = this.sizeAt(offset);
      this.bytes -= size;
      let s = this.segments.length - 1;
      while (s > 0 && this.segments[s].baseOffset > offset) s--;
      this.segments[s].bytes -= size;
      this.segments[s].records--;
    }
    while (this.segments.length > 1 && this.segments[this.segments.length - 1].baseOffset >= end) this.segments.pop();
    this.logEndOffset = Math.max(end, this.logStartOffset);
  }

  createTimeAt(offset: number): number {
    return this.chunks[(offset >>> CHUNK_BITS) - this.firstChunk]!.createTime[offset & CHUNK_MASK];
  }

  eventIdAt(offset: number): number {
    return this.chunks[(offset >>> CHUNK_BITS) - this.firstChunk]!.eventId[offset & CHUNK_MASK];
  }

  keySlotAt(offset: number): number {
    return this.chunks[(offset >>> CHUNK_BITS) - this.firstChunk]!.keySlot[offset & CHUNK_MASK];
  }

  /** The schema version the record was written with. */
  versionAt(offset: number): number {
    const chunk = this.chunks[(offset >>> CHUNK_BITS) - this.firstChunk]!;
    return chunk.versions !== null ? chunk.versions[offset & CHUNK_MASK] : chunk.versionConst;
  }

  sizeAt(offset: number): number {
    const chunk = this.chunks[(offset >>> CHUNK_BITS) - this.firstChunk]!;
    return chunk.sizes !== null ? chunk.sizes[offset & CHUNK_MASK] : chunk.sizeConst;
  }

  /**
   * The first offset whose timestamp is at or after `time` (Kafka's offsetsForTimes), or the log
   * end offset when there is none. Timestamps are create times, so they are only nearly sorted: like
   * Kafka's time index, this finds the first segment that may hold such a record, then scans.
   */
  offsetForTime(time: number): number {
    let segment = 0;
    while (segment < this.segments.length && this.segments[segment].maxTimestamp < time) segment++;
    if (segment === this.segments.length) return this.logEndOffset;
    for (let offset = Math.max(this.segments[segment].baseOffset, this.logStartOffset); offset < this.logEndOffset; offset++) {
      if (this.createTimeAt(offset) >= time) return offset;
    }
    return this.logEndOffset;
  }

  /**
   * Applies retention at `now`: deletes whole segments from the start whose newest record is older
   * than the retention time, then while the log is over its byte limit (the active segment is only
   * deleted by time, after being rolled, as Kafka does). Records at or above `readFloor` stay
   * readable (consumers still hold them) even when deleted. Returns the new log start offset.
   */
  applyRetention(now: number, readFloor = Infinity): number {
    const { retention, retentionBytes } = this.config;
    let deleteCount = 0;
    while (deleteCount < this.segments.length && this.segments[deleteCount].records > 0 && this.segments[deleteCount].maxTimestamp < now - retention) {
      deleteCount++;
    }
    if (retentionBytes !== undefined) {
      let excess = this.bytes - this.segmentBytesFrom(0, deleteCount) - retentionBytes;
      while (deleteCount < this.segments.length - 1 && excess - this.segments[deleteCount].bytes >= 0) {
        excess -= this.segments[deleteCount].bytes;
        deleteCount++;
      }
    }
    if (deleteCount === 0) return this.logStartOffset;
    if (deleteCount === this.segments.length) {
      // Every segment expired, the active one included: roll an empty one to append to next.
      this.segments.push({ baseOffset: this.logEndOffset, bytes: 0, records: 0, firstAppendTime: now, maxTimestamp: -Infinity });
    }
    this.bytes -= this.segmentBytesFrom(0, deleteCount);
    this.segments.splice(0, deleteCount);
    this.logStartOffset = this.segments[0].baseOffset;
    // Consumers finish records they fetched before the deletion (Kafka's do too): keep those readable.
    this.freeChunksBelow(Math.min(this.logStartOffset, readFloor));
    return this.logStartOffset;
  }

  private segmentBytesFrom(from: number, to: number): number {
    let sum = 0;
    for (let i = from; i < to; i++) sum += this.segments[i].bytes;
    return sum;
  }

  private freeChunksBelow(offset: number): void {
    const drop = (offset >>> CHUNK_BITS) - this.firstChunk;
    if (drop <= 0) return;
    this.chunks.splice(0, drop);
    this.firstChunk += drop;
  }
}
