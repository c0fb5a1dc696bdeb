import type { FieldInfo } from './fields.ts';

/** A choice or yes/no setting's options, after "default (…)", for a select (the inspector's and Compare's). */
export function ChoiceOptions({ field }: { field: FieldInfo }) {
  return (
    <>
      <option value="">default ({field.defaultText})</option>
      {(field.type === 'boolean' ? ['true', 'false'] : (field.choices ?? []).map(String)).map((choice) => (
        <option key={choice} value={choice}>
          {choice}
        </option>
      ))}
    </>
  );
}
