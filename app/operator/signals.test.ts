import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { operatorView } from '../../engine/analysis/operator.ts';
import { ScenarioRun } from '../../engine/model/run.ts';
import { loadScenarioText } from '../../engine/scenario/load.ts';
import { signalSections } from './signals.ts';

function sections(file: string) {
  const loaded = loadScenarioText(readFileSync(`scenarios/${file}.json`, 'utf8'));
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  const run = new ScenarioRun(loaded.scenario);
  const result = run.runToEnd();
  return signalSections(operatorView(loaded.scenario, result, run.sampler.series));
}

describe('operator panel rows', () => {
  it('has a section for producers, each group and each topic, in that order', () => {
    expect(sections('replay').map((s) => s.title)).toEqual(['Producers', 'order-totals', 'order-totals-idempotent', 'orders']);
  });

  it('writes each value in its unit, with the thresholds in words', () => {
    const replay = sections('replay').find((s) => s.title === 'order-totals')!;
    const byLabel = Object.fromEntries(replay.rows.map((r) => [r.label, r]));
    expect(byLabel.Replay).toMatchObject({ value: '12.0 s', level: 0, thresholds: 'amber from 1.0 min, red from 10.0 min' });
    expect(byLabel['Retention headroom'].thresholds).toBe('amber under 3.5 d, red under 16.8 h');
    expect(byLabel['Consumer lag (time)'].value).toMatch(/^\d\.\d s$/);
    expect(byLabel['Oldest unprocessed event'].value).toMatch(/^\d+ ms$/);
  });

  it('says a group losing records has no headroom, in red', () => {
    const archiver = sections('retention-loss').find((s) => s.title === 'archiver')!;
    expect(archiver.rows.find((r) => r.label === 'Retention headroom')).toMatchObject({ value: 'losing records', level: 2 });
  });
});
