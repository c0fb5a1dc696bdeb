/** Reading a scenario file for a command: every problem reported, never a stack trace. */
import { readFileSync, statSync } from 'node:fs';
import { loadScenarioText } from '../../engine/scenario/load.ts';
import { fileTooLarge } from '../../engine/scenario/safeData.ts';
import { LIMITS } from '../../engine/scenario/limits.ts';
import type { Scenario } from '../../engine/scenario/schema.ts';
import { CliError } from './command.ts';

export type FileLoad =
  | { ok: true; scenario: Scenario }
  /** `unreadable`: the file could not be read at all (missing, a directory, too large), one message. */
  | { ok: false; problems: string[]; unreadable: boolean };

/** Loads and validates a scenario file; never throws. Files over the size limit are refused before they are read. */
export function loadScenarioFile(path: string): FileLoad {
  let text: string;
  try {
    const size = statSync(path).size;
    if (size > LIMITS.fileBytes) return { ok: false, problems: [fileTooLarge(size)], unreadable: true };
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const problem = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory, not a scenario file' : (error as Error).message;
    return { ok: false, problems: [problem], unreadable: true };
  }
  const loaded = loadScenarioText(text);
  return loaded.ok ? loaded : { ...loaded, unreadable: false };
}

/** What a command prints for a file that did not load: `FILE: no such file`, or `FILE is not a valid scenario:` and one problem a line. */
export function describeLoadFailure(path: string, failure: Extract<FileLoad, { ok: false }>): string {
  if (failure.unreadable) return `${path}: ${failure.problems.join('; ')}`;
  const count = failure.problems.length;
  return `${path} is not a valid scenario (${count} ${count === 1 ? 'problem' : 'problems'}):\n${failure.problems.map((p) => `  ${p}`).join('\n')}`;
}

/**
 * Loads and validates a scenario file.
 * @throws CliError (exit code 1) listing every problem as `path: what is wrong`.
 */
export function readScenarioFile(path: string): Scenario {
  const loaded = loadScenarioFile(path);
  if (!loaded.ok) throw new CliError(describeLoadFailure(path, loaded), 1);
  return loaded.scenario;
}
