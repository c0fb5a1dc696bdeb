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
/** While running, the result so far goes with an update about this often (it costs more than the live view). */
const SUMMARY_INTERVAL_MS = 1000;

export class Runner {
  private doc: Record<string, unknown> | null = null;
  private scenario: Scenario | null = null;
  private seed: Seed | undefined;
  private run: ScenarioRun | null = null;
  private speed: Speed = 1;
  private running = false;
  /** Where the clock pauses on its own (`run` with `untilMs`), µs; null: at the end. */
  private stopAtUs: number | null = null;
  /** The time a seek is heading for, µs; null when no seek is under way. */
  private seekUs: number | null = null;
  private lastSummaryAt = -Infinity;
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
        return this.play(message.untilMs);
      case 'seek':
        return this.seek(message.timeMs);
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
    this.stopAtUs = null;
    this.rebuild();
    const run = this.run!;
    this.host.post({ type: 'loaded', ok: true, durationMs: run.durationUs / 1000, sampleIntervalMs: run.scenario.sampleInterval / 1000, seed: run.seed });
    this.postUpdate();
  }

  private play(untilMs?: number): void {
    if (!this.run) return;
    this.stopAtUs = untilMs !== undefined && Number.isFinite(untilMs) ? Math.round(untilMs * 1000) : null;
    // A run replaces a seek under way: the clock goes on at the chosen speed from where the seek got to.
    this.seekUs = null;
    if (this.running) return;
    if (this.run.finished || (this.stopAtUs !== null && this.run.sim.now >= this.stopAtUs)) return this.postUpdate();
    this.running = true;
    this.lastTickAt = this.host.now();
    this.postUpdate();
    this.scheduleTick(0);
  }

  private halt(): void {
    this.running = false;
    this.seekUs = null;
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
    const seeking = this.seekUs !== null;
    let target = seeking ? this.seekUs! : this.speed === 'max' ? run.durationUs : run.sim.now + elapsedMs * 1000 * this.speed;
    if (!seeking && this.stopAtUs !== null) target = Math.min(target, this.stopAtUs);
    this.advance(target, started + TICK_BUDGET_MS);
    if (run.finished || run.sim.now >= Math.min(target, run.durationUs)) {
      if (seeking) {
        this.seekUs = null;
        this.running = false;
      } else if (run.finished || (this.stopAtUs !== null && run.sim.now >= this.stopAtUs)) {
        this.running = false;
      }
    }
    const now = this.host.now();
    // Ticks come about every UPDATE_INTERVAL_MS; the slack keeps a slightly early tick from skipping its update.
    if (!this.running || now - this.lastPostAt >= UPDATE_INTERVAL_MS * 0.8) this.postUpdate();
    if (this.running) this.scheduleTick(this.speed === 'max' || this.seekUs !== null ? 0 : Math.max(0, UPDATE_INTERVAL_MS - (now - started)));
  };

  /**
   * Moves the clock to `timeMs`, paused. Going back rebuilds the run from time 0: the engine is
   * deterministic, so running the same scenario and seed to that time gives exactly the state it
   * had then (live actions are in the scenario's timeline by now, see {@link act}). The run is
   * advanced in ticks like a run at full speed, so a newer seek or a pause is answered promptly.
   */
  private seek(timeMs: number): void {
    const run = this.run;
    if (!run || !Number.isFinite(timeMs)) return;
    const target = Math.max(0, Math.min(Math.round(timeMs * 1000), run.durationUs));
    const wasSeeking = this.seekUs !== null;
    this.halt();
    this.stopAtUs = null;
    if (target < run.sim.now) {
      this.rebuild();
      this.host.post({ type: 'rewound' });
    }
    if (target === this.run!.sim.now && !wasSeeking) return this.postUpdate();
    this.seekUs = target;
    this.running = true;
    this.lastTickAt = this.host.now();
    this.scheduleTick(0);
  }

  /** A fresh run of the scenario at time 0, without announcing a new run (a seek's rebuild). */
  private rebuild(): void {
    this.run = new ScenarioRun(this.scenario!, { seed: this.seed });
    this.samplesSent = this.marksSent = this.engineMs = 0;
    this.resultSent = false;
  }

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
    const now = this.host.now();
    const withSummary = !this.running || now - this.lastSummaryAt >= SUMMARY_INTERVAL_MS;
    if (withSummary) this.lastSummaryAt = now;
    this.host.post({
      type: 'update',
      live: liveView(run),
      seriesTail,
      marks,
      progress: run.durationUs > 0 ? Math.min(1, run.sim.now / run.durationUs) : 1,
      simulatedMs: run.sim.now / 1000,
      finished: run.finished,
      stopped: run.sim.stopReason?.message ?? null,
      running: this.running && this.seekUs === null,
      seeking: this.seekUs !== null,
      ...(withSummary ? { summary: run.result() } : {}),
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
    // From now on the action is part of the scenario, so a seek back rebuilds a run that has it.
    this.doc = { ...this.doc, timeline: [...timeline, recorded] };
    this.scenario = checked.scenario;
    this.host.post({ type: 'acted', ok: true, action: recorded });
    this.postUpdate();
  }
}
