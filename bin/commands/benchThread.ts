/**
 * The body of a `streamlab bench` worker thread (started through bin/benchWorker.js): runs each
 * scenario it is sent to the end and posts back the result as JSON text, so the main thread can
 * check that runs on different threads agree to the last digit.
 */
import { parentPort } from 'node:worker_threads';
import { ScenarioRun } from '../../engine/model/run.ts';
import { loadScenario } from '../../engine/scenario/load.ts';
import type { ThreadReply, ThreadRequest } from './benchParallel.ts';

const port = parentPort;
if (!port) throw new Error('benchThread.ts runs as a worker thread, started by benchParallel.ts');
port.on('message', ({ id, scenario }: ThreadRequest) => {
  let reply: ThreadReply;
  try {
    const loaded = loadScenario(scenario);
    if (!loaded.ok) throw new Error(loaded.problems.join('; '));
    reply = { id, resultJson: JSON.stringify(new ScenarioRun(loaded.scenario).runToEnd()) };
  } catch (error) {
    reply = { id, error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});
