/**
 * `pingate yaml --push`: in a merge request pipeline, regenerate the yaml file(s) from the constraints file(s) on
 * the MR's source branch and, when they changed, commit them on top of that branch through the API, so that a
 * person's MR that edits constraints.txt gets its pipeline/constraints.yml without running anything locally.
 * It reads the branch through the API, not the job's checkout: a merged-results pipeline checks out a merge
 * commit, and the commit must sit on exactly the head it was generated from.
 */
import type { ServedFile } from '../config/schema.js';
import { parseConstraints } from '../constraints/parse.js';
import type { YamlFormat } from '../constraints/yaml.js';
import { BadInputError, formatLocation } from '../errors.js';
import { pairActions } from '../mr/commit-content.js';
import { readSnapshot, type ServedPair } from '../pass/snapshot.js';
import { commitSource } from '../pass/sources.js';
import { createGitLabPlatform } from '../platform/gitlab/client.js';
import type { FileAction, ProjectPlatform } from '../platform/types.js';

export interface PushYamlOptions {
  project: ProjectPlatform;
  branch: string;
  /** The commit the pipeline runs for; when the branch has moved past it, nothing is pushed. */
  expectedSha?: string;
  /** The pairs to regenerate; default: those renovate.json on the branch names (else constraints.txt → pipeline/constraints.yml). */
  files?: ServedFile[];
  stdout?: (text: string) => void;
}

export type PushYamlResult =
  | { status: 'current'; head: string }
  | { status: 'committed'; head: string; commit: string; files: string[] }
  | { status: 'superseded'; head: string };

/** Regenerates and, if needed, commits; returns what it did after printing one line about it. */
export async function pushYaml(options: PushYamlOptions): Promise<PushYamlResult> {
  const print = options.stdout ?? ((text: string) => process.stdout.write(text));
  const { project, branch } = options;
  const head = await branchHead(project, branch);
  if (options.expectedSha !== undefined && options.expectedSha !== head) {
    print(
      `${branch} moved on to ${head.slice(0, 8)} since this pipeline started (${options.expectedSha.slice(0, 8)}): ` +
        'nothing pushed; the pipeline of the new head regenerates the yaml\n',
    );
    return { status: 'superseded', head };
  }
  const pairs = await readPairs(project, head, options.files);
  const actions: FileAction[] = pairs.flatMap((pair) =>
    pairActions(pair, pair.file.text).filter((action) => action.filePath === pair.served.yamlFile),
  );
  const files = actions.map((action) => action.filePath);
  if (actions.length === 0) {
    print(`${pairs.map((pair) => pair.served.yamlFile).join(', ')} up to date on ${branch}\n`);
    return { status: 'current', head };
  }
  // GitLab refuses `start_sha` on an existing branch unless forced. Forcing onto the head just read adds one
  // commit on top of it; the check above and this short window are what stand between us and a concurrent push.
  const commit = await project.commitFiles({
    branch,
    startSha: head,
    message: commitMessage(pairs, files),
    actions,
    force: true,
  });
  print(`committed ${commit.sha.slice(0, 8)} to ${branch}: regenerated ${files.join(', ')}\n`);
  return { status: 'committed', head, commit: commit.sha, files };
}

async function branchHead(project: ProjectPlatform, branch: string): Promise<string> {
  const found = await project.getBranch(branch);
  if (!found) throw new BadInputError(`branch ${branch} not found in project ${project.project}`);
  return found.commitSha;
}

async function readPairs(
  project: ProjectPlatform,
  head: string,
  files?: ServedFile[],
): Promise<ServedPair[]> {
  const source = commitSource(project, head);
  if (files === undefined) {
    const snapshot = await readSnapshot(source);
    if (snapshot.configErrors.length > 0) {
      const lines = snapshot.configErrors.map((d) => `${formatLocation(d)}: ${d.message}`);
      throw new BadInputError(`renovate.json on the branch has errors:\n  ${lines.join('\n  ')}`);
    }
    if (snapshot.missing.length > 0) throw missingFiles(snapshot.missing, head);
    return snapshot.pairs;
  }
  const read = await Promise.all(
    files.map(async (served) => ({
      served,
      text: await source.read(served.constraintsFile),
      yamlText: await source.read(served.yamlFile),
    })),
  );
  const missing = read.filter((pair) => pair.text === undefined).map((pair) => pair.served.constraintsFile);
  if (missing.length > 0) throw missingFiles(missing, head);
  return read.map(({ served, text, yamlText }) => ({
    served,
    file: parseConstraints(text!, served.constraintsFile),
    ...(yamlText !== undefined ? { yamlText } : {}),
  }));
}

function missingFiles(paths: string[], head: string): BadInputError {
  return new BadInputError(`${paths.join(', ')} not found at ${head.slice(0, 8)}`);
}

function commitMessage(pairs: ServedPair[], files: string[]): string {
  const sources = pairs
    .filter((pair) => files.includes(pair.served.yamlFile))
    .map((p) => p.served.constraintsFile);
  return `Regenerate ${files.join(', ')} from ${sources.join(', ')}\n\nWritten by \`pingate yaml --push\`.`;
}

/** Flags of `pingate yaml` that name the pair; any of them given means "this pair, not renovate.json's". */
export interface PairFlags {
  input?: string;
  output?: string;
  format?: YamlFormat;
  key?: string;
  variable?: string;
}

export interface PushTarget {
  gitlabUrl: string;
  token: string;
  project: string;
  branch: string;
  expectedSha?: string;
}

/**
 * Where to push, from the variables GitLab sets in a merge request pipeline. Throws one BadInputError naming
 * every missing variable. The source project (not the target) holds the branch; for an MR from a fork the token
 * needs access to the fork.
 */
export function pushTargetFromEnv(env: NodeJS.ProcessEnv): PushTarget {
  const pick = (...names: string[]) =>
    names.map((name) => env[name]).find((value) => value !== undefined && value !== '');
  const gitlabUrl = pick('GITLAB_URL', 'CI_SERVER_URL');
  const token = pick('GITLAB_TOKEN');
  const project = pick('CI_MERGE_REQUEST_SOURCE_PROJECT_ID', 'CI_PROJECT_ID', 'CI_PROJECT_PATH');
  const branch = pick('CI_MERGE_REQUEST_SOURCE_BRANCH_NAME');
  const missing = [
    ...(token
      ? []
      : ['GITLAB_TOKEN (a token with scope "api" and Developer access; CI_JOB_TOKEN cannot commit)']),
    ...(gitlabUrl ? [] : ['CI_SERVER_URL or GITLAB_URL']),
    ...(project ? [] : ['CI_PROJECT_ID or CI_PROJECT_PATH']),
    ...(branch ? [] : ['CI_MERGE_REQUEST_SOURCE_BRANCH_NAME (run the job in a merge request pipeline)']),
  ];
  if (missing.length > 0) {
    throw new BadInputError(`yaml --push needs these variables:\n  ${missing.join('\n  ')}`);
  }
  const expectedSha = pick('CI_MERGE_REQUEST_SOURCE_BRANCH_SHA', 'CI_COMMIT_SHA');
  return {
    gitlabUrl: gitlabUrl!,
    token: token!,
    project: project!,
    branch: branch!,
    ...(expectedSha ? { expectedSha } : {}),
  };
}

/** The whole of `pingate yaml --push`: variables → GitLab client → pushYaml. Returns the exit code (0). */
export async function runYamlPush(
  flags: PairFlags,
  env: NodeJS.ProcessEnv = process.env,
  stdout: (text: string) => void = (text) => process.stdout.write(text),
): Promise<number> {
  const target = pushTargetFromEnv(env);
  const platform = createGitLabPlatform({ url: target.gitlabUrl, token: target.token });
  const files = pairFromFlags(flags);
  await pushYaml({
    project: platform.forProject(target.project),
    branch: target.branch,
    ...(target.expectedSha ? { expectedSha: target.expectedSha } : {}),
    ...(files ? { files } : {}),
    stdout,
  });
  return 0;
}

const PAIR_DEFAULTS: ServedFile = {
  constraintsFile: 'constraints.txt',
  yamlFile: 'pipeline/constraints.yml',
  yamlFormat: 'gitlab-ci',
  yamlKey: '.pip-constraints',
  yamlVariable: 'PIP_CONSTRAINTS',
};

function pairFromFlags(flags: PairFlags): ServedFile[] | undefined {
  const given = [flags.input, flags.output, flags.format, flags.key, flags.variable].some(
    (v) => v !== undefined,
  );
  if (!given) return undefined;
  return [
    {
      constraintsFile: flags.input ?? PAIR_DEFAULTS.constraintsFile,
      yamlFile: flags.output ?? PAIR_DEFAULTS.yamlFile,
      yamlFormat: flags.format ?? PAIR_DEFAULTS.yamlFormat,
      yamlKey: flags.key ?? PAIR_DEFAULTS.yamlKey,
      yamlVariable: flags.variable ?? PAIR_DEFAULTS.yamlVariable,
    },
  ];
}
