/**
 * The body of a `streamlab sweep` worker thread (started through bin/sweepWorker.js): runs each job
 * it is sent with the engine's {@link runSweepJob} and posts back the metric, or the failure's message.
 */
import { parentPort } from 'node:worker_threads';
import { runSweepJob } from '../../engine/analysis/sweep.ts';
import type { ThreadReply, ThreadRequest } from './sweepThreads.ts';

const port = parentPort;
if (!port) throw new Error('sweepThread.ts runs as a worker thread, started by sweepThreads.ts');
port.on('message', ({ id, job, metric }: ThreadRequest) => {
  let reply: ThreadReply;
  try {
    reply = { id, metric: runSweepJob(job, metric) };
  } catch (error) {
    reply = { id, error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});
