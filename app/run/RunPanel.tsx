/**
 * Run controls: Run, Pause, Step, Reset, the speed, the seed, the simulated clock and progress, and
 * why a scenario cannot run (the validator's lines). Reads the run store in small slices.
 */
import { useEffect, useRef, useState } from 'react';
import type { Seed } from '../../engine/core/random.ts';
import { parseDuration } from '../../engine/core/time.ts';
import { RunExportMenu } from '../export/RunExportMenu.tsx';
import { ProblemList } from '../ProblemList.tsx';
import { useScenarioStore } from '../store/scenarioStore.ts';
import type { Speed } from '../worker/protocol.ts';
import { formatClock } from './formatClock.ts';
import { useRunStore } from './runStore.ts';
import './run.css';

/** The speeds the run bar and teaching mode offer. */
export const SPEEDS: { label: string; speed: Speed }[] = [
  { label: '1x', speed: 1 },
  { label: '10x', speed: 10 },
  { label: '100x', speed: 100 },
  { label: 'max', speed: 'max' },
];

export function RunPanel() {
  const status = useRunStore((s) => s.status);
  const problems = useRunStore((s) => s.problems);
  const actionProblems = useRunStore((s) => s.actionProblems);
  const { run, pause, step, reset } = useRunStore.getState();
  const running = status === 'running';

  return (
    <section className="run-panel" aria-label="Run controls" data-status={status}>
      <div className="run-bar">
        <div className="run-buttons">
          <button type="button" className="run-button run-primary" onClick={run} disabled={running}>
            Run
          </button>
          <button type="button" className="run-button" onClick={pause} disabled={!running}>
            Pause
          </button>
          <button type="button" className="run-button" onClick={step}>
            Step
          </button>
          <button type="button" className="run-button" onClick={reset}>
            Reset
          </button>
        </div>
        <SpeedControl />
        <SeedInput />
        <Clock />
        <RunExportMenu />
      </div>
      {problems.length > 0 && <ProblemList className="run-problems" title="This scenario cannot run:" problems={problems} />}
      {problems.length === 0 && actionProblems.length > 0 && <ProblemList className="run-problems" title="Action refused:" problems={actionProblems} />}
    </section>
  );
}

function SpeedControl() {
  const speed = useRunStore((s) => s.speed);
  const setSpeed = useRunStore((s) => s.setSpeed);
  return (
    <div className="run-speed" role="group" aria-label="Speed">
      {SPEEDS.map((option) => (
        <button
          key={option.label}
          type="button"
          className="run-speed-option"
          aria-pressed={speed === option.speed}
          onClick={() => setSpeed(option.speed)}
          title={option.speed === 'max' ? 'As fast as possible' : `${option.speed} simulated seconds per second`}
        >
          {option.label}
        </button>
      ))}
    </div>
  );
}

function SeedInput() {
  const seed = useRunStore((s) => s.seed);
  const setSeed = useRunStore((s) => s.setSeed);
  const scenarioSeed = useScenarioStore((s) => s.doc.seed);
  return (
    <label className="run-seed" title="The same scenario and seed give the same run. Empty: the scenario's own seed.">
      <span>Seed</span>
      <input
        type="text"
        inputMode="numeric"
        maxLength={100}
        value={seed === undefined ? '' : String(seed)}
        placeholder={typeof scenarioSeed === 'number' || typeof scenarioSeed === 'string' ? String(scenarioSeed) : '1'}
        onChange={(event) => setSeed(parseSeed(event.target.value))}
      />
    </label>
  );
}

/** Whole numbers are number seeds (as in a scenario file); any other text is a string seed. */
function parseSeed(text: string): Seed | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  return /^-?\d{1,15}$/.test(trimmed) ? Number(trimmed) : trimmed;
}

/** The durations a scenario may have before its first run: the slider's range comes from the file until then. */
function scenarioDurationMs(duration: unknown): number {
  try {
    return parseDuration(duration ?? '60s') / 1000;
  } catch {
    return 0;
  }
}

/** About a thousand positions along the slider, each a round number of ms (1, 2 or 5 × a power of ten). */
export function sliderStep(durationMs: number): number {
  const rough = Math.max(1, durationMs / 1000);
  const power = 10 ** Math.floor(Math.log10(rough));
  return [1, 2, 5, 10].map((m) => m * power).find((step) => step >= rough)!;
}

/** How often a drag sends the worker a new time: each seek re-runs the scenario, so not every pixel. */
const SEEK_EVERY_MS = 80;

/**
 * The clock and the time-travel slider: it follows the run, and dragging it shows the state at that
 * time, back or forward. Going back re-runs the deterministic simulation to that time in the worker.
 */
function Clock() {
  const simulatedMs = useRunStore((s) => s.simulatedMs);
  const durationMs = useRunStore((s) => s.durationMs);
  const seeking = useRunStore((s) => s.seeking);
  const docDuration = useScenarioStore((s) => s.doc.duration);
  const maxMs = durationMs > 0 ? durationMs : scenarioDurationMs(docDuration);
  const [dragMs, setDragMs] = useState<number | null>(null);
  const pending = useRef<number | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => () => {
    if (timer.current !== null) clearTimeout(timer.current);
  }, []);
  // The drag is over once the worker has got to its latest time (the clock then follows the run again).
  useEffect(() => {
    if (dragMs !== null && !seeking && Math.abs(simulatedMs - dragMs) < 1) setDragMs(null);
  }, [dragMs, simulatedMs, seeking]);

  const seekSoon = (timeMs: number) => {
    pending.current = timeMs;
    if (timer.current !== null) return;
    useRunStore.getState().seek(timeMs);
    timer.current = setTimeout(function flush() {
      timer.current = null;
      const latest = pending.current;
      pending.current = null;
      if (latest !== null && latest !== timeMs) {
        useRunStore.getState().seek(latest);
        timeMs = latest;
        timer.current = setTimeout(flush, SEEK_EVERY_MS);
      }
    }, SEEK_EVERY_MS);
  };

  const shownMs = dragMs ?? simulatedMs;
  return (
    <div className="run-time">
      <span className="run-clock" role="timer" aria-label="Simulated time">
        {formatClock(shownMs)}
      </span>
      <input
        type="range"
        className="run-slider"
        aria-label="Time"
        min={0}
        max={Math.max(maxMs, 1)}
        step={sliderStep(maxMs)}
        value={Math.min(shownMs, Math.max(maxMs, 1))}
        disabled={maxMs <= 0}
        title={`Drag to travel in time (of ${formatClock(maxMs)}): going back re-runs the scenario to that moment, same seed, same state.`}
        onChange={(event) => {
          const timeMs = Number(event.target.value);
          setDragMs(timeMs);
          seekSoon(timeMs);
        }}
      />
      <span className="run-seeking" aria-live="polite">
        {seeking ? 'rebuilding…' : ''}
      </span>
    </div>
  );
}
