/**
 * The same scenario and seed give the same run in Chromium as in Node, to the last bit. Each
 * scenario runs in the app's own pool worker (the production build's bundle, posted the job the
 * pool posts), and in Node both through `streamlab run --json` and through the job the worker runs.
 * The scenarios between them draw from every distribution the engine samples with Math.log, exp,
 * sqrt, sin and cos (exponential, lognormal, zipf keys, Poisson arrivals), and run a cluster with a
 * broker crash, a hot key, a service outage and the benchmark's 64 partitions read by 3 groups.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { runJob, type Job, type JobOutcome } from '../../app/pool/job.ts';
import { scaleScenarioDoc } from '../../bin/commands/benchModel.ts';
import { expect, openFresh, test } from './fixtures.ts';

const library = (name: string) => JSON.parse(readFileSync(`scenarios/${name}.json`, 'utf8')) as unknown;

const cases: { name: string; scenario: unknown; seed: number }[] = [
  { name: 'hot-key (a hot key, 12 partitions)', scenario: library('hot-key'), seed: 11 },
  { name: 'broker-crash-acks (a cluster of brokers, one crashes)', scenario: library('broker-crash-acks'), seed: 12 },
  { name: 'likes-fan-out (zipf keys, lognormal times, a service outage)', scenario: library('likes-fan-out'), seed: 13 },
  { name: 'the benchmark scenario, 20 s (64 partitions, 3 groups)', scenario: scaleScenarioDoc(20), seed: 14 },
];

/** The built pool worker: the file the app's pool starts (named with a content hash). */
function poolWorkerFile(): string {
  const assets = join(process.env.STREAMLAB_E2E_DIST ?? 'dist', 'assets');
  const file = readdirSync(assets).find((f) => /^poolWorker-[\w-]+\.js$/.test(f));
  if (!file) throw new Error(`no poolWorker-*.js in ${assets}: build the app first`);
  return `./assets/${file}`;
}

/**
 * Runs `job` in a pool worker in the page. Playwright carries -0, NaN and the infinities across
 * exactly, and toEqual compares numbers with Object.is, so equal outcomes are equal to the bit.
 */
async function runInChromium(page: Page, job: Job): Promise<JobOutcome> {
  return (await page.evaluate(`new Promise((resolve, reject) => {
    const worker = new Worker(${JSON.stringify(poolWorkerFile())}, { type: 'module' });
    worker.onmessage = (event) => { worker.terminate(); resolve(event.data.outcome); };
    worker.onerror = (event) => { worker.terminate(); reject(new Error(event.message || 'the pool worker failed to load')); };
    worker.postMessage({ id: 1, job: ${JSON.stringify(job)} });
  })`)) as JobOutcome;
}

/** `streamlab run FILE --seed S --json`, without the one figure a host's clock sets. */
function runJsonInNode(scenario: unknown, seed: number): unknown {
  const file = join(mkdtempSync(join(tmpdir(), 'streamlab-determinism-')), 'scenario.json');
  writeFileSync(file, JSON.stringify(scenario));
  const out = spawnSync(process.execPath, ['bin/streamlab.js', 'run', file, '--seed', String(seed), '--json'], { encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`streamlab run failed: ${out.stderr}`);
  const result = JSON.parse(out.stdout) as { engine: { wallMs?: number } };
  delete result.engine.wallMs;
  return result;
}

test.describe('one scenario and seed, one run, in Chromium and in Node', () => {
  test.describe.configure({ timeout: 180_000 });

  for (const { name, scenario, seed } of cases) {
    test(name, async ({ page }) => {
      await openFresh(page);
      const userAgent = await page.evaluate('navigator.userAgent');
      const inChromium = await runInChromium(page, { scenario, seed });
      if (!inChromium.ok) throw new Error(`the scenario does not load: ${inChromium.problems.join('; ')}`);
      // A run that did nothing would agree trivially.
      expect(inChromium.result.produced).toBeGreaterThan(1000);
      expect(inChromium.result.seed).toBe(seed);

      // The whole `run --json` result (as JSON, so -0 would read as 0 on both sides).
      expect(JSON.parse(JSON.stringify(inChromium.result)), `run --json in Node vs the pool worker in ${userAgent}`).toEqual(runJsonInNode(scenario, seed));
      // The result, every time series and every mark, number for number.
      const inNode = runJob({ scenario, seed });
      expect(inChromium, `Node ${process.version} vs ${userAgent}`).toEqual(inNode);
    });
  }
});
