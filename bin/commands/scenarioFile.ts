/** Reading a scenario file for a command: every problem reported, never a stack trace. */
import { readFileSync, statSync } from 'node:fs';
import { loadScenarioText } from '../../engine/scenario/load.ts';
import type { Scenario } from '../../engine/scenario/schema.ts';
import { CliError } from './command.ts';

/** Scenario files are small: anything bigger is refused before it is read. */
export const MAX_SCENARIO_BYTES = 1_048_576;

/**
 * Loads and validates a scenario file.
 * @throws CliError (exit code 1) listing every problem as `path: what is wrong`.
 */
export function readScenarioFile(path: string): Scenario {
  let text: string;
  try {
    const size = statSync(path).size;
    if (size > MAX_SCENARIO_BYTES) throw new CliError(`${path}: the file is ${size} bytes; scenario files are limited to ${MAX_SCENARIO_BYTES} bytes`, 1);
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof CliError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(`${path}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory, not a scenario file' : (error as Error).message}`, 1);
  }
  const loaded = loadScenarioText(text);
  if (!loaded.ok) {
    throw new CliError(`${path} is not a valid scenario:\n${loaded.problems.map((p) => `  ${p}`).join('\n')}`, 1);
  }
  return loaded.scenario;
}
