import { describe, expect, it } from 'vitest';
import { project } from '../plan/builders.js';
import { passWorld } from './world.js';

const PROJECTS = [project('attrs', ['23.1.0', '23.2.0']), project('idna', ['3.6', '3.7'])];
const RENOVATE = {
  schedule: ['at any time'],
  pip_requirements: { managerFilePatterns: ['**/constraints.txt'] },
};

describe('a pass where pip_requirements patterns choose the files', () => {
  it('serves the files of the head it read, and a file added later from the pass after', async () => {
    const w = passWorld({ constraints: 'idna==3.6\n', renovate: RENOVATE, projects: PROJECTS });
    await w.pass();
    const titles = () => w.platform.state.mrs.map((mr) => mr.title).sort();
    expect(titles()).toEqual(['Update dependency idna to v3.7']);
    w.platform.project.push({ 'lib/constraints.txt': 'attrs==23.1.0\n' });
    await w.pass();
    expect(titles()).toEqual(['Update dependency attrs to v23.2.0', 'Update dependency idna to v3.7']);
    const attrs = w.platform.state.mrs.find((mr) => mr.title.includes('attrs'))!;
    const head = w.platform.state.branches.get(attrs.sourceBranch)!;
    const files = w.platform.state.commits.get(head)!.files;
    expect(files.get('lib/constraints.txt')).toBe('attrs==23.2.0\n');
    expect(files.get('lib/pipeline/constraints.yml')).toContain('attrs==23.2.0');
  });
});
