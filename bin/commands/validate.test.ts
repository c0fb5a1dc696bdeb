import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const streamlab = (args: string[]) => spawnSync(process.execPath, ['bin/streamlab.js', ...args], { encoding: 'utf8' });

describe('streamlab validate', () => {
  it('exits 0 with one OK line for a valid file', () => {
    const out = streamlab(['validate', 'scenarios/first-stream.json']);
    expect(out.status).toBe(0);
    expect(out.stdout).toBe('scenarios/first-stream.json: OK, "First stream", 3 components, 1m simulated\n');
  });

  it('exits 1 listing every problem of a bad file as `path: problem` lines', () => {
    const out = streamlab(['validate', 'scenarios/first-stream.json', 'test/scenarios/malformed/many-problems.json']);
    expect(out.status).toBe(1);
    const lines = out.stdout.trim().split('\n');
    expect(lines[0]).toBe('scenarios/first-stream.json: OK, "First stream", 3 components, 1m simulated');
    expect(lines[1]).toBe('test/scenarios/malformed/many-problems.json is not a valid scenario (5 problems):');
    expect(lines.slice(2).every((line) => /^ {2}[\w[\].]+: \S/.test(line))).toBe(true);
    expect(lines).toContain('  components[1].partitions: must be a whole number from 1 to 10000, got 0');
  });

  it('names a missing file, and asks for a file when given none', () => {
    const missing = streamlab(['validate', 'nope.json']);
    expect(missing.status).toBe(1);
    expect(missing.stdout).toBe('nope.json: no such file\n');
    const none = streamlab(['validate']);
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('validate: give one or more scenario files');
  });
});
