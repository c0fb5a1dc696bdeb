/**
 * The messages between the page and the simulation worker. Both sides import these types; the
 * worker's logic is in runner.ts, its thin host in simWorker.ts, the page's end in client.ts.
 */
import type { Seed } from '../../engine/core/random.ts';
import type { Mark } from '../../engine/model/context.ts';
import type { LiveView } from '../../engine/model/live.ts';
import type { RunResult } from '../../engine/model/result.ts';
import type { TimeSeries } from '../../engine/model/timeSeries.ts';

/** How many simulated seconds pass per wall-clock second, or `max` for as fast as the engine goes. */
export type Speed = number | 'max';

/** A timeline action as the scenario file writes it (`{ action, target, ... }`); its `at` is ignored. */
export type ActionDoc = Record<string, unknown>;

export type ToWorker =
  /** Validates and builds a run of `scenario` (the file format), at time 0; answered by `loaded`. */
  | { type: 'load'; scenario: unknown; seed?: Seed }
  /** Starts or resumes the clock; with `untilMs`, pauses on its own at that simulated time (teaching steps). */
  | { type: 'run'; untilMs?: number }
  | { type: 'pause' }
  /** Pauses and advances to the next sample time (one `sampleInterval`). */
  | { type: 'step' }
  /** Back to time 0 of the loaded scenario; answered by `loaded`. */
  | { type: 'reset' }
  | { type: 'speed'; factor: Speed }
  /**
   * Time travel: the state at `timeMs`, paused. Earlier than now, the run is rebuilt from time 0
   * (announced by `rewound`) and run to that time, the same as a fresh run; later, it runs on.
   * A seek sent while another is under way replaces it.
   */
  | { type: 'seek'; timeMs: number }
  /** Applies a timeline action at the current time; answered by `acted`. */
  | { type: 'action'; action: ActionDoc };

export interface UpdateMessage {
  type: 'update';
  live: LiveView;
  /** Samples taken since the previous update (every column sliced from the same index). */
  seriesTail: TimeSeries;
  /** Marks made since the previous update. */
  marks: Mark[];
  /** Simulated time over the duration, 0..1. */
  progress: number;
  simulatedMs: number;
  finished: boolean;
  /** Why the run stopped early (an engine limit), or null. */
  stopped: string | null;
  /** The clock is advancing on its own (after `run`, until `pause`, `step`, `reset` or the end). */
  running: boolean;
  /** A seek is under way (the clock moves towards its time as fast as the engine goes). */
  seeking: boolean;
  /**
   * The result so far, at `simulatedMs` (the `run --json` shape): sent when the clock stops (pause,
   * step, seek, end) and about once a second while it runs; absent from the other updates.
   */
  summary?: RunResult;
}

export type FromWorker =
  /** A new run at time 0; every update after it belongs to this run. */
  | { type: 'loaded'; ok: true; durationMs: number; sampleIntervalMs: number; seed: Seed }
  | { type: 'loaded'; ok: false; problems: string[] }
  | UpdateMessage
  /** A seek went back: the run was rebuilt at time 0, and the next updates' tails start from there. */
  | { type: 'rewound' }
  /** An action applied: `action` is it as the timeline writes it, `at` in ms, ready to add to the scenario. */
  | { type: 'acted'; ok: true; action: ActionDoc }
  | { type: 'acted'; ok: false; problems: string[] }
  /** The run reached its end (or stopped early): its result in the `run --json` shape. */
  | { type: 'result'; result: RunResult }
  /** The engine threw: a bug, reported rather than left to kill the worker silently. */
  | { type: 'error'; message: string };
