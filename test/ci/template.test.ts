import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCommands } from '../../src/cli/commands.js';
import { jobPatternMatches } from '../../src/gate/job-pattern.js';
import {
  extendsOf,
  isMapping,
  jobKeys,
  jobNames,
  loadPipeline,
  type Mapping,
  readYaml,
  resolveJob,
} from './gitlab-ci.js';

const ROOT = join(import.meta.dirname, '..', '..');
const TEMPLATE = 'templates/pingate.gitlab-ci.yml';
const DEFAULT_STAGES = ['.pre', 'build', 'test', 'deploy', '.post'];

const renovate = JSON.parse(readFileSync(join(ROOT, 'renovate.json'), 'utf8'));
const requiredJobs: string[] = renovate.pingate.requiredJobs;
const pipeline = loadPipeline(ROOT, '.gitlab-ci.yml');
const template = readYaml(ROOT, TEMPLATE);

/** Every job GitLab would create, by name, resolved through `extends`. */
function concreteJobs(config: Mapping): Map<string, { key: string; job: Mapping }> {
  const jobs = new Map<string, { key: string; job: Mapping }>();
  for (const key of jobKeys(config).filter((k) => !k.startsWith('.'))) {
    const job = resolveJob(config, key);
    for (const name of jobNames(key, job)) jobs.set(name, { key, job });
  }
  return jobs;
}

function scriptLines(job: Mapping): string[] {
  return ['before_script', 'script'].flatMap((key) => (Array.isArray(job[key]) ? job[key].map(String) : []));
}

describe('the GitLab CI template and this repository’s pipeline', () => {
  it('parse as YAML without duplicate keys, and include files that exist', () => {
    expect(isMapping(template)).toBe(true);
    expect(readYaml(ROOT, '.gitlab-ci.yml')['include']).toEqual([
      { local: TEMPLATE },
      { local: 'pipeline/constraints.yml' },
    ]);
    // loadPipeline throws on a missing include; the generated yaml came in with its hidden job.
    expect(pipeline['.pip-constraints']).toMatchObject({
      variables: { PIP_CONSTRAINTS: expect.any(String) },
    });
  });

  it('extend only jobs that exist, in the template alone and in the whole pipeline', () => {
    for (const config of [template, pipeline]) {
      for (const key of jobKeys(config)) {
        const job = config[key] as Mapping;
        for (const parent of extendsOf(job)) {
          // The template's own jobs never rely on the generated yaml: that is the includer's to add.
          expect(Object.hasOwn(config, parent), `${key} extends ${parent}`).toBe(true);
        }
        expect(() => resolveJob(config, key)).not.toThrow();
      }
    }
  });

  it('name installation test jobs that match every pingate.requiredJobs entry of renovate.json', () => {
    const jobs = concreteJobs(pipeline);
    expect([...jobs.keys()].filter((name) => name.startsWith('test-install'))).toEqual([
      'test-install: [3.9]',
      'test-install: [3.12]',
    ]);
    expect(requiredJobs.length).toBeGreaterThan(0);
    for (const entry of requiredJobs) {
      const matched = [...jobs.keys()].filter((name) => jobPatternMatches(entry, name));
      expect(matched.length, `requiredJobs entry ${entry}`).toBeGreaterThan(0);
      for (const name of matched)
        expect(extendsOf(pipeline[jobs.get(name)!.key] as Mapping)).toContain('.pingate-install-test');
    }
  });

  it('installs the pins with pip install -c from a file written from PIP_CONSTRAINTS, on each Python image', () => {
    const test = resolveJob(pipeline, 'test-install');
    expect(test['image']).toBe('python:$PYTHON_VERSION');
    const script = scriptLines(test);
    expect(script[0]).toBe('printf \'%s\\n\' "$PIP_CONSTRAINTS" > "$PINGATE_CONSTRAINTS_FILE"');
    expect(script[1]).toMatch(/^python -c "\$PINGATE_SPLIT_CONSTRAINTS" "\$PINGATE_CONSTRAINTS_FILE" /);
    expect(script[2]).toMatch(/^python -m pip install -c "\$PINGATE_PIP_CONSTRAINTS_FILE" -r /);
    const pythons = renovate.pingate.pythonVersions as string[];
    expect((test['parallel'] as Mapping)['matrix']).toEqual([{ PYTHON_VERSION: pythons }]);
  });

  it('runs pingate run on schedules only, and yaml --check or --push in merge request pipelines', () => {
    const run = resolveJob(template, 'pingate-run');
    expect(run['rules']).toEqual([{ if: '$CI_PIPELINE_SOURCE == "schedule"' }]);
    expect(scriptLines(run).at(-1)).toBe('$PINGATE_COMMAND run');
    const yamlJob = resolveJob(template, 'pingate-yaml');
    const modes = (yamlJob['rules'] as Mapping[]).map((rule) => [
      rule['if'],
      (rule['variables'] as Mapping)['PINGATE_YAML_MODE'],
    ]);
    expect(modes).toEqual([
      ['$CI_PIPELINE_SOURCE == "merge_request_event" && $PINGATE_YAML_PUSH == "true"', '--push'],
      ['$CI_PIPELINE_SOURCE == "merge_request_event"', '--check'],
      ['$CI_PIPELINE_SOURCE == "push" && $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH', '--check'],
    ]);
  });

  it('calls only pingate commands and flags that exist, and stages GitLab has by default', async () => {
    const commands = await loadCommands([]);
    const cli = new Map(commands.map((build) => build(() => {})).map((command) => [command.name(), command]));
    const calls: string[] = [];
    for (const config of [template, pipeline]) {
      for (const { key, job } of concreteJobs(config).values()) {
        expect(DEFAULT_STAGES, `${key} stage`).toContain(job['stage'] ?? 'test');
        for (const line of scriptLines(job)) {
          const call = /^\$PINGATE_COMMAND (\S+)(.*)$/.exec(line);
          if (!call) continue;
          calls.push(line);
          const command = cli.get(call[1]!);
          expect(command, line).toBeDefined();
          const flags = [...call[2]!.matchAll(/--[a-z-]+/g)].map((m) => m[0]);
          const modes = (job['rules'] as Mapping[] | undefined)?.flatMap((rule) =>
            isMapping(rule['variables']) ? [String(rule['variables']['PINGATE_YAML_MODE'] ?? '')] : [],
          );
          for (const flag of [...flags, ...(call[2]!.includes('$PINGATE_YAML_MODE') ? (modes ?? []) : [])]) {
            expect(
              command!.options.map((o) => o.long),
              `${line}: ${flag}`,
            ).toContain(flag);
          }
        }
      }
    }
    expect(calls).toEqual(
      expect.arrayContaining(['$PINGATE_COMMAND run', '$PINGATE_COMMAND yaml $PINGATE_YAML_MODE']),
    );
    const scripts = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts;
    expect(scriptLines(resolveJob(pipeline, 'npm-test'))).toEqual([
      'npm ci --no-audit --no-fund',
      'npm test',
    ]);
    expect(scripts.test).toBeDefined();
  });

  it('runs this checkout of pingate in its own pipeline', () => {
    expect((pipeline['variables'] as Mapping)['PINGATE_COMMAND']).toBe('node bin/pingate.js');
    expect(readFileSync(join(ROOT, 'bin/pingate.js'), 'utf8')).toContain('main');
  });
});
