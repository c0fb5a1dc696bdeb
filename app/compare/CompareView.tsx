/**
 * Compare: variant A is the scenario on the canvas, variant B is A with the changes picked here
 * (or a preset). Both run on the worker pool on one seed, then their charts are overlaid and their
 * summaries set side by side. The canvas's scenario is never changed, unless the user opens B in
 * Build (an ordinary open, so Undo brings A back).
 */
import { useMemo } from 'react';
import type { ComponentKind } from '../../engine/scenario/schema.ts';
import { KIND_LABEL } from '../canvas/ComponentNode.tsx';
import { fieldsOf, showValue } from '../inspector/fields.ts';
import { useRunStore } from '../run/runStore.ts';
import type { ScenarioDoc } from '../store/scenarioDoc.ts';
import { useScenarioStore } from '../store/scenarioStore.ts';
import { useViewStore } from '../view/viewStore.ts';
import { parseDraft, presetsFor, seedFor, type ChangeDraft } from './compareForm.ts';
import { CompareResults } from './CompareResults.tsx';
import { useCompareStore } from './compareStore.ts';
import './compare.css';
import { ProblemList } from '../ProblemList.tsx';
import { ChoiceOptions } from '../inspector/ChoiceOptions.tsx';

export function CompareView() {
  const doc = useScenarioStore((s) => s.doc);
  const playgroundSeed = useRunStore((s) => s.seed);
  const status = useCompareStore((s) => s.status);
  const comparison = useCompareStore((s) => s.comparison);
  const seed = useMemo(() => seedFor(doc, playgroundSeed), [doc, playgroundSeed]);
  const shownSeed = status === 'running' || !comparison ? seed : comparison.seed;

  return (
    <div className="compare-view">
      <section className="compare-form" aria-label="Variants">
        <div className="compare-variant">
          <h2>
            <span className="compare-letter compare-letter-a">A</span> The scenario on the canvas
          </h2>
          <p className="compare-scenario-name">{typeof doc.name === 'string' && doc.name ? doc.name : 'Untitled scenario'}</p>
          <p className="compare-hint">Edit it in Build; A always runs as the canvas has it.</p>
        </div>
        <ChangesForm doc={doc} />
        <div className="compare-run">
          <p className="compare-seed" data-testid="compare-seed">
            Both variants run on seed <strong>{shownSeed ?? '?'}</strong>. Each component draws from its own random stream, so both see the same traffic: the differences come from the change.
          </p>
          <RunControls />
        </div>
      </section>
      <Refusal />
      {comparison && <ComparisonHead doc={doc} />}
      {comparison ? <CompareResults comparison={comparison} /> : status !== 'running' && <p className="compare-empty">Pick a change for B (or a preset), then Run A and B.</p>}
    </div>
  );
}

function ChangesForm({ doc }: { doc: ScenarioDoc }) {
  const drafts = useCompareStore((s) => s.drafts);
  const presets = useMemo(() => presetsFor(doc), [doc]);
  const store = useCompareStore.getState;
  return (
    <div className="compare-variant compare-changes">
      <h2>
        <span className="compare-letter compare-letter-b">B</span> A with these changes
      </h2>
      {drafts.map((draft, i) => (
        <ChangeRow key={draft.key} doc={doc} draft={draft} index={i} />
      ))}
      <button type="button" className="compare-add" onClick={() => store().addDraft()}>
        + Another change
      </button>
      {presets.length > 0 && (
        <div className="compare-presets" role="group" aria-label="Presets">
          <span className="compare-presets-title">Presets</span>
          {presets.map((preset) => (
            <button key={preset.id} type="button" onClick={() => store().applyPreset(preset.changes)} title="Replaces the changes above">
              {preset.label}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}

/** One change: a component, one of its settings (the inspector's list), and the value B gets. */
function ChangeRow({ doc, draft, index }: { doc: ScenarioDoc; draft: ChangeDraft; index: number }) {
  const update = (patch: Partial<Omit<ChangeDraft, 'key'>>) => useCompareStore.getState().updateDraft(draft.key, patch);
  const component = doc.components.find((c) => c.id === draft.componentId);
  const fields = component ? fieldsOf(component.kind as ComponentKind) : [];
  const field = fields.find((f) => f.name === draft.field);
  // Only problems with what is filled in: a row still being set up is not an error yet.
  const parsed = draft.componentId && (component ? draft.field && field : true) ? parseDraft(doc, draft, index) : null;
  const problem = parsed && 'problem' in parsed ? parsed.problem : null;
  const aValue = component && field ? component[field.name] : undefined;
  const label = `change ${index + 1}`;

  return (
    <div className={`compare-change${problem ? ' invalid' : ''}`} data-testid={`compare-change-${index + 1}`}>
      <select aria-label={`Component of ${label}`} value={draft.componentId} onChange={(event) => update({ componentId: event.target.value })}>
        <option value="">component…</option>
        {!component && draft.componentId && <option value={draft.componentId}>{draft.componentId} (not on the canvas)</option>}
        {doc.components.map((c) => (
          <option key={c.id} value={c.id}>
            {c.id} ({KIND_LABEL[c.kind].toLowerCase()})
          </option>
        ))}
      </select>
      <select aria-label={`Setting of ${label}`} value={draft.field} disabled={!component} onChange={(event) => update({ field: event.target.value })}>
        <option value="">setting…</option>
        {!field && draft.field && <option value={draft.field}>{draft.field}</option>}
        {fields.map((f) => (
          <option key={f.name} value={f.name}>
            {f.name}
          </option>
        ))}
      </select>
      {field && (field.type === 'choice' || field.type === 'boolean') ? (
        <select aria-label={`Value of ${label}`} value={draft.text} onChange={(event) => update({ text: event.target.value })}>
          <ChoiceOptions field={field} />
        </select>
      ) : (
        <input
          aria-label={`Value of ${label}`}
          value={draft.text}
          disabled={!field}
          placeholder={field?.defaultText ? `default ${field.defaultText}` : 'value'}
          aria-invalid={problem ? true : undefined}
          onChange={(event) => update({ text: event.target.value })}
        />
      )}
      <button type="button" className="compare-remove" aria-label={`Remove ${label}`} onClick={() => useCompareStore.getState().removeDraft(draft.key)}>
        ×
      </button>
      {field && <span className="compare-a-value">A: {aValue === undefined ? `default (${field.defaultText || 'none'})` : showValue(aValue)}</span>}
      {problem && <div className="field-problem">{problem}</div>}
    </div>
  );
}

function RunControls() {
  const status = useCompareStore((s) => s.status);
  const finished = useCompareStore((s) => s.finished);
  const running = status === 'running';
  return (
    <div className="compare-run-controls">
      <button type="button" className="compare-run-button" disabled={running} onClick={() => useCompareStore.getState().run()}>
        Run A and B
      </button>
      {running && (
        <>
          <progress max={2} value={finished} aria-label="Runs finished" />
          <span role="status">Running A and B… {finished} of 2 finished</span>
          <button type="button" onClick={() => useCompareStore.getState().cancel()}>
            Cancel
          </button>
        </>
      )}
      {status === 'cancelled' && <span role="status">Cancelled: nothing new to show.</span>}
    </div>
  );
}

function Refusal() {
  const refusal = useCompareStore((s) => s.refusal);
  const status = useCompareStore((s) => s.status);
  if (!refusal || status !== 'refused') return null;
  return <ProblemList className="compare-refusal" title={refusal.title} problems={refusal.problems} />;
}

/** What was compared, whether the canvas has moved on since, and B's way into Build. */
function ComparisonHead({ doc }: { doc: ScenarioDoc }) {
  const comparison = useCompareStore((s) => s.comparison);
  if (!comparison) return null;
  const stale = comparison.docA !== doc;
  const openB = () => {
    if (useScenarioStore.getState().open(comparison.docB)) useViewStore.getState().setMode('build');
  };
  return (
    <div className="compare-head">
      <div>
        <strong>B</strong> differs from <strong>A</strong> in: <span className="compare-changes-text">{comparison.changes.join('; ')}</span> · seed {comparison.seed}
      </div>
      {stale && <p className="compare-stale">The scenario on the canvas has changed since these runs: Run A and B again to compare it.</p>}
      <button type="button" onClick={openB} title="Replaces the canvas's scenario with B (Undo brings A back)">
        Open B in Build
      </button>
    </div>
  );
}
