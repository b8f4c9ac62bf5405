import { describe, expect, it } from 'vitest';
import { errors } from '../fakes/memory-platform/index.js';
import { project } from '../plan/builders.js';
import { passWorld } from './world.js';

const CONSTRAINTS = 'attrs==23.1.0\nidna==3.6\n';
const PROJECTS = [project('attrs', ['23.1.0', '23.2.0']), project('idna', ['3.6', '3.7'])];

function world(options: { failing?: string[]; renovate?: object } = {}) {
  return passWorld({ constraints: CONSTRAINTS, projects: PROJECTS, ...options });
}

function openMrs(w: ReturnType<typeof world>) {
  return w.platform.state.mrs.filter((m) => m.state === 'opened');
}

describe('a pass on the in-memory platform', () => {
  it('opens one MR per update and the dashboard, then writes nothing on a second pass', async () => {
    const w = world();
    const first = await w.pass();
    expect(first.errors).toEqual([]);
    expect(openMrs(w).map((m) => m.title)).toEqual([
      'Update dependency attrs to v23.2.0',
      'Update dependency idna to v3.7',
    ]);
    expect(w.platform.state.issues).toHaveLength(1);
    expect(first.created).toHaveLength(2);
    const writes = w.platform.writes.length;
    const second = await w.pass();
    expect(second.actions).toEqual([]);
    expect(w.platform.writes.length).toBe(writes);
  });

  it('dry run is one switch: the same decisions, as "would", and no write at all', async () => {
    const w = world();
    const report = await w.pass({ dryRun: true });
    expect(w.platform.writes).toEqual([]);
    expect(report.actions).toEqual([
      'would create MR "Update dependency attrs to v23.2.0" from pingate/attrs-23.x (constraints.txt, pipeline/constraints.yml)',
      'would create MR "Update dependency idna to v3.7" from pingate/idna-3.x (constraints.txt, pipeline/constraints.yml)',
      'would create the dashboard',
    ]);
    expect(report.writes?.every((w) => w.status === 'would')).toBe(true);
  });

  it('counts a failed look-up among the errors of the summary, and lists it under Errored', async () => {
    const w = world({ failing: ['idna'] });
    const report = await w.pass();
    expect(report.errors).toEqual(['look up idna 3.6: GET idna: HTTP 503 (4 attempts)']);
    expect(w.platform.state.issues[0]!.description).toContain('## Errored');
  });

  it('uses an MR whose create was applied although the answer was lost, instead of opening a second', async () => {
    const w = world();
    w.platform.fail('createMergeRequest', { when: 'after', error: () => errors.unavailable() });
    const report = await w.pass();
    expect(report.errors).toEqual([]);
    expect(openMrs(w)).toHaveLength(2);
    expect(w.platform.writes.filter((x) => x.startsWith('createMergeRequest'))).toHaveLength(2);
    expect(report.created).toHaveLength(2);
  });

  it('repeats a create that failed before it was applied, once it re-read that nothing happened', async () => {
    const w = world();
    w.platform.fail('createIssue', { when: 'before', error: () => errors.unavailable() });
    const report = await w.pass();
    expect(report.errors).toEqual([]);
    expect(w.platform.state.issues).toHaveLength(1);
    expect(w.platform.writes.filter((x) => x.startsWith('createIssue'))).toHaveLength(2);
  });

  it('finds a commit that was written although the answer was lost, and does not write it again', async () => {
    const w = world();
    w.platform.fail('commitFiles', { when: 'after', error: () => errors.unavailable() });
    await w.pass();
    expect(w.platform.writes.filter((x) => x.startsWith('commitFiles'))).toHaveLength(2);
    expect(openMrs(w)).toHaveLength(2);
  });

  it('waits out a 429 as GitLab asks, then writes once', async () => {
    const w = world();
    w.platform.fail('createIssue', { error: () => errors.rateLimited(2500) });
    const report = await w.pass();
    expect(report.errors).toEqual([]);
    expect(w.waits).toEqual([2500]);
    expect(w.platform.state.issues).toHaveLength(1);
  });

  it('reports a write whose outcome stays unknown and converges on the next pass', async () => {
    const w = world();
    w.platform.fail('createMergeRequest', { when: 'after', error: () => errors.unavailable() });
    // The pass reads the MRs once at its start; the re-read after the lost answer fails too.
    w.platform.fail('listMergeRequests', { skip: 1, error: () => errors.unavailable() });
    const report = await w.pass();
    expect(report.errors).toEqual([
      expect.stringMatching(/^create MR "Update dependency attrs .*re-reading failed.*may have been applied/),
    ]);
    expect(report.writes).toContainEqual({ kind: 'create', status: 'unknown' });
    await w.pass();
    expect(openMrs(w)).toHaveLength(2);
    expect(w.platform.state.mrs).toHaveLength(2);
    expect(w.platform.state.issues).toHaveLength(1);
    expect(w.platform.state.issues[0]!.description).not.toContain('## Errored');
  });

  it('gives up after the bounded number of tries and leaves the write to the next pass', async () => {
    const w = world();
    w.platform.fail('createIssue', { times: 3, error: () => errors.refused() });
    const report = await w.pass();
    expect(report.errors).toEqual(['create the dashboard: connect ECONNREFUSED']);
    expect(w.platform.state.issues).toHaveLength(0);
    await w.pass();
    expect(w.platform.state.issues).toHaveLength(1);
  });
});

describe('the gate on the in-memory platform', () => {
  async function withPassedPipelines(w: ReturnType<typeof world>) {
    await w.pass();
    for (const mr of openMrs(w)) w.platform.project.addPipeline(mr.sha, 'success');
  }

  it('merges with the checked head once the pipeline passed, and comments once on a failed head', async () => {
    const w = world();
    await w.pass();
    const [attrs, idna] = openMrs(w);
    w.platform.project.addPipeline(attrs!.sha, 'success');
    w.platform.project.addPipeline(idna!.sha, 'failed', [{ name: 'test', status: 'failed' }]);
    const report = await w.pass();
    expect(report.merged).toEqual([attrs!.iid]);
    expect(w.platform.project.notesOn('merge-request', idna!.iid)).toHaveLength(1);
    await w.pass();
    expect(w.platform.project.notesOn('merge-request', idna!.iid)).toHaveLength(1);
  });

  it('re-reads a merge that may have happened: merged is merged, with no second merge', async () => {
    const w = world();
    await withPassedPipelines(w);
    w.platform.fail('mergeMergeRequest', { when: 'after', error: () => errors.unavailable() });
    const report = await w.pass();
    expect(report.merged).toHaveLength(2);
    expect(report.errors).toEqual([]);
    expect(w.platform.writes.filter((x) => x.startsWith('mergeMergeRequest'))).toHaveLength(2);
  });

  it('a merge GitLab refuses is no error: the MR waits for the next pass', async () => {
    const w = world();
    await withPassedPipelines(w);
    w.platform.fail('mergeMergeRequest', { error: () => errors.conflict() });
    const report = await w.pass();
    expect(report.merged).toHaveLength(1);
    expect(report.errors).toEqual([]);
    expect(report.gate).toContainEqual(expect.stringMatching(/not merged: GitLab refused the merge/));
  });

  it("never merges while a person's Draft: marker is there, keeps it over passes, and merges once it is gone", async () => {
    const w = world();
    await withPassedPipelines(w);
    const [attrs] = openMrs(w);
    const title = attrs!.title;
    // As an older GitLab shows it: the marker in the title, without the draft flag.
    w.platform.project.editMergeRequest(attrs!.iid, { title: `Draft: ${title}`, draft: false });
    for (let i = 0; i < 3; i += 1) {
      const report = await w.pass();
      expect(report.merged).not.toContain(attrs!.iid);
      // The other MR's merge rebuilds this one on the new base: its new head passes too.
      const head = w.platform.state.mrs.find((m) => m.iid === attrs!.iid)!.sha;
      if (report.gate.some((line) => line.includes('just written')))
        w.platform.project.addPipeline(head, 'success');
      else expect(report.gate).toContain(`!${attrs!.iid} not merged: the MR is marked as a draft`);
    }
    expect(w.platform.state.mrs.find((m) => m.iid === attrs!.iid)!.title).toBe(`Draft: ${title}`);
    w.platform.project.editMergeRequest(attrs!.iid, { title });
    expect((await w.pass()).merged).toEqual([attrs!.iid]);
  });
});
