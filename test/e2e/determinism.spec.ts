/**
 * The same scenario and seed give the same run in Chromium as in Node, to the last bit. Each
 * scenario runs in the app's own pool worker (the production build's bundle, posted the job the
 * pool posts), and in Node both through `streamlab run --json` and through the job the worker runs.
 * The scenarios between them draw from every distribution the engine samples with Math.log, exp,
 * sqrt, sin and cos (exponential, lognormal, zipf keys, Poisson arrivals), and run a cluster with a
 * broker crash, a hot key, a service outage and the benchmark's 64 partitions read by 3 groups.
 * Those draws use engine/core/math.ts, not Math: the last test shows why.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import ts from 'typescript';
import { runJob, type Job, type JobOutcome } from '../../app/pool/job.ts';
import * as engineMath from '../../engine/core/math.ts';
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

/** Arguments like the engine's draws: log(1 - u), exp of a normal's range, Box–Muller angles. */
const MATH_ARGUMENTS = `(() => {
  let x = 2463534242;
  const u = () => { x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0; return (x + 0.5) / 4294967296; };
  return Array.from({ length: 20000 }, () => [1 - u(), (u() - 0.5) * 40, 2 * Math.PI * u()]);
})()`;

test('the engine’s log, exp, sin and cos give the same bits in Chromium as in Node, where Math’s need not', async ({ page }, testInfo) => {
  await openFresh(page);
  // engine/core/math.ts as the page would load it: type-stripped, imported as a module.
  const source = ts.transpileModule(readFileSync('engine/core/math.ts', 'utf8'), { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ES2022 } }).outputText;
  const inChromium = (await page.evaluate(`(async () => {
    const m = await import(URL.createObjectURL(new Blob([${JSON.stringify(source)}], { type: 'text/javascript' })));
    const args = ${MATH_ARGUMENTS};
    return {
      engine: args.map(([a, b, c]) => [m.log(a), m.exp(b), m.sin(c), m.cos(c)]),
      math: args.map(([a, b, c]) => [Math.log(a), Math.exp(b), Math.sin(c), Math.cos(c)]),
    };
  })()`)) as { engine: number[][]; math: number[][] };
  const args = eval(MATH_ARGUMENTS) as number[][];
  const inNode = args.map(([a, b, c]) => [engineMath.log(a), engineMath.exp(b), engineMath.sin(c), engineMath.cos(c)]);
  expect(inChromium.engine).toEqual(inNode);
  // Why the engine has its own: how often this browser's Math functions disagree with Node's.
  const mathInNode = args.map(([a, b, c]) => [Math.log(a), Math.exp(b), Math.sin(c), Math.cos(c)]);
  const differing = ['log', 'exp', 'sin', 'cos'].map((name, k) => `${name} ${inChromium.math.filter((row, i) => !Object.is(row[k], mathInNode[i][k])).length}`);
  testInfo.annotations.push({ type: 'Math functions differing from Node’s, of 20,000 arguments each', description: differing.join(', ') });
  console.log(`Math functions differing between Node ${process.version} and this Chromium, of 20,000 each: ${differing.join(', ')}`);
});
