import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ScenarioRun } from '../model/run.ts';
import { loadScenario } from '../scenario/load.ts';
import type { ScenarioInput } from '../scenario/schema.ts';
import { explain } from './explain.ts';
import { review } from './review.ts';

function analysed(input: unknown) {
  const loaded = loadScenario(input);
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  const run = new ScenarioRun(loaded.scenario);
  const result = run.runToEnd();
  return { result, findings: review(loaded.scenario, result), explanations: explain(loaded.scenario, result, run.sampler.series) };
}

/** Two workers behind (20 messages a second, 5 each), whose receives of 10 messages of 200 ms outlast a 1 s visibility timeout. */
const slowWorkers: ScenarioInput = {
  version: 1,
  seed: 4,
  duration: '20s',
  components: [
    { id: 'p', kind: 'producer', rate: 20, keys: { dist: 'uniform', count: 10 } },
    { id: 'jobs', kind: 'queue', visibilityTimeout: '1s' },
    { id: 'workers', kind: 'consumer-group', consumers: 2, maxPollRecords: 10, processing: '200ms' },
  ],
  connections: [
    { from: 'p', to: 'jobs' },
    { from: 'jobs', to: 'workers' },
  ],
};

describe('the analysis of groups reading a queue', () => {
  it('does not blame a crash on the session timeout when the group reads a queue', () => {
    const { findings } = analysed(JSON.parse(readFileSync('scenarios/queue-vs-stream.json', 'utf8')));
    expect(findings.filter((f) => f.component === 'billing-workers' || f.component === 'analytics-workers')).toEqual([]);
  });

  it('flags a visibility timeout shorter than a receive takes, as a risk once messages are processed twice', () => {
    const { result, findings } = analysed(slowWorkers);
    expect(result.queues.jobs.duplicates).toBeGreaterThan(0);
    const finding = findings.find((f) => f.rule === 'visibility-timeout-shorter-than-a-receive');
    expect(finding).toMatchObject({ component: 'workers', severity: 'risk' });
    expect(finding?.evidence).toContain(`${result.queues.jobs.duplicates} messages were processed twice`);
  });

  it('explains a queue group’s load as the queue’s arrivals shared by every competing member', () => {
    const { result, explanations } = analysed(JSON.parse(readFileSync('scenarios/queue-vs-stream.json', 'utf8')));
    const workers = explanations.find((e) => e.group === 'billing-workers')!;
    const offered = Math.round(result.queues['order-jobs'].enqueued / (result.simulatedMs / 1000));
    expect(workers.sentences[0]).toContain('billing-workers reads the queue order-jobs: its 2 members take whichever message is next, competing with 2 members of analytics-workers');
    expect(workers.sentences[0]).toContain(`order-jobs is offered ${offered}/s`);
    expect(workers.sentences[0]).toContain('the 4 members can process about 1,333/s together');
  });
});
