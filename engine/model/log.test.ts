import { describe, expect, it } from 'vitest';
import { CHUNK_RECORDS, PartitionLog, type LogConfig } from './log.ts';

const DAY = 86_400_000_000;
const SECOND = 1_000_000;

function newLog(config: Partial<LogConfig> = {}): PartitionLog {
  return new PartitionLog({ segmentBytes: 1 << 30, segmentTime: 7 * DAY, retention: 7 * DAY, ...config });
}

/** Appends `count` records of `size` bytes, one every `gapUs` from `startUs`, created when appended. */
function fill(log: PartitionLog, count: number, { size = 100, gapUs = 1000, startUs = 0 } = {}): void {
  for (let i = 0; i < count; i++) {
    const t = startUs + i * gapUs;
    log.append(t, log.logEndOffset, log.logEndOffset % 7, size, t);
  }
}

/** Every segment base, checking that segments tile [logStart, logEnd) and hold the log's bytes. */
function segmentBases(log: PartitionLog): number[] {
  const bases = log.segments.map((s) => s.baseOffset);
  expect(bases[0]).toBe(log.logStartOffset);
  for (let i = 1; i < bases.length; i++) expect(bases[i]).toBeGreaterThan(bases[i - 1]);
  expect(log.segments.reduce((sum, s) => sum + s.bytes, 0)).toBe(log.bytes);
  return bases;
}

describe('PartitionLog appends', () => {
  it('gives consecutive offsets from 0 and reads every field back', () => {
    const log = newLog();
    const n = 3 * CHUNK_RECORDS + 17;
    for (let i = 0; i < n; i++) {
      expect(log.append(1000 + i * 3, 10 * i, i % 5 === 0 ? -1 : i % 11, 100, 2000 + i * 3)).toBe(i);
    }
    expect(log.logStartOffset).toBe(0);
    expect(log.logEndOffset).toBe(n);
    expect(log.bytes).toBe(100 * n);
    for (let i = 0; i < n; i++) {
      if (log.createTimeAt(i) !== 1000 + i * 3 || log.eventIdAt(i) !== 10 * i || log.keySlotAt(i) !== (i % 5 === 0 ? -1 : i % 11) || log.sizeAt(i) !== 100) {
        throw new Error(`record ${i} did not read back`);
      }
    }
  });

  it('keeps create times that are not whole microseconds or are out of order', () => {
    const log = newLog();
    log.append(5.5, 0, 0, 1, 10);
    log.append(2.25, 1, 0, 1, 11);
    expect([log.createTimeAt(0), log.createTimeAt(1)]).toEqual([5.5, 2.25]);
  });

  it('stores sizes that vary within a chunk, including after a run of equal ones', () => {
    const log = newLog();
    const sizes: number[] = [];
    // Chunk 0: equal sizes, then they start to vary. Chunk 1: varies from its second record.
    // Chunk 2: all equal again (a chunk of its own, with its own constant). Chunk 3: partly filled.
    for (let i = 0; i < CHUNK_RECORDS; i++) sizes.push(i < 1000 ? 64 : (i * 37) % 500);
    for (let i = 0; i < CHUNK_RECORDS; i++) sizes.push(i === 0 ? 7 : 8 + (i % 3));
    for (let i = 0; i < CHUNK_RECORDS; i++) sizes.push(300);
    for (let i = 0; i < 100; i++) sizes.push(i % 2 === 0 ? 0 : 70_000);
    sizes.forEach((size, i) => log.append(i, i, 0, size, i));
    const wrong = sizes.map((size, i) => (log.sizeAt(i) === size ? -1 : i)).filter((i) => i >= 0);
    expect(wrong).toEqual([]);
    expect(log.bytes).toBe(sizes.reduce((a, b) => a + b, 0));
  });
});

describe('PartitionLog segments', () => {
  it('rolls a new segment when the next record would take it over segmentBytes', () => {
    const log = newLog({ segmentBytes: 1000 });
    fill(log, 95, { size: 100 });
    expect(segmentBases(log)).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90]);
    expect(log.segments.slice(0, -1).every((s) => s.bytes === 1000)).toBe(true);
    expect(log.segments.at(-1)!.bytes).toBe(500);
  });

  it('rolls by bytes with uneven sizes, never over segmentBytes unless one record is bigger', () => {
    const log = newLog({ segmentBytes: 1000 });
    const sizes = [400, 400, 300, 999, 1, 1500, 10, 990, 1];
    sizes.forEach((size, i) => log.append(i, i, 0, size, i));
    expect(log.segments.map((s) => s.bytes)).toEqual([800, 300, 1000, 1500, 1000, 1]);
    expect(segmentBases(log)).toEqual([0, 2, 3, 5, 6, 8]);
  });

  it('rolls a new segment once the first record of the active one was appended segmentTime ago', () => {
    const log = newLog({ segmentTime: 1 * SECOND });
    // One record every 300 ms: segments of 4 records (0, 300, 600, 900 ms; 1200 ms rolls).
    fill(log, 20, { gapUs: 300_000 });
    expect(segmentBases(log)).toEqual([0, 4, 8, 12, 16]);
    expect(log.segments.map((s) => s.firstAppendTime)).toEqual([0, 1.2, 2.4, 3.6, 4.8].map((s) => Math.round(s * SECOND)));
  });

  it('tracks the largest create time in each segment', () => {
    const log = newLog({ segmentBytes: 300 });
    const createTimes = [5, 9, 7, 20, 11, 15];
    createTimes.forEach((t, i) => log.append(t, i, 0, 100, 100 + i));
    expect(log.segments.map((s) => s.maxTimestamp)).toEqual([9, 20]);
  });
});

describe('PartitionLog retention', () => {
  it('by time deletes whole segments whose newest record is older than retention, never younger records', () => {
    const log = newLog({ segmentBytes: 1000, retention: 2 * SECOND });
    // 100 records a second for 10 s, 10 to a segment.
    fill(log, 1000, { gapUs: 10_000 });
    for (const now of [2_500_000, 3_000_000, 4_050_000, 7_777_777, 10_000_000, 11_500_000]) {
      const start = log.applyRetention(now);
      expect(start).toBe(log.logStartOffset);
      expect(segmentBases(log)).toContain(start);
      // Record o was created at o * 10 ms: every one younger than retention is still there...
      const firstYoung = Math.ceil((now - 2 * SECOND) / 10_000);
      expect(start).toBeLessThanOrEqual(firstYoung);
      // ... and the first segment left holds one of them (or the log is empty).
      if (log.bytes > 0) expect(log.segments[0].maxTimestamp).toBeGreaterThanOrEqual(now - 2 * SECOND);
      else expect(start).toBe(log.logEndOffset);
    }
  });

  it('by time keeps a segment while any of its records is young enough', () => {
    const log = newLog({ segmentBytes: 1000, retention: 1 * SECOND });
    fill(log, 30, { gapUs: 100_000 }); // segments [0, 0.9 s], [1, 1.9 s], [2, 2.9 s]
    expect(log.applyRetention(1_900_000)).toBe(0); // 0.9 s is exactly retention old: kept
    expect(log.applyRetention(1_900_001)).toBe(10);
    expect(log.applyRetention(2_900_001)).toBe(20);
    expect(log.bytes).toBe(1000);
  });

  it('by time deletes the active segment too once it has expired, and appends continue after it', () => {
    const log = newLog({ retention: 1 * SECOND });
    fill(log, 50, { gapUs: 1000 });
    expect(log.applyRetention(10 * SECOND)).toBe(50);
    expect(log.logEndOffset).toBe(50);
    expect(log.bytes).toBe(0);
    expect(log.offsetForTime(0)).toBe(50);
    expect(log.append(10 * SECOND, 50, 3, 100, 10 * SECOND)).toBe(50);
    expect([log.eventIdAt(50), log.keySlotAt(50), log.sizeAt(50)]).toEqual([50, 3, 100]);
    expect(segmentBases(log)).toEqual([50]);
    expect(log.applyRetention(10.5 * SECOND)).toBe(50);
  });

  it('by bytes keeps at least retentionBytes and deletes whole segments while more than that remains', () => {
    for (const retentionBytes of [0, 1, 999, 1000, 1001, 1700, 2500, 2700, 4000, 100_000]) {
      const log = newLog({ segmentBytes: 1000, retentionBytes });
      fill(log, 57, { size: 100 }); // 5 full segments and 700 bytes in the active one
      const start = log.applyRetention(1000);
      expect(segmentBases(log)).toContain(start);
      expect(log.bytes, `retentionBytes ${retentionBytes}`).toBeGreaterThanOrEqual(Math.min(retentionBytes, 5700));
      // Deleting one more (non-active) segment would go below retentionBytes.
      if (log.segments.length > 1) expect(log.bytes - log.segments[0].bytes).toBeLessThan(retentionBytes);
    }
  });

  it('by bytes never deletes the active segment', () => {
    const log = newLog({ segmentBytes: 1000, retentionBytes: 0 });
    fill(log, 57, { size: 100 });
    expect(log.applyRetention(1000)).toBe(50);
    expect(log.bytes).toBe(700);
  });

  it('deletes whole segments only: the log start is always a segment base', () => {
    const log = newLog({ segmentBytes: 777, retention: 3 * SECOND, retentionBytes: 5000 });
    const appended: { t: number; size: number }[] = [];
    let t = 0;
    for (let round = 0; round < 200; round++) {
      for (let i = 0; i < 13; i++) {
        t += 7919;
        const size = 50 + ((round * 13 + i) % 90);
        log.append(t, log.logEndOffset, 0, size, t);
        appended.push({ t, size });
      }
      const start = log.applyRetention(t);
      expect(log.segments[0].baseOffset).toBe(start);
      segmentBases(log);
      // Bytes retention stops at retentionBytes; time retention takes only records older than 3 s.
      const youngBytes = appended.filter((r) => r.t >= t - 3 * SECOND).reduce((sum, r) => sum + r.size, 0);
      expect(log.bytes).toBeGreaterThanOrEqual(Math.min(5000, youngBytes));
    }
    expect(log.logStartOffset).toBeGreaterThan(0);
  });

  it('reads records at and above the log start after deleting whole chunks', () => {
    const log = newLog({ segmentBytes: 10_000, retention: 1 * SECOND });
    fill(log, 3 * CHUNK_RECORDS, { gapUs: 1000 });
    const start = log.applyRetention(3 * CHUNK_RECORDS * 1000 + 0.5 * SECOND);
    expect(start).toBeGreaterThan(2 * CHUNK_RECORDS);
    fill(log, 100, { startUs: 3 * CHUNK_RECORDS * 1000 });
    for (let o = start; o < log.logEndOffset; o++) {
      if (log.eventIdAt(o) !== o) throw new Error(`offset ${o} reads event ${log.eventIdAt(o)}`);
    }
  });

  it('keeps deleted records from the read floor up readable, for consumers that fetched them already', () => {
    const log = newLog({ segmentBytes: 10_000, retention: 1 * SECOND });
    fill(log, 3 * CHUNK_RECORDS, { gapUs: 1000 });
    const floor = 100; // a consumer holds offsets 100 and up, in the first chunk
    const start = log.applyRetention(3 * CHUNK_RECORDS * 1000 + 2 * SECOND, floor);
    expect(start).toBe(3 * CHUNK_RECORDS);
    expect(log.bytes).toBe(0);
    for (const o of [floor, CHUNK_RECORDS - 1, CHUNK_RECORDS, 2 * CHUNK_RECORDS + 5, start - 1]) {
      expect([log.eventIdAt(o), log.createTimeAt(o), log.sizeAt(o)]).toEqual([o, o * 1000, 100]);
    }
    // Once nobody holds them, the next retention pass frees them; appends carry on.
    fill(log, 10, { startUs: 3 * CHUNK_RECORDS * 1000 + 2 * SECOND });
    expect(log.applyRetention(3 * CHUNK_RECORDS * 1000 + 2 * SECOND)).toBe(start);
    expect(log.eventIdAt(start + 9)).toBe(start + 9);
  });
});

describe('PartitionLog.offsetForTime', () => {
  it('finds the first offset created at or after a time', () => {
    const log = newLog({ segmentBytes: 500 });
    fill(log, 100, { gapUs: 1000, startUs: 1000 }); // record o created at (o + 1) ms
    expect(log.offsetForTime(0)).toBe(0);
    expect(log.offsetForTime(1000)).toBe(0);
    expect(log.offsetForTime(1001)).toBe(1);
    expect(log.offsetForTime(50_000)).toBe(49);
    expect(log.offsetForTime(100_000)).toBe(99);
    expect(log.offsetForTime(100_001)).toBe(100);
  });

  it('scans in offset order when create times are not sorted', () => {
    const log = newLog({ segmentBytes: 300 });
    [10, 50, 30, 60, 20, 70].forEach((t, i) => log.append(t, i, 0, 100, i));
    expect(log.offsetForTime(40)).toBe(1);
    expect(log.offsetForTime(55)).toBe(3);
    expect(log.offsetForTime(61)).toBe(5);
    expect(log.offsetForTime(71)).toBe(6);
  });

  it('never answers below the log start after retention', () => {
    const log = newLog({ segmentBytes: 1000, retention: 1 * SECOND });
    fill(log, 100, { gapUs: 50_000 });
    const start = log.applyRetention(4 * SECOND);
    expect(start).toBeGreaterThan(0);
    expect(log.offsetForTime(0)).toBe(start);
  });
});

describe('empty records', () => {
  it('still roll segments by time and expire by retention when every record is 0 bytes', () => {
    const log = new PartitionLog({ segmentBytes: 1000, segmentTime: 1_000_000, retention: 2_000_000 });
    for (let t = 0; t < 20_000_000; t += 10_000) log.append(t, t / 10_000, -1, 0, t);
    expect(log.segments.length).toBeGreaterThan(10);
    log.applyRetention(20_000_000);
    expect(log.logStartOffset).toBeGreaterThan(1500);
  });
});
