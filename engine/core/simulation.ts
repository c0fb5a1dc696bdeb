/**
 * The simulation kernel: a clock, a pending-event set and a table of event handlers, in the spirit
 * of SimPy's core (`schedule`, `peek`, `step`, `run(until)`). It never owns a wall clock or a frame
 * loop: the CLI, a test or a worker drives it, so the same code runs headless and animated.
 *
 * Models register handlers with {@link Simulation.defineEvent} and schedule events as numbers
 * (`kind`, `a`, `b`), so the hot path allocates nothing.
 */
import { EventQueue, MAX_EVENT_KINDS } from './eventQueue.ts';
import { formatDuration, type Micros } from './time.ts';

/** Runs one event. `a` and `b` are the numbers it was scheduled with. */
export type EventHandler = (a: number, b: number) => void;

export type StopCode = 'event-budget' | 'wall-time' | 'zero-time-loop';

/** Why a run stopped before its end; `message` is for people. */
export interface StopReason {
  code: StopCode;
  message: string;
}

export interface SimulationOptions {
  /** Stop after this many events (default: no limit). */
  eventBudget?: number;
  /** Stop after this many wall-clock milliseconds spent running, measured by `wallClock` (default: no limit). */
  wallBudgetMs?: number;
  /**
   * Wall clock in milliseconds, supplied by the host (e.g. `performance.now`). The engine never
   * reads a clock itself; without one, the wall-time budget is not enforced.
   */
  wallClock?: () => number;
  /** Events in a row at one instant before the run is stopped as a zero-time loop (default 10M). */
  zeroTimeLimit?: number;
}

/** The kernel's own state, as plain JSON. */
export interface KernelSnapshot {
  nowUs: Micros;
  events: number;
  pending: number;
  stopped: string | null;
}

/** Events run between two readings of the wall clock: reading it every event would dominate. */
const WALL_CHECK_EVERY = 4096;

export class Simulation {
  /** Current simulated time. */
  now: Micros = 0;
  /** Events run so far. */
  events = 0;
  /** Set when a budget or the loop guard stopped the run; no further event runs. */
  stopReason: StopReason | null = null;

  private readonly queue = new EventQueue();
  private readonly handlers: EventHandler[] = [];
  private readonly names: string[] = [];
  private readonly eventBudget: number;
  private readonly wallBudgetMs: number;
  private readonly wallClock: (() => number) | undefined;
  private readonly zeroTimeLimit: number;
  /** Wall milliseconds spent inside {@link runUntil} so far: pauses between calls do not count. */
  private wallUsedMs = 0;
  /** Events run in a row at the current instant. */
  private sameInstant = 0;
  /** While runUntil runs: its end, and the event count at which it next checks its budgets. */
  private sliceEnd = -Infinity;
  private chunkEnd = 0;

  constructor(options: SimulationOptions = {}) {
    this.eventBudget = options.eventBudget ?? Infinity;
    this.wallClock = options.wallClock;
    this.wallBudgetMs = this.wallClock ? (options.wallBudgetMs ?? Infinity) : Infinity;
    this.zeroTimeLimit = options.zeroTimeLimit ?? 10_000_000;
  }

  /** Registers a handler and returns the event kind that runs it. `name` appears in diagnostics. */
  defineEvent(name: string, handler: EventHandler): number {
    if (this.handlers.length === MAX_EVENT_KINDS) throw new RangeError(`a simulation may define at most ${MAX_EVENT_KINDS} event kinds`);
    this.handlers.push(handler);
    this.names.push(name);
    return this.handlers.length - 1;
  }

  /**
   * Schedules event `kind` at absolute time `time` (whole microseconds, not before now). Returns a
   * handle for {@link cancel}.
   */
  at(time: Micros, kind: number, a = 0, b = 0): number {
    if (!(time >= this.now)) {
      throw new RangeError(`cannot schedule ${this.names[kind] ?? kind} at ${time}us, before now (${this.now}us)`);
    }
    return this.queue.push(time, kind, a, b);
  }

  /** Schedules event `kind` after `delay` microseconds, rounded to the clock's resolution; returns a handle for {@link cancel}. */
  after(delay: Micros, kind: number, a = 0, b = 0): number {
    return this.at(this.now + Math.round(delay), kind, a, b);
  }

  /**
   * Unschedules a pending event, for a model whose event would do nothing when it ran (a timeout
   * made moot): it is neither run nor counted, and the order of every other event is kept. Returns
   * false when the event is no longer pending; it may also (rarely) stay pending and run after all.
   */
  cancel(handle: number): boolean {
    return this.queue.cancel(handle);
  }

  /**
   * Lets a handler run its own next event inline: if nothing else is due before `time` (strictly,
   * so the tie-break by scheduling order is kept), the slice of {@link runUntil} running now lasts
   * until then, and no budget is reached, the clock moves to `time`, the event is counted, and this
   * returns true; the handler then does the event's work itself. Otherwise nothing changes and it
   * returns false: schedule the event as usual. The result is exactly the run the queue would give,
   * without a push and a pop for the common "my next step comes first" case.
   */
  advanceTo(time: Micros): boolean {
    if (!(time < this.queue.peekTime()) || time > this.sliceEnd || this.events >= this.chunkEnd || !(time >= this.now)) return false;
    if (time !== this.now) {
      this.now = time;
      this.sameInstant = 1;
    } else if (++this.sameInstant > this.zeroTimeLimit) {
      return false;
    }
    this.events++;
    return true;
  }

  /** Time of the next event, or Infinity when none is pending. */
  peek(): Micros {
    return this.queue.peekTime();
  }

  /** Number of pending events. */
  get pending(): number {
    return this.queue.size;
  }

  /** Runs the next event. Returns false when nothing ran (no event pending, or the run stopped). */
  step(): boolean {
    if (this.stopReason !== null || this.queue.size === 0) return false;
    if (this.events >= this.eventBudget) {
      this.stopForEvents();
      return false;
    }
    this.runNext();
    return true;
  }

  /**
   * Runs every event due at or before `until`, then advances the clock to `until` (when finite).
   * Returns the stop reason if a budget or the loop guard stopped the run early, otherwise null.
   */
  runUntil(until: Micros): StopReason | null {
    const queue = this.queue;
    const clock = this.wallClock;
    const sliceStart = clock ? clock() : 0;
    while (this.stopReason === null && queue.size > 0 && queue.peekTime() <= until) {
      // Run in chunks between budget checks so the common path is only the pop and the handler.
      const chunkEnd = Math.min(this.eventBudget, this.events + WALL_CHECK_EVERY);
      if (this.events >= chunkEnd) {
        this.stopForEvents();
        break;
      }
      const handlers = this.handlers;
      this.sliceEnd = until;
      this.chunkEnd = chunkEnd;
      while (this.events < chunkEnd && queue.size > 0 && queue.peekTime() <= until) {
        queue.pop();
        const time = queue.time;
        if (time !== this.now) {
          this.now = time;
          this.sameInstant = 1;
        } else if (++this.sameInstant > this.zeroTimeLimit) {
          this.stopForLoop(queue.kind);
          break;
        }
        this.events++;
        handlers[queue.kind](queue.a, queue.b);
      }
      this.sliceEnd = -Infinity;
      if (clock && this.wallUsedMs + (clock() - sliceStart) > this.wallBudgetMs) {
        this.stop('wall-time', `wall-time budget of ${this.wallBudgetMs} ms used up at ${formatDuration(this.now)}`);
      }
    }
    if (clock) this.wallUsedMs += clock() - sliceStart;
    if (this.stopReason === null && until > this.now && until !== Infinity) this.now = until;
    return this.stopReason;
  }

  /** The kernel's state as plain JSON. */
  snapshot(): KernelSnapshot {
    return {
      nowUs: this.now,
      events: this.events,
      pending: this.queue.size,
      stopped: this.stopReason?.message ?? null,
    };
  }

  /** The body of {@link runUntil}'s inner loop, for {@link step}; keep the two in step. */
  private runNext(): void {
    const queue = this.queue;
    queue.pop();
    const time = queue.time;
    if (time !== this.now) {
      this.now = time;
      this.sameInstant = 1;
    } else if (++this.sameInstant > this.zeroTimeLimit) {
      this.stopForLoop(queue.kind);
      return;
    }
    this.events++;
    this.handlers[queue.kind](queue.a, queue.b);
  }

  private stopForLoop(kind: number): void {
    this.stop('zero-time-loop', `zero-time loop: more than ${this.zeroTimeLimit} events at ${formatDuration(this.now)} without the clock moving (last: ${this.names[kind]})`);
  }

  private stopForEvents(): void {
    this.stop('event-budget', `event budget of ${this.eventBudget} events used up at ${formatDuration(this.now)}`);
  }

  private stop(code: StopCode, message: string): void {
    this.stopReason = { code, message };
  }
}

/** Creates a simulation kernel. See {@link Simulation}. */
export function createSimulation(options: SimulationOptions = {}): Simulation {
  return new Simulation(options);
}
