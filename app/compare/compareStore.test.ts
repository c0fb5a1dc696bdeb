import { describe, expect, it } from 'vitest';
import consumerCrash from '../../scenarios/consumer-crash-eager.json';
import { runJob } from '../pool/job.ts';
import { createPool, type PoolReply, type PoolRequest, type PoolWorker } from '../pool/pool.ts';
import { asDoc } from '../store/scenarioDoc.ts';
import { createCompareStore } from './compareStore.ts';

const doc = asDoc(consumerCrash);

/** A pool of two workers that run each job in a later task, or never answer when `answer` is false. */
function setup({ answer = true, seed = undefined as number | undefined } = {}) {
  const sent: PoolRequest[] = [];
  const terminated: number[] = [];
  let made = 0;
  const pool = createPool(2, () => {
    const n = made++;
    const worker: PoolWorker = {
      onmessage: null,
      onerror: null,
      postMessage(request: PoolRequest) {
        sent.push(structuredClone(request));
        if (answer) setTimeout(() => worker.onmessage?.({ data: structuredClone({ id: request.id, outcome: runJob(request.job) }) as PoolReply }));
      },
      terminate: () => terminated.push(n),
    };
    return worker;
  });
  const store = createCompareStore({ pool: () => pool, scenarioDoc: () => doc, playgroundSeed: () => seed });
  const settled = () => new Promise<void>((resolve) => store.subscribe((s) => s.status !== 'running' && resolve()));
  return { store, sent, terminated, settled };
}

describe('the compare store', () => {
  it('runs A as on the canvas and B with the change, on one seed, and keeps both runs', async () => {
    const { store, sent, settled } = setup({ seed: 11 });
    store.getState().applyPreset([{ componentId: 'ledger', field: 'assignor', value: 'cooperative-sticky' }]);
    const done = settled();
    store.getState().run();
    expect(store.getState().status).toBe('running');
    expect(sent.map((r) => r.job.seed)).toEqual([11, 11]);
    expect(sent[0].job.scenario).toEqual(doc);
    await done;
    const { status, comparison } = store.getState();
    expect(status).toBe('done');
    expect(comparison?.changes).toEqual(['ledger.assignor: range → cooperative-sticky']);
    expect(comparison?.docA).toBe(doc);
    // Each side is exactly the engine's run of that variant on that seed.
    const b = runJob({ scenario: comparison!.docB, seed: 11 });
    expect(b.ok && b.result.groups.ledger.lag.max).toBe(comparison!.b.result.groups.ledger.lag.max);
    expect(comparison!.a.result.produced).toBe(comparison!.b.result.produced);
  });

  it('runs nothing when the validator refuses B, and shows its lines', () => {
    const { store, sent } = setup();
    store.getState().updateDraft(0, { componentId: 'payments' });
    store.getState().updateDraft(0, { field: 'partitions', text: '0' });
    store.getState().run();
    expect(sent).toEqual([]);
    expect(store.getState().status).toBe('refused');
    expect(store.getState().refusal?.problems[0]).toMatch(/^components\[1\]\.partitions: /);
  });

  it('stops both runs on Cancel and keeps the last comparison and the form', () => {
    const { store, terminated } = setup({ answer: false });
    store.getState().applyPreset([{ componentId: 'payments', field: 'partitions', value: 12 }]);
    store.getState().run();
    store.getState().cancel();
    expect(store.getState().status).toBe('cancelled');
    expect(terminated.length).toBe(2);
    expect(store.getState().comparison).toBeNull();
    expect(store.getState().drafts.map((d) => [d.componentId, d.field, d.text])).toEqual([['payments', 'partitions', '12']]);
  });

  it('starts a change over when its component or setting changes', () => {
    const { store } = setup();
    const key = store.getState().drafts[0].key;
    store.getState().updateDraft(key, { componentId: 'ledger' });
    store.getState().updateDraft(key, { field: 'consumers', text: '4' });
    store.getState().updateDraft(key, { field: 'assignor' });
    expect(store.getState().drafts[0]).toMatchObject({ componentId: 'ledger', field: 'assignor', text: '' });
    store.getState().updateDraft(key, { text: 'sticky' });
    store.getState().updateDraft(key, { componentId: 'payments' });
    expect(store.getState().drafts[0]).toMatchObject({ componentId: 'payments', field: '', text: '' });
    store.getState().addDraft();
    expect(store.getState().drafts).toHaveLength(2);
    store.getState().removeDraft(key);
    expect(store.getState().drafts.map((d) => d.key)).not.toContain(key);
  });
});
