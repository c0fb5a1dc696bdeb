import { describe, expect, it } from 'vitest';
import { runScenario } from '../../engine/model/run.ts';
import { loadScenario } from '../../engine/scenario/load.ts';
import { runJob, type Job } from './job.ts';
import { CancelledError, createPool, type PoolReply, type PoolRequest, type PoolWorker } from './pool.ts';

const doc = (partitions = 4) => ({
  version: 1,
  seed: 5,
  duration: '20s',
  components: [
    { id: 'p', kind: 'producer', rate: 300 },
    { id: 't', kind: 'topic', partitions },
    { id: 'g', kind: 'consumer-group', consumers: 2, processing: '2ms' },
  ],
  connections: [
    { from: 'p', to: 't' },
    { from: 't', to: 'g' },
  ],
});

/** Fake workers that answer in a later task, in the order the test lets them, and record what they were sent. */
function fakeWorkers() {
  const made: (PoolWorker & { sent: PoolRequest[]; terminated: boolean; reply(): void })[] = [];
  const make = () => {
    const worker = {
      sent: [] as PoolRequest[],
      terminated: false,
      onmessage: null as ((event: { data: PoolReply }) => void) | null,
      onerror: null as ((event: { message?: string }) => void) | null,
      postMessage(message: PoolRequest) {
        this.sent.push(structuredClone(message));
      },
      /** Answers the oldest unanswered request. */
      reply() {
        const request = this.sent.shift()!;
        this.onmessage?.({ data: structuredClone({ id: request.id, outcome: runJob(request.job) }) });
      },
      terminate() {
        this.terminated = true;
      },
    };
    made.push(worker);
    return worker;
  };
  return { made, make };
}

describe('runJob', () => {
  it('gives the same result as a headless run of the same scenario and seed, with the series', () => {
    const outcome = runJob({ scenario: doc(), seed: 9 });
    if (!outcome.ok) throw new Error(outcome.problems.join('\n'));
    const loaded = loadScenario(doc());
    if (!loaded.ok) throw new Error('invalid');
    const direct = runScenario(loaded.scenario, { seed: 9 });
    expect({ ...outcome.result, engine: null }).toEqual({ ...direct, engine: null });
    expect(outcome.series.timeMs.length).toBeGreaterThan(10);
    expect(Object.keys(outcome.series.groups)).toEqual(['g']);
  });

  it("answers a scenario that is not valid with the validator's lines", () => {
    const outcome = runJob({ scenario: { ...doc(), components: [] } });
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.problems.length).toBeGreaterThan(0);
  });
});

describe('createPool', () => {
  it('keeps every worker busy and gives outcomes in job order, whatever order they finish in', async () => {
    const { made, make } = fakeWorkers();
    const pool = createPool(2, make);
    const jobs: Job[] = [2, 4, 6].map((partitions) => ({ scenario: doc(partitions) }));
    const heard: number[] = [];
    const batch = pool.run(jobs, (index) => heard.push(index));
    expect(made).toHaveLength(2);
    expect(made.map((w) => w.sent.length)).toEqual([1, 1]);
    made[1].reply(); // job 1 finishes first; worker 1 takes job 2
    expect(made[1].sent.length).toBe(1);
    made[1].reply();
    made[0].reply();
    const outcomes = await batch.done;
    expect(heard).toEqual([1, 2, 0]);
    expect(outcomes.map((o) => o.ok && o.result.topics.t.partitions.length)).toEqual([2, 4, 6]);
  });

  it('cancelling stops the busy workers, rejects, and leaves the pool ready for the next batch', async () => {
    const { made, make } = fakeWorkers();
    const pool = createPool(2, make);
    const first = pool.run([doc(2), doc(3), doc(4)].map((scenario) => ({ scenario })));
    first.cancel();
    await expect(first.done).rejects.toBeInstanceOf(CancelledError);
    expect(made.every((w) => w.terminated)).toBe(true);
    const second = pool.run([{ scenario: doc(5) }]);
    const fresh = made[made.length - 1];
    expect(fresh.terminated).toBe(false);
    fresh.reply();
    const [outcome] = await second.done;
    expect(outcome.ok && outcome.result.topics.t.partitions.length).toBe(5);
  });

  it('shares its workers between batches and reports a failed worker as that job\'s problem', async () => {
    const { made, make } = fakeWorkers();
    const pool = createPool(1, make);
    const a = pool.run([{ scenario: doc(2) }]);
    const b = pool.run([{ scenario: doc(3) }]);
    made[0].onerror?.({ message: 'out of memory' });
    expect(made[0].terminated).toBe(true);
    made[1].reply();
    const [[failed], [fine]] = await Promise.all([a.done, b.done]);
    expect(failed).toEqual({ ok: false, problems: ['The simulation worker failed: out of memory'] });
    expect(fine.ok).toBe(true);
  });
});
