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

  it('explains how each group ran, in sentences, and in JSON with --explain', () => {
    const out = streamlab(['review', 'scenarios/hot-key.json']);
    expect(out.stdout).toContain('How each group ran:\n\ncounter:\n  - At 2.5 ms a record a member can process about 400/s.');
    expect(out.stdout).toMatch(/likes-0 is hot: it takes 2\d% of its topic's records/);
    expect(out.stdout).toMatch(/Lag is growing by about \d+ records a second/);
    const json = JSON.parse(streamlab(['review', 'scenarios/hot-key.json', '--json', '--explain']).stdout);
    expect(json.findings.map((f: { rule: string }) => f.rule)).toEqual(['hot-partition', 'member-overloaded']);
    expect(json.groups[0]).toMatchObject({ group: 'counter', hot: { partition: 'likes-0' }, lag: { trend: 'growing' } });
  }, 30_000);

  it('prints JSON with --json and refuses a missing file cleanly', () => {
    const out = streamlab(['review', 'scenarios/first-stream.json', '--json']);
    expect(JSON.parse(out.stdout)).toEqual([]);
    const missing = streamlab(['review', 'nope.json']);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('nope.json: no such file');
  });
});
