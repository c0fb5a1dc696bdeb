/**
 * Scenarios for tests: write only what the test is about, get a parsed scenario with every default
 * filled in by the real loader, so tests exercise the same parsing a scenario file gets.
 */
import { ScenarioRun, type RunOptions } from '../../engine/model/run.ts';
import type { RunResult } from '../../engine/model/result.ts';
import { loadScenario } from '../../engine/scenario/load.ts';
import type { Scenario, ScenarioInput } from '../../engine/scenario/schema.ts';

/** A scenario as written in a file, with `version` optional. */
export type ScenarioSketch = Omit<ScenarioInput, 'version'> & { version?: ScenarioInput['version'] };
export type ComponentInput = ScenarioInput['components'][number];
/** Components as written in a file, by kind. */
export type ProducerInput = Extract<ComponentInput, { kind: 'producer' }>;
export type TopicInput = Extract<ComponentInput, { kind: 'topic' }>;
export type GroupInput = Extract<ComponentInput, { kind: 'consumer-group' }>;
export type TimelineInput = NonNullable<ScenarioInput['timeline']>[number];

/**
 * Loads a scenario from its interesting parts (version 1 is filled in).
 * @throws Error listing every problem the loader found, so a broken test scenario says what is wrong.
 */
export function makeScenario(sketch: ScenarioSketch): Scenario {
  const loaded = loadScenario({ version: 1, ...sketch });
  if (!loaded.ok) throw new Error(`invalid test scenario:\n  ${loaded.problems.join('\n  ')}`);
  return loaded.scenario;
}

/** Wires `ids` one after another: `chain('p', 't', 'g')` is p → t → g. */
export function chain(...ids: string[]): { from: string; to: string }[] {
  return ids.slice(1).map((to, i) => ({ from: ids[i], to }));
}

/** Builds and runs a scenario to its end; returns the run (for its topics and logs) and the result. */
export function runSketch(sketch: ScenarioSketch, options: RunOptions = {}): { run: ScenarioRun; result: RunResult } {
  const run = new ScenarioRun(makeScenario(sketch), options);
  const result = run.runToEnd();
  return { run, result };
}
