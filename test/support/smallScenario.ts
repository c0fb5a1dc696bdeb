/**
 * Small scenarios for tests: one producer, one topic, one consumer group, with every field
 * overridable. Not used by the engine itself.
 */
import { loadScenario } from '../../engine/scenario/load.ts';
import type { Scenario } from '../../engine/scenario/schema.ts';
import { ScenarioRun, type RunOptions } from '../../engine/model/run.ts';

export interface SmallScenario {
  producer?: Record<string, unknown>;
  topic?: Record<string, unknown>;
  group?: Record<string, unknown>;
  /** Extra components and wires. */
  components?: Record<string, unknown>[];
  connections?: { from: string; to: string }[];
  timeline?: Record<string, unknown>[];
  duration?: string;
  seed?: number;
}

/** A parsed scenario: producer `p` (100/s) → topic `t` (6 partitions) → group `g` (3 members, 1 ms each). */
export function smallScenario(spec: SmallScenario = {}): Scenario {
  const loaded = loadScenario({
    version: 1,
    seed: spec.seed ?? 3,
    duration: spec.duration ?? '60s',
    components: [
      { id: 'p', kind: 'producer', rate: 100, ...spec.producer },
      { id: 't', kind: 'topic', partitions: 6, ...spec.topic },
      { id: 'g', kind: 'consumer-group', consumers: 3, processing: '1ms', ...spec.group },
      ...(spec.components ?? []),
    ],
    connections: [{ from: 'p', to: 't' }, { from: 't', to: 'g' }, ...(spec.connections ?? [])],
    timeline: spec.timeline ?? [],
  });
  if (!loaded.ok) throw new Error(`test scenario is invalid:\n${loaded.problems.join('\n')}`);
  return loaded.scenario;
}

export function smallRun(spec: SmallScenario = {}, options: RunOptions = {}): ScenarioRun {
  return new ScenarioRun(smallScenario(spec), options);
}
