/**
 * A pool of simulation workers for batches of whole runs (compare, sweep): one job per worker at a
 * time, as many workers as the machine has cores (at most {@link MAX_WORKERS}), outcomes in the
 * order of the jobs whatever order they finish in. Cancelling terminates the busy workers, so a
 * long batch stops at once; the pool starts fresh ones for the next batch.
 */
import type { Job, JobOutcome } from './job.ts';

export interface PoolRequest {
  id: number;
  job: Job;
}
export interface PoolReply {
  id: number;
  outcome: JobOutcome;
}

/** What the pool needs of a worker (a Web Worker has all of it). */
export interface PoolWorker {
  postMessage(message: PoolRequest): void;
  onmessage: ((event: { data: PoolReply }) => void) | null;
  onerror: ((event: { message?: string }) => void) | null;
  terminate(): void;
}

export const MAX_WORKERS = 4;

export interface Batch {
  /** Every job's outcome, in job order; rejects with "cancelled" if {@link Batch.cancel} is called first. */
  done: Promise<JobOutcome[]>;
  cancel(): void;
}

export interface Pool {
  readonly size: number;
  /** Runs `jobs`; `onOutcome` hears of each as it finishes (with its index and how many are done). */
  run(jobs: Job[], onOutcome?: (index: number, outcome: JobOutcome, finished: number) => void): Batch;
  terminate(): void;
}

export class CancelledError extends Error {
  constructor() {
    super('cancelled');
  }
}

export function createPool(size: number, makeWorker: () => PoolWorker): Pool {
  const workers: (PoolWorker | null)[] = Array.from({ length: Math.max(1, Math.floor(size)) }, () => null);
  /** What each worker is running now: the task, and the id its reply will carry. */
  const running: ({ task: Task; id: number } | null)[] = workers.map(() => null);
  /** Jobs waiting for a worker, from every batch, first come first served. */
  const queue: Task[] = [];
  let nextId = 0;

  interface Task {
    job: Job;
    index: number;
    batch: BatchState;
  }
  interface BatchState {
    cancelled: boolean;
    finish(index: number, outcome: JobOutcome): void;
  }

  const feed = (slot: number) => {
    let task = queue.shift();
    while (task && task.batch.cancelled) task = queue.shift();
    if (!task) return;
    const id = nextId++;
    running[slot] = { task, id };
    let worker = workers[slot];
    if (!worker) {
      worker = workers[slot] = makeWorker();
      const own = worker;
      own.onmessage = (event) => {
        const current = running[slot];
        if (workers[slot] !== own || !current || event.data.id !== current.id) return;
        running[slot] = null;
        current.task.batch.finish(current.task.index, event.data.outcome);
        feed(slot);
      };
      own.onerror = (event) => {
        if (workers[slot] !== own) return;
        // A worker that failed (to load, or out of memory) is replaced for the next job.
        const current = running[slot];
        own.terminate();
        workers[slot] = running[slot] = null;
        current?.task.batch.finish(current.task.index, { ok: false, problems: [`The simulation worker failed: ${event.message || 'no reason given'}`] });
        feed(slot);
      };
    }
    worker.postMessage({ id, job: task.job });
  };
  const feedIdle = () => {
    for (let slot = 0; slot < workers.length; slot++) if (!running[slot]) feed(slot);
  };

  return {
    size: workers.length,
    run(jobs, onOutcome) {
      const outcomes: JobOutcome[] = new Array(jobs.length);
      let finished = 0;
      let resolve!: (outcomes: JobOutcome[]) => void;
      let reject!: (error: Error) => void;
      const done = new Promise<JobOutcome[]>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      const batch: BatchState = {
        cancelled: false,
        finish(index, outcome) {
          if (batch.cancelled) return;
          outcomes[index] = outcome;
          finished += 1;
          onOutcome?.(index, outcome, finished);
          if (finished === jobs.length) resolve(outcomes);
        },
      };
      if (jobs.length === 0) resolve([]);
      jobs.forEach((job, index) => queue.push({ job, index, batch }));
      feedIdle();
      return {
        done,
        cancel() {
          if (batch.cancelled || finished === jobs.length) return;
          batch.cancelled = true;
          // Workers busy with this batch are stopped now; fresh ones take the jobs of other batches.
          for (let slot = 0; slot < workers.length; slot++) {
            if (running[slot]?.task.batch === batch) {
              workers[slot]?.terminate();
              workers[slot] = running[slot] = null;
            }
          }
          reject(new CancelledError());
          feedIdle();
        },
      };
    },
    terminate() {
      queue.length = 0;
      for (let slot = 0; slot < workers.length; slot++) {
        workers[slot]?.terminate();
        workers[slot] = running[slot] = null;
      }
    },
  };
}

/** The app's pool: one module worker per core, up to {@link MAX_WORKERS}, started on first use. */
let shared: Pool | null = null;
export function sharedPool(): Pool {
  const cores = typeof navigator !== 'undefined' && navigator.hardwareConcurrency > 0 ? navigator.hardwareConcurrency : 2;
  shared ??= createPool(Math.min(MAX_WORKERS, cores), () => new Worker(new URL('./poolWorker.ts', import.meta.url), { type: 'module', name: 'streamlab-pool' }) as unknown as PoolWorker);
  return shared;
}
