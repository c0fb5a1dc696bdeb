import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runFile, writeCsv } from '../../bin/commands/run.ts';
import { ScenarioRun } from '../../engine/model/run.ts';
import { partitionNamesFromResult } from '../../engine/model/timeSeriesCsv.ts';
import { loadScenarioText } from '../../engine/scenario/load.ts';
import type { Scenario } from '../../engine/scenario/schema.ts';
import { smallScenario } from '../../test/support/smallScenario.ts';
import { partitionNamesFromScenario, runCsvFiles } from './runCsv.ts';

function libraryScenario(name: string): Scenario {
  const loaded = loadScenarioText(readFileSync(`scenarios/${name}.json`, 'utf8'));
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  return loaded.scenario;
}

const LIBRARY = readdirSync('scenarios')
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.replace(/\.json$/, ''));

describe('the playground’s CSV tables', () => {
  it('are the files `streamlab run --csv` writes, byte for byte, for the same scenario and seed', () => {
    for (const name of ['adding-partitions', 'likes-fan-out']) {
      const dir = mkdtempSync(join(tmpdir(), 'streamlab-export-csv-'));
      const cli = writeCsv(dir, runFile(`scenarios/${name}.json`, { seed: '7' }));

      // As the playground's worker runs it: the parsed scenario, the seed, to the end.
      const scenario = libraryScenario(name);
      const run = new ScenarioRun(scenario, { seed: 7 });
      const result = run.runToEnd();
      const files = runCsvFiles({ series: run.sampler.series, marks: run.marks, result }, scenario);

      expect(files.map((f) => f.name)).toEqual(cli);
      for (const file of files) expect(file.text, `${name}: ${file.name}`).toBe(readFileSync(join(dir, file.name), 'utf8'));
    }
  }, 30_000);

  it('name the partition columns before the run has a result as the result names them', () => {
    for (const name of LIBRARY) {
      const scenario = libraryScenario(name);
      // 25 s covers adding-partitions' action at 20 s; the others add none, so any length tells.
      const run = new ScenarioRun(scenario, { durationUs: 25_000_000 });
      const result = run.runToEnd();
      expect(partitionNamesFromScenario(scenario, run.sampler.series), name).toEqual(partitionNamesFromResult(result));
    }
  }, 30_000);

  it('mid-run, name only the columns sampled so far, partitions added later included once they exist', () => {
    // 4 partitions, 2 more at 10 s: the sample at 5 s has 4 columns, the one at 15 s six.
    const scenario = smallScenario({ topic: { partitions: 4 }, timeline: [{ at: '10s', action: 'add-partitions', target: 't', partitions: 2 }], duration: '20s' });
    const run = new ScenarioRun(scenario);
    run.runUntil(5_000_000);
    const early = runCsvFiles({ series: run.sampler.series, marks: run.marks, result: null }, scenario).find((f) => f.name === 'group-g.csv')!;
    expect(early.text.split('\n')[0]).toBe('time_ms,lag,lag_time_ms,throughput_out_per_s,p50_ms,p95_ms,p99_ms,paused_partitions,members,lag_t_0,lag_t_1,lag_t_2,lag_t_3');
    expect(early.text.trim().split('\n')).toHaveLength(1 + run.sampler.series.timeMs.length);

    run.runUntil(15_000_000);
    const later = runCsvFiles({ series: run.sampler.series, marks: run.marks, result: null }, scenario).find((f) => f.name === 'group-g.csv')!;
    const lines = later.text.trim().split('\n');
    expect(lines[0].endsWith(',lag_t_3,lag_t_4,lag_t_5')).toBe(true);
    // Every row has as many cells as the header: the added columns are 0 before they existed.
    for (const line of lines) expect(line.split(',')).toHaveLength(9 + 6);
    expect(lines[1].split(',').slice(-2)).toEqual(['0', '0']);
  });
});
