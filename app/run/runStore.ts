/**
 * The run of the scenario on the canvas: its status, clock, live view, time series and marks, fed by
 * the simulation worker, and the actions that drive it (zustand: state and actions side by side).
 * Live metrics live here, never in React Flow's node data: components select small slices.
 */
import { create } from 'zustand';
import type { Seed } from '../../engine/core/random.ts';
import type { Mark } from '../../engine/model/context.ts';
import type { LiveView } from '../../engine/model/live.ts';
import type { RunResult } from '../../engine/model/result.ts';
import type { TimeSeries } from '../../engine/model/timeSeries.ts';
import { useScenarioStore } from '../store/scenarioStore.ts';
import { createSimClient, type SimClient } from '../worker/client.ts';
import type { ActionDoc, FromWorker, Speed } from '../worker/protocol.ts';
import { appendSeries, emptySeries } from './series.ts';

/** `idle`: at time 0, not started; `paused`: part way; `error`: the scenario cannot run (see `problems`). */
export type RunStatus = 'idle' | 'running' | 'paused' | 'finished' | 'error';

export interface RunState {
  status: RunStatus;
  simulatedMs: number;
  durationMs: number;
  /** Simulated time over the duration, 0..1. */
  progress: number;
  /** The live view at `simulatedMs`; null before the first update. */
  live: LiveView | null;
  /**
   * Every sample so far. The arrays inside grow in place; `series` itself is a new object on every
   * update (and `seriesVersion` goes up), so selecting either re-renders when samples arrive.
   */
  series: TimeSeries;
  seriesVersion: number;
  /** Rebalances, crashes, outages, timeline actions... in time order. */
  marks: Mark[];
  /** Why the scenario cannot run: the validator's lines, or an engine failure. */
  problems: string[];
  /** Why the last live action was refused (empty when it was applied). */
  actionProblems: string[];
  /** Live actions applied in this run, as the timeline writes them (`at` in ms), to add to the scenario. */
  recordedActions: ActionDoc[];
  /** The run's result once it has finished. */
  result: RunResult | null;
  /** The result so far (at `summaryMs`): refreshed when the clock stops and about once a second while it runs. */
  summary: RunResult | null;
  summaryMs: number;
  /** The scenario (file format) the worker's run was built from: what `summary` and `series` belong to. */
  runDoc: unknown;
  /** A seek (time travel) is under way. */
  seeking: boolean;
  /** Why the run stopped before its end (an engine limit), or null. */
  stopped: string | null;
  /** Replaces the scenario's seed on the next load; undefined keeps the scenario's own. */
  seed: Seed | undefined;
  speed: Speed;

  /** Builds a fresh run of the scenario on the canvas with the seed, at time 0. */
  load(): void;
  /** Starts or resumes; from the end, or after the scenario was edited before starting, it starts over. */
  run(): void;
  pause(): void;
  /** Advances one sample interval and pauses. */
  step(): void;
  /** Back to time 0, with the scenario as the canvas has it now. */
  reset(): void;
  setSpeed(speed: Speed): void;
  setSeed(seed: Seed | undefined): void;
  /** Applies a timeline action (`{ action, target, ... }`) at the current simulated time. */
  act(action: ActionDoc): void;
  /** Time travel: shows the state at `timeMs` (rebuilt by re-running the scenario when it is earlier), paused. */
  seek(timeMs: number): void;
  /** Runs (at the chosen speed) until `timeMs`, then pauses. */
  runUntil(timeMs: number): void;
}

export interface RunStoreDeps {
  /** Starts the worker; called once, on the first command. */
  connect(): SimClient;
  /** The scenario on the canvas, in the file format. */
  scenarioDoc(): unknown;
}

export function createRunStore(deps: RunStoreDeps) {
  return create<RunState>()((set, get) => {
    let client: SimClient | null = null;
    /** What the worker's run was built from; a load is needed when either changed or the last one failed. */
    let loaded: { doc: unknown; seed: Seed | undefined } | null = null;

    const send: SimClient['send'] = (message) => {
      if (!client) {
        client = deps.connect();
        client.listen(receive);
        client.send({ type: 'speed', factor: get().speed });
      }
      client.send(message);
    };
    const stale = () => loaded === null || loaded.doc !== deps.scenarioDoc() || loaded.seed !== get().seed;
    /** Before starting: a fresh run if the scenario changed while nothing ran yet, or if the last run ended. */
    const readyToStart = () => {
      const { status } = get();
      if (status === 'running' || status === 'paused') return;
      if (stale()) get().load();
      else if (status === 'finished') send({ type: 'reset' });
    };

    const receive = (message: FromWorker) => {
      switch (message.type) {
        case 'loaded':
          if (!message.ok) {
            loaded = null;
            set({ ...emptyRun(get().seriesVersion + 1), status: 'error', problems: message.problems });
            return;
          }
          set({ ...emptyRun(get().seriesVersion + 1), status: 'idle', durationMs: message.durationMs, runDoc: loaded?.doc ?? null });
          return;
        case 'rewound':
          // The run restarts from time 0 towards the seek's time: the next updates bring the series again.
          set({ series: emptySeries(), seriesVersion: get().seriesVersion + 1, marks: [], result: null });
          return;
        case 'update': {
          const state = get();
          appendSeries(state.series, message.seriesTail);
          const newSamples = message.seriesTail.timeMs.length > 0;
          set({
            status: message.finished ? 'finished' : message.running ? 'running' : message.simulatedMs > 0 ? 'paused' : 'idle',
            simulatedMs: message.simulatedMs,
            progress: message.progress,
            live: message.live,
            stopped: message.stopped,
            seeking: message.seeking,
            ...(message.summary ? { summary: message.summary, summaryMs: message.simulatedMs } : {}),
            ...(newSamples ? { series: { ...state.series }, seriesVersion: state.seriesVersion + 1 } : {}),
            ...(message.marks.length > 0 ? { marks: [...state.marks, ...message.marks] } : {}),
          });
          return;
        }
        case 'acted':
          if (message.ok) set((state) => ({ recordedActions: [...state.recordedActions, message.action], actionProblems: [] }));
          else set({ actionProblems: message.problems });
          return;
        case 'result':
          set({ result: message.result });
          return;
        case 'error':
          loaded = null;
          set({ status: 'error', problems: [`The engine failed: ${message.message}`] });
          return;
      }
    };

    return {
      status: 'idle',
      durationMs: 0,
      runDoc: null,
      ...emptyRun(0),
      seed: undefined,
      speed: 1,

      load: () => {
        const doc = deps.scenarioDoc();
        const seed = get().seed;
        loaded = { doc, seed };
        send({ type: 'load', scenario: doc, seed });
      },
      run: () => {
        readyToStart();
        send({ type: 'run' });
      },
      pause: () => send({ type: 'pause' }),
      step: () => {
        readyToStart();
        send({ type: 'step' });
      },
      reset: () => {
        if (stale()) get().load();
        else send({ type: 'reset' });
      },
      setSpeed: (speed) => {
        set({ speed });
        if (client) client.send({ type: 'speed', factor: speed });
      },
      setSeed: (seed) => set({ seed }),
      act: (action) => send({ type: 'action', action }),
      seek: (timeMs) => {
        // A scenario edited since the run was built gets a fresh run first: the slider shows this scenario.
        if (stale() || get().status === 'error') get().load();
        send({ type: 'seek', timeMs });
      },
      runUntil: (timeMs) => {
        readyToStart();
        send({ type: 'run', untilMs: timeMs });
      },
    };
  });
}

/** What a run holds before its first update. */
function emptyRun(seriesVersion: number) {
  return {
    simulatedMs: 0,
    progress: 0,
    live: null,
    series: emptySeries(),
    seriesVersion,
    marks: [],
    problems: [],
    actionProblems: [],
    recordedActions: [],
    result: null,
    summary: null,
    summaryMs: 0,
    seeking: false,
    stopped: null,
  };
}

/** The playground's run, of the scenario in the scenario store. */
export const useRunStore = createRunStore({
  connect: createSimClient,
  scenarioDoc: () => useScenarioStore.getState().doc,
});
