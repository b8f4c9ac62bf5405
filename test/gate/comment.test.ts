import { describe, expect, it } from 'vitest';
import { gateCommentMarker, hasGateComment, renderGateComment } from '../../src/gate/comment.js';
import { evaluateGate } from '../../src/gate/evaluate.js';
import { gateInput, gitlabStatus, HEAD, job, mergeRequest, OLD, PROJECT, pipeline } from './builders.js';

describe('renderGateComment', () => {
  it('names the failed installation tests with links, the head commit and the pipeline', () => {
    const decision = evaluateGate(
      gateInput({
        jobs: [
          job(1002, 'test-install-3.9', 'skipped'),
          job(1003, 'test-install-3.12', 'failed', { allowFailure: true }),
        ],
      }),
    );
    expect(renderGateComment(decision, mergeRequest())).toBe(
      [
        `<!-- pingate-gate-failed sha=${HEAD} -->`,
        '**pingate did not merge this MR:** the installation tests did not pass on its head commit.',
        '',
        `Checked head commit: [\`3f2a9c1d\`](${PROJECT}/-/commit/${HEAD}) · pipeline [#100](${PROJECT}/-/pipelines/100) (success)`,
        '',
        'Installation tests that did not pass:',
        '',
        '| job | status |',
        '| --- | --- |',
        `| [test-install-3.12](${PROJECT}/-/jobs/1003) | failed, allowed to fail |`,
        `| [test-install-3.9](${PROJECT}/-/jobs/1002) | skipped |`,
        '',
        'The MR stays open. If a retry of the failed jobs, or a new pipeline on this commit, passes, pingate merges it ' +
          'on its next pass. A new commit on the branch (a newer release, or a rebase: tick the box in the description) ' +
          'starts the gate over.',
        '',
      ].join('\n'),
    );
  });

  it('lists other failed jobs and unmatched requiredJobs entries separately', () => {
    const decision = evaluateGate(
      gateInput({
        pipelines: [pipeline(100, 'failed')],
        requiredJobs: ['/^test-install-/', 'test-docs'],
        jobs: [job(1000, 'prepare', 'failed'), job(1002, 'test-install-3.9', 'skipped')],
      }),
    );
    const body = renderGateComment(decision, mergeRequest());
    expect(body).toContain(
      `Installation tests that did not pass:\n\n| job | status |\n| --- | --- |\n| [test-install-3.9]`,
    );
    expect(body).toContain(
      `Other jobs that failed the pipeline:\n\n| job | status |\n| --- | --- |\n| [prepare](${PROJECT}/-/jobs/1000) | failed |`,
    );
    expect(body).toContain(
      '`pingate.requiredJobs` entries that matched no job of the pipeline: `test-docs`.',
    );
    expect(body).toContain('(failed)');
  });

  it('says the installation tests did not run when a required entry matched nothing', () => {
    const decision = evaluateGate(gateInput({ requiredJobs: ['test-install-3.13'] }));
    const body = renderGateComment(decision, mergeRequest());
    expect(body).toContain(
      '**pingate did not merge this MR:** the installation tests did not run in its pipeline.',
    );
    expect(body).toContain('matched no job of the pipeline: `test-install-3.13`');
    expect(body).toContain('If a new pipeline on this commit passes with the installation tests');
    expect(body).not.toContain('| job | status |');
  });

  it('keeps job names and regex entries from breaking the markdown', () => {
    const decision = evaluateGate(
      gateInput({
        requiredJobs: ['test|x [py]', '/^a`b$/'],
        jobs: [job(7, 'test|x [py]', 'failed')],
      }),
    );
    const body = renderGateComment(decision, mergeRequest());
    expect(body).toContain(`| [test\\|x \\[py\\]](${PROJECT}/-/jobs/7) | failed |`);
    expect(body).toContain('`` /^a`b$/ ``');
  });

  it('explains a branch GitLab cannot merge', () => {
    const decision = evaluateGate(
      gateInput({ mr: mergeRequest({ mergeability: gitlabStatus('conflict') }) }),
    );
    const body = renderGateComment(decision, mergeRequest());
    expect(body).toContain(
      '**pingate did not merge this MR:** GitLab cannot merge it: has conflicts (`conflict`).',
    );
    expect(body).not.toContain('retry');
  });

  it('shows the full SHA without a link when the MR URL is not a GitLab MR URL', () => {
    const decision = evaluateGate(gateInput({ jobs: [job(1, 'test-install-3.9', 'failed')] }));
    const body = renderGateComment(decision, { webUrl: 'https://example.com/weird' });
    expect(body).toContain(`Checked head commit: \`${HEAD}\``);
  });

  it('refuses a decision that did not fail: the marker would lie', () => {
    expect(() => renderGateComment(evaluateGate(gateInput()), mergeRequest())).toThrow(/failed gates/);
  });
});

describe('hasGateComment', () => {
  const decision = evaluateGate(gateInput({ jobs: [job(1, 'test-install-3.9', 'failed')] }));
  const body = renderGateComment(decision, mergeRequest());

  it('finds the comment for the same head', () => {
    expect(hasGateComment([{ body: 'LGTM' }, { body }], HEAD)).toBe(true);
    expect(hasGateComment([{ body }], HEAD.toUpperCase())).toBe(true);
  });

  it('a new head has no comment yet', () => {
    expect(hasGateComment([{ body }], OLD)).toBe(false);
    expect(hasGateComment([], HEAD)).toBe(false);
  });

  it('a SHA prefix or a longer SHA is not the same head', () => {
    expect(hasGateComment([{ body: gateCommentMarker(`${HEAD}ff`) }], HEAD)).toBe(false);
    expect(hasGateComment([{ body: gateCommentMarker(HEAD.slice(0, 8)) }], HEAD)).toBe(false);
  });

  it('finds the marker among several in one note', () => {
    const note = `${gateCommentMarker(OLD)}\nold\n${gateCommentMarker(HEAD)}`;
    expect(hasGateComment([{ body: note }], HEAD)).toBe(true);
  });
});
