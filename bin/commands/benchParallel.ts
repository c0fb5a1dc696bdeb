/**
 * Parallel speed-up for `streamlab bench`: one scenario run alone on a worker thread, then twice at
 * once on two, in turn for a few rounds; the best time of each counts (the usual best-of-N on a
 * machine shared with other work). Every run must give the same result, alone or beside another.
 */
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { watchMachineLoad, type MachineLoad } from './machineLoad.ts';

export interface ThreadRequest {
  id: number;
  /** A scenario in the file format. */
  scenario: { duration: number };
}
export type ThreadReply = { id: number; resultJson: string } | { id: number; error: string };

export interface ParallelMeasurement {
  name: string;
  messages: number;
  simulatedS: number;
  rounds: number;
  /** Best wall time of one run alone on a worker thread, ms. */
  aloneMs: number;
  /** Best wall time of two runs at once on two worker threads, until both finish, ms. */
  pairMs: number;
  /** Runs per unit of wall time with two at once over one alone: 2 × aloneMs / pairMs. */
  speedUp: number;
  /** Every run, alone or beside another, gave the same result as the first. */
  identical: boolean;
  load: MachineLoad;
}

const WORKER_ENTRY = new URL('../benchWorker.js', import.meta.url);

/** A worker thread that runs one scenario at a time and answers with its result as JSON. */
class RunThread {
  private readonly worker = new Worker(WORKER_ENTRY);
  private nextId = 0;
  private pending: { id: number; resolve(json: string): void; reject(error: Error): void } | null = null;

  constructor() {
    this.worker.on('message', (reply: ThreadReply) => {
      const pending = this.pending;
      if (!pending || reply.id !== pending.id) return;
      this.pending = null;
      if ('error' in reply) pending.reject(new Error(`a bench run failed: ${reply.error}`));
      else pending.resolve(reply.resultJson);
    });
    this.worker.on('error', (error) => {
      this.pending?.reject(new Error(`a bench worker thread failed: ${error.message}`));
      this.pending = null;
    });
  }

  run(scenario: ThreadRequest['scenario']): Promise<string> {
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      this.pending = { id, resolve, reject };
      this.worker.postMessage({ id, scenario } satisfies ThreadRequest);
    });
  }

  terminate(): Promise<number> {
    return this.worker.terminate();
  }
}

/** Runs `runs` at once; resolves to their results and the wall time until the last finished. */
async function timed(runs: Promise<string>[]): Promise<{ results: string[]; wallMs: number }> {
  const start = performance.now();
  const results = await Promise.all(runs);
  return { results, wallMs: performance.now() - start };
}

/**
 * Measures `scenario` (file format) alone and in pairs over `rounds` rounds, after a warm-up on
 * both threads with its first 10 simulated seconds (so each thread's JIT has settled).
 */
export async function measureParallel(name: string, scenario: ThreadRequest['scenario'], rounds = 3): Promise<ParallelMeasurement> {
  const threads = [new RunThread(), new RunThread()];
  try {
    const warmUp = { ...scenario, duration: Math.min(scenario.duration, 10_000) };
    await Promise.all(threads.map((t) => t.run(warmUp)));
    const load = watchMachineLoad();
    let aloneMs = Infinity;
    let pairMs = Infinity;
    const results: string[] = [];
    for (let round = 0; round < rounds; round++) {
      const alone = await timed([threads[0].run(scenario)]);
      const pair = await timed(threads.map((t) => t.run(scenario)));
      aloneMs = Math.min(aloneMs, alone.wallMs);
      pairMs = Math.min(pairMs, pair.wallMs);
      results.push(...alone.results, ...pair.results);
    }
    const first = JSON.parse(results[0]) as { produced: number; simulatedMs: number };
    return {
      name,
      messages: first.produced,
      simulatedS: first.simulatedMs / 1000,
      rounds,
      aloneMs,
      pairMs,
      speedUp: (2 * aloneMs) / pairMs,
      identical: results.every((r) => r === results[0]),
      load: load.stop(),
    };
  } finally {
    await Promise.all(threads.map((t) => t.terminate()));
  }
}
