import { describe, expect, it } from 'vitest';
import { smallRun } from '../../test/support/smallScenario.ts';
import { CHUNK_RECORDS, PartitionLog } from './log.ts';
import { SchemaHistory } from './schemaVersions.ts';

const BIG = { segmentBytes: 1 << 30, segmentTime: 1e15, retention: 1e15 };

/** Producer p at 100/s (constant) moves to version 2 at 10 s with `compatibility`; group g (one member) declares `schema`. */
function deploy(compatibility: string, schema: Record<string, unknown>, extra: { group?: Record<string, unknown>; timeline?: Record<string, unknown>[]; components?: Record<string, unknown>[] } = {}) {
  return smallRun({
    duration: '30s',
    producer: { rate: 100, arrival: 'constant' },
    topic: { partitions: 1 },
    group: { consumers: 1, processing: '1ms', initialRebalanceDelay: 0, retryBackoff: '100ms', commit: 'poll', schema, ...extra.group },
    components: extra.components,
    timeline: [{ at: '10s', action: 'set-schema', target: 'p', version: 2, compatibility }, ...(extra.timeline ?? [])],
  });
}

describe('schema versions', () => {
  it('reads the same version always, and across a change only in the direction the rule and the change both allow', () => {
    const h = new SchemaHistory();
    h.change(1, 2, 'backward');
    h.change(2, 3, 'full');
    // A newer reader, older records: backward.
    expect(h.readable(1, 2, 'backward')).toBe(true);
    expect(h.readable(1, 3, 'backward')).toBe(true);
    expect(h.readable(1, 2, 'forward')).toBe(false);
    expect(h.readable(1, 2, 'none')).toBe(false);
    // An older reader, newer records: forward, which the backward-only change 1 -> 2 does not give.
    expect(h.readable(2, 1, 'full')).toBe(false);
    expect(h.readable(3, 2, 'forward')).toBe(true);
    expect(h.readable(3, 1, 'full')).toBe(false);
    expect(h.readable(2, 2, 'none')).toBe(true);
    // An undeclared version is not known to be compatible with anything but itself.
    expect(h.readable(4, 3, 'full')).toBe(false);
    // A rollback to an older version is not a change: the history keeps what it knew.
    h.change(3, 1, 'none');
    expect(h.readable(1, 3, 'backward')).toBe(true);
  });

  it('stores a version per record only in chunks where versions differ', () => {
    const log = new PartitionLog(BIG);
    for (let i = 0; i < CHUNK_RECORDS + 10; i++) log.append(i, i, 0, 100, i, i < 5 ? 1 : 2);
    expect([log.versionAt(0), log.versionAt(4), log.versionAt(5), log.versionAt(CHUNK_RECORDS + 3)]).toEqual([1, 1, 2, 2]);
    const chunks = (log as unknown as { chunks: { versions: Uint16Array | null; versionConst: number }[] }).chunks;
    // The chunk holding the change has a column; the next one, all version 2, only a constant.
    expect(chunks[0].versions).not.toBeNull();
    expect(chunks[1].versions).toBeNull();
    expect(chunks[1].versionConst).toBe(2);
  });

  it('writes each record with the version the producer had when it was created, drawn-ahead records included', () => {
    const run = deploy('backward', { reads: 2 }, { timeline: [] });
    run.runToEnd();
    const log = run.topics.get('t')!.logs[0];
    for (let offset = 0; offset < log.logEndOffset; offset++) {
      expect(log.versionAt(offset)).toBe(log.createTimeAt(offset) < 10_000_000 ? 1 : 2);
    }
  });

  it('stalls a group that cannot read the new version until it deploys a reader for it, then catches up', () => {
    const run = deploy('backward', { reads: 1, rule: 'backward', onFailure: 'stall' }, { timeline: [{ at: '20s', action: 'set-reader-schema', target: 'g', version: 2 }] });
    const result = run.runToEnd();
    const g = result.groups.g;
    const log = run.topics.get('t')!.logs[0];
    let first = 0;
    while (log.versionAt(first) === 1) first++;
    // The first version-2 record fails after linger (5 ms), the network (1 ms), the fetch (1 ms) and
    // its processing (1 ms); then every 100 ms of backoff plus 1 ms of processing until the reader
    // moves to version 2 at 20 s, each failure scheduling one retry.
    const failedAt = log.createTimeAt(first) + 8_000;
    expect(g.schemaFailures).toBe(1);
    expect(g.retries).toBe(Math.floor((20_000_000 - failedAt) / 101_000) + 1);
    expect(g.deadLettered).toBe(0);
    expect(g.lag.max).toBeGreaterThanOrEqual(990);
    expect(g.lag.final).toBeLessThan(10);
    expect(g.processed).toBe(result.produced);
    expect(g.readerVersion).toBe(2);
    expect(g.conservation.holds).toBe(true);
  });

  it('dead-letters every unreadable record at once, to the dead-letter topic, keeping its version', () => {
    const run = deploy('backward', { reads: 1, rule: 'full', onFailure: 'dead-letter' }, { group: { deadLetterTopic: 'dlt' }, components: [{ id: 'dlt', kind: 'topic', partitions: 1 }] });
    const result = run.runToEnd();
    const g = result.groups.g;
    const v2 = countVersions(run.topics.get('t')!.logs[0])[2];
    expect(v2).toBeGreaterThan(1990);
    expect(g.schemaFailures).toBe(v2);
    expect(g.deadLettered).toBe(v2);
    expect(g.retries).toBe(0);
    expect(g.processed).toBe(result.produced - v2);
    expect(countVersions(run.topics.get('dlt')!.logs[0])).toEqual({ 2: v2 });
    expect(g.lag.max).toBeLessThan(50);
    expect(g.conservation.holds).toBe(true);
  });

  it('retries an unreadable record the group’s retries, then dead-letters it; or skips it', () => {
    const retry = deploy('none', { reads: 1, rule: 'full', onFailure: 'retry' }, { group: { retries: 2 } }).runToEnd().groups.g;
    // Two retries each; the last one failing may still be retrying when the run ends.
    expect(retry.schemaFailures! - retry.deadLettered).toBeLessThanOrEqual(1);
    expect(retry.retries - 2 * retry.deadLettered).toBeGreaterThanOrEqual(0);
    expect(retry.retries - 2 * retry.deadLettered).toBeLessThanOrEqual(2);
    expect(retry.deadLettered).toBeGreaterThan(50);
    const skip = deploy('none', { reads: 1, rule: 'full', onFailure: 'skip' }).runToEnd().groups.g;
    expect(skip.schemaSkipped).toBe(skip.schemaFailures);
    expect(skip.schemaFailures).toBeGreaterThan(1990);
    expect(skip.processed + skip.schemaSkipped!).toBe(skip.conservation.handled);
    expect(skip.deadLettered).toBe(0);
    expect(skip.conservation.holds).toBe(true);
  });

  it('lets a group read newer records when the change is forward compatible and its rule allows forward', () => {
    expect(deploy('forward', { reads: 1, rule: 'forward' }).runToEnd().groups.g.schemaFailures).toBe(0);
    expect(deploy('forward', { reads: 1, rule: 'backward' }).runToEnd().groups.g.schemaFailures).toBe(1);
    // A group built for version 2 before it exists reads version 1 records under backward.
    expect(deploy('full', { reads: 2, rule: 'backward' }).runToEnd().groups.g.schemaFailures).toBe(0);
    // A group without `schema` reads everything.
    const plain = smallRun({ duration: '30s', timeline: [{ at: '10s', action: 'set-schema', target: 'p', version: 2, compatibility: 'none' }] }).runToEnd();
    expect(plain.groups.g.schemaFailures).toBe(0);
    expect(plain.producers.p.schemaVersion).toBe(2);
  });

  it('gives the same result stepped in slices as in one run', () => {
    const whole = JSON.stringify(deploy('backward', { reads: 1, onFailure: 'stall' }, { timeline: [{ at: '20s', action: 'set-reader-schema', target: 'g', version: 2 }] }).runToEnd());
    const sliced = deploy('backward', { reads: 1, onFailure: 'stall' }, { timeline: [{ at: '20s', action: 'set-reader-schema', target: 'g', version: 2 }] });
    for (let t = 0; t <= 30_000_000; t += 1_234_567) sliced.runUntil(t);
    expect(JSON.stringify(sliced.runToEnd())).toBe(whole);
  });
});

function countVersions(log: PartitionLog): Record<number, number> {
  const counts: Record<number, number> = {};
  for (let offset = log.logStartOffset; offset < log.logEndOffset; offset++) counts[log.versionAt(offset)] = (counts[log.versionAt(offset)] ?? 0) + 1;
  return counts;
}
