import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const streamlab = (args: string[]) => spawnSync(process.execPath, ['bin/streamlab.js', ...args], { encoding: 'utf8' });

describe('streamlab review', () => {
  it('prints the findings with their evidence and suggestion', () => {
    const out = streamlab(['review', 'scenarios/hot-key.json']);
    expect(out.status).toBe(0);
    expect(out.stdout).toMatch(/^Hot key: 2 findings/);
    expect(out.stdout).toContain('[risk] likes: partition');
    expect(out.stdout).toContain('evidence: Skew');
    expect(out.stdout).toContain('suggestion: ');
  });

  it('prints JSON with --json and refuses a missing file cleanly', () => {
    const out = streamlab(['review', 'scenarios/first-stream.json', '--json']);
    expect(JSON.parse(out.stdout)).toEqual([]);
    const missing = streamlab(['review', 'nope.json']);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('nope.json: no such file');
  });
});
