/**
 * `streamlab check [FILE...]`: runs scenarios and their expectations, like tests for a design.
 * Prints one row an expectation (scenario, expectation, actual, pass), then `N passed, M failed`;
 * exits 1 if any expectation fails, a file does not load, or a run stops early.
 */
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { CliError, parseOptions, type Command } from './command.ts';
import { runLoaded } from './run.ts';
import { describeLoadFailure, loadScenarioFile } from './scenarioFile.ts';
import { formatTable } from './table.ts';

/** The scenario library, checked when no files are given. */
export const LIBRARY_DIR = 'scenarios';

export interface CheckRow {
  scenario: string;
  expectation: string;
  actual: string;
  /** null for a scenario with nothing to check. */
  pass: boolean | null;
}

/** The library's scenario files, in name order. */
export function libraryFiles(dir = LIBRARY_DIR): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    throw new CliError(`check: no ${dir}/ directory here; run from the repository root or name the files to check`, 2);
  }
  return names
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => join(dir, name));
}

const fmt = (x: number) => (Number.isInteger(x) ? x.toLocaleString('en-US') : x.toLocaleString('en-US', { maximumFractionDigits: 3 }));

/** Loads and runs one scenario file; returns its rows, and what to print about a file that did not load. */
export function checkFile(path: string): { rows: CheckRow[]; notes: string[] } {
  const scenario = basename(path, '.json');
  const loaded = loadScenarioFile(path);
  if (!loaded.ok) {
    const problems = loaded.problems.length;
    return {
      rows: [{ scenario, expectation: 'loads', actual: loaded.unreadable ? loaded.problems[0] : `${problems} ${problems === 1 ? 'problem' : 'problems'}`, pass: false }],
      notes: [describeLoadFailure(path, loaded)],
    };
  }
  const { result } = runLoaded(loaded.scenario);
  const rows: CheckRow[] = result.expectations.map((e) => ({
    scenario,
    expectation: `${e.metric} ${e.op} ${e.value}`,
    actual: e.actual === null ? 'missing' : fmt(e.actual),
    pass: e.pass,
  }));
  if (result.engine.stopped) rows.push({ scenario, expectation: 'runs to its end', actual: `stopped: ${result.engine.stopped}`, pass: false });
  if (rows.length === 0) rows.push({ scenario, expectation: '(no expectations)', actual: '-', pass: null });
  return { rows, notes: [] };
}

export function formatCheck(rows: CheckRow[]): string {
  const passed = rows.filter((r) => r.pass === true).length;
  const failed = rows.filter((r) => r.pass === false).length;
  const table = formatTable([
    ['scenario', 'expectation', 'actual', 'pass'],
    ...rows.map((r) => [r.scenario, r.expectation, r.actual, r.pass === null ? '-' : r.pass ? 'pass' : 'FAIL']),
  ]);
  return `${table}\n\n${passed} passed, ${failed} failed`;
}

export const check: Command = {
  name: 'check',
  usage: 'check [FILE...]',
  summary: 'run scenarios and check their expectations (all of scenarios/ by default)',
  help: [
    'Usage: npx streamlab check [FILE...]',
    '',
    'Runs each scenario to its end and checks its `expect` entries against the result, printing',
    'a table (scenario, expectation, actual, pass) and `N passed, M failed`. With no files, checks',
    'every scenarios/*.json. Exits 1 if an expectation fails, a file does not load, or a run stops early.',
  ].join('\n'),
  run(args) {
    const { positionals } = parseOptions('check', args, {}, true);
    const files = positionals.length > 0 ? positionals : libraryFiles();
    if (files.length === 0) throw new CliError(`check: no scenario files in ${LIBRARY_DIR}/`, 2);
    const rows: CheckRow[] = [];
    const notes: string[] = [];
    for (const file of files) {
      const checked = checkFile(file);
      rows.push(...checked.rows);
      notes.push(...checked.notes);
    }
    for (const note of notes) console.log(`${note}\n`);
    console.log(formatCheck(rows));
    return rows.some((r) => r.pass === false) ? 1 : 0;
  },
};
