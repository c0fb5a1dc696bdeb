import { describe, expect, it } from 'vitest';
import { makeScenario, runSketch, type ComponentInput, type ScenarioSketch } from '../../test/support/scenario.ts';
import { loadScenario } from '../scenario/load.ts';
import { liveView } from './live.ts';
import type { Processor } from './processor.ts';
import { ScenarioRun } from './run.ts';
import { WindowStore } from './windows.ts';

type ProcessorInput = Extract<ComponentInput, { kind: 'processor' }>;

const S = 1_000_000;

/** A store of `size`-second windows advancing by `advance` seconds with `grace` seconds of grace; times in seconds. */
function store(size: number, grace: number, advance = size) {
  const closed: { start: number; key: number; count: number }[] = [];
  const windows = new WindowStore({ sizeUs: size * S, advanceUs: advance * S, graceUs: grace * S });
  const add = (seconds: number, key = 1) => ({ ...windows.add(seconds * S, key, (start, _end, k, count) => closed.push({ start: start / S, key: k, count })) });
  return { windows, closed, add };
}

/** clicks (constant `rate`/s over `keys` keys) → topic clicks (2 partitions) → processor counts → topic out → group dashboard. */
function pipeline(processor: Partial<ProcessorInput>, extra: Partial<ScenarioSketch> & { rate?: number; keys?: number } = {}): ScenarioSketch {
  const { rate = 100, keys = 5, ...rest } = extra;
  return {
    duration: '5m',
    components: [
      { id: 'clicks-api', kind: 'producer', arrival: 'constant', rate, keys: { dist: 'uniform', count: keys } },
      { id: 'clicks', kind: 'topic', partitions: 2 },
      { id: 'counts', kind: 'processor', consumers: 2, windowSize: '10s', initialRebalanceDelay: '0s', ...processor },
      { id: 'out', kind: 'topic', partitions: 2 },
      { id: 'dashboard', kind: 'consumer-group', consumers: 1, initialRebalanceDelay: '0s' },
    ],
    connections: [
      { from: 'clicks-api', to: 'clicks' },
      { from: 'clicks', to: 'counts' },
      { from: 'counts', to: 'out' },
      { from: 'out', to: 'dashboard' },
    ],
    ...rest,
  };
}

const processorOf = (run: ScenarioRun, id = 'counts'): Processor => run.processors.find((p) => p.id === id)!;

describe('event-time windows (one task)', () => {
  it('closes a tumbling window exactly when stream time reaches its end plus the grace period', () => {
    const { windows, closed, add } = store(10, 3);
    add(4);
    add(12.999999); // stream time 12.999999: the window [0, 10) closes at 13
    expect(closed).toEqual([]);
    expect(windows.openWindows).toBe(2);
    add(13);
    expect(closed).toEqual([{ start: 0, key: 1, count: 1 }]);
    expect(windows.openWindows).toBe(1);
  });

  it('takes a record for an open window during the grace period, and drops one for a closed window', () => {
    const { closed, add } = store(10, 3);
    add(1);
    add(12); // stream time 12: [0, 10) is in its grace period
    expect(add(9)).toEqual({ counted: 1, skipped: 0 });
    add(13); // closes [0, 10) with 1 and 9
    expect(closed).toEqual([{ start: 0, key: 1, count: 2 }]);
    expect(add(9.5)).toEqual({ counted: 0, skipped: 1 });
  });

  it('counts late records exactly in an out-of-order sequence', () => {
    const { closed, add } = store(10, 2);
    const late = [1, 5, 11, 9, 12, 8, 7, 19, 21, 22, 15].filter((t) => add(t).counted === 0);
    // 8 and 7 arrive after stream time 12 closed [0, 10) at 12; 15 after stream time 22 closed [10, 20).
    expect(late).toEqual([8, 7, 15]);
    expect(closed).toEqual([
      { start: 0, key: 1, count: 3 },
      { start: 10, key: 1, count: 3 },
    ]);
  });

  it('counts a record in every hopping window that holds it: size / advance of them', () => {
    const { windows, add } = store(60, 0, 10);
    expect(add(125)).toEqual({ counted: 6, skipped: 0 });
    for (const start of [70, 80, 90, 100, 110, 120]) expect(windows.countOf(start * S, 1)).toBe(1);
    expect(windows.countOf(60 * S, 1)).toBe(0);
    expect(windows.countOf(130 * S, 1)).toBe(0);
    // Stream time 185: windows ending at or before 185 have closed, so a record at 126 misses the
    // first three of its six windows ([70, 130), [80, 140), [90, 150)... end at 130, 140, ...).
    add(185);
    expect(add(126)).toEqual({ counted: 0, skipped: 6 });
    expect(add(140)).toEqual({ counted: 2, skipped: 4 });
  });

  it('keeps one count per key per window, and hands keys on in key order', () => {
    const { windows, closed, add } = store(10, 0);
    add(1, 7);
    add(2, 3);
    add(3, 7);
    expect(windows.entries).toBe(2);
    add(10, 5);
    expect(closed).toEqual([
      { start: 0, key: 3, count: 1 },
      { start: 0, key: 7, count: 2 },
    ]);
    expect(windows.entries).toBe(1);
  });
});

describe('processor', () => {
  it('counts exactly rate × window size per window for one key at a constant rate', () => {
    const run = new ScenarioRun(makeScenario(pipeline({ grace: '0s' }, { rate: 20, keys: 1 })));
    const counts: number[] = [];
    processorOf(run).onWindowClosed = (_start, _end, _key, count) => counts.push(count);
    const result = run.runToEnd();
    // 5 minutes of 10 s windows: the last one is still open at the end.
    expect(counts).toHaveLength(29);
    expect(new Set(counts)).toEqual(new Set([200]));
    expect(result.processors!.counts.windowsClosed).toBe(29);
    expect(result.processors!.counts.lateRecords).toBe(0);
  });

  it('counts each record in size / advance hopping windows', () => {
    const { run, result } = runSketch(pipeline({ window: 'hopping', windowSize: '10s', advance: '2s', grace: '5s' }));
    const p = result.processors!.counts;
    expect(p.lateRecords).toBe(0);
    expect(p.lateWindowUpdates).toBe(0);
    // Windows start at 0, 2, 4 s...: a record at t is in min(5, floor(t / 2 s) + 1) of them (none starts before 0).
    let expected = 0;
    for (const log of run.topics.get('clicks')!.logs) for (let o = 0; o < log.logEndOffset; o++) expected += Math.min(5, Math.floor(log.createTimeAt(o) / (2 * S)) + 1);
    expect(processorOf(run).stats.windowUpdates).toBe(expected);
    // A window starting at s closes once stream time reaches s + 15 s: by the end (stream time just
    // under 300 s) those starting at 0 to 284 s, 143 windows for each of the 5 keys.
    expect(p.windowsClosed).toBe(5 * 143);
  });

  it('writes one aggregate per key per closed window, stamped with the window end, so the group downstream measures from it', () => {
    const run = new ScenarioRun(makeScenario(pipeline({ grace: '2s' })));
    const result = run.runToEnd();
    const p = result.processors!.counts;
    const out = run.topics.get('out')!;
    const written = out.logs.reduce((n, log) => n + log.logEndOffset, 0);
    expect(p.emitted).toBe(p.windowsClosed);
    expect(written).toBe(p.emitted);
    for (const log of out.logs) for (let o = 0; o < log.logEndOffset; o++) expect(log.createTimeAt(o) % (10 * S)).toBe(0);
    // A window's aggregate leaves once stream time passes its end + grace: at least 2 s after it ends.
    expect(p.outputLatencyMs.p50).toBeGreaterThanOrEqual(2000);
    expect(result.groups.dashboard.processed).toBe(p.emitted);
    expect(result.groups.dashboard.latencyMs.p50).toBeGreaterThan(p.outputLatencyMs.p50);
  });

  it('keeps its state bounded, and keeps the last windows while no records arrive (stream time stands still)', () => {
    const sketch = pipeline({ grace: '10s', eventDelay: { dist: 'exponential', mean: '1s' } }, { keys: 8, timeline: [{ at: '2m', action: 'set-rate', target: 'clicks-api', rate: 0 }, { at: '4m', action: 'set-rate', target: 'clicks-api', rate: 100 }] });
    const run = new ScenarioRun(makeScenario(sketch));
    run.runUntil(119 * S);
    const p = processorOf(run);
    // Tumbling 10 s windows with 10 s of grace: a key has at most the current window and the one in its grace period.
    expect(p.stateEntriesMax).toBeLessThanOrEqual(8 * 2);
    run.runUntil(230 * S);
    const quiet = p.stateEntries;
    const closed = p.stats.windowsClosed;
    expect(quiet).toBeGreaterThan(0);
    // Nothing closes in the pause, however long: only a record can move stream time (as in Kafka Streams).
    run.runUntil(239 * S);
    expect(p.stats.windowsClosed).toBe(closed);
    expect(p.stateEntries).toBe(quiet);
    const result = run.runToEnd();
    expect(result.processors!.counts.windowsClosed).toBeGreaterThan(closed);
    expect(result.processors!.counts.stateEntries.max).toBeLessThanOrEqual(8 * 2);
    const series = run.sampler.series.processors!.counts.stateEntries;
    expect(Math.max(...series)).toBe(result.processors!.counts.stateEntries.max);
  });

  it('accounts every record: in = aggregated + late + keyless, window updates = closed counts + open counts', () => {
    const { run, result } = runSketch(
      pipeline({ window: 'hopping', advance: '5s', grace: '1s', eventDelay: { dist: 'exponential', mean: '2s' } }, {
        timeline: [{ at: '90s', action: 'crash-consumer', target: 'counts', member: 0 }],
      }),
    );
    const p = result.processors!.counts;
    expect(p.lateRecords).toBeGreaterThan(0);
    expect(p.lateWindowUpdates).toBeGreaterThan(p.lateRecords);
    expect(p.conservation.holds).toBe(true);
    expect(p.recordsIn).toBe(p.recordsAggregated + p.lateRecords + p.keylessDropped);
    const g = result.groups.counts;
    // At-least-once: records re-delivered after the crash are counted again, as Kafka Streams does without exactly-once.
    expect(g.duplicates).toBeGreaterThan(0);
    expect(p.recordsIn).toBe(g.processed + g.duplicates);
    expect(g.conservation.holds).toBe(true);
    const openCounts = processorOf(run).stores.reduce((n, s) => n + s.openCountTotal(), 0);
    expect(processorOf(run).stats.windowUpdates).toBe(processorOf(run).stats.closedCounts + openCounts);
  });

  it('applies a re-delivered event once when idempotent (exactly-once)', () => {
    const { result } = runSketch(pipeline({ delivery: 'idempotent' }, { timeline: [{ at: '90s', action: 'crash-consumer', target: 'counts', member: 0 }] }));
    const g = result.groups.counts;
    expect(g.redelivered).toBeGreaterThan(0);
    expect(result.processors!.counts.recordsIn).toBe(g.processed);
  });

  it('drops keyless records, as Kafka Streams aggregations do', () => {
    const sketch = pipeline({});
    (sketch.components[0] as Extract<ComponentInput, { kind: 'producer' }>).keys = { dist: 'none' };
    const p = runSketch(sketch).result.processors!.counts;
    expect(p.keylessDropped).toBe(p.recordsIn);
    expect(p.windowsClosed).toBe(0);
  });

  it('gives an event the same event time in every processor, so variants see the same lateness', () => {
    const sketch = pipeline({ grace: '0s', eventDelay: { dist: 'lognormal', median: '500ms', p99: '20s' } });
    sketch.components.push({ id: 'twin', kind: 'processor', consumers: 1, windowSize: '10s', eventDelay: { dist: 'lognormal', median: '500ms', p99: '20s' } });
    sketch.connections!.push({ from: 'clicks', to: 'twin' });
    const run = new ScenarioRun(makeScenario(sketch));
    run.runToEnd();
    const [a, b] = [processorOf(run), processorOf(run, 'twin')];
    const gps = run.groups.find((g) => g.id === 'counts')!.partitions;
    let delayed = 0;
    for (const gp of gps) {
      for (let o = 0; o < gp.log.logEndOffset; o += 7) {
        const t = a.eventTimeOf(gp, o);
        expect(b.eventTimeOf(gp, o)).toBe(t);
        expect(a.eventTimeOf(gp, o)).toBe(t); // and the same again: drawn from the event id, not a stream
        if (t < gp.log.createTimeAt(o)) delayed++;
      }
    }
    expect(delayed).toBeGreaterThan(0);
    expect(b.stats.lateRecords).toBe(a.stats.lateRecords);
  });

  it('drops about (mean delay / window) × e^(-grace / mean delay) of records with exponential event delays, never more', () => {
    const mean = 2;
    for (const grace of [0, 2, 5]) {
      const sketch = pipeline({ windowSize: '30s', grace: `${grace}s`, eventDelay: { dist: 'exponential', mean: `${mean}s` } }, { rate: 200 });
      const p = runSketch(sketch).result.processors!.counts;
      // A record is late when its delay exceeds grace plus the rest of its window: averaged over
      // the window, (mean / size) e^(-grace / mean). Stream time trails the clock a little, so fewer are.
      const bound = (mean / 30) * Math.exp(-grace / mean);
      const fraction = p.lateRecords / p.recordsIn;
      expect(fraction, `grace ${grace}s`).toBeLessThanOrEqual(bound * 1.05);
      expect(fraction, `grace ${grace}s`).toBeGreaterThan(bound * 0.6);
    }
  }, 30_000);

  it('gives the same result stepped in slices as run in one go', () => {
    const sketch = pipeline({ window: 'hopping', advance: '5s', grace: '3s', eventDelay: { dist: 'normal', mean: '1s', stddev: '2s' } }, { timeline: [{ at: '100s', action: 'crash-consumer', target: 'counts', member: 1 }] });
    const whole = runSketch(sketch).result;
    const stepped = new ScenarioRun(makeScenario(sketch));
    for (const stop of [1, 7_777_777, 60 * S, 60 * S + 1, 123_456_789, 200 * S]) stepped.runUntil(stop);
    expect(JSON.stringify(stepped.runToEnd())).toBe(JSON.stringify(whole));
  });

  it('shows its windows, state and late records in the live view', () => {
    const run = new ScenarioRun(makeScenario(pipeline({ grace: '0s', eventDelay: { dist: 'exponential', mean: '2s' } })));
    run.runUntil(60 * S);
    const live = liveView(run).processors!.counts;
    expect(live.openWindows).toBeGreaterThan(0);
    expect(live.stateEntries).toBe(processorOf(run).stateEntries);
    expect(live.lateRecords).toBe(processorOf(run).stats.lateRecords);
    expect(live.streamTimeLagMs).toBeGreaterThanOrEqual(0);
    expect(liveView(run).groups.counts.members).toHaveLength(2);
  });
});

describe('processor settings', () => {
  const problems = (processor: Partial<ProcessorInput>) => {
    const loaded = loadScenario({ version: 1, ...pipeline(processor) });
    return loaded.ok ? [] : loaded.problems;
  };

  it('asks hopping windows for an advance no longer than the window', () => {
    expect(problems({ window: 'hopping' })).toEqual(['components[2].advance: hopping windows need an advance (the time between window starts), such as "10s"']);
    expect(problems({ window: 'hopping', advance: '20s' })).toEqual([
      'components[2].advance: must be at most windowSize (10s), got 20s; windows further apart than their length would miss records',
    ]);
    expect(problems({ window: 'tumbling', advance: '5s' })).toEqual(['components[2].advance: tumbling windows advance by their size; remove advance, or set "window": "hopping"']);
    expect(problems({ windowSize: '0s' })).toContain('components[2].windowSize: must be above 0');
  });

  it('takes the group timeline actions and is found under groups and processors in expectations', () => {
    const sketch = pipeline({}, { timeline: [{ at: '10s', action: 'add-consumer', target: 'counts' }], expect: [{ metric: 'groups.counts.lost', op: '==', value: 0 }, { metric: 'processors.counts.lateRecords', op: '==', value: 0 }, { metric: 'processors.dashboard.lateRecords', op: '==', value: 0 }] });
    const loaded = loadScenario({ version: 1, ...sketch });
    expect(loaded.ok ? [] : loaded.problems).toEqual(['expect[2].metric: no processor has the id "dashboard"']);
  });
});
