/**
 * `streamlab validate-model [--short] [--write] [--json] [--threads N]` (`npm run validate`): runs the
 * model against closed-form results (engine/validation/) on worker threads, prints the table, and
 * exits 1 if any comparison fails. `--write` stores the results and rewrites docs/MODEL.md's table.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { CHECKS, type SuiteSize } from '../../engine/validation/checks.ts';
import { allRows, fingerprints, passed, renderTable, replaceMarked, type StoredResults, type ValidationReport } from '../../engine/validation/report.ts';
import { checkScenario, runCheck, type CheckOutcome } from '../../engine/validation/runCheck.ts';
import { CliError, parseOptions, type Command } from './command.ts';
import type { CheckReply, CheckRequest } from './validateThread.ts';

/** Where `--write` puts the results (both suites) that docs/MODEL.md's table is rendered from. */
export const RESULTS_FILE = fileURLToPath(new URL('../../test/validation/full-results.json', import.meta.url));
export const MODEL_DOC = fileURLToPath(new URL('../../docs/MODEL.md', import.meta.url));
const WORKER_ENTRY = new URL('../validateWorker.js', import.meta.url);

/** Records a check simulates, roughly: the longest go first so the threads finish together. */
function work(id: string, size: SuiteSize): number {
  const scenario = checkScenario(CHECKS.find((c) => c.id === id)!, size);
  return scenario.components.reduce((sum, c) => sum + (c.kind === 'producer' ? c.rate * (scenario.duration / 1e6) : 0), 0);
}

/** Runs every check at `size` on `threads` worker threads (1: in this thread); outcomes in suite order. */
export async function runSuite(size: SuiteSize, threads: number, progress: (line: string) => void = () => {}): Promise<ValidationReport> {
  const start = performance.now();
  const ids = CHECKS.map((c) => c.id);
  const byId = new Map<string, CheckOutcome>();
  const done = (id: string, outcome: CheckOutcome, wallMs: number) => {
    byId.set(id, outcome);
    const failures = outcome.rows.filter((r) => !r.pass).length;
    progress(`[${byId.size}/${ids.length}] ${id}: ${(wallMs / 1000).toFixed(1)} s${failures > 0 ? `, ${failures} FAIL` : ''}`);
  };
  const used = Math.max(1, Math.min(Math.floor(threads), ids.length));
  if (used === 1) {
    for (const id of ids) {
      const t = performance.now();
      done(id, runCheck(id, size), performance.now() - t);
    }
  } else {
    const queue = [...ids].sort((a, b) => work(b, size) - work(a, size));
    await new Promise<void>((resolve, reject) => {
      const workers: Worker[] = [];
      let failed = false;
      const stop = () => workers.forEach((w) => void w.terminate());
      const feed = (worker: Worker) => {
        const id = queue.shift();
        if (id !== undefined) worker.postMessage({ id, size } satisfies CheckRequest);
      };
      for (let i = 0; i < used; i++) {
        const worker = new Worker(WORKER_ENTRY);
        workers.push(worker);
        worker.on('message', (reply: CheckReply) => {
          if (failed) return;
          if ('error' in reply) {
            failed = true;
            stop();
            reject(new CliError(`validate-model: check ${reply.id} could not run: ${reply.error}`, 1));
            return;
          }
          done(reply.id, reply.outcome, reply.wallMs);
          if (byId.size === ids.length) {
            stop();
            resolve();
          } else feed(worker);
        });
        worker.on('error', (error) => {
          if (failed) return;
          failed = true;
          stop();
          reject(new CliError(`validate-model: a worker thread failed: ${error.message}`, 1));
        });
        feed(worker);
      }
    });
  }
  return { size, wallMs: Math.round(performance.now() - start), threads: used, fingerprints: fingerprints(size), outcomes: ids.map((id) => byId.get(id)!) };
}

/** Rewrites the table between docs/MODEL.md's markers, reading the file just before (others edit the rest of it). */
export function writeModelDoc(report: ValidationReport, path = MODEL_DOC): void {
  const text = readFileSync(path, 'utf8');
  writeFileSync(path, replaceMarked(text, renderTable(report)));
}

function threadCount(text: string | undefined): number {
  if (text === undefined) return availableParallelism();
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new CliError(`validate-model: --threads must be a whole number of 1 or more, got "${text}"`);
  return n;
}

export const validateModel: Command = {
  name: 'validate-model',
  usage: 'validate-model [--short] [--write] [--json]',
  summary: 'run the model against queueing theory and the rebalance timings; print the table',
  help: [
    'Usage: npx streamlab validate-model [--short] [--write] [--json] [--threads N]',
    '',
    'Runs the model against closed-form results: M/M/1 at rho 0.5, 0.8, 0.9, M/D/1, M/G/1 with',
    "lognormal processing (Pollaczek-Khinchine), each member of a hot-key group as an M/M/1 queue, Little's",
    'law on a run\'s own lag, and rebalance pauses against the configured timeouts. Prints a markdown',
    'table with the customers simulated, the batch-means 95% interval and the error of every mean;',
    'exits 1 if any comparison fails. The checks and their seeds are in engine/validation/checks.ts.',
    '',
    '  --short        the short suite of `npm test` (same runs, fewer customers, wider tolerance)',
    '  --write        also run the short suite, store both in test/validation/full-results.json and',
    "                 rewrite the table between docs/MODEL.md's validation markers (full suite only)",
    '  --json         print the report as JSON instead of the table',
    '  --threads N    worker threads (default: the cores); 1 runs everything in this thread',
  ].join('\n'),
  async run(args) {
    const { values } = parseOptions('validate-model', args, {
      short: { type: 'boolean' },
      write: { type: 'boolean' },
      json: { type: 'boolean' },
      threads: { type: 'string' },
    });
    if (values.short && values.write) throw new CliError('validate-model: --write stores the full suite; leave out --short');
    const threads = threadCount(values.threads);
    const progress = (line: string) => console.error(line);
    const report = await runSuite(values.short ? 'short' : 'full', threads, progress);
    const ok = passed(report);
    console.log(values.json ? JSON.stringify(report, null, 2) : `${renderTable(report)}\n`);
    if (!values.write) return ok ? 0 : 1;
    if (!ok) {
      console.error(`validate-model: nothing written: ${allRows(report).filter((r) => !r.pass).length} comparisons fail`);
      return 1;
    }
    progress('the short suite, for npm test to compare with:');
    const short = await runSuite('short', threads, progress);
    const stored: StoredResults = { full: report, short };
    writeFileSync(RESULTS_FILE, `${JSON.stringify(stored, null, 1)}\n`);
    writeModelDoc(report);
    console.error(`validate-model: wrote ${RESULTS_FILE} and the table in ${MODEL_DOC}`);
    return passed(short) ? 0 : 1;
  },
};
