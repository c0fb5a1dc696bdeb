/**
 * How the schema's complaints read to people. zod reports issues; this turns each into one line,
 * `path: what is wrong`, that names the value it got and, for a typo, what was probably meant:
 *
 *     components[1].partitions: must be a whole number from 1 to 10000, got -3
 *     components[0]: unknown field "partitons" (did you mean "partitions"?)
 *     components[2].kind: must be one of "producer", "topic", ..., got "topc" (did you mean "topic"?)
 *
 * Two parts: {@link issueMessage}, a zod error map that words each issue while zod still knows
 * which schema raised it, and {@link formatIssues}, which walks the finished issues, picks the
 * branch of a union the value was meant for, and adds the value where a message lacks it.
 */
import type { z } from 'zod';
import { closest, didYouMean } from './didYouMean.ts';
import { duration, rate } from './schema.ts';

type Issue = z.core.$ZodIssue;
type Schema = z.core.$ZodType;

/** The parts of a schema's definition these messages read; zod's own types are per schema type. */
interface Definition {
  type: string;
  in?: Schema;
  innerType?: Schema;
  options?: Schema[];
  discriminator?: string;
  values?: unknown[];
  entries?: Record<string, unknown>;
  shape?: Record<string, Schema>;
  checks?: { _zod: { def: { format?: string } } }[];
}

const definition = (schema: Schema): Definition => schema._zod.def as unknown as Definition;

/** `components[1].partitions` from a path. */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`;
    else text += text === '' ? String(part) : `.${String(part)}`;
  }
  return text;
}

/** One problem line; a problem with the whole file has no path. */
export function problemLine(path: readonly PropertyKey[], message: string): string {
  const where = formatPath(path);
  return where === '' ? message : `${where}: ${message}`;
}

/** A value as a message shows it: short, and never the whole of a large object. */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : `a list of ${value.length}`;
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

const quote = (value: unknown) => JSON.stringify(value);

function joinOr(words: string[]): string {
  const unique = [...new Set(words)];
  return unique.length <= 1 ? (unique[0] ?? '') : `${unique.slice(0, -1).join(', ')} or ${unique[unique.length - 1]}`;
}

/** Schemas whose shape alone does not say what they are for. */
const nouns = new Map<Schema, string>();
for (const [schema, phrase] of [
  [duration, 'a duration such as "250ms" or "30s" (a bare number means milliseconds)'],
  [rate, 'a rate such as 2000 or "2000/s" (messages per second)'],
] as const) {
  // Both parse a number or a string, then convert it: the union fails first, so name it too.
  nouns.set(schema, phrase);
  if (definition(schema).in !== undefined) nouns.set(definition(schema).in!, phrase);
}

/** What a schema accepts, as a noun phrase: "a number", "one of "range", "sticky"", "a duration such as ...". */
function noun(schema: Schema | undefined): string {
  if (schema === undefined) return 'a value';
  const known = nouns.get(schema);
  if (known !== undefined) return known;
  const def = definition(schema);
  switch (def.type) {
    case 'number':
      return def.checks?.some((check) => check._zod.def.format === 'safeint') ? 'a whole number' : 'a number';
    case 'string':
      return 'text';
    case 'boolean':
      return 'true or false';
    case 'literal':
      return joinOr((def.values ?? []).map(quote));
    case 'enum':
      return `one of ${Object.values(def.entries ?? {}).map(quote).join(', ')}`;
    case 'array':
      return 'a list';
    case 'object':
    case 'record':
      return 'an object';
    case 'default':
    case 'prefault':
    case 'optional':
    case 'nullable':
      return noun(def.innerType);
    case 'pipe':
      return noun(def.in);
    case 'union':
      return def.discriminator === undefined ? joinOr((def.options ?? []).map(noun)) : discriminatedNoun(def);
    default:
      return 'a value of another kind';
  }
}

function discriminatedNoun(def: Definition): string {
  const values = (def.options ?? []).flatMap((option) => {
    const field = definition(option).shape?.[def.discriminator!];
    return field === undefined ? [] : (definition(field).values ?? []);
  });
  if (def.discriminator === 'dist' && values.includes('exponential')) return 'a distribution such as { "dist": "exponential", "mean": "2ms" }';
  if (def.discriminator === 'dist' && values.includes('zipf')) return 'a key distribution such as { "dist": "uniform", "count": 1000 }';
  return `an object whose "${def.discriminator}" is one of ${values.map(quote).join(', ')}`;
}

function sizeMessage(issue: { code: 'too_small' | 'too_big'; origin: string; inclusive?: boolean }, bound: unknown): string | undefined {
  const least = issue.code === 'too_small';
  const n = Number(bound);
  switch (issue.origin) {
    case 'number':
      return issue.inclusive === false ? `must be ${least ? 'above' : 'below'} ${n}` : `must be ${least ? 'at least' : 'at most'} ${n}`;
    case 'string':
      return `must be ${least ? 'at least' : 'at most'} ${n} characters long`;
    case 'array':
      return `must list ${least ? 'at least' : 'at most'} ${n} ${n === 1 ? 'item' : 'items'}`;
    default:
      return undefined;
  }
}

/**
 * A zod error map (pass it as `error` to `safeParse`) wording every issue the schema has not
 * worded itself. Messages for several lines (one per unknown field) are joined with newlines,
 * which {@link formatIssues} splits.
 */
export const issueMessage: z.core.$ZodErrorMap = (issue) => {
  const input: unknown = issue.input;
  const inst = issue.inst as Schema | undefined;
  switch (issue.code) {
    case 'invalid_type':
      if (input === undefined) return `missing; must be ${noun(inst)}`;
      if (typeof input === 'number' && !Number.isFinite(input)) return `must be a finite number, got ${input}`;
      return `must be ${noun(inst)}, got ${show(input)}`;
    case 'invalid_value': {
      const values = issue.values;
      if (values.length === 1) return `must be ${quote(values[0])}, got ${show(input)}`;
      const hint = typeof input === 'string' ? didYouMean(input, values.map(String)) : '';
      return `must be one of ${values.map(quote).join(', ')}, got ${show(input)}${hint}`;
    }
    case 'too_small':
      return sizeMessage(issue, issue.minimum);
    case 'too_big':
      return sizeMessage(issue, issue.maximum);
    case 'unrecognized_keys': {
      const known = Object.keys((inst && definition(inst).shape) ?? {});
      return issue.keys
        .map((key) => {
          const hint = didYouMean(key, known);
          return hint !== '' || known.length === 0 ? `unknown field ${show(key)}${hint}` : `unknown field ${show(key)}; the fields here are ${known.join(', ')}`;
        })
        .join('\n');
    }
    case 'invalid_union': {
      if ('discriminator' in issue && typeof issue.discriminator === 'string') {
        const options = (issue as { options?: unknown[] }).options ?? [];
        const value = input !== null && typeof input === 'object' ? (input as Record<string, unknown>)[issue.discriminator] : undefined;
        const list = options.map(quote).join(', ');
        if (value === undefined) return `missing; must be one of ${list}`;
        const hint = typeof value === 'string' ? didYouMean(value, options.map(String)) : '';
        return `must be one of ${list}, got ${show(value)}${hint}`;
      }
      return `must be ${noun(inst)}, got ${show(input)}`;
    }
    case 'not_multiple_of':
      return `must be a multiple of ${String(issue.divisor)}`;
    default:
      return undefined;
  }
};

/** True when a union branch failed only because the value is of another type altogether. */
function isMismatch(issue: Issue): boolean {
  if (issue.path.length > 0) return false;
  switch (issue.code) {
    case 'invalid_type':
      return true;
    case 'invalid_value':
      // A near miss of an option ("earliset") is this branch's problem, not a mismatch.
      return !(typeof issue.input === 'string' && closest(issue.input, issue.values.map(String)) !== undefined);
    case 'invalid_union':
      return !('discriminator' in issue) && issue.errors.every((branch) => branch.every(isMismatch));
    default:
      return false;
  }
}

/** Codes whose message states a rule but maybe not the value that broke it. */
const NAMES_NO_VALUE = new Set(['too_small', 'too_big', 'invalid_type', 'not_multiple_of', 'invalid_format']);

/** The value at `path` in the data as written, or undefined. */
function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let node = data;
  for (const key of path) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

/**
 * Turns finished zod issues (parsed with `reportInput: true` and {@link issueMessage}) into
 * `path: what is wrong` lines. A union that failed is explained by the branch the value was meant
 * for, the first whose failure is not a plain type mismatch (a distribution object with a bad
 * field, not "expected a number"); when every branch mismatched, by the union's own message,
 * which lists what it accepts. `data`, the file as written, lets a check made after a conversion
 * (a distribution's `p99` below its `median`, compared in microseconds) name the value the file
 * has (`"1ms"`) rather than the converted one (`1000`).
 */
export function formatIssues(issues: readonly Issue[], data?: unknown, base: readonly PropertyKey[] = []): string[] {
  const lines: string[] = [];
  const seen = new Set<string>();
  for (const issue of issues) {
    const path = [...base, ...issue.path];
    // A refinement that re-checks what the schema already refused (an empty list) says it twice.
    if (issue.code === 'custom' && seen.has(formatPath(path))) continue;
    seen.add(formatPath(path));
    if (issue.code === 'invalid_union' && !('discriminator' in issue)) {
      const meant = issue.errors.find((branch) => branch.length > 0 && !branch.every(isMismatch));
      if (meant !== undefined) {
        lines.push(...formatIssues(meant, data, path));
        continue;
      }
    }
    const written = valueAt(data, path);
    for (let message of issue.message.split('\n')) {
      if (NAMES_NO_VALUE.has(issue.code) && issue.input !== undefined && !/\bgot\b/.test(message)) message += `, got ${show(issue.input)}`;
      if (issue.code === 'custom' && typeof written === 'string') message = message.replace(/, got -?[\d.e+]+$/, `, got ${show(written)}`);
      lines.push(problemLine(path, message));
    }
  }
  return lines;
}
