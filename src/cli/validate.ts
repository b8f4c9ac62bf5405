/** `pingate validate`: renovate.json and every constraints file it serves, each problem as FILE:LINE:COL. */
import { join, relative, resolve } from 'node:path';
import { Command } from 'commander';
import { CONFIG_FILE_NAME, loadRepoConfig, type RepoConfigResult } from '../config/load.js';
import { readConstraintsFile } from '../constraints/read.js';
import type { Diagnostic } from '../constraints/types.js';
import { BadInputError } from '../errors.js';
import type { CommandFactory } from './commands.js';
import { localPresets } from './local-presets.js';

export interface ValidateRun {
  /** The repository's root (default: the current directory). */
  dir: string;
  /** Also print each key of the config file with what pingate does with it. */
  explain?: boolean;
  /** Where GITLAB_URL and GITLAB_TOKEN are read from, for GitLab-hosted presets (default: the process's). */
  env?: NodeJS.ProcessEnv;
  stdout?: (text: string) => void;
}

function format(diagnostic: Diagnostic, prefix = ''): string {
  return `${diagnostic.file}:${diagnostic.line}:${diagnostic.column}: ${prefix}${diagnostic.message}\n`;
}

/** Paths as the user would type them from where they stand. */
function shown(path: string): string {
  const relativePath = relative(process.cwd(), resolve(path));
  return relativePath === '' || relativePath.startsWith('..') ? path : relativePath.split('\\').join('/');
}

/**
 * Returns 0 when clean, 1 when anything is wrong, 2 when a constraints file cannot be read at all (missing, not a
 * regular file, binary, too large, not UTF-8): that is printed with the other problems, not a crash, and the exit
 * code says the check could not be made. Warnings are printed and do not fail the check.
 */
export async function runValidate(run: ValidateRun): Promise<number> {
  const stdout = run.stdout ?? ((text: string) => process.stdout.write(text));
  const presets = localPresets(run.env ?? process.env);
  const config = await loadRepoConfig(run.dir, presets.reader, presets.context);
  const configFile = shown(config.file ?? join(run.dir, CONFIG_FILE_NAME));
  if (run.explain) stdout(explainText(config, configFile));
  const problems: string[] = config.errors.map((error) => format({ ...error, file: configFile }));
  const warnings = config.warnings.map((warning) => format({ ...warning, file: configFile }, 'warning: '));
  const checked = [configFile];
  let unreadable = false;
  for (const served of config.config.pingate.files) {
    const name = shown(join(run.dir, served.constraintsFile));
    checked.push(name);
    try {
      const file = await readConstraintsFile(join(run.dir, served.constraintsFile), name);
      problems.push(...file.diagnostics.map((diagnostic) => format(diagnostic)));
    } catch (error) {
      if (!(error instanceof BadInputError)) throw error;
      problems.push(`${name}: ${error.message}\n`);
      unreadable = true;
    }
  }
  for (const line of [...problems, ...warnings]) {
    stdout(line);
  }
  const count = problems.length;
  stdout(
    count === 0
      ? `${checked.join(', ')}: no problems\n`
      : `${count} problem${count === 1 ? '' : 's'} in ${checked.join(', ')}\n`,
  );
  if (unreadable) return 2;
  return count === 0 ? 0 : 1;
}

/** `--explain`: each key of the file, where it is, and what pingate does with it. */
function explainText(config: RepoConfigResult, file: string): string {
  if (!config.file)
    return `no Renovate config file (${CONFIG_FILE_NAME}, renovate.json5, .gitlab/renovate.json, …): the defaults apply\n`;
  const lines = [`${file}: read (the first of the files Renovate reads)`];
  for (const entry of config.explain ?? []) {
    lines.push(`${file}:${entry.line}:${entry.column}: ${entry.key}: ${entry.kind}: ${entry.text}`);
  }
  return `${lines.join('\n')}\n`;
}

const EXAMPLES = `
Checks the Renovate config file (the first of renovate.json, renovate.json5, .github/renovate.json(5),
.gitlab/renovate.json(5), .renovaterc(.json/.json5), package.json "renovate") and every constraints file it
serves (lines pip would not read). Keys Renovate has that do not apply here are warnings; unknown keys, wrong
types, schedules, time zones and specifiers are problems. Exit 0 when clean, 1 with problems, 2 when a
constraints file cannot be read (missing, not a regular file, binary, over 5 MiB).
--explain lists each key with what pingate does with it: honoured, not applicable (and why), migrated.
Presets kept in GitLab (local>…, gitlab>…) are read when GITLAB_URL (or CI_SERVER_URL) and GITLAB_TOKEN are set;
one that cannot be read is a warning.

Examples:
  $ pingate validate
  $ pingate validate --dir services/api
  $ pingate validate --explain
  renovate.json:4:3: unknown key "automerg" (did you mean "automerge"?)
  constraints.txt:12:9: expected a version specifier (==, >=, ~=, …), "[extras]", "@ URL" or ";" and a marker, found "=2.31.0"
  2 problems in renovate.json, constraints.txt
`;

export const validateCommand: CommandFactory = (setExitCode) =>
  new Command('validate')
    .description(
      'check renovate.json and the constraints files; print each problem as FILE:LINE:COL: message',
    )
    .option('--dir <dir>', 'repository to check', '.')
    .option('--explain', 'print each key of the config file with what pingate does with it')
    .addHelpText('after', EXAMPLES)
    .exitOverride()
    .action(async (flags: { dir: string; explain?: boolean }) => {
      setExitCode(await runValidate({ dir: flags.dir, explain: flags.explain === true }));
    });
