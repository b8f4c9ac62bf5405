import { Command, CommanderError } from 'commander';
import packageJson from '../../package.json' with { type: 'json' };
import { BadInputError, PlatformUnavailableError } from '../errors.js';
import { loadCommands } from './commands.js';

/** Runs the CLI and returns the exit code. Commands return their own code; thrown errors map to 2 or 3. */
export async function main(argv: string[]): Promise<number> {
  let exitCode = 0;
  const program = new Command('pingate')
    .description(
      'Keeps a Python constraints.txt up to date on GitLab, merging only what the pipeline tested.',
    )
    .version(packageJson.version, '-V, --version', 'print the version of pingate')
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ outputError: (text, write) => write(text) });
  for (const build of await loadCommands(argv.slice(2))) {
    program.addCommand(
      build((code) => {
        exitCode = code;
      }),
    );
  }
  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (error) {
    return exitCodeOf(error);
  }
}

function exitCodeOf(error: unknown): number {
  if (error instanceof CommanderError) {
    // --help and --version end through here with exit code 0.
    return error.exitCode === 0 ? 0 : 2;
  }
  if (error instanceof BadInputError) {
    process.stderr.write(`pingate: ${error.message}\n`);
    return 2;
  }
  if (error instanceof PlatformUnavailableError) {
    process.stderr.write(`pingate: ${error.message}\n`);
    return 3;
  }
  throw error;
}
