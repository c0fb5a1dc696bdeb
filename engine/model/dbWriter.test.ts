import { describe, expect, it } from 'vitest';
import { smallRun } from '../../test/support/smallScenario.ts';
import type { RunResult, WritesResult } from './result.ts';

/** Producer p (1000/s, evenly spaced) writing a database as `producer` says → topic t → group g; crashed at 5 s, restarted at 7 s unless `timeline` says otherwise. */
function app(producer: Record<string, unknown>, timeline?: Record<string, unknown>[], duration = '12s') {
  return smallRun({
    duration,
    producer: { rate: 1000, arrival: 'constant', dbWrite: '10ms', ...producer },
    topic: { partitions: 3 },
    group: { consumers: 1, processing: '0.1ms', initialRebalanceDelay: 0 },
    timeline: timeline ?? [
      { at: '5s', action: 'crash-producer', target: 'p' },
      { at: '7s', action: 'restart-producer', target: 'p' },
    ],
  });
}

function writes(result: RunResult): WritesResult {
  return result.producers.p.writes!;
}

describe('a producer that writes a database', () => {
  it('rolls back the transactions under way at a crash and refuses requests while down', () => {
    const w = writes(app({ writes: 'dual-write' }).runToEnd());
    // Requests every 1 ms with 10 ms transactions: those begun in the 10 ms before the crash roll back.
    expect(w.aborted).toBe(10);
    expect(w.rejected).toBe(2000);
    expect(w.conservation.holds).toBe(true);
    expect(w.requests).toBe(w.conservation.accounted);
  });

  it('db-first: loses what the producer still held at the crash: committed, never published (missing)', () => {
    // Nothing leaves the producer before the crash (linger longer than the run): all of it is missing.
    const held = writes(app({ writes: 'dual-write', linger: '1h', batchSize: 1 << 30 }, [{ at: '5s', action: 'crash-producer', target: 'p' }]).runToEnd());
    expect(held.published).toBe(0);
    expect(held.missing).toBe(held.committed);
    expect(held.committed).toBeGreaterThan(4900);
    const run = app({ writes: 'dual-write', linger: '20ms' });
    const result = run.runToEnd();
    const w = writes(result);
    expect(w.missing).toBeGreaterThan(0);
    expect(w.phantom).toBe(0);
    // The topic has the published events once each, and perhaps some whose acknowledgement is still on its way.
    expect(result.produced - w.published).toBeGreaterThanOrEqual(0);
    expect(result.produced - w.published).toBeLessThanOrEqual(w.underWay.publishing);
    expect(w.committed).toBe(w.published + w.missing + w.underWay.publishing);
    expect(w.conservation.holds).toBe(true);
  });

  it('db-first without a crash misses nothing', () => {
    const w = writes(app({ writes: 'dual-write' }, []).runToEnd());
    expect([w.missing, w.phantom, w.aborted, w.rejected, w.duplicates]).toEqual([0, 0, 0, 0, 0]);
    expect(w.committed).toBe(w.published + w.underWay.publishing);
  });

  it('publish-first: an acknowledged event whose transaction a crash interrupts is in the log and not in the database (phantom)', () => {
    // Transactions longer than the run: every acknowledged event is still waiting for its commit at the crash.
    const waiting = writes(app({ writes: 'dual-write', order: 'publish-first', dbWrite: '1h' }, [{ at: '5s', action: 'crash-producer', target: 'p' }]).runToEnd());
    expect(waiting.committed).toBe(0);
    expect(waiting.phantom).toBe(waiting.published);
    expect(waiting.published).toBeGreaterThan(4900);
    const result = app({ writes: 'dual-write', order: 'publish-first' }).runToEnd();
    const w = writes(result);
    expect(w.phantom).toBeGreaterThan(0);
    expect(w.missing).toBe(0);
    // In the log: the published events, and perhaps some whose acknowledgement is still on its way.
    expect(result.produced - w.published).toBeGreaterThanOrEqual(0);
    expect(result.produced - w.published).toBeLessThanOrEqual(w.underWay.publishing);
    expect(w.published).toBe(w.committed + w.phantom + w.underWay.inTransaction);
    expect(w.conservation.holds).toBe(true);
  });

  it('outbox: loses nothing across a crash; the relay adds its polling delay', () => {
    const relayInterval = 100_000;
    const run = app({ writes: 'outbox', relayInterval: '100ms', relayBatch: 1000, linger: '0ms', dbWrite: '2ms' });
    const result = run.runToEnd();
    const w = writes(result);
    expect([w.missing, w.phantom]).toEqual([0, 0]);
    expect(w.committed).toBe(w.published + w.underWay.inOutbox - w.underWay.inOutboxPublished);
    expect(w.conservation.holds).toBe(true);
    // A row waits for the next poll (up to one interval and the relay's own round), then its publish.
    expect(w.relayDelayMs!.mean).toBeGreaterThan((0.4 * relayInterval) / 1000);
    expect(w.relayDelayMs!.p99).toBeLessThan((relayInterval + 20_000) / 1000);
    expect(w.outboxDepth!.max).toBeGreaterThan(50);
    // The same events through a dual write reach the group sooner by about the relay's delay.
    const direct = app({ writes: 'dual-write', linger: '0ms', dbWrite: '2ms' }, []).runToEnd();
    const later = result.groups.g.latencyMs.p50 - direct.groups.g.latencyMs.p50;
    expect(later).toBeGreaterThan(0.3 * (relayInterval / 1000));
    expect(later).toBeLessThan(1.2 * (relayInterval / 1000));
  });

  it('outbox: a crash between a publish and the row’s delete publishes the event again, and consumers see it twice', () => {
    // Every poll sends its rows at once and deletes each 50 ms after its acknowledgement: a crash
    // then always finds rows published and not deleted.
    const result = app({ writes: 'outbox', relayInterval: '10ms', relayBatch: 1000, linger: '0ms', dbWrite: '50ms' }).runToEnd();
    const w = writes(result);
    expect(w.duplicates).toBeGreaterThan(0);
    expect(w.missing).toBe(0);
    expect(result.produced).toBe(w.published + w.duplicates);
    expect(result.groups.g.duplicates).toBe(w.duplicates);
    expect(w.conservation.holds).toBe(true);
  });

  it('gives the same result stepped in slices as in one run', () => {
    for (const producer of [{ writes: 'outbox', dbWrite: '50ms', relayInterval: '30ms' }, { writes: 'dual-write', order: 'publish-first' }]) {
      const whole = JSON.stringify(app(producer).runToEnd());
      const sliced = app(producer);
      for (let t = 0; t <= 12_000_000; t += 777_777) sliced.runUntil(t);
      expect(JSON.stringify(sliced.runToEnd())).toBe(whole);
    }
  });
});
