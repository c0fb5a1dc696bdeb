import { describe, expect, it } from 'vitest';
import { loadScenario } from '../scenario/load.ts';
import { ScenarioRun } from './run.ts';

/**
 * A pipeline (group → topic) writes to a replicated topic whose leader crashes: the new leader cuts
 * off the records its old leader had not replicated. Those were written by the pipeline, not by a
 * producer, so the run's `produced` (records producers appended) must not change.
 */
function pipelineCrash(crash: boolean) {
  const loaded = loadScenario({
    version: 1,
    seed: 3,
    duration: '20s',
    components: [
      { id: 'in-kafka', kind: 'cluster', brokers: 1 },
      { id: 'out-kafka', kind: 'cluster', brokers: 3, replicaFetchDelay: '200ms' },
      { id: 'p', kind: 'producer', rate: 2000 },
      { id: 'in', kind: 'topic', partitions: 3, cluster: 'in-kafka' },
      { id: 'enrich', kind: 'consumer-group', consumers: 3, processing: '0.2ms' },
      { id: 'out', kind: 'topic', partitions: 3, replicationFactor: 3, minInsyncReplicas: 1, cluster: 'out-kafka' },
      { id: 'sink', kind: 'consumer-group', consumers: 1, processing: '0.1ms' },
    ],
    connections: [
      { from: 'p', to: 'in' },
      { from: 'in', to: 'enrich' },
      { from: 'enrich', to: 'out' },
      { from: 'out', to: 'sink' },
    ],
    timeline: crash ? [{ at: '10s', action: 'crash-broker', target: 'out-kafka', broker: 0 }] : [],
  });
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  return new ScenarioRun(loaded.scenario).runToEnd();
}

describe('truncation after a leader change', () => {
  it("takes back only producers' records from `produced`, not a pipeline's", () => {
    const result = pipelineCrash(true);
    // The crash did cut records off the pipeline's output...
    expect(result.clusters['out-kafka'].elections).toBeGreaterThan(0);
    expect(result.clusters['out-kafka'].lost.unreplicatedAcks).toBeGreaterThan(0);
    // ...yet `produced` is what the producer appended to `in`, which no crash touched.
    const appendedToIn = result.topics.in.partitions.reduce((sum, p) => sum + p.logEndOffset, 0);
    expect(result.produced).toBe(appendedToIn);
    // The same traffic without the crash appends the same records to `in`.
    expect(pipelineCrash(false).produced).toBe(result.produced);
  });
});
