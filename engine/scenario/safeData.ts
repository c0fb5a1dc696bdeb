/**
 * Reading a scenario as data only. Files come from anywhere (a shared link, a pull request), so
 * the text is size-checked before it is parsed, and the parsed value is copied into plain objects
 * and lists with the keys that name prototypes (`__proto__`, `constructor`, `prototype`) refused:
 * nothing in a file can reach an object's prototype, here or in the objects built from it later.
 */
import { utf8Length } from '../kafka/murmur2.ts';
import { LIMITS } from './limits.ts';
import { problemLine } from './messages.ts';

/** Keys that name or lead to a prototype; refused anywhere in a scenario. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export type DataResult = { ok: true; data: unknown } | { ok: false; problems: string[] };

const bytes = (n: number) => n.toLocaleString('en-US');

/** The problem of a file of `size` bytes, over {@link LIMITS.fileBytes}. */
export function fileTooLarge(size: number): string {
  return `the file is ${bytes(size)} bytes; scenario files are limited to ${bytes(LIMITS.fileBytes)} bytes (1 MiB)`;
}

function lineAndColumn(text: string, position: number): string {
  const before = text.slice(0, position);
  return `line ${before.split('\n').length}, column ${position - before.lastIndexOf('\n')}`;
}

/**
 * A JSON error as one line an editor can go to: V8's `at position 52` becomes `at line 3,
 * column 5`, and its `Unexpected token ']', ..."pic" },\n ]..." is not valid JSON`, which quotes
 * the text around the token (10 characters either side) instead of giving a position, is located
 * by finding that quote in the text.
 */
function jsonErrorMessage(message: string, text: string): string {
  const at = /at position (\d+)(?: \(line \d+ column \d+\))?/.exec(message);
  if (at) return message.replace(at[0], `at ${lineAndColumn(text, Number(at[1]))}`);
  const quoted = /^Unexpected token '(.+?)', (\.\.\.)?"([\s\S]*?)"(?:\.\.\.)? is not valid JSON$/.exec(message);
  if (quoted) {
    const [, token, cut, context] = quoted;
    const start = text.indexOf(context);
    const position = start < 0 ? -1 : cut ? start + 10 : text.indexOf(token);
    if (position >= 0) return `unexpected ${JSON.stringify(token)} at ${lineAndColumn(text, position)}`;
  }
  return message.replace(/\s+/g, ' ');
}

/**
 * Parses the text of a scenario file as JSON: refused if it is larger than
 * {@link LIMITS.fileBytes}, empty, or not JSON, each as one problem naming where.
 */
export function parseScenarioJson(text: string): DataResult {
  const size = utf8Length(text);
  if (size > LIMITS.fileBytes) {
    return { ok: false, problems: [fileTooLarge(size)] };
  }
  // Editors on some systems start a UTF-8 file with a byte order mark, which JSON does not allow.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') return { ok: false, problems: ['the file is empty; a scenario is a JSON object such as { "version": 1, "components": [] }'] };
  try {
    return { ok: true, data: JSON.parse(body) };
  } catch (error) {
    return { ok: false, problems: [`not valid JSON: ${jsonErrorMessage((error as Error).message, body)}`] };
  }
}

/**
 * A copy of `value` made of plain objects, lists, strings, numbers, booleans and null only.
 * Keys in {@link FORBIDDEN_KEYS} are left out and reported, and so is anything nested deeper
 * than {@link LIMITS.nestingDepth} or that is not data (a function, a symbol, a bigint).
 */
export function plainData(value: unknown): { data: unknown; problems: string[] } {
  const problems: string[] = [];
  let tooDeep = false;
  const copy = (node: unknown, path: PropertyKey[]): unknown => {
    if (node === null || typeof node === 'string' || typeof node === 'number' || typeof node === 'boolean' || node === undefined) return node;
    if (typeof node !== 'object') {
      problems.push(problemLine(path, `must be plain data, got a ${typeof node}`));
      return undefined;
    }
    if (path.length >= LIMITS.nestingDepth) {
      if (!tooDeep) problems.push(problemLine(path, `is nested more than ${LIMITS.nestingDepth} levels deep; a scenario needs far fewer`));
      tooDeep = true;
      return undefined;
    }
    if (Array.isArray(node)) return node.map((item, i) => copy(item, [...path, i]));
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(node)) {
      if (FORBIDDEN_KEYS.has(key)) {
        problems.push(problemLine([...path, key], `${JSON.stringify(key)} is not allowed as a field name (it could reach an object's prototype)`));
        continue;
      }
      out[key] = copy((node as Record<string, unknown>)[key], [...path, key]);
    }
    return out;
  };
  return { data: copy(value, []), problems };
}
