/**
 * The teaching library's conventions, for every file in scenarios/ (whether it passes its
 * expectations is `npm run check`'s job): it validates, is named in kebab-case, teaches with a
 * description, a narrative from 0 s on and expectations, fixes its seed, and lays out every
 * component with its wires running left to right.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { libraryFiles } from '../../bin/commands/check.ts';
import { loadScenarioFile } from '../../bin/commands/scenarioFile.ts';

const files = libraryFiles();

describe('the scenario library', () => {
  it('has at least 12 scenarios', () => {
    expect(files.length).toBeGreaterThanOrEqual(12);
  });

  it.each(files)('%s follows the library’s conventions', (file) => {
    expect(basename(file)).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*\.json$/);
    const loaded = loadScenarioFile(file);
    if (!loaded.ok) throw new Error(`${file}:\n${loaded.problems.join('\n')}`);
    const { scenario } = loaded;
    const raw = JSON.parse(readFileSync(file, 'utf8'));

    expect(raw.seed, 'a fixed seed').toBeDefined();
    expect(scenario.description?.length ?? 0, 'a description').toBeGreaterThan(40);
    expect(scenario.expect.length, 'expectations that pin the lesson').toBeGreaterThan(0);

    const times = scenario.narrative.map((entry) => entry.at);
    expect(times.length, 'a narrative').toBeGreaterThanOrEqual(3);
    expect(times[0], 'a narrative that starts at 0 s').toBe(0);
    expect(times, 'narrative entries in time order').toEqual([...times].sort((a, b) => a - b));

    const ids = scenario.components.map((c) => c.id).sort();
    expect(Object.keys(scenario.layout).sort(), 'a position for every component').toEqual(ids);
    for (const { from, to } of scenario.connections) {
      expect(scenario.layout[from].x, `${from} -> ${to} runs left to right`).toBeLessThan(scenario.layout[to].x);
    }
  });
});
