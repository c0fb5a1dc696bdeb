/**
 * Actions taken while a run goes on land on the scenario's timeline (at the time they were taken),
 * so the same scenario and seed replay them: the run stays reproducible.
 */
import { useScenarioStore } from '../store/scenarioStore.ts';
import { useRunStore } from './runStore.ts';

useRunStore.subscribe((state, previous) => {
  if (state.recordedActions.length <= previous.recordedActions.length) return;
  const added = state.recordedActions.slice(previous.recordedActions.length);
  const scenario = useScenarioStore.getState();
  const timeline = Array.isArray(scenario.doc.timeline) ? (scenario.doc.timeline as unknown[]) : [];
  scenario.setDoc({ ...scenario.doc, timeline: [...timeline, ...added] });
});
