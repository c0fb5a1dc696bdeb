/**
 * `streamlab validate FILE...`: checks scenario files without running them. Exit 0 with one OK
 * line a file when all are valid; exit 1 listing every problem, `path: what is wrong`, if not.
 */
import { formatDuration } from '../../engine/core/time.ts';
import { CliError, parseOptions, type Command } from './command.ts';
import { describeLoadFailure, loadScenarioFile } from './scenarioFile.ts';

export const validate: Command = {
  name: 'validate',
  usage: 'validate FILE...',
  summary: 'check scenario files and list every problem',
  help: [
    'Usage: npx streamlab validate FILE...',
    '',
    'Checks each scenario file against the scenario format (see public/scenario.schema.json), its',
    'wiring and the limits, without running it. Prints one OK line a valid file; for a file with',
    'problems, every problem on its own line as `path: what is wrong`, and exits 1.',
  ].join('\n'),
  run(args) {
    const { positionals } = parseOptions('validate', args, {}, true);
    if (positionals.length === 0) throw new CliError('validate: give one or more scenario files, e.g. `npx streamlab validate scenarios/hot-key.json`');
    let failed = 0;
    for (const path of positionals) {
      const loaded = loadScenarioFile(path);
      if (loaded.ok) {
        const { scenario } = loaded;
        console.log(`${path}: OK, "${scenario.name}", ${scenario.components.length} components, ${formatDuration(scenario.duration)} simulated`);
      } else {
        failed++;
        console.log(describeLoadFailure(path, loaded));
      }
    }
    return failed > 0 ? 1 : 0;
  },
};
