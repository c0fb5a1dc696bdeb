/**
 * What the inspector shows for each component kind: every field of the scenario schema, its kind
 * of value, its choices and its default in the file's own notation (`5ms`, `100/s`).
 */
import schemaJson from '../../public/scenario.schema.json';
import { formatDuration } from '../../engine/core/time.ts';
import { componentSchema, type ComponentKind } from '../../engine/scenario/schema.ts';

export type FieldType = 'text' | 'integer' | 'number' | 'boolean' | 'choice' | 'duration' | 'rate' | 'json';

export interface FieldInfo {
  name: string;
  type: FieldType;
  choices?: (string | number)[];
  /** The default as a file would write it, or '' when there is none. */
  defaultText: string;
}

interface JsonSchemaNode {
  type?: string | string[];
  enum?: (string | number)[];
  anyOf?: JsonSchemaNode[];
  const?: unknown;
  properties?: Record<string, JsonSchemaNode>;
}

const IDENTITY = new Set(['id', 'kind', 'name', 'description']);

function componentNodes(): JsonSchemaNode[] {
  const root = schemaJson as unknown as { properties: { components: { items: { oneOf: JsonSchemaNode[] } } } };
  return root.properties.components.items.oneOf;
}

function fieldType(name: string, node: JsonSchemaNode): Pick<FieldInfo, 'type' | 'choices'> {
  if (name === 'rate') return { type: 'rate' };
  if (node.enum) return { type: 'choice', choices: node.enum };
  if (node.anyOf?.every((n) => n.const !== undefined)) return { type: 'choice', choices: node.anyOf.map((n) => n.const as string | number) };
  const types = Array.isArray(node.type) ? node.type : node.type ? [node.type] : [];
  if (types.includes('number') && types.includes('string')) return { type: 'duration' };
  if (types.includes('boolean')) return { type: 'boolean' };
  if (types.includes('integer')) return { type: 'integer' };
  if (types.includes('number')) return { type: 'number' };
  if (types.includes('string')) return { type: 'text' };
  return { type: 'json' };
}

/** Fields holding a distribution of durations: their numbers are microseconds once parsed. */
const DURATION_DISTRIBUTIONS = new Set(['processing', 'latency', 'ownWrite', 'eventDelay', 'dbWrite']);

function defaultText(name: string, type: FieldType, value: unknown): string {
  if (value === undefined) return '';
  if (type === 'duration' && typeof value === 'number') return formatDuration(value).replace(/ /g, '');
  if (type === 'rate') return `${value}/s`;
  if (typeof value === 'object' && value !== null && DURATION_DISTRIBUTIONS.has(name)) {
    const spec = value as Record<string, unknown>;
    if (spec.dist === 'constant' && typeof spec.value === 'number') return formatDuration(spec.value);
    const shown = Object.fromEntries(Object.entries(spec).map(([k, v]) => [k, typeof v === 'number' ? formatDuration(v).replace(/ /g, '') : v]));
    return JSON.stringify(shown);
  }
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

const cache = new Map<ComponentKind, FieldInfo[]>();

/** The editable fields of a component kind, in schema order. */
export function fieldsOf(kind: ComponentKind): FieldInfo[] {
  const known = cache.get(kind);
  if (known) return known;
  const node = componentNodes().find((n) => n.properties?.kind?.const === kind);
  const defaults = componentSchema.safeParse({ id: 'x', kind });
  const parsed = (defaults.success ? defaults.data : {}) as Record<string, unknown>;
  const fields = Object.entries(node?.properties ?? {})
    .filter(([name]) => !IDENTITY.has(name))
    .map(([name, schema]) => {
      const { type, choices } = fieldType(name, schema);
      return { name, type, choices, defaultText: defaultText(name, type, parsed[name]) };
    });
  cache.set(kind, fields);
  return fields;
}

/** Reads what the user typed into the value the file holds; undefined for blank (the default). */
export function parseField(field: FieldInfo, text: string): { value?: unknown; error?: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { value: undefined };
  switch (field.type) {
    case 'integer':
    case 'number': {
      const n = Number(trimmed);
      return Number.isFinite(n) ? { value: n } : { error: `${JSON.stringify(trimmed)} is not a number` };
    }
    case 'boolean':
      return trimmed === 'true' || trimmed === 'false' ? { value: trimmed === 'true' } : { error: 'must be true or false' };
    case 'choice': {
      const choice = field.choices?.find((c) => String(c) === trimmed);
      return choice !== undefined ? { value: choice } : { error: `must be one of ${field.choices?.join(', ')}` };
    }
    case 'duration':
    case 'rate':
      return { value: /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : trimmed };
    case 'json':
      if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
        try {
          return { value: JSON.parse(trimmed) };
        } catch (error) {
          return { error: `not valid JSON: ${(error as Error).message}` };
        }
      }
      // A duration where a distribution is expected means a constant.
      return { value: /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : trimmed };
    case 'text':
      return { value: trimmed };
  }
}

/** How a value from the file is shown in an input. */
export function showValue(value: unknown): string {
  if (value === undefined) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
