/** `pingate yaml`: writes (or, with --check, verifies) pipeline/constraints.yml from constraints.txt. */
import { relative, resolve } from 'node:path';
import { Command, Option } from 'commander';
import { loadRepoConfig } from '../config/load.js';
import { readConstraintsFile } from '../constraints/read.js';
import { type Difference, firstDifference, renderYaml, type YamlFormat } from '../constraints/yaml.js';
import { BadInputError } from '../errors.js';
import type { CommandFactory } from './commands.js';
import { currentText, type OutputTarget, outputTarget, writeOutput } from './output-file.js';
import { runYamlPush } from './yaml-push.js';

export interface YamlRun {
  input: string;
  output: string;
  format: YamlFormat;
  key: string;
  variable: string;
  check: boolean;
  /** Paths are relative to this directory (default: the process's). */
  cwd?: string;
  stdout?: (text: string) => void;
  stderr?: (text: string) => void;
}

/** SPEC §5 defaults; a caller that has read renovate.json passes its values instead. */
export const YAML_DEFAULTS = {
  input: 'constraints.txt',
  output: 'pipeline/constraints.yml',
  format: 'gitlab-ci',
  key: '.pip-constraints',
  variable: 'PIP_CONSTRAINTS',
} as const;

/** Returns the exit code: 0 written or current, 1 stale (`--check`). Bad input throws BadInputError (exit 2). */
export async function runYaml(run: YamlRun): Promise<number> {
  const cwd = run.cwd ?? process.cwd();
  const stdout = run.stdout ?? ((text: string) => process.stdout.write(text));
  const stderr = run.stderr ?? ((text: string) => process.stderr.write(text));
  const input = displayPath(cwd, run.input);
  const output = displayPath(cwd, run.output);
  const file = await readConstraintsFile(resolve(cwd, run.input), input);
  for (const diagnostic of file.diagnostics) {
    stderr(
      `${diagnostic.file}:${diagnostic.line}:${diagnostic.column}: ${diagnostic.message} (line kept as it is)\n`,
    );
  }
  const rendered = renderYaml(file, {
    format: run.format,
    key: run.key,
    variable: run.variable,
    sourceName: input,
  });
  const target = await outputTarget(resolve(cwd, run.output), output);
  if (run.check && target.kind === 'stream') {
    throw new BadInputError(
      `${output} is not a regular file: --check compares the yaml file with what it should be`,
    );
  }
  const current = await comparable(target, rendered, run.check, output);
  if (current === rendered) {
    stdout(`${output} is up to date\n`);
    return 0;
  }
  if (run.check) {
    stderr(
      target.kind === 'missing'
        ? `${output}: missing; run \`pingate yaml\` to generate it\n`
        : `${output}:${staleAt(rendered, current)}\n${output} is stale: run \`pingate yaml\` to regenerate it\n`,
    );
    return 1;
  }
  await writeOutput(target, rendered, output);
  // The yaml itself may be what goes to stdout: the report goes beside it then.
  (target.kind === 'stream' ? stderr : stdout)(`wrote ${output} from ${input}\n`);
  return 0;
}

/** Larger than this, an output file is not read to be compared: it cannot be what is generated. */
const MAX_COMPARED_BYTES = 16 * 1024 * 1024;

/**
 * The output's text when comparing it can matter: to write, only a file of the very size of the rendered text
 * (same text, nothing to write); to check, any file up to MAX_COMPARED_BYTES.
 */
async function comparable(
  target: OutputTarget,
  rendered: string,
  check: boolean,
  shown: string,
): Promise<string | undefined> {
  if (target.kind !== 'regular') return undefined;
  const wanted = check ? target.size <= MAX_COMPARED_BYTES : target.size === Buffer.byteLength(rendered);
  return wanted ? currentText(target, shown) : undefined;
}

function staleAt(rendered: string, current: string | undefined): string {
  if (current === undefined) return ` over ${MAX_COMPARED_BYTES} bytes, not what pingate generates`;
  return describe(firstDifference(rendered, current)!);
}

function describe(difference: Difference): string {
  const expected = difference.missing === 'expected' ? 'end of file' : JSON.stringify(difference.expected);
  const found = difference.missing === 'actual' ? 'end of file' : JSON.stringify(difference.actual);
  return `${difference.line}: expected ${expected}, found ${found}`;
}

function displayPath(cwd: string, path: string): string {
  const shown = relative(cwd, resolve(cwd, path));
  return shown === '' || shown.startsWith('..') ? path : shown.split('\\').join('/');
}

const EXAMPLES = `
Examples:
  $ pingate yaml                      # constraints.txt -> pipeline/constraints.yml
  $ pingate yaml --check              # in an MR pipeline: exit 1 when the yaml file is stale
  $ pingate yaml --input services/api/constraints.txt --output pipeline/api.yml --format list
`;

export const yamlCommand: CommandFactory = (setExitCode) =>
  new Command('yaml')
    .description('write the yaml file (SPEC §3) generated from the constraints file')
    .option('--input <file>', `constraints file (default: ${YAML_DEFAULTS.input})`)
    .option('--output <file>', `yaml file to write (default: ${YAML_DEFAULTS.output})`)
    .addOption(
      new Option('--format <format>', `output format (default: ${YAML_DEFAULTS.format})`).choices([
        'gitlab-ci',
        'list',
      ]),
    )
    .option('--key <key>', `hidden job key of the gitlab-ci format (default: ${YAML_DEFAULTS.key})`)
    .option('--variable <name>', `variable of the gitlab-ci format (default: ${YAML_DEFAULTS.variable})`)
    .option('--check', 'write nothing; exit 1 naming the first differing line when the yaml file is stale')
    .addOption(
      new Option(
        '--push',
        "in an MR pipeline: commit the regenerated yaml to the MR's source branch",
      ).conflicts('check'),
    )
    .addHelpText('after', EXAMPLES)
    .exitOverride()
    .action(async (flags: Partial<Omit<YamlRun, 'check'>> & { check?: boolean; push?: boolean }) => {
      // --push reads and commits through the GitLab API: see yaml-push.ts.
      if (flags.push) return setExitCode(await runYamlPush(definedOnly(flags)));
      let code = 0;
      for (const target of await yamlTargets(definedOnly(flags), process.cwd())) {
        code = Math.max(code, await runYaml({ ...target, check: flags.check === true }));
      }
      setExitCode(code);
    });

type YamlTarget = Omit<YamlRun, 'check'>;

/**
 * What to generate: with `--input`/`--output`, that one pair; otherwise every pair renovate.json serves
 * (`pingate.files`, or `constraintsFile`/`yamlFile`, with its format, key and variable). Flags beat the config.
 */
export async function yamlTargets(flags: Partial<YamlTarget>, cwd: string): Promise<YamlTarget[]> {
  if (flags.input !== undefined || flags.output !== undefined) return [{ ...YAML_DEFAULTS, ...flags }];
  const { config, errors } = await loadRepoConfig(cwd);
  if (errors.length > 0) {
    const lines = errors.map((d) => `${d.file}:${d.line}:${d.column}: ${d.message}`);
    throw new BadInputError(`renovate.json is invalid:\n  ${lines.join('\n  ')}`);
  }
  return config.pingate.files.map((served) => ({
    input: served.constraintsFile,
    output: served.yamlFile,
    format: served.yamlFormat,
    key: served.yamlKey,
    variable: served.yamlVariable,
    ...flags,
  }));
}

function definedOnly<T extends object>(flags: T): Partial<T> {
  return Object.fromEntries(Object.entries(flags).filter(([, value]) => value !== undefined)) as Partial<T>;
}
