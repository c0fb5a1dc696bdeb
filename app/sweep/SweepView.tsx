/**
 * Sweep: one setting of a component over a list of values, each run on the same few seeds on the
 * worker pool, and a metric plotted against the setting with its spread, a table of the figures
 * and, given a target, which value is enough. The scenario on the canvas is never changed.
 */
import { useMemo, type ReactNode } from 'react';
import { answerTarget, describeAnswer, describeMetric, formatFigure, summarizeSweep, sweepSeeds, type SweepRow } from '../../engine/analysis/sweep.ts';
import { metricAt } from '../../engine/model/result.ts';
import { KIND_LABEL } from '../canvas/ComponentNode.tsx';
import { useElementSize } from '../charts/useElementSize.ts';
import { exportFileName } from '../export/fileName.ts';
import { showValue } from '../inspector/fields.ts';
import { useRunStore } from '../run/runStore.ts';
import type { ScenarioDoc } from '../store/scenarioDoc.ts';
import { useScenarioStore } from '../store/scenarioStore.ts';
import { fitDraft, metricOf, metricOptions, MAX_SEEDS, plotData, sweepableFields, sweepCsv, targetOf, valueHint, type SweepDraft } from './sweepForm.ts';
import { SweepPlot } from './SweepPlot.tsx';
import { useSweepStore, type SweepRun } from './sweepStore.ts';
import './sweep.css';
import { ProblemList } from '../ProblemList.tsx';

const OPS = ['<', '<=', '>', '>='] as const;

export function SweepView() {
  const doc = useScenarioStore((s) => s.doc);
  const stored = useSweepStore((s) => s.draft);
  const draft = useMemo(() => fitDraft(doc, stored), [doc, stored]);
  return (
    <div className="sweep-view">
      <SweepForm doc={doc} draft={draft} />
      <section className="sweep-results" aria-label="Sweep results">
        <Refusal />
        <Results draft={draft} />
      </section>
    </div>
  );
}

function SweepForm({ doc, draft }: { doc: ScenarioDoc; draft: SweepDraft }) {
  const edit = (patch: Partial<SweepDraft>) => useSweepStore.getState().edit(patch);
  const playgroundSeed = useRunStore((s) => s.seed);
  const component = doc.components.find((c) => c.id === draft.componentId);
  const fields = component ? sweepableFields(component) : [];
  const field = fields.find((f) => f.name === draft.field);
  const metrics = useMemo(() => metricOptions(doc), [doc]);
  const seedCount = Number(draft.seedsText);
  const firstSeed = playgroundSeed ?? (typeof doc.seed === 'number' ? doc.seed : undefined);
  const seeds = Number.isInteger(seedCount) && seedCount >= 1 && seedCount <= MAX_SEEDS ? sweepSeeds(firstSeed, seedCount) : [];
  const valueCount = draft.valuesText.split(',').filter((v) => v.trim() !== '').length;
  const current = component && field ? component[field.name] : undefined;
  const { unit } = describeMetric(metricOf(draft));

  return (
    <form
      className="sweep-form"
      aria-label="Sweep settings"
      onSubmit={(event) => {
        event.preventDefault();
        useSweepStore.getState().start();
      }}
    >
      <h2>Sweep</h2>
      <p className="sweep-hint">
        Runs <strong>{typeof doc.name === 'string' && doc.name ? doc.name : 'the scenario'}</strong> once for each value and seed, in the background; the canvas is not changed.
      </p>
      <label>
        Component
        <select value={draft.componentId} onChange={(event) => edit({ componentId: event.target.value })}>
          {doc.components.map((c) => (
            <option key={c.id} value={c.id}>
              {c.id} ({KIND_LABEL[c.kind].toLowerCase()})
            </option>
          ))}
        </select>
      </label>
      <label>
        Setting
        <select value={draft.field} disabled={!component} onChange={(event) => edit({ field: event.target.value })}>
          {!field && <option value="">setting…</option>}
          {fields.map((f) => (
            <option key={f.name} value={f.name}>
              {f.name}
            </option>
          ))}
        </select>
      </label>
      {field && (
        <p className="sweep-note">
          Now {current === undefined ? `the default, ${field.defaultText || 'none'}` : showValue(current)}.
        </p>
      )}
      <label>
        Values
        <input value={draft.valuesText} onChange={(event) => edit({ valuesText: event.target.value })} placeholder="3, 6, 12, 24" spellCheck={false} />
      </label>
      {field && <p className="sweep-note">Comma-separated {valueHint(field)}.</p>}
      <label>
        Seeds
        <input type="number" min={1} max={MAX_SEEDS} value={draft.seedsText} onChange={(event) => edit({ seedsText: event.target.value })} />
      </label>
      {seeds.length > 0 && (
        <p className="sweep-note" data-testid="sweep-seeds">
          Every value runs on seed{seeds.length > 1 ? 's' : ''} {seeds.length > 3 ? `${seeds[0]} to ${seeds[seeds.length - 1]}` : seeds.join(', ')}: each component draws from its own random stream, so every value sees the same traffic.
        </p>
      )}
      <label>
        Metric
        <select value={draft.metric} onChange={(event) => edit({ metric: event.target.value })}>
          {metrics.map((m) => (
            <option key={m.path} value={m.path}>
              {m.label}
            </option>
          ))}
          <option value="">another path…</option>
        </select>
      </label>
      {draft.metric === '' && (
        <label>
          Path
          <input value={draft.customMetric} onChange={(event) => edit({ customMetric: event.target.value })} placeholder="groups.<id>.partitions.0.lag.max" spellCheck={false} />
        </label>
      )}
      <div className="sweep-target-row">
        <label>
          Target
          <select aria-label="Target comparison" value={draft.targetOp} onChange={(event) => edit({ targetOp: event.target.value as SweepDraft['targetOp'] })}>
            {OPS.map((op) => (
              <option key={op} value={op}>
                {op}
              </option>
            ))}
          </select>
        </label>
        <input aria-label="Target value" value={draft.targetText} onChange={(event) => edit({ targetText: event.target.value })} placeholder="none" inputMode="decimal" />
        {unit && <span className="sweep-unit">{unit}</span>}
      </div>
      <label>
        Duration
        <input value={draft.durationText} onChange={(event) => edit({ durationText: event.target.value })} placeholder={typeof doc.duration === 'string' ? doc.duration : 'as the scenario'} spellCheck={false} />
      </label>
      <p className="sweep-note">Blank runs as long as the scenario. A longer run (10m) keeps the first seconds before the group’s first assignment out of a p99.</p>
      <RunControls runs={valueCount * seeds.length} />
    </form>
  );
}

function RunControls({ runs }: { runs: number }) {
  const status = useSweepStore((s) => s.status);
  const finished = useSweepStore((s) => s.run?.finished ?? 0);
  const total = useSweepStore((s) => s.run?.results.length ?? 0);
  const running = status === 'running';
  return (
    <div className="sweep-run-controls">
      <button type="submit" className="sweep-run-button" disabled={running}>
        Run sweep{runs > 0 ? ` (${runs} runs)` : ''}
      </button>
      {running && (
        <>
          <progress max={total} value={finished} aria-label="Runs finished" />
          <span role="status">
            {finished} of {total} runs
          </span>
          <button type="button" onClick={() => useSweepStore.getState().cancel()}>
            Cancel
          </button>
        </>
      )}
      {status === 'done' && <span role="status">All {total} runs finished.</span>}
      {status === 'cancelled' && (
        <span role="status">
          Cancelled after {finished} of {total} runs.
        </span>
      )}
    </div>
  );
}

function Refusal() {
  const refusal = useSweepStore((s) => s.refusal);
  const status = useSweepStore((s) => s.status);
  if (!refusal || status !== 'refused') return null;
  return <ProblemList className="sweep-refusal" title={refusal.title} problems={refusal.problems} />;
}

/** The rows of the last sweep for the metric the form names now (a new metric re-plots without running). */
function rowsOf(run: SweepRun, metric: string): SweepRow[] {
  const { param, jobs } = run.sweep;
  return summarizeSweep(
    param,
    jobs,
    run.results.map((r) => (r ? metricAt(r, metric) : undefined)),
  );
}

/** The plot's box, measured once it is on the page (the results mount it with the first run). */
function PlotBox({ children }: { children: (size: { width: number; height: number }) => ReactNode }) {
  const [box, size] = useElementSize<HTMLDivElement>();
  return (
    <div className="sweep-plot-box" ref={box}>
      {size.width > 0 && size.height > 0 && children(size)}
    </div>
  );
}

function Results({ draft }: { draft: SweepDraft }) {
  const run = useSweepStore((s) => s.run);
  const status = useSweepStore((s) => s.status);
  const metric = metricOf(draft) || run?.sweep.metric || '';
  const targetRead = targetOf(draft);
  const target = 'target' in targetRead ? targetRead.target : null;
  const rows = useMemo(() => (run ? rowsOf(run, metric) : []), [run, metric]);
  const data = useMemo(() => (run ? plotData(rows, run.sweep.seeds, target) : null), [run, rows, target]);

  if (!run || !data) {
    return <p className="sweep-empty">Pick a setting and its values, then Run sweep. The plot and the table appear here as the runs finish.</p>;
  }
  const { param, seeds } = run.sweep;
  const { label, unit } = describeMetric(metric);
  const complete = run.finished === run.results.length;
  const noNumbers = complete && rows.every((r) => r.samples.every((s) => s === null));
  const answer = target && complete && !noNumbers ? answerTarget(rows, target) : null;

  const download = () => {
    const blob = new Blob([sweepCsv(param.field, rows, seeds)], { type: 'text/csv' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = exportFileName(run.scenarioName, `sweep-${param.componentId}-${param.field}`, seeds[0], 'csv');
    a.click();
    URL.revokeObjectURL(a.href);
  };

  return (
    <>
      <div className="sweep-results-head">
        <h3>
          {label} against {param.componentId}.{param.field}
        </h3>
        <span className="sweep-results-sub">
          {seeds.length} seed{seeds.length > 1 ? 's' : ''} per value ({seeds.join(', ')}){status === 'running' ? ': filling in as runs finish' : ''}
        </span>
        <button type="button" onClick={download} disabled={!complete}>
          Download CSV
        </button>
      </div>
      {answer && target && (
        <p className={`sweep-answer${answer.everySeed ? '' : ' sweep-answer-none'}`} data-testid="sweep-answer">
          {describeAnswer(param.field, metric, target, rows)}
        </p>
      )}
      {noNumbers && (
        <p className="sweep-refusal" role="alert">
          The metric {metric} names no number in the runs’ results: pick another.
        </p>
      )}
      <PlotBox>{(size) => <SweepPlot data={data} field={param.field} metricLabel={label} unit={unit} seedCount={seeds.length} target={target} width={size.width} height={size.height} />}</PlotBox>
      <p className="sweep-legend">
        <span className="sweep-key sweep-key-mean" /> mean <span className="sweep-key sweep-key-point" /> one seed <span className="sweep-key sweep-key-band" /> min to max <span className="sweep-key sweep-key-ci" /> 95% interval of the mean
        {target && (
          <>
            {' '}
            <span className="sweep-key sweep-key-target" /> target
          </>
        )}
      </p>
      <table className="sweep-table" aria-label="Sweep figures">
        <thead>
          <tr>
            <th>{param.field}</th>
            <th>mean</th>
            <th>± 95%</th>
            <th>min</th>
            <th>max</th>
            {seeds.map((s) => (
              <th key={s}>seed {s}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i} data-value={String(r.value)} className={answer?.everySeed === r ? 'sweep-row-answer' : undefined}>
              <th scope="row">{String(r.value)}</th>
              <td>{formatFigure(r.mean)}</td>
              <td>{formatFigure(r.ci95)}</td>
              <td>{formatFigure(r.min)}</td>
              <td>{formatFigure(r.max)}</td>
              {r.samples.map((s, j) => (
                <td key={j} data-seed={seeds[j]}>
                  {run.results[i * seeds.length + j] ? formatFigure(s) : '…'}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {unit && <p className="sweep-note">Figures in {unit}.</p>}
    </>
  );
}
