/**
 * Runs a sweep's jobs on worker threads, one job per thread at a time, and gives back each job's
 * metric in job order whatever order they finish in. Each job is deterministic on its own, so the
 * figures are the same as running the jobs in turn.
 */
import { Worker } from 'node:worker_threads';
import type { SweepJob } from '../../engine/analysis/sweep.ts';

export interface ThreadRequest {
  id: number;
  job: Pick<SweepJob, 'scenario' | 'seed'>;
  metric: string;
}
export type ThreadReply = { id: number; metric: number | null } | { id: number; error: string };

const WORKER_ENTRY = new URL('../sweepWorker.js', import.meta.url);

/**
 * Runs `jobs` on `threads` worker threads (no more than there are jobs); `onFinished` hears how many
 * are done. Rejects with the first failure, naming the job, and stops every thread.
 */
export function runOnThreads(jobs: readonly SweepJob[], metric: string, threads: number, onFinished?: (finished: number) => void): Promise<(number | null)[]> {
  const metrics: (number | null)[] = new Array(jobs.length).fill(null);
  if (jobs.length === 0) return Promise.resolve(metrics);
  const workers: Worker[] = [];
  return new Promise<(number | null)[]>((resolve, reject) => {
    let next = 0;
    let finished = 0;
    let failed = false;
    const fail = (error: Error) => {
      if (failed) return;
      failed = true;
      for (const worker of workers) void worker.terminate();
      reject(error);
    };
    const feed = (worker: Worker) => {
      if (next >= jobs.length) return;
      const id = next++;
      const { scenario, seed } = jobs[id];
      worker.postMessage({ id, job: { scenario, seed }, metric } satisfies ThreadRequest);
    };
    for (let i = 0; i < Math.min(Math.max(1, Math.floor(threads)), jobs.length); i++) {
      const worker = new Worker(WORKER_ENTRY);
      workers.push(worker);
      worker.on('message', (reply: ThreadReply) => {
        if (failed) return;
        if ('error' in reply) {
          const job = jobs[reply.id];
          fail(new Error(`the run with value ${JSON.stringify(job.value)} on seed ${job.seed} failed: ${reply.error}`));
          return;
        }
        metrics[reply.id] = reply.metric;
        finished += 1;
        onFinished?.(finished);
        if (finished === jobs.length) {
          for (const w of workers) void w.terminate();
          resolve(metrics);
        } else feed(worker);
      });
      worker.on('error', (error) => fail(new Error(`a sweep worker thread failed: ${error.message}`)));
      feed(worker);
    }
  });
}
