import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../model/run.ts';
import { loadScenarioText } from '../scenario/load.ts';
import { review } from './review.ts';

function reviewed(file: string) {
  const loaded = loadScenarioText(readFileSync(`scenarios/${file}.json`, 'utf8'));
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  return review(loaded.scenario, runScenario(loaded.scenario));
}

const rules = (file: string) => reviewed(file).map((f) => `${f.rule}:${f.component}:${f.severity}`);

describe('design review', () => {
  it('finds nothing to raise in the first stream', () => {
    expect(reviewed('first-stream')).toEqual([]);
  });

  it('names the hot partition and the member that cannot keep up with it', () => {
    const findings = reviewed('hot-key');
    expect(rules('hot-key')).toEqual(['hot-partition:likes:risk', 'member-overloaded:counter:risk']);
    expect(findings[0].title).toMatch(/^partition \d+ takes \d+% of likes's records$/);
    expect(findings[1].suggestion).toContain('more members alone cannot help');
  });

  it('flags idle members, retention shorter than the lag, at-least-once into a service, acks=1, long session timeouts', () => {
    expect(rules('more-consumers-than-partitions')).toContain('more-consumers-than-partitions:sessionizer:warning');
    expect(rules('retention-loss')).toContain('retention-shorter-than-lag:archiver:risk');
    expect(rules('likes-fan-out')).toContain('at-least-once-into-service:notifications:warning');
    expect(rules('broker-crash-acks')).toEqual(['acks-can-lose-data:fast-writer:risk']);
    expect(rules('consumer-crash-eager')).toContain('long-session-timeout:ledger:warning');
  });

  it('gives each finding its evidence from the run and a suggested change', () => {
    for (const file of ['hot-key', 'retention-loss', 'broker-crash-acks']) {
      for (const f of reviewed(file)) {
        expect(f.evidence.length).toBeGreaterThan(20);
        expect(f.suggestion.length).toBeGreaterThan(20);
      }
    }
    expect(reviewed('broker-crash-acks')[0].evidence).toMatch(/^\d+ records were lost when a leader failed/);
  });
});
