import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pushTargetFromEnv, pushYaml, runYamlPush } from '../../src/cli/yaml-push.js';
import { parseConstraints } from '../../src/constraints/parse.js';
import { renderYaml } from '../../src/constraints/yaml.js';
import { BadInputError } from '../../src/errors.js';
import { createGitLabPlatform } from '../../src/platform/gitlab/client.js';
import { type FakeGitLab, type FakeUser, startFakeGitLab } from '../fakes/gitlab/index.js';

const PROJECT = 'acme/inventory';
const BRANCH = 'pin-boto3';
const OLD = 'boto3==1.34.0\nrequests==2.31.0\n';
const NEW = 'boto3==1.34.9\nrequests==2.31.0\n';

function yamlOf(
  text: string,
  format: 'gitlab-ci' | 'list' = 'gitlab-ci',
  source = 'constraints.txt',
): string {
  return renderYaml(parseConstraints(text, source), {
    format,
    key: '.pip-constraints',
    variable: 'PIP_CONSTRAINTS',
    sourceName: source,
  });
}

let gitlab: FakeGitLab;
let bot: FakeUser;
let developer: FakeUser;
let out: string[];

beforeEach(async () => {
  gitlab = await startFakeGitLab();
  bot = gitlab.addUser({ username: 'pingate-bot', bot: true });
  developer = gitlab.addUser({ username: 'dev' });
  gitlab.addProject({
    path: PROJECT,
    files: { 'constraints.txt': OLD, 'pipeline/constraints.yml': yamlOf(OLD), 'README.md': 'inventory\n' },
    members: [
      { userId: bot.id, accessLevel: 30 },
      { userId: developer.id, accessLevel: 30 },
    ],
  });
  out = [];
});

afterEach(async () => {
  await gitlab.close();
});

function push(options: { expectedSha?: string; files?: Parameters<typeof pushYaml>[0]['files'] } = {}) {
  const platform = createGitLabPlatform({ url: gitlab.url, token: bot.token });
  return pushYaml({
    project: platform.forProject(PROJECT),
    branch: BRANCH,
    stdout: (text) => out.push(text),
    ...options,
  });
}

describe('pingate yaml --push', () => {
  it('commits the regenerated yaml on top of the head of a branch that changed constraints.txt', async () => {
    const head = gitlab.pushCommit(developer, PROJECT, BRANCH, { 'constraints.txt': NEW });
    const result = await push({ expectedSha: head });
    expect(result).toMatchObject({ status: 'committed', head, files: ['pipeline/constraints.yml'] });
    const tip = gitlab.commit(PROJECT, BRANCH)!;
    expect(tip.parent_ids).toEqual([head]);
    expect(tip.message).toMatch(/^Regenerate pipeline\/constraints\.yml from constraints\.txt\n/);
    expect(gitlab.file(PROJECT, 'pipeline/constraints.yml', BRANCH)).toBe(yamlOf(NEW));
    expect(gitlab.file(PROJECT, 'constraints.txt', BRANCH)).toBe(NEW);
    expect(out.join('')).toBe(
      `committed ${tip.id.slice(0, 8)} to ${BRANCH}: regenerated pipeline/constraints.yml\n`,
    );
  });

  it('writes nothing when the yaml file is current, so its own commit does not loop', async () => {
    gitlab.pushCommit(developer, PROJECT, BRANCH, {
      'constraints.txt': NEW,
      'pipeline/constraints.yml': yamlOf(NEW),
    });
    gitlab.resetRequests();
    expect((await push()).status).toBe('current');
    expect(gitlab.writeCount()).toBe(0);
    expect(out.join('')).toBe(`pipeline/constraints.yml up to date on ${BRANCH}\n`);
  });

  it('pushes nothing when the branch moved on since the pipeline started', async () => {
    const first = gitlab.pushCommit(developer, PROJECT, BRANCH, { 'constraints.txt': NEW });
    gitlab.pushCommit(developer, PROJECT, BRANCH, { 'README.md': 'inventory service\n' });
    gitlab.resetRequests();
    expect((await push({ expectedSha: first })).status).toBe('superseded');
    expect(gitlab.writeCount()).toBe(0);
    expect(out.join('')).toMatch(/moved on to \w{8} since this pipeline started/);
  });

  it('regenerates every pair renovate.json names, in its format, in one commit', async () => {
    const renovate = {
      pingate: {
        files: [
          { constraintsFile: 'constraints.txt', yamlFile: 'pipeline/constraints.yml' },
          { constraintsFile: 'svc/api.txt', yamlFile: 'svc/api.yml', yamlFormat: 'list' },
        ],
      },
    };
    gitlab.pushCommit(developer, PROJECT, BRANCH, {
      'renovate.json': JSON.stringify(renovate),
      'constraints.txt': NEW,
      'svc/api.txt': 'flask==3.0.0\n',
    });
    const result = await push();
    expect(result).toMatchObject({ status: 'committed', files: ['pipeline/constraints.yml', 'svc/api.yml'] });
    expect(gitlab.file(PROJECT, 'svc/api.yml', BRANCH)).toBe(yamlOf('flask==3.0.0\n', 'list', 'svc/api.txt'));
    expect(gitlab.commits(PROJECT, BRANCH)).toHaveLength(3);
  });

  it('takes the pair from the flags instead of renovate.json when given', async () => {
    gitlab.pushCommit(developer, PROJECT, BRANCH, { 'constraints.txt': NEW });
    const files = [
      {
        constraintsFile: 'constraints.txt',
        yamlFile: 'ci/pins.yml',
        yamlFormat: 'gitlab-ci' as const,
        yamlKey: '.pins',
        yamlVariable: 'PINS',
      },
    ];
    expect(await push({ files })).toMatchObject({ status: 'committed', files: ['ci/pins.yml'] });
    expect(gitlab.file(PROJECT, 'ci/pins.yml', BRANCH)).toMatch(/^\.pins:\n {2}variables:\n {4}PINS: \|\n/m);
  });

  it('refuses a branch whose renovate.json is invalid, or that lacks the constraints file, naming why', async () => {
    gitlab.pushCommit(developer, PROJECT, BRANCH, { 'renovate.json': '{"schedule": 5}' });
    await expect(push()).rejects.toThrow(
      /renovate\.json on the branch has errors:\n {2}renovate\.json:1:\d+: /,
    );
    gitlab.pushCommit(developer, PROJECT, 'no-pins', { 'constraints.txt': null });
    const platform = createGitLabPlatform({ url: gitlab.url, token: bot.token });
    const missing = pushYaml({ project: platform.forProject(PROJECT), branch: 'no-pins', stdout: () => {} });
    await expect(missing).rejects.toThrow(/^constraints\.txt not found at \w{8}$/);
    const absent = pushYaml({ project: platform.forProject(PROJECT), branch: 'gone', stdout: () => {} });
    await expect(absent).rejects.toThrow(`branch gone not found in project ${PROJECT}`);
  });

  it('runs from the variables of a merge request pipeline', async () => {
    const head = gitlab.pushCommit(developer, PROJECT, BRANCH, { 'constraints.txt': NEW });
    const env = {
      CI_SERVER_URL: gitlab.url,
      GITLAB_TOKEN: bot.token,
      CI_PROJECT_PATH: PROJECT,
      CI_MERGE_REQUEST_SOURCE_BRANCH_NAME: BRANCH,
      CI_COMMIT_SHA: head,
    };
    expect(await runYamlPush({}, env, (text) => out.push(text))).toBe(0);
    expect(out.join('')).toMatch(/^committed \w{8} to pin-boto3: regenerated pipeline\/constraints\.yml\n$/);
  });
});

describe('yaml --push variables', () => {
  it('names every missing variable at once', () => {
    expect(() => pushTargetFromEnv({})).toThrow(BadInputError);
    expect(() => pushTargetFromEnv({ CI_PROJECT_ID: '42' })).toThrow(
      [
        'yaml --push needs these variables:',
        '  GITLAB_TOKEN (a token with scope "api" and Developer access; CI_JOB_TOKEN cannot commit)',
        '  CI_SERVER_URL or GITLAB_URL',
        '  CI_MERGE_REQUEST_SOURCE_BRANCH_NAME (run the job in a merge request pipeline)',
      ].join('\n'),
    );
  });

  it('prefers the source project and the source branch head of a merged-results pipeline', () => {
    expect(
      pushTargetFromEnv({
        GITLAB_TOKEN: 't',
        CI_SERVER_URL: 'https://gitlab.example.com',
        GITLAB_URL: 'https://gitlab.internal',
        CI_PROJECT_ID: '42',
        CI_MERGE_REQUEST_SOURCE_PROJECT_ID: '77',
        CI_MERGE_REQUEST_SOURCE_BRANCH_NAME: 'fix',
        CI_COMMIT_SHA: 'merge-result',
        CI_MERGE_REQUEST_SOURCE_BRANCH_SHA: 'source-head',
      }),
    ).toEqual({
      gitlabUrl: 'https://gitlab.internal',
      token: 't',
      project: '77',
      branch: 'fix',
      expectedSha: 'source-head',
    });
  });
});
