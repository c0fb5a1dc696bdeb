import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const streamlab = (args: string[]) => spawnSync(process.execPath, ['bin/streamlab.js', ...args], { encoding: 'utf8' });

describe('streamlab sweep', () => {
  it('prints a table of the metric against the parameter and writes CSV rows', () => {
    const csv = join(mkdtempSync(join(tmpdir(), 'sweep-')), 'out.csv');
    const out = streamlab(['sweep', 'scenarios/first-stream.json', '--param', 'components.billing.consumers=1,3', '--seeds', '2', '--metric', 'groups.billing.lag.max', '--csv', csv]);
    expect(out.status).toBe(0);
    expect(out.stdout).toContain('groups.billing.lag.max against consumers (2 seeds each');
    expect(out.stdout).toMatch(/\n\s+1\s+\d/);
    expect(readFileSync(csv, 'utf8').trim().split('\n')).toHaveLength(1 + 2 * 2);
  });

  it('names a bad --param without a stack trace', () => {
    const out = streamlab(['sweep', 'scenarios/first-stream.json', '--param', 'billing=1']);
    expect(out.status).toBe(1);
    expect(out.stderr).toContain('--param must look like components.<id>.<field>=3,6,12');
    expect(out.stderr).not.toMatch(/\n\s+at /);
  });
});
