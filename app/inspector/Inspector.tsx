import { useMemo, useState } from 'react';
import { loadScenario } from '../../engine/scenario/load.ts';
import { KIND_LABEL } from '../canvas/ComponentNode.tsx';
import { Actions } from './Actions.tsx';
import { updateComponent } from '../store/scenarioDoc.ts';
import { useScenarioStore } from '../store/scenarioStore.ts';
import { fieldsOf, parseField, showValue, type FieldInfo } from './fields.ts';
import { ChoiceOptions } from './ChoiceOptions.tsx';

/** Every parameter of the selected component, editable, checked by the loader as the user types. */
export function Inspector() {
  const selected = useScenarioStore((s) => (s.selected.length === 1 ? s.selected[0] : null));
  const component = useScenarioStore((s) => s.doc.components.find((c) => c.id === selected));
  if (!component) {
    return (
      <aside className="inspector" aria-label="Inspector">
        <p className="inspector-empty">Select a component to edit its settings. Drag components from the palette; wire outputs (right) to inputs (left).</p>
      </aside>
    );
  }
  return (
    <aside className="inspector" aria-label="Inspector">
      <div className="inspector-kind">{KIND_LABEL[component.kind]}</div>
      <h2 className="inspector-id">{component.id}</h2>
      <Actions component={component} />
      {/* Keyed by id: a new selection starts with fresh drafts. */}
      <Fields key={component.id} id={component.id} fields={fieldsOf(component.kind)} />
    </aside>
  );
}

function Fields({ id, fields }: { id: string; fields: FieldInfo[] }) {
  return (
    <form className="inspector-fields" onSubmit={(event) => event.preventDefault()}>
      {fields.map((field) => (
        <Field key={field.name} id={id} field={field} />
      ))}
    </form>
  );
}

/** One setting: a draft while typing, committed (one undo step) when valid and the input is left. */
function Field({ id, field }: { id: string; field: FieldInfo }) {
  const value = useScenarioStore((s) => s.doc.components.find((c) => c.id === id)?.[field.name]);
  const [draft, setDraft] = useState<string | null>(null);
  const text = draft ?? showValue(value);

  const problem = useMemo(() => {
    if (draft === null) return null;
    const parsed = parseField(field, draft);
    if (parsed.error) return parsed.error;
    const doc = useScenarioStore.getState().doc;
    const index = doc.components.findIndex((c) => c.id === id);
    const loaded = loadScenario(updateComponent(doc, id, { [field.name]: parsed.value }));
    if (loaded.ok) return null;
    const prefix = `components[${index}].${field.name}`;
    const mine = loaded.problems.find((p) => p.startsWith(`${prefix}:`) || p.startsWith(`${prefix}.`) || p.startsWith(`${prefix}[`));
    return mine ? mine.slice(mine.indexOf(': ') + 2) : null;
  }, [draft, field, id]);

  const commit = () => {
    if (draft === null || problem) return;
    const parsed = parseField(field, draft);
    useScenarioStore.getState().updateComponent(id, { [field.name]: parsed.value });
    setDraft(null);
  };

  const inputId = `field-${id}-${field.name}`;
  return (
    <div className={`inspector-field${problem ? ' invalid' : ''}`}>
      <label htmlFor={inputId}>{field.name}</label>
      {field.type === 'choice' || field.type === 'boolean' ? (
        <select
          id={inputId}
          value={text}
          onChange={(event) => {
            const parsed = parseField(field, event.target.value);
            if (!parsed.error) useScenarioStore.getState().updateComponent(id, { [field.name]: parsed.value });
          }}
        >
          <ChoiceOptions field={field} />
        </select>
      ) : (
        <input
          id={inputId}
          value={text}
          placeholder={field.defaultText ? `default ${field.defaultText}` : ''}
          aria-invalid={problem ? true : undefined}
          onChange={(event) => setDraft(event.target.value)}
          onBlur={commit}
          onKeyDown={(event) => {
            if (event.key === 'Enter') commit();
            if (event.key === 'Escape') setDraft(null);
          }}
        />
      )}
      {problem && <div className="field-problem">{problem}</div>}
    </div>
  );
}
