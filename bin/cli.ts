/**
 * The `streamlab` command line. Each subcommand lives in `bin/commands/<name>.ts` and exports a
 * {@link Command}; this file only dispatches and turns failures into messages, never stack traces.
 */
import type { Command } from './commands/command.ts';
import { CliError } from './commands/command.ts';
import { bench } from './commands/bench.ts';
import { run } from './commands/run.ts';
import { partition } from './commands/partition.ts';
import { assign } from './commands/assign.ts';
import { check } from './commands/check.ts';
import { validate } from './commands/validate.ts';
import { schema } from './commands/schema.ts';
import { reviewCommand } from './commands/review.ts';
import { sweepCommand } from './commands/sweep.ts';
import { validateModel } from './commands/validateModel.ts';

const commands: Command[] = [run, check, validate, schema, sweepCommand, reviewCommand, partition, assign, bench, validateModel];

function usage(): string {
  const width = Math.max(...commands.map((c) => c.usage.length));
  const lines = commands.map((c) => `  ${c.usage.padEnd(width)}  ${c.summary}`);
  return [
    'streamlab: a deterministic simulator of Kafka-like event streams',
    '',
    'Usage: npx streamlab <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Run `npx streamlab <command> --help` for the options of one command.',
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    console.error(`streamlab: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(command.help);
    return 0;
  }
  return command.run(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof CliError) {
      console.error(`streamlab: ${error.message}`);
      process.exitCode = error.exitCode;
    } else {
      console.error(`streamlab: internal error: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 70;
    }
  },
);
