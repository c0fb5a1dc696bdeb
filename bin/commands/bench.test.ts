import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { formatBench, runBench, SCALE_NAME } from './bench.ts';
import { ScenarioRun } from '../../engine/model/run.ts';
import { loadScenario } from '../../engine/scenario/load.ts';
import { lightScenarioDoc, measureScale, scaleScenario, scaleScenarioDoc } from './benchModel.ts';
import { measureParallel } from './benchParallel.ts';

describe('streamlab bench', () => {
  it('reports every kernel case beside the bare loop, with ratios to it', async () => {
    const report = await runBench({ quick: true });
    expect(report.kernel.map((m) => [m.name, m.pending])).toEqual([
      ['hold', 10],
      ['hold', 1000],
      ['hold', 100_000],
      ['M/M/1', null],
    ]);
    for (const m of report.kernel) {
      expect(m.events).toBeGreaterThan(0);
      expect(m.vsBareLoop).toBeCloseTo(m.eventsPerSec / report.bareLoop.eventsPerSec, 9);
    }
    expect(report.mm1.rho).toBe(0.8);
    expect(report.mm1.errorPercent).toBeCloseTo(((report.mm1.meanTimeInSystemMs - report.mm1.theoryMs) / report.mm1.theoryMs) * 100, 9);
    const text = formatBench(report);
    expect(text).toContain('bare loop (no queue)');
    expect(text).toContain('theory 1/(mu - lambda) = 5.0000 ms');
    // --quick leaves out the long runs and says so.
    expect([report.scale, report.parallel, report.parallelLight]).toEqual([null, null, null]);
    expect(text).toContain('At scale: skipped');
  });

  // Shape only: the figures are measured by `npm run bench`, never timed in a unit test.
  it('measures the scale scenario: every message through all three groups, with its memory and the machine load', () => {
    const scale = measureScale(SCALE_NAME, scaleScenario(5));
    expect(scale.simulatedS).toBe(5);
    expect(scale.messages).toBeGreaterThan(40_000);
    // Three groups each see every message (after the groups' first 3 s wait for their assignment).
    expect(scale.processed).toBeGreaterThan(scale.messages);
    expect(scale.processed).toBeLessThanOrEqual(3 * scale.messages);
    expect(scale.messagesPerSec).toBeCloseTo((scale.messages / scale.wallMs) * 1000, 6);
    for (const peak of [scale.peakRssMiB, scale.peakHeapUsedMiB, scale.peakArrayBuffersMiB]) expect(peak).toBeGreaterThan(0);
    expect(scale.peakRssMiB).toBeGreaterThan(scale.peakHeapUsedMiB);
    expect(scale.load.cores).toBeGreaterThan(0);
    expect(scale.load.otherCores).toBeGreaterThanOrEqual(0);
    const text = formatBench({ ...emptyReport(), scale });
    expect(text).toContain(`${SCALE_NAME}  `);
    expect(text).toContain('typed arrays per message');
  });

  it('runs the scenario alone and in pairs on worker threads, and every run gives the same result', async () => {
    const parallel = await measureParallel('2 s of the same', scaleScenarioDoc(2), 1);
    expect(parallel.simulatedS).toBe(2);
    expect(parallel.messages).toBeGreaterThan(15_000);
    expect(parallel.identical).toBe(true);
    expect(parallel.speedUp).toBeCloseTo((2 * parallel.aloneMs) / parallel.pairMs, 9);
    const text = formatBench({ ...emptyReport(), parallel });
    expect(text).toContain('results identical in every run');
    expect(text).toMatch(/^ *2 +[\d.]+ +[\d.]+ +[\d.]+x$/m);
  }, 60_000);

  it('runs from the command line and prints one JSON object with --json', () => {
    const out = spawnSync(process.execPath, ['bin/streamlab.js', 'bench', '--quick', '--json'], { encoding: 'utf8' });
    expect(out.status).toBe(0);
    const report = JSON.parse(out.stdout);
    expect(Object.keys(report)).toEqual(['node', 'bareLoop', 'kernel', 'mm1', 'model', 'scale', 'parallel', 'parallelLight']);
    expect(report.model.map((m: { messages: number }) => m.messages > 0)).toEqual([true, true]);
  });

  it('refuses an unknown option with a message and no stack trace', () => {
    const out = spawnSync(process.execPath, ['bin/streamlab.js', 'bench', '--fast'], { encoding: 'utf8' });
    expect(out.status).toBe(2);
    expect(out.stderr).toContain("bench: Unknown option '--fast'");
    expect(out.stderr).not.toMatch(/\n\s+at /);
  });

  it('has a lighter scenario for the second parallel measurement: valid, one group, and it keeps up', () => {
    const loaded = loadScenario(lightScenarioDoc(20));
    if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
    const result = new ScenarioRun(loaded.scenario).runToEnd();
    expect(Object.keys(result.groups)).toEqual(['worker']);
    expect(result.produced).toBeGreaterThan(390_000);
    expect(result.groups.worker.oldestUnprocessedMs).toBeLessThan(1000);
  });

});

/** A report with no figures, for formatting one part at a time. */
function emptyReport(): Parameters<typeof formatBench>[0] {
  return {
    node: process.version,
    bareLoop: { events: 0, wallMs: 0, eventsPerSec: 0 },
    kernel: [],
    mm1: { rho: 0.8, customers: 0, meanTimeInSystemMs: 0, theoryMs: 0, errorPercent: 0, halfWidth95Ms: 0, customersPerSec: 0 },
    model: [],
    scale: null,
    parallel: null,
    parallelLight: null,
  };
}
