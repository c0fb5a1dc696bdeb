import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

describe('streamlab schema', () => {
  it('prints the JSON Schema that public/scenario.schema.json holds', () => {
    const out = spawnSync(process.execPath, ['bin/streamlab.js', 'schema'], { encoding: 'utf8' });
    expect(out.status).toBe(0);
    expect(JSON.parse(out.stdout).title).toBe('Streamlab scenario');
    expect(out.stdout).toBe(readFileSync('public/scenario.schema.json', 'utf8'));
  });
});
