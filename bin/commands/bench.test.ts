import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { formatBench, runBench } from './bench.ts';

describe('streamlab bench', () => {
  it('reports every kernel case beside the bare loop, with ratios to it', () => {
    const report = runBench(true);
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
  });

  it('runs from the command line and prints one JSON object with --json', () => {
    const out = spawnSync(process.execPath, ['bin/streamlab.js', 'bench', '--quick', '--json'], { encoding: 'utf8' });
    expect(out.status).toBe(0);
    const report = JSON.parse(out.stdout);
    expect(Object.keys(report)).toEqual(['node', 'bareLoop', 'kernel', 'mm1', 'model', 'memory']);
    expect(report.model.map((m: { messages: number }) => m.messages > 0)).toEqual([true, true]);
  });

  it('refuses an unknown option with a message and no stack trace', () => {
    const out = spawnSync(process.execPath, ['bin/streamlab.js', 'bench', '--fast'], { encoding: 'utf8' });
    expect(out.status).toBe(2);
    expect(out.stderr).toContain("bench: Unknown option '--fast'");
    expect(out.stderr).not.toMatch(/\n\s+at /);
  });
});
