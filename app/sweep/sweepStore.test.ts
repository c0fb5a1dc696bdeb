import { describe, expect, it } from 'vitest';
import { metricAt } from '../../engine/model/result.ts';
import { runJob, type Job, type JobOutcome } from '../pool/job.ts';
import { CancelledError, type Pool } from '../pool/pool.ts';
import type { ScenarioDoc } from '../store/scenarioDoc.ts';
import { createSweepStore } from './sweepStore.ts';

const doc: ScenarioDoc = {
  version: 1,
  name: 'Small',
  seed: 3,
  duration: '5s',
  components: [
    { id: 'p', kind: 'producer', rate: 300 },
    { id: 't', kind: 'topic', partitions: 4 },
    { id: 'g', kind: 'consumer-group', consumers: 2, processing: '2ms' },
  ],
  connections: [
    { from: 'p', to: 't' },
    { from: 't', to: 'g' },
  ],
  layout: {},
};

/** A pool that runs nothing until the test finishes a job, in any order it likes. */
function manualPool() {
  const batches: { jobs: Job[]; finish(index: number, outcome?: JobOutcome): void; cancelled: boolean }[] = [];
  const pool: Pool = {
    size: 2,
    run(jobs, onOutcome) {
      let finished = 0;
      const outcomes: JobOutcome[] = [];
      let resolve!: (o: JobOutcome[]) => void;
      let reject!: (e: Error) => void;
      const done = new Promise<JobOutcome[]>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      done.catch(() => {});
      const batch = {
        jobs,
        cancelled: false,
        finish(index: number, outcome = runJob(jobs[index])) {
          outcomes[index] = outcome;
          finished += 1;
          onOutcome?.(index, outcome, finished);
          if (finished === jobs.length) resolve(outcomes);
        },
      };
      batches.push(batch);
      return {
        done,
        cancel() {
          batch.cancelled = true;
          reject(new CancelledError());
        },
      };
    },
    terminate() {},
  };
  return { pool, batches };
}

function setup(playgroundSeed?: number) {
  const { pool, batches } = manualPool();
  let current = doc;
  const store = createSweepStore({ pool: () => pool, scenarioDoc: () => current, playgroundSeed: () => playgroundSeed });
  return { store, batches, open: (next: ScenarioDoc) => (current = next) };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the sweep store', () => {
  it('runs every value × seed on the pool, counts them as they finish, and keeps each result in its place', async () => {
    const { store, batches } = setup(10);
    store.getState().edit({ valuesText: '2, 4', seedsText: '2' });
    store.getState().start();
    expect(store.getState().status).toBe('running');
    const [batch] = batches;
    expect(batch.jobs.map((j) => j.seed)).toEqual([10, 11, 10, 11]);
    // Finished out of order: each result lands on its own job.
    batch.finish(3);
    batch.finish(0);
    expect(store.getState().run?.finished).toBe(2);
    expect(store.getState().run?.results.map((r) => r !== null)).toEqual([true, false, false, true]);
    batch.finish(1);
    batch.finish(2);
    await settle();
    expect(store.getState().status).toBe('done');
    const results = store.getState().run!.results;
    const direct = runJob(batch.jobs[2]);
    if (!direct.ok) throw new Error(direct.problems.join('\n'));
    expect(metricAt(results[2], 'groups.g.lag.max')).toBe(metricAt(direct.result, 'groups.g.lag.max'));
  });

  it('refuses a bad form with every problem and runs nothing', () => {
    const { store, batches } = setup();
    store.getState().edit({ valuesText: '3,x' });
    store.getState().start();
    expect(batches).toHaveLength(0);
    expect(store.getState().status).toBe('refused');
    expect(store.getState().refusal?.problems).toEqual(['values: "x" is not a number']);
  });

  it('cancels: the batch stops, what finished stays', async () => {
    const { store, batches } = setup();
    store.getState().edit({ valuesText: '2, 4', seedsText: '1' });
    store.getState().start();
    batches[0].finish(0);
    store.getState().cancel();
    await settle();
    expect(batches[0].cancelled).toBe(true);
    expect(store.getState().status).toBe('cancelled');
    expect(store.getState().run?.finished).toBe(1);
  });

  it('stops the sweep on a run that fails, naming its value and seed', async () => {
    const { store, batches } = setup();
    store.getState().edit({ valuesText: '2, 4', seedsText: '1' });
    store.getState().start();
    batches[0].finish(1, { ok: false, problems: ['The simulation worker failed: out of memory'] });
    await settle();
    expect(store.getState().status).toBe('refused');
    expect(store.getState().refusal).toEqual({ title: 'The run with partitions = 4 on seed 3 failed, so the sweep stopped:', problems: ['The simulation worker failed: out of memory'] });
    expect(batches[0].cancelled).toBe(true);
  });

  it('brings suggested values with another setting, and keeps the form across scenarios that fit it', () => {
    const { store, open } = setup();
    store.getState().edit({ componentId: 'g' });
    expect(store.getState().draft).toMatchObject({ componentId: 'g', field: 'consumers', valuesText: '1, 2, 4, 8' });
    store.getState().edit({ componentId: 'p' });
    expect(store.getState().draft).toMatchObject({ componentId: 'p', field: 'rate', valuesText: '150, 300, 600' });
    store.getState().edit({ componentId: 'g' });
    store.getState().edit({ valuesText: '2, 3' });
    open({ ...doc, name: 'Renamed' });
    store.getState().edit({ seedsText: '4' });
    expect(store.getState().draft).toMatchObject({ componentId: 'g', valuesText: '2, 3', seedsText: '4' });
  });
});
