/**
 * Teaching mode: the scenario's narrative as steps, in a presenter layout (large type, the canvas
 * and one chart). Next plays the simulation to the next step's time and pauses there; its text
 * shows and what it talks about lights up. Back returns to the previous step by time travel (the
 * run is rebuilt to that moment). Arrow keys and presenter clickers (Page Up / Page Down) work too.
 */
import { useEffect, useMemo, useState } from 'react';
import { loadScenario } from '../../engine/scenario/load.ts';
import { Canvas } from '../canvas/Canvas.tsx';
import { formatClock } from '../run/formatClock.ts';
import { useRunStore } from '../run/runStore.ts';
import { SPEEDS } from '../run/RunPanel.tsx';
import { useScenarioStore } from '../store/scenarioStore.ts';
import { useExplanations } from '../explain/useExplanations.ts';
import { useViewStore } from '../view/viewStore.ts';
import { chartFor, highlightSet, teachingSteps, type ChartName, type TeachStep } from './narrative.ts';
import { TeachChart } from './TeachChart.tsx';
import { useTeachStore } from './teachStore.ts';
import './teach.css';


export function TeachView() {
  const doc = useScenarioStore((s) => s.doc);
  const parsed = useMemo(() => loadScenario(doc), [doc]);
  if (!parsed.ok) {
    return (
      <div className="teach teach-message" role="alert">
        <p>This scenario cannot run, so it cannot be taught yet:</p>
        <ul>
          {parsed.problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      </div>
    );
  }
  const steps = teachingSteps(parsed.scenario);
  if (steps.length === 0) {
    return (
      <div className="teach teach-message">
        <p>
          This scenario has no narrative to teach from. Open a lesson from the library (for example <em>Hot key</em> or <em>Consumer crash</em>), or add
          <code> "narrative": [{'{'} "at": "10s", "text": "…" {'}'}]</code> to the scenario file.
        </p>
      </div>
    );
  }
  const groups = parsed.scenario.components.filter((c) => c.kind === 'consumer-group').map((c) => c.id);
  // A different lesson (other texts or times) starts afresh at its first step.
  return <Lesson key={JSON.stringify(steps)} steps={steps} groups={groups} />;
}

function Lesson({ steps, groups }: { steps: TeachStep[]; groups: string[] }) {
  const shown = useTeachStore((s) => s.step);
  const highlights = useTeachStore((s) => s.highlights);
  const simulatedMs = useRunStore((s) => s.simulatedMs);
  const status = useRunStore((s) => s.status);
  const seeking = useRunStore((s) => s.seeking);
  const speed = useRunStore((s) => s.speed);
  /** The step heading for: Next and Back set it at once; it is shown when the clock gets there. */
  const [target, setTarget] = useState(0);
  const [chart, setChart] = useState<ChartName>(() => chartFor(highlightSet(steps[0].highlights), null));

  // A new lesson starts at its first step (and a teacher wants things to move: 10x unless a speed was chosen).
  useEffect(() => {
    useTeachStore.getState().setSteps(steps);
    const run = useRunStore.getState();
    if (run.speed === 1) run.setSpeed(10);
    run.seek(steps[0].atMs);
    return () => {
      useTeachStore.getState().clear();
      useRunStore.getState().pause();
    };
    // Once per lesson: the Lesson is keyed by its steps.
  }, []); // eslint-disable-line react-hooks/exhaustive-deps

  const arrived = status !== 'running' && !seeking && target < steps.length && Math.abs(simulatedMs - steps[target].atMs) < 0.5;
  useEffect(() => {
    if (arrived && shown !== target) useTeachStore.getState().show(target);
  }, [arrived, shown, target]);

  // The chart follows the step that shows: the one it points at, else the one before.
  const [chartStep, setChartStep] = useState(shown);
  if (chartStep !== shown) {
    setChartStep(shown);
    setChart(chartFor(highlights, chart));
  }

  const atEnd = target === steps.length - 1;
  const go = (step: number) => {
    if (step < 0 || step >= steps.length) return;
    const run = useRunStore.getState();
    setTarget(step);
    // Forward plays at the chosen speed, so the class sees what happens; anything else travels in time.
    if (step === target + 1 && steps[step].atMs > run.simulatedMs) run.runUntil(steps[step].atMs);
    else run.seek(steps[step].atMs);
  };
  const next = () => (atEnd && arrived ? useRunStore.getState().run() : go(target + 1));
  const back = () => go(target - 1);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const el = event.target as HTMLElement | null;
      if (el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable)) return;
      if (event.key === 'ArrowRight' || event.key === 'PageDown') next();
      else if (event.key === 'ArrowLeft' || event.key === 'PageUp') back();
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const step = steps[shown];
  const moving = !arrived;
  const groupId = groups.find((g) => highlights.components.has(g)) ?? groups[0] ?? null;

  return (
    <div className="teach">
      <div className="teach-bar" role="toolbar" aria-label="Lesson">
        <button type="button" className="teach-button" onClick={back} disabled={target === 0}>
          ← Back
        </button>
        <span className="teach-position" aria-live="polite">
          Step {target + 1} of {steps.length} · at {formatClock(steps[target].atMs)}
        </span>
        <button type="button" className="teach-button teach-next" onClick={next} disabled={atEnd && (!arrived || status === 'finished')}>
          {atEnd && arrived ? 'Play to the end →' : 'Next →'}
        </button>
        <ol className="teach-dots" aria-label="Steps">
          {steps.map((s, i) => (
            <li key={i}>
              <button type="button" aria-label={`Step ${i + 1} at ${formatClock(s.atMs)}`} aria-current={i === target ? 'step' : undefined} onClick={() => go(i)} />
            </li>
          ))}
        </ol>
        <div className="teach-speed" role="group" aria-label="Speed">
          {SPEEDS.map((option) => (
            <button key={option.label} type="button" aria-pressed={speed === option.speed} onClick={() => useRunStore.getState().setSpeed(option.speed)}>
              {option.label}
            </button>
          ))}
        </div>
        <span className="teach-clock" role="timer" aria-label="Simulated time">
          {formatClock(simulatedMs)}
        </span>
        <button type="button" className="teach-exit" onClick={() => useViewStore.getState().setMode('build')}>
          Exit
        </button>
      </div>
      <div className="teach-body">
        <div className="teach-stage">
          <div className="teach-canvas canvas-area">
            <Canvas presenter />
          </div>
          <TeachChart chart={chart} groupId={groupId} />
        </div>
        <aside className={`teach-narrative${moving ? ' moving' : ''}`} aria-label="Narrative">
          {moving && <p className="teach-playing">{seeking ? 'Going' : 'Playing'} to {formatClock(steps[target].atMs)}…</p>}
          <p className="teach-text" data-step={shown + 1}>
            {step.text}
          </p>
          {!moving && groupId !== null && <NumbersNow groupId={groupId} />}
        </aside>
      </div>
    </div>
  );
}

/** The group's explanation at this moment, beside the narrative: what the numbers say now. */
function NumbersNow({ groupId }: { groupId: string }) {
  const explanations = useExplanations();
  const group = explanations?.groups.find((g) => g.group === groupId);
  if (!explanations || !group) return null;
  return (
    <section className="teach-numbers" aria-label={`The numbers now: ${groupId}`}>
      <h3>
        {groupId} at {formatClock(explanations.atMs)}
      </h3>
      <ul>
        {group.sentences.map((sentence) => (
          <li key={sentence}>{sentence}</li>
        ))}
      </ul>
    </section>
  );
}
