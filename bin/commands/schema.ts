/** `streamlab schema`: prints the JSON Schema of scenario files, for editors (`npm run schema` refreshes public/). */
import { scenarioJsonSchemaText } from '../../engine/scenario/jsonSchema.ts';
import { parseOptions, type Command } from './command.ts';

export const schema: Command = {
  name: 'schema',
  usage: 'schema',
  summary: 'print the JSON Schema of scenario files',
  help: [
    'Usage: npx streamlab schema',
    '',
    'Prints the JSON Schema (draft 2020-12) of scenario files, generated from the scenario format',
    'itself. The copy in public/scenario.schema.json is refreshed with `npm run schema`; point an',
    'editor at it with "$schema": "../public/scenario.schema.json" in a scenario file.',
  ].join('\n'),
  run(args) {
    parseOptions('schema', args, {});
    process.stdout.write(scenarioJsonSchemaText());
    return 0;
  },
};
