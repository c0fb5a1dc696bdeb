import { afterEach, describe, expect, it, vi } from 'vitest';
import { liveView } from '../../engine/model/live.ts';
import { runScenario, ScenarioRun } from '../../engine/model/run.ts';
import { loadScenario } from '../../engine/scenario/load.ts';
import { appendSeries, emptySeries } from '../run/series.ts';
import { fakeHost } from './fakeHost.ts';
import { TICK_BUDGET_MS } from './runner.ts';

/** A small scenario in the file format: 60 s, samples every second. */
function scenarioDoc(extra: Record<string, unknown> = {}) {
  return {
    version: 1,
    seed: 3,
    duration: '60s',
    components: [
      { id: 'p', kind: 'producer', rate: 200 },
      { id: 't', kind: 'topic', partitions: 6 },
      { id: 'g', kind: 'consumer-group', consumers: 3, processing: '1ms', sessionTimeout: '6s' },
    ],
    connections: [
      { from: 'p', to: 't' },
      { from: 't', to: 'g' },
    ],
    ...extra,
  };
}

describe('Runner', () => {
  afterEach(() => vi.restoreAllMocks());

  it('answers a load with the run it built and a first update at time 0', () => {
    const host = fakeHost();
    host.runner.handle({ type: 'load', scenario: scenarioDoc() });
    expect(host.posted[0]).toEqual({ type: 'loaded', ok: true, durationMs: 60_000, sampleIntervalMs: 1000, seed: 3 });
    expect(host.last()).toMatchObject({ simulatedMs: 0, progress: 0, finished: false, running: false, stopped: null });
    expect(host.last().live.topics.t.partitions).toHaveLength(6);
  });

  it("refuses an invalid scenario with the validator's lines", () => {
    const host = fakeHost();
    host.runner.handle({ type: 'load', scenario: { ...scenarioDoc(), connections: [{ from: 'p', to: 'nowhere' }] } });
    const loaded = host.posted[0];
    expect(loaded).toMatchObject({ type: 'loaded', ok: false });
    expect(loaded.type === 'loaded' && !loaded.ok && loaded.problems.some((p) => p.includes('nowhere'))).toBe(true);
    host.runner.handle({ type: 'run' });
    host.elapse(1000);
    expect(host.posted).toHaveLength(1);
  });

  it('keeps simulated time in step with the wall clock at 1x, posting about 20 updates a second', () => {
    const host = fakeHost();
    host.runner.handle({ type: 'load', scenario: scenarioDoc() });
    const before = host.updates().length;
    host.runner.handle({ type: 'run' });
    host.elapse(2000);
    expect(host.last().simulatedMs).toBeGreaterThan(1900);
    expect(host.last().simulatedMs).toBeLessThanOrEqual(2000);
    expect(host.last().running).toBe(true);
    expect(host.updates().length - before).toBeGreaterThanOrEqual(38);
    expect(host.updates().length - before).toBeLessThanOrEqual(42);
  });

  it('runs ten simulated seconds per wall second at 10x', () => {
    const host = fakeHost();
    host.runner.handle({ type: 'load', scenario: scenarioDoc() });
    host.runner.handle({ type: 'speed', factor: 10 });
    host.runner.handle({ type: 'run' });
    host.elapse(1000);
    expect(host.last().simulatedMs).toBeGreaterThan(9500);
    expect(host.last().simulatedMs).toBeLessThanOrEqual(10_000);
  });

  it('runs to the end at max speed and posts the same result as a run in one go', () => {
    const host = fakeHost();
    host.runner.handle({ type: 'load', scenario: scenarioDoc(), seed: 11 });
    host.runner.handle({ type: 'speed', factor: 'max' });
    host.runner.handle({ type: 'run' });
    host.elapse(60_000);
    expect(host.last()).toMatchObject({ simulatedMs: 60_000, progress: 1, finished: true, running: false });
    const result = host.posted.find((m) => m.type === 'result');
    expect(result).toBeDefined();
    const loaded = loadScenario(scenarioDoc());
    if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
    const expected = runScenario(loaded.scenario, { seed: 11 });
    const { engine, ...rest } = result!.type === 'result' ? result!.result : expected;
    const { engine: expectedEngine, ...expectedRest } = expected;
    expect(rest).toEqual(expectedRest);
    expect(engine.events).toBe(expectedEngine.events);
    expect(engine.wallMs).toBeTypeOf('number');
    expect(host.posted.filter((m) => m.type === 'result')).toHaveLength(1);
  });

  it('never runs the engine longer than the tick budget in one go, however slow it is', () => {
    const host = fakeHost();
    // An engine that needs 1 ms of wall time per 4 ms simulated: the fake clock moves as it runs.
    const runUntil = ScenarioRun.prototype.runUntil;
    vi.spyOn(ScenarioRun.prototype, 'runUntil').mockImplementation(function (this: ScenarioRun, timeUs: number) {
      const from = this.sim.now;
      const stopped = runUntil.call(this, timeUs);
      host.elapseInside((this.sim.now - from) / 4000);
      return stopped;
    });
    host.runner.handle({ type: 'load', scenario: scenarioDoc() });
    host.runner.handle({ type: 'speed', factor: 'max' });
    host.runner.handle({ type: 'run' });
    host.elapse(2000);
    expect(host.ticks.length).toBeGreaterThan(10);
    for (const tick of host.ticks) expect(tick.end - tick.start).toBeLessThanOrEqual(TICK_BUDGET_MS + 10);
    // At full speed the engine runs nearly all the time: about 8 simulated seconds in 2 wall seconds.
    expect(host.last().simulatedMs).toBeGreaterThan(7500);
    expect(host.last().simulatedMs).toBeLessThan(8500);
  });

  it('stops the clock on pause and resumes it on run', () => {
    const host = fakeHost();
    host.runner.handle({ type: 'load', scenario: scenarioDoc() });
    host.runner.handle({ type: 'run' });
    host.elapse(500);
    host.runner.handle({ type: 'pause' });
    const paused = host.last();
    expect(paused.running).toBe(false);
    const count = host.posted.length;
    host.elapse(1000);
    expect(host.posted).toHaveLength(count);
    host.runner.handle({ type: 'run' });
    host.elapse(500);
    expect(host.last().simulatedMs).toBeGreaterThan(paused.simulatedMs + 400);
  });

  it('steps one sample interval at a time, paused, with one new sample each', () => {
    const host = fakeHost();
    host.runner.handle({ type: 'load', scenario: scenarioDoc() });
    host.runner.handle({ type: 'step' });
    expect(host.last()).toMatchObject({ simulatedMs: 1000, running: false });
    expect(host.last().seriesTail.timeMs).toEqual([1000]);
    host.runner.handle({ type: 'run' });
    host.elapse(300);
    host.runner.handle({ type: 'step' });
    expect(host.last()).toMatchObject({ simulatedMs: 2000, running: false });
  });

  it('sends each sample and mark once, so the page rebuilds the whole series from the tails', () => {
    const host = fakeHost();
    host.runner.handle({ type: 'load', scenario: scenarioDoc({ timeline: [{ at: '20s', action: 'add-partitions', target: 't', partitions: 2 }] }) });
    host.runner.handle({ type: 'speed', factor: 5 });
    host.runner.handle({ type: 'run' });
    host.elapse(8000);
    expect(host.last().simulatedMs).toBeGreaterThan(30_000);
    const series = emptySeries();
    for (const update of host.updates()) appendSeries(series, update.seriesTail);
    const marks = host.updates().flatMap((u) => u.marks);

    const loaded = loadScenario(scenarioDoc({ timeline: [{ at: '20s', action: 'add-partitions', target: 't', partitions: 2 }] }));
    if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
    const reference = new ScenarioRun(loaded.scenario);
    reference.runUntil(host.last().simulatedMs * 1000);
    expect(series.timeMs.length).toBeGreaterThan(30);
    expect(series).toEqual(reference.sampler.series);
    expect(series.groups.g.partitionLag).toHaveLength(8);
    expect(marks).toEqual(reference.marks);
    expect(marks.filter((m) => m.kind === 'add-partitions')).toHaveLength(1);
  });

  it('resets to time 0 of the same scenario and seed', () => {
    const host = fakeHost();
    host.runner.handle({ type: 'load', scenario: scenarioDoc(), seed: 9 });
    host.runner.handle({ type: 'run' });
    host.elapse(1500);
    host.runner.handle({ type: 'reset' });
    const count = host.posted.length;
    expect(host.posted.at(-2)).toMatchObject({ type: 'loaded', ok: true, seed: 9 });
    expect(host.last()).toMatchObject({ simulatedMs: 0, running: false, marks: [] });
    expect(host.last().seriesTail.timeMs).toEqual([]);
    host.elapse(1000);
    expect(host.posted).toHaveLength(count);
  });

  it('applies an action at the current time and records it as the timeline writes it', () => {
    const host = fakeHost();
    host.runner.handle({ type: 'load', scenario: scenarioDoc() });
    host.runner.handle({ type: 'run' });
    host.elapse(5000);
    const now = host.last().simulatedMs;
    host.runner.handle({ type: 'action', action: { action: 'crash-consumer', target: 'g', member: 1 } });
    const acted = host.posted.find((m) => m.type === 'acted');
    expect(acted).toEqual({ type: 'acted', ok: true, action: { action: 'crash-consumer', target: 'g', member: 1, at: now } });
    const update = host.last();
    expect(update.marks.map((m) => m.kind)).toContain('crash-consumer');
    expect(update.live.groups.g.members[1]).toMatchObject({ alive: false, state: 'dead' });
  });

  it("refuses an action on a component that does not exist, in the loader's words", () => {
    const host = fakeHost();
    host.runner.handle({ type: 'load', scenario: scenarioDoc() });
    host.runner.handle({ type: 'action', action: { action: 'crash-consumer', target: 'nobody', member: 0 } });
    expect(host.posted.at(-1)).toEqual({ type: 'acted', ok: false, problems: ['action.target: no component has the id "nobody"'] });
    host.runner.handle({ type: 'action', action: { action: 'set-rate', target: 't', rate: 10 } });
    const refusal = host.posted.at(-1);
    expect(refusal?.type === 'acted' && !refusal.ok && refusal.problems[0]).toMatch(/^action\.target: set-rate needs a producer/);
  });

  it('refuses actions before a scenario is loaded and after the run is over', () => {
    const host = fakeHost();
    host.runner.handle({ type: 'action', action: { action: 'add-consumer', target: 'g' } });
    expect(host.posted.at(-1)).toMatchObject({ type: 'acted', ok: false });
    host.runner.handle({ type: 'load', scenario: scenarioDoc({ duration: '2s' }) });
    host.runner.handle({ type: 'speed', factor: 'max' });
    host.runner.handle({ type: 'run' });
    host.elapse(100);
    host.runner.handle({ type: 'action', action: { action: 'add-consumer', target: 'g' } });
    expect(host.posted.at(-1)).toEqual({ type: 'acted', ok: false, problems: ['The run is over: reset it to act again.'] });
  });

  it('ignores a speed that is not a positive number', () => {
    const host = fakeHost();
    host.runner.handle({ type: 'load', scenario: scenarioDoc() });
    host.runner.handle({ type: 'speed', factor: -3 });
    host.runner.handle({ type: 'run' });
    host.elapse(1000);
    expect(host.last().simulatedMs).toBeGreaterThan(900);
  });

  describe('time travel', () => {
    /** The series and marks the page holds after every message so far (rewound clears them). */
    function pageView(host: ReturnType<typeof fakeHost>) {
      let series = emptySeries();
      let marks: unknown[] = [];
      for (const message of host.posted) {
        if (message.type === 'loaded' || message.type === 'rewound') {
          series = emptySeries();
          marks = [];
        } else if (message.type === 'update') {
          appendSeries(series, message.seriesTail);
          marks = [...marks, ...message.marks];
        }
      }
      return { series, marks };
    }
    function freshRunTo(doc: unknown, seed: number, timeMs: number) {
      const loaded = loadScenario(doc);
      if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
      const run = new ScenarioRun(loaded.scenario, { seed });
      run.runUntil(timeMs * 1000);
      return run;
    }

    it('seeking back gives exactly the state of a fresh run to that time: live view, series, marks and result', () => {
      const doc = scenarioDoc({ timeline: [{ at: '10s', action: 'crash-consumer', target: 'g', member: 0 }] });
      const host = fakeHost();
      host.runner.handle({ type: 'load', scenario: doc, seed: 4 });
      host.runner.handle({ type: 'speed', factor: 'max' });
      host.runner.handle({ type: 'run' });
      host.elapse(60_000);
      expect(host.last().finished).toBe(true);
      host.runner.handle({ type: 'seek', timeMs: 12_500 });
      host.elapse(5_000);
      expect(host.posted.some((m) => m.type === 'rewound')).toBe(true);
      const at = host.last();
      expect(at).toMatchObject({ simulatedMs: 12_500, running: false, seeking: false, finished: false });
      const reference = freshRunTo(doc, 4, 12_500);
      expect(at.live).toEqual(liveView(reference));
      const { series, marks } = pageView(host);
      expect(series).toEqual(reference.sampler.series);
      expect(marks).toEqual(reference.marks);
      expect(at.summary).toEqual(reference.result());
    });

    it('seeking forward runs on from now without rebuilding', () => {
      const host = fakeHost();
      host.runner.handle({ type: 'load', scenario: scenarioDoc(), seed: 2 });
      host.runner.handle({ type: 'seek', timeMs: 20_000 });
      host.elapse(3_000);
      host.runner.handle({ type: 'seek', timeMs: 30_000 });
      host.elapse(3_000);
      expect(host.posted.some((m) => m.type === 'rewound')).toBe(false);
      expect(host.last()).toMatchObject({ simulatedMs: 30_000, running: false, seeking: false });
      expect(pageView(host).series).toEqual(freshRunTo(scenarioDoc(), 2, 30_000).sampler.series);
    });

    it('a newer seek replaces one under way, and Run takes over from where it got to', () => {
      const host = fakeHost();
      const runUntil = ScenarioRun.prototype.runUntil;
      // A slow engine (1 ms of wall time per 10 ms simulated), so a seek takes several ticks.
      vi.spyOn(ScenarioRun.prototype, 'runUntil').mockImplementation(function (this: ScenarioRun, timeUs: number) {
        const from = this.sim.now;
        const stopped = runUntil.call(this, timeUs);
        host.elapseInside((this.sim.now - from) / 10_000);
        return stopped;
      });
      host.runner.handle({ type: 'load', scenario: scenarioDoc(), seed: 2 });
      host.runner.handle({ type: 'seek', timeMs: 50_000 });
      host.elapse(100);
      expect(host.last().seeking).toBe(true);
      host.runner.handle({ type: 'seek', timeMs: 5_000 });
      host.elapse(2_000);
      expect(host.last()).toMatchObject({ simulatedMs: 5_000, seeking: false, running: false });
      host.runner.handle({ type: 'seek', timeMs: 40_000 });
      host.elapse(100);
      host.runner.handle({ type: 'run' });
      host.elapse(1_000);
      expect(host.last()).toMatchObject({ seeking: false, running: true });
      expect(host.last().simulatedMs).toBeLessThan(40_000);
    });

    it('replays the actions taken live when it rebuilds the run', () => {
      const host = fakeHost();
      host.runner.handle({ type: 'load', scenario: scenarioDoc(), seed: 6 });
      host.runner.handle({ type: 'seek', timeMs: 8_000 });
      host.elapse(2_000);
      host.runner.handle({ type: 'action', action: { action: 'crash-consumer', target: 'g', member: 2 } });
      host.runner.handle({ type: 'seek', timeMs: 20_000 });
      host.elapse(2_000);
      host.runner.handle({ type: 'seek', timeMs: 9_000 });
      host.elapse(2_000);
      expect(host.last().live.groups.g.members[2]).toMatchObject({ alive: false });
      const withAction = scenarioDoc({ timeline: [{ at: 8000, action: 'crash-consumer', target: 'g', member: 2 }] });
      expect(host.last().live).toEqual(liveView(freshRunTo(withAction, 6, 9_000)));
    });

    it('run with untilMs pauses on its own at that time, with the result so far', () => {
      const host = fakeHost();
      host.runner.handle({ type: 'load', scenario: scenarioDoc(), seed: 1 });
      host.runner.handle({ type: 'speed', factor: 10 });
      host.runner.handle({ type: 'run', untilMs: 12_000 });
      host.elapse(3_000);
      expect(host.last()).toMatchObject({ simulatedMs: 12_000, running: false, finished: false });
      expect(host.last().summary?.simulatedMs).toBe(12_000);
      const count = host.posted.length;
      host.elapse(1_000);
      expect(host.posted).toHaveLength(count);
      // Running past it again needs a new command.
      host.runner.handle({ type: 'run', untilMs: 12_000 });
      expect(host.last().simulatedMs).toBe(12_000);
    });

    it('sends the result so far about once a second while running, and whenever the clock stops', () => {
      const host = fakeHost();
      host.runner.handle({ type: 'load', scenario: scenarioDoc() });
      host.runner.handle({ type: 'run' });
      host.elapse(3_000);
      const running = host.updates().filter((u) => u.running);
      const withSummary = running.filter((u) => u.summary);
      expect(withSummary.length).toBeGreaterThanOrEqual(2);
      expect(withSummary.length).toBeLessThanOrEqual(4);
      host.runner.handle({ type: 'pause' });
      expect(host.last().summary?.simulatedMs).toBe(host.last().simulatedMs);
    });
  });
});
