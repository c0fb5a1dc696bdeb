import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenarioText } from '../scenario/load.ts';
import { ScenarioRun } from './run.ts';
import { partitionNamesFromResult, timeSeriesCsv } from './timeSeriesCsv.ts';

describe('time series as CSV', () => {
  it("writes each processor's state size, late records and windows closed over time", () => {
    const loaded = loadScenarioText(readFileSync('scenarios/windowed-counts.json', 'utf8'));
    if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
    const run = new ScenarioRun({ ...loaded.scenario, duration: 150_000_000 });
    const result = run.runToEnd();
    const files = timeSeriesCsv(run.sampler.series, run.marks, partitionNamesFromResult(result));
    const processors = loaded.scenario.components.filter((c) => c.kind === 'processor').map((c) => c.id);
    expect(processors.length).toBeGreaterThan(0);
    for (const id of processors) {
      const file = files.find((f) => f.name === `processor-${id}.csv`);
      expect(file, id).toBeDefined();
      const lines = file!.text.trim().split('\n');
      expect(lines[0]).toBe('time_ms,state_entries,late_records_per_s,windows_closed_per_s');
      expect(lines).toHaveLength(run.sampler.series.timeMs.length + 1);
      const state = lines.slice(1).map((line) => Number(line.split(',')[1]));
      expect(state).toEqual(run.sampler.series.processors![id].stateEntries);
      expect(Math.max(...state)).toBeGreaterThan(0);
    }
  });
});
