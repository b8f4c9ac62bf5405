/** `pingate render`: prints the constraints file with some packages swapped for direct references (SPEC §4). */
import { resolve } from 'node:path';
import { Command } from 'commander';
import {
  type Override,
  overridesFromEnv,
  parseOverride,
  renderWithOverrides,
} from '../constraints/override.js';
import { readConstraintsFile } from '../constraints/read.js';
import { BadInputError } from '../errors.js';
import { normalizeName } from '../versioning/normalize.js';
import type { CommandFactory } from './commands.js';

export interface RenderRun {
  input: string;
  /** `NAME=URL` arguments, as given. */
  overrides: string[];
  fromEnv: boolean;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  stdout?: (text: string) => void;
  stderr?: (text: string) => void;
}

export async function runRender(run: RenderRun): Promise<number> {
  const stdout = run.stdout ?? ((text: string) => process.stdout.write(text));
  const stderr = run.stderr ?? ((text: string) => process.stderr.write(text));
  const overrides = collectOverrides(run);
  const file = await readConstraintsFile(resolve(run.cwd ?? process.cwd(), run.input), run.input);
  for (const diagnostic of file.diagnostics) {
    stderr(
      `${diagnostic.file}:${diagnostic.line}:${diagnostic.column}: ${diagnostic.message} (line kept as it is)\n`,
    );
  }
  stdout(renderWithOverrides(file, overrides));
  return 0;
}

/** Variables first, then flags: a flag beats a variable for the same package; a package named twice by flags is an error. */
function collectOverrides(run: RenderRun): Override[] {
  const byName = new Map<string, Override>();
  for (const override of run.fromEnv ? overridesFromEnv(run.env ?? process.env) : []) {
    byName.set(normalizeName(override.name), override);
  }
  const fromFlags = new Set<string>();
  for (const argument of run.overrides) {
    const override = parseOverride(argument);
    const name = normalizeName(override.name);
    if (fromFlags.has(name)) {
      throw new BadInputError(`--override names ${name} twice; give each package one URL`);
    }
    fromFlags.add(name);
    byName.set(name, override);
  }
  return [...byName.values()];
}

const EXAMPLES = `
Examples:
  $ pingate render --override cki-lib=git+https://gitlab.com/cki-project/cki-lib.git@my-branch > constraints.txt.new
  $ cki_lib_pip_url=git+https://gitlab.com/me/cki-lib.git@fix pingate render --overrides-from-env
`;

export const renderCommand: CommandFactory = (setExitCode) =>
  new Command('render')
    .description(
      'print the constraints file with each named package replaced by NAME @ URL (added when absent)',
    )
    .option('--override <NAME=URL>', 'replace NAME by a direct reference to URL (repeatable)', collect, [])
    .option('--overrides-from-env', 'also take every <name>_pip_url variable (e.g. cki_lib_pip_url)')
    .option('--input <file>', 'constraints file', 'constraints.txt')
    .addHelpText('after', EXAMPLES)
    .exitOverride()
    .action(async (flags: { override: string[]; overridesFromEnv?: boolean; input: string }) => {
      setExitCode(
        await runRender({
          input: flags.input,
          overrides: flags.override,
          fromEnv: flags.overridesFromEnv === true,
        }),
      );
    });

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
