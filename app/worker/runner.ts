/**
 * What the simulation worker does, without the worker: it answers the page's messages (protocol.ts),
 * drives a {@link ScenarioRun} in slices so no tick blocks for long, and posts batched updates. The
 * clock and the scheduler come from the host, so tests drive it with fake ones (like d3-force's
 * `tick()` apart from its timer).
 */
import type { Seed } from '../../engine/core/random.ts';
import { liveView } from '../../engine/model/live.ts';
import { ScenarioRun } from '../../engine/model/run.ts';
import { loadScenario } from '../../engine/scenario/load.ts';
import type { Scenario, TimelineAction } from '../../engine/scenario/schema.ts';
import { seriesSince } from '../run/series.ts';
import type { ActionDoc, FromWorker, Speed, ToWorker } from './protocol.ts';

export interface RunnerHost {
  post(message: FromWorker): void;
  /** Wall-clock time, ms (performance.now in the worker). */
  now(): number;
  /** Calls `callback` after `delayMs` of wall time; returns a function that cancels the call. */
  schedule(callback: () => void, delayMs: number): () => void;
}

/** Updates are posted about 20 times a second while running. */
export const UPDATE_INTERVAL_MS = 50;
/** One tick never runs the engine for longer than this, so messages (Pause) are answered promptly. */
export const TICK_BUDGET_MS = 40;
/** The engine is called in slices of about this much wall time, so a tick can stop near its budget. */
const SLICE_MS = 5;
/** After the worker was throttled (a background tab), real-time speeds resume instead of catching up. */
const MAX_ELAPSED_MS = 250;

export class Runner {
  private doc: Record<string, unknown> | null = null;
  private scenario: Scenario | null = null;
  private seed: Seed | undefined;
  private run: ScenarioRun | null = null;
  private speed: Speed = 1;
  private running = false;
  private cancelTick: (() => void) | null = null;
  private lastTickAt = 0;
  private lastPostAt = -Infinity;
  private samplesSent = 0;
  private marksSent = 0;
  private resultSent = false;
  /** Wall time spent inside the engine for this run, ms. */
  private engineMs = 0;
  /** Simulated µs per engine slice, adapted so a slice takes about {@link SLICE_MS}. */
  private sliceUs = 10_000;

  constructor(private readonly host: RunnerHost) {}

  handle(message: ToWorker): void {
    try {
      this.dispatch(message);
    } catch (error) {
      this.halt();
      this.host.post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  }

  private dispatch(message: ToWorker): void {
    switch (message.type) {
      case 'load':
        return this.load(message.scenario, message.seed);
      case 'reset':
        if (this.scenario) this.start();
        return;
      case 'run':
        return this.play();
      case 'pause':
        this.halt();
        if (this.run) this.postUpdate();
        return;
      case 'step':
        return this.step();
      case 'speed':
        if (message.factor === 'max' || (Number.isFinite(message.factor) && message.factor > 0)) this.speed = message.factor;
        return;
      case 'action':
        return this.act(message.action);
    }
  }

  private load(data: unknown, seed: Seed | undefined): void {
    this.halt();
    const loaded = loadScenario(data);
    if (!loaded.ok) {
      this.doc = this.scenario = this.run = null;
      this.host.post({ type: 'loaded', ok: false, problems: loaded.problems });
      return;
    }
    this.doc = data as Record<string, unknown>;
    this.scenario = loaded.scenario;
    this.seed = seed;
    this.start();
  }

  /** A fresh run of the loaded scenario at time 0. */
  private start(): void {
    this.halt();
    const run = (this.run = new ScenarioRun(this.scenario!, { seed: this.seed }));
    this.samplesSent = this.marksSent = this.engineMs = 0;
    this.resultSent = false;
    this.host.post({ type: 'loaded', ok: true, durationMs: run.durationUs / 1000, sampleIntervalMs: run.scenario.sampleInterval / 1000, seed: run.seed });
    this.postUpdate();
  }

  private play(): void {
    if (!this.run || this.running) return;
    if (this.run.finished) return this.postUpdate();
    this.running = true;
    this.lastTickAt = this.host.now();
    this.postUpdate();
    this.scheduleTick(0);
  }

  private halt(): void {
    this.running = false;
    this.cancelTick?.();
    this.cancelTick = null;
  }

  /** Advances to the next sample time, paused. */
  private step(): void {
    const run = this.run;
    if (!run) return;
    this.halt();
    const interval = run.scenario.sampleInterval;
    this.advance((Math.floor(run.sim.now / interval) + 1) * interval, Infinity);
    this.postUpdate();
  }

  private readonly tick = (): void => {
    this.cancelTick = null;
    const run = this.run;
    if (!this.running || !run) return;
    const started = this.host.now();
    const elapsedMs = Math.min(started - this.lastTickAt, MAX_ELAPSED_MS);
    this.lastTickAt = started;
    // Real-time speeds move the clock by the wall time since the last tick; a run that falls
    // behind does not build up a debt, it just runs as fast as it can.
    const target = this.speed === 'max' ? run.durationUs : run.sim.now + elapsedMs * 1000 * this.speed;
    this.advance(target, started + TICK_BUDGET_MS);
    if (run.finished) this.running = false;
    const now = this.host.now();
    // Ticks come about every UPDATE_INTERVAL_MS; the slack keeps a slightly early tick from skipping its update.
    if (!this.running || now - this.lastPostAt >= UPDATE_INTERVAL_MS * 0.8) this.postUpdate();
    if (this.running) this.scheduleTick(this.speed === 'max' ? 0 : Math.max(0, UPDATE_INTERVAL_MS - (now - started)));
  };

  private scheduleTick(delayMs: number): void {
    this.cancelTick = this.host.schedule(this.tick, delayMs);
  }

  /** Runs the engine towards `targetUs` in slices until it gets there, the run ends, or `deadline` (wall ms) passes. */
  private advance(targetUs: number, deadline: number): void {
    const run = this.run!;
    const end = Math.min(Math.floor(targetUs), run.durationUs);
    while (run.sim.now < end && !run.finished) {
      const sliceStart = this.host.now();
      run.runUntil(Math.min(end, run.sim.now + this.sliceUs));
      const sliceEnd = this.host.now();
      const took = sliceEnd - sliceStart;
      this.engineMs += took;
      if (took < SLICE_MS / 2) this.sliceUs = Math.min(this.sliceUs * 2, run.durationUs);
      else if (took > SLICE_MS * 2) this.sliceUs = Math.max(1, Math.floor(this.sliceUs / 2));
      if (sliceEnd >= deadline) break;
    }
  }

  private postUpdate(): void {
    const run = this.run!;
    const series = run.sampler.series;
    const seriesTail = seriesSince(series, this.samplesSent);
    this.samplesSent = series.timeMs.length;
    const marks = run.marks.slice(this.marksSent);
    this.marksSent = run.marks.length;
    this.host.post({
      type: 'update',
      live: liveView(run),
      seriesTail,
      marks,
      progress: run.durationUs > 0 ? Math.min(1, run.sim.now / run.durationUs) : 1,
      simulatedMs: run.sim.now / 1000,
      finished: run.finished,
      stopped: run.sim.stopReason?.message ?? null,
      running: this.running,
    });
    this.lastPostAt = this.host.now();
    if (run.finished && !this.resultSent) {
      this.resultSent = true;
      const result = run.result();
      this.host.post({ type: 'result', result: { ...result, engine: { ...result.engine, wallMs: this.engineMs } } });
    }
  }

  /**
   * Applies a timeline action now. It is checked as the loader checks the timeline (the scenario
   * with this action added at the current time), so a bad target is refused with the loader's words.
   */
  private act(action: ActionDoc): void {
    const run = this.run;
    const refuse = (problem: string) => this.host.post({ type: 'acted', ok: false, problems: [problem] });
    if (!run || !this.doc) return refuse('Load a scenario before acting on it.');
    if (run.finished) return refuse('The run is over: reset it to act again.');
    const recorded: ActionDoc = { ...action, at: run.sim.now / 1000 };
    const timeline = Array.isArray(this.doc.timeline) ? (this.doc.timeline as unknown[]) : [];
    const checked = loadScenario({ ...this.doc, timeline: [...timeline, recorded] });
    if (!checked.ok) {
      const prefix = `timeline[${timeline.length}]`;
      const own = checked.problems.filter((p) => p.startsWith(prefix)).map((p) => `action${p.slice(prefix.length)}`);
      this.host.post({ type: 'acted', ok: false, problems: own.length > 0 ? own : checked.problems });
      return;
    }
    const parsed: TimelineAction = checked.scenario.timeline[timeline.length];
    run.apply(parsed);
    this.host.post({ type: 'acted', ok: true, action: recorded });
    this.postUpdate();
  }
}
