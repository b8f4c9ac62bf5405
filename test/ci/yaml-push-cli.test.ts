import { describe, expect, it } from 'vitest';
import { runCli } from '../e2e/harness.js';

const ENV = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };

describe('pingate yaml --push on the command line', () => {
  it('exits 2 naming the variables a merge request pipeline would have set', async () => {
    const result = await runCli(['yaml', '--push'], { ...ENV, CI_PROJECT_PATH: 'acme/inventory' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('yaml --push needs these variables:');
    expect(result.stderr).toContain('GITLAB_TOKEN');
    expect(result.stderr).toContain('CI_MERGE_REQUEST_SOURCE_BRANCH_NAME');
    expect(result.stderr).not.toContain('CI_PROJECT_ID or CI_PROJECT_PATH');
  });

  it('refuses --push together with --check', async () => {
    const result = await runCli(['yaml', '--push', '--check'], ENV);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/option '--push' cannot be used with option '--check'/);
  });
});
