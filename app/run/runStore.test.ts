import { describe, expect, it } from 'vitest';
import { fakeHost } from '../worker/fakeHost.ts';
import { createRunStore } from './runStore.ts';

function scenarioDoc(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    version: 1,
    seed: 3,
    duration: '10s',
    components: [
      { id: 'p', kind: 'producer', rate: 100 },
      { id: 't', kind: 'topic', partitions: 3 },
      { id: 'g', kind: 'consumer-group', consumers: 3, processing: '1ms' },
    ],
    connections: [
      { from: 'p', to: 't' },
      { from: 't', to: 'g' },
    ],
    ...extra,
  };
}

/** A run store wired to a runner on a fake clock (messages delivered at once, in order). */
function setup(initialDoc = scenarioDoc()) {
  const host = fakeHost();
  let doc = initialDoc;
  let connections = 0;
  const store = createRunStore({
    connect: () => {
      connections++;
      return {
        send: (message) => host.runner.handle(structuredClone(message)),
        listen: (listener) => host.listen(listener),
        terminate: () => {},
      };
    },
    scenarioDoc: () => doc,
  });
  return {
    store,
    host,
    state: () => store.getState(),
    setDoc: (next: Record<string, unknown>) => (doc = next),
    connections: () => connections,
  };
}

describe('the run store', () => {
  it('starts idle at time 0 without starting the worker', () => {
    const { state, connections } = setup();
    expect(state()).toMatchObject({ status: 'idle', simulatedMs: 0, progress: 0, live: null, marks: [], speed: 1 });
    expect(connections()).toBe(0);
  });

  it('loads the scenario on Run, runs, pauses and resets to 0', () => {
    const { state, host } = setup();
    state().run();
    expect(state()).toMatchObject({ status: 'running', durationMs: 10_000 });
    host.elapse(1000);
    expect(state().simulatedMs).toBeGreaterThan(900);
    expect(state().live?.groups.g.members).toHaveLength(3);
    state().pause();
    expect(state().status).toBe('paused');
    const paused = state().simulatedMs;
    host.elapse(1000);
    expect(state().simulatedMs).toBe(paused);
    state().reset();
    expect(state()).toMatchObject({ status: 'idle', simulatedMs: 0, progress: 0, marks: [] });
    expect(state().series.timeMs).toEqual([]);
  });

  it('accumulates the series and marks, with a new series object for every new sample', () => {
    const { state, host } = setup();
    state().setSpeed('max');
    state().run();
    const first = state().series;
    host.elapse(5000);
    expect(state().status).toBe('finished');
    expect(state().progress).toBe(1);
    expect(state().series).not.toBe(first);
    expect(state().series.timeMs).toHaveLength(10);
    expect(state().series.groups.g.lag).toHaveLength(10);
    expect(state().marks.map((m) => m.kind)).toEqual(['rebalance-start', 'rebalance-end']);
    expect(state().result?.groups.g.processed).toBeGreaterThan(800);
  });

  it("shows the validator's lines for a scenario that cannot run, and runs once it is fixed", () => {
    const { state, host, setDoc } = setup(scenarioDoc({ connections: [{ from: 'p', to: 'ghost' }] }));
    state().run();
    expect(state().status).toBe('error');
    expect(state().problems.join('\n')).toContain('ghost');
    setDoc(scenarioDoc());
    state().run();
    host.elapse(500);
    expect(state()).toMatchObject({ status: 'running', problems: [] });
  });

  it('starts over with the edited scenario, but resumes a paused run as it was', () => {
    const { state, host, setDoc } = setup();
    state().load();
    setDoc(scenarioDoc({ duration: '20s' }));
    state().run();
    expect(state().durationMs).toBe(20_000);
    host.elapse(500);
    state().pause();
    setDoc(scenarioDoc({ duration: '30s' }));
    state().run();
    expect(state().durationMs).toBe(20_000);
    expect(state().simulatedMs).toBeGreaterThan(400);
    state().reset();
    expect(state()).toMatchObject({ durationMs: 30_000, simulatedMs: 0 });
  });

  it('runs with the seed it was given, and starts over from the end', () => {
    const { state, host } = setup();
    state().setSeed(77);
    state().setSpeed('max');
    state().run();
    host.elapse(5000);
    expect(state().result?.seed).toBe(77);
    state().setSpeed(1);
    state().run();
    expect(state().status).toBe('running');
    expect(state().simulatedMs).toBe(0);
    expect(state().result).toBeNull();
  });

  it('steps one sample interval at a time', () => {
    const { state } = setup();
    state().step();
    expect(state()).toMatchObject({ status: 'paused', simulatedMs: 1000 });
    state().step();
    expect(state().simulatedMs).toBe(2000);
    expect(state().series.timeMs).toEqual([1000, 2000]);
  });

  it('records applied actions and says why one was refused', () => {
    const { state, host } = setup();
    state().run();
    host.elapse(4000);
    state().act({ action: 'crash-consumer', target: 'g', member: 0 });
    expect(state().recordedActions).toEqual([{ action: 'crash-consumer', target: 'g', member: 0, at: state().simulatedMs }]);
    expect(state().live?.groups.g.members[0].alive).toBe(false);
    expect(state().marks.at(-1)?.kind).toBe('crash-consumer');
    state().act({ action: 'add-partitions', target: 'g', partitions: 2 });
    expect(state().actionProblems).toEqual(['action.target: add-partitions needs a topic, but "g" is a consumer-group']);
    expect(state().recordedActions).toHaveLength(1);
  });

  it('time travel: a seek back replaces the series and marks with those of the run up to that time', () => {
    const { state, host } = setup(scenarioDoc({ timeline: [{ at: '2s', action: 'crash-consumer', target: 'g', member: 0 }, { at: '7s', action: 'restart-consumer', target: 'g', member: 0 }] }));
    state().setSpeed('max');
    state().run();
    host.elapse(2000);
    expect(state().status).toBe('finished');
    expect(state().result).not.toBeNull();
    const full = state().series.timeMs.length;
    state().seek(4000);
    host.elapse(1000);
    expect(state()).toMatchObject({ status: 'paused', simulatedMs: 4000, seeking: false, result: null });
    expect(state().series.timeMs).toEqual([1000, 2000, 3000, 4000]);
    expect(full).toBe(10);
    expect(state().marks.map((m) => m.kind)).toContain('crash-consumer');
    expect(state().marks.map((m) => m.kind)).not.toContain('restart-consumer');
    expect(state().summary?.simulatedMs).toBe(4000);
    expect(state().summaryMs).toBe(4000);
    // And Run goes on from there.
    state().run();
    host.elapse(2000);
    expect(state().status).toBe('finished');
    expect(state().series.timeMs).toHaveLength(10);
  });

  it('runUntil pauses at the time asked, and a seek on an edited scenario builds the new one first', () => {
    const { state, host, setDoc } = setup();
    state().setSpeed(10);
    state().runUntil(3000);
    host.elapse(1000);
    expect(state()).toMatchObject({ status: 'paused', simulatedMs: 3000 });
    setDoc(scenarioDoc({ duration: '20s' }));
    state().seek(15_000);
    host.elapse(1000);
    expect(state()).toMatchObject({ durationMs: 20_000, simulatedMs: 15_000, status: 'paused' });
  });
});
