/**
 * One batch of runs at a time, for a view that starts batches on the pool (Compare, Sweep): a new
 * batch replaces the one still going, and the callbacks of a replaced or cancelled batch are
 * ignored, so a late answer never overwrites a newer one.
 */
import type { Job, JobOutcome } from './job.ts';
import { CancelledError, type Batch, type Pool } from './pool.ts';

export interface BatchHandlers {
  outcome?(index: number, outcome: JobOutcome, finished: number): void;
  done(outcomes: JobOutcome[]): void;
  /** The batch failed other than by being cancelled. */
  failed(message: string): void;
}

export interface BatchSlot {
  start(pool: Pool, jobs: Job[], handlers: BatchHandlers): void;
  /** Cancels the batch going on; false when there was none. */
  cancel(): boolean;
}

export function batchSlot(): BatchSlot {
  let current: Batch | null = null;
  return {
    start(pool, jobs, handlers) {
      current?.cancel();
      const mine = pool.run(jobs, (index, outcome, finished) => {
        if (current === mine) handlers.outcome?.(index, outcome, finished);
      });
      current = mine;
      mine.done.then(
        (outcomes) => {
          if (current !== mine) return;
          current = null;
          handlers.done(outcomes);
        },
        (error: unknown) => {
          if (current !== mine || error instanceof CancelledError) return;
          current = null;
          handlers.failed(error instanceof Error ? error.message : String(error));
        },
      );
    },
    cancel() {
      if (!current) return false;
      const mine = current;
      current = null;
      mine.cancel();
      return true;
    },
  };
}
