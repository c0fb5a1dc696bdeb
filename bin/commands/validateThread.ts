/**
 * The body of a `streamlab validate-model` worker thread (started through bin/validateWorker.js):
 * runs each check it is sent and posts back its outcome and wall time, or the failure's message.
 */
import { performance } from 'node:perf_hooks';
import { parentPort } from 'node:worker_threads';
import type { SuiteSize } from '../../engine/validation/checks.ts';
import { runCheck, type CheckOutcome } from '../../engine/validation/runCheck.ts';

export interface CheckRequest {
  id: string;
  size: SuiteSize;
}
export type CheckReply = { id: string; outcome: CheckOutcome; wallMs: number } | { id: string; error: string };

const port = parentPort;
if (!port) throw new Error('validateThread.ts runs as a worker thread, started by validateModel.ts');
port.on('message', ({ id, size }: CheckRequest) => {
  let reply: CheckReply;
  try {
    const start = performance.now();
    const outcome = runCheck(id, size);
    reply = { id, outcome, wallMs: performance.now() - start };
  } catch (error) {
    reply = { id, error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});
