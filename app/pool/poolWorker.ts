/**
 * A pool worker: runs each job it is sent to the end and posts the outcome with the job's id.
 * The logic is in job.ts; an engine failure is reported as the job's problem, not lost.
 */
import { runJob } from './job.ts';
import type { PoolReply, PoolRequest } from './pool.ts';

self.onmessage = (event: MessageEvent<PoolRequest>) => {
  const { id, job } = event.data;
  let reply: PoolReply;
  try {
    reply = { id, outcome: runJob(job) };
  } catch (error) {
    reply = { id, outcome: { ok: false, problems: [`The engine failed: ${error instanceof Error ? error.message : String(error)}`] } };
  }
  self.postMessage(reply);
};
