import { parseArgs, type ParseArgsConfig } from 'node:util';

/** One subcommand of `streamlab`. */
export interface Command {
  name: string;
  /** One line: the command and its arguments, as shown in `streamlab --help`. */
  usage: string;
  summary: string;
  /** The full text shown by `streamlab <name> --help`. */
  help: string;
  /** Runs with the arguments after the command name; resolves to the exit code. */
  run(args: string[]): Promise<number> | number;
}

/** A failure the user can act on: printed as one line, with no stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

/** `util.parseArgs` with its errors turned into {@link CliError}s that name the command. */
export function parseOptions<T extends NonNullable<ParseArgsConfig['options']>>(
  command: string,
  args: string[],
  options: T,
  allowPositionals = false,
) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (error) {
    throw new CliError(`${command}: ${(error as Error).message}\nRun \`npx streamlab ${command} --help\` for its options.`);
  }
}
