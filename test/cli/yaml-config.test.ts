import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { YAML_DEFAULTS, yamlTargets } from '../../src/cli/yaml.js';
import { BadInputError } from '../../src/errors.js';

function repo(renovate?: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'pingate-yaml-'));
  if (renovate !== undefined) writeFileSync(join(dir, 'renovate.json'), JSON.stringify(renovate));
  return dir;
}

describe('yamlTargets: which pairs `pingate yaml` generates', () => {
  it('uses the defaults without renovate.json', async () => {
    expect(await yamlTargets({}, repo())).toEqual([{ ...YAML_DEFAULTS }]);
  });

  it('serves every pair of pingate.files with its own format, and flags beat the config', async () => {
    const dir = repo({
      pingate: {
        files: [
          { constraintsFile: 'api/constraints.txt', yamlFile: 'pipeline/api.yml' },
          { constraintsFile: 'worker/constraints.txt', yamlFile: 'pipeline/worker.yml', yamlFormat: 'list' },
        ],
      },
    });
    expect(await yamlTargets({ key: '.pins' }, dir)).toEqual([
      {
        input: 'api/constraints.txt',
        output: 'pipeline/api.yml',
        format: 'gitlab-ci',
        key: '.pins',
        variable: 'PIP_CONSTRAINTS',
      },
      {
        input: 'worker/constraints.txt',
        output: 'pipeline/worker.yml',
        format: 'list',
        key: '.pins',
        variable: 'PIP_CONSTRAINTS',
      },
    ]);
  });

  it('with pip_requirements patterns, generates the yaml file of every constraints file they match', async () => {
    const dir = repo({ pip_requirements: { fileMatch: ['constraints\\.txt$'] } });
    mkdirSync(join(dir, 'api'));
    for (const path of ['constraints.txt', 'api/constraints.txt', 'api/other.txt'])
      writeFileSync(join(dir, path), 'a==1\n');
    const targets = await yamlTargets({}, dir);
    expect(targets.map((t) => [t.input, t.output])).toEqual([
      ['api/constraints.txt', 'api/pipeline/constraints.yml'],
      ['constraints.txt', 'pipeline/constraints.yml'],
    ]);
  });

  it('takes exactly the named pair when --input or --output is given', async () => {
    const dir = repo({ pingate: { constraintsFile: 'c.txt', yamlFile: 'c.yml' } });
    expect(await yamlTargets({ input: 'other.txt' }, dir)).toEqual([
      { ...YAML_DEFAULTS, input: 'other.txt' },
    ]);
  });

  it('refuses an invalid renovate.json, naming the key', async () => {
    const error = await yamlTargets({}, repo({ pingate: { yamlFormt: 'list' } })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadInputError);
    expect((error as Error).message).toContain('unknown key "pingate.yamlFormt"');
  });
});
