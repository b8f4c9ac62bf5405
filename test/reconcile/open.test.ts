import { describe, expect, it } from 'vitest';
import { renderDescription } from '../../src/mr/description.js';
import { metadataComment } from '../../src/mr/metadata.js';
import { servedDigest } from '../../src/reconcile/rebase-when.js';
import { actionLines, HEAD, mr, pairs, planned, run, TEXT } from './fixtures.js';

const six = planned('six', '1.16.0', '1.17.0');
const waitingSix = planned('six', '1.16.0', '1.17.0', { kind: 'awaiting-schedule' });
const olderSix = planned('six', '1.16.0', '1.16.1');

describe('reconcile: open bot MRs', () => {
  it('leaves an MR alone when its updates, title and description are current', () => {
    const open = mr(six);
    expect(run({ branches: [six], mrs: [open], gitBranches: [six.branch] }).actions).toEqual([]);
  });

  it('rewrites only the title and description when their text changed, keeping the recorded base', () => {
    // The title pingate wrote then (its record says so), not a person's.
    const description = mr(six)
      .description.replace(HEAD, 'oldbase')
      .replace(`"title":"${six.title}"`, '"title":"old title"');
    const open = mr(six, { description, title: 'old title' });
    const changed = { ...six, conflictSummary: 'Blocked: x needs y<2.' };
    const result = run({ branches: [changed], mrs: [open], repo: { rebaseWhen: 'conflicted' } });
    expect(result.actions).toEqual([
      {
        kind: 'retitle',
        mr: open,
        title: 'Update dependency six to v1.17.0',
        description: renderDescription(changed, {
          base: 'oldbase',
          served: servedDigest(pairs()),
          requiredJobs: [],
          automergeSchedule: ['at any time'],
        }),
      },
    ]);
  });

  it('moves an MR to a newer release when due or ticked, not outside the schedule', () => {
    const open = mr(olderSix);
    expect(actionLines(run({ branches: [six], mrs: [open] }))).toEqual([
      `rebuild !${open.iid} (newer release)`,
    ]);
    expect(run({ branches: [waitingSix], mrs: [open] }).actions).toEqual([]);
    const ticked = run({ branches: [waitingSix], mrs: [open], intents: { create: new Set([six.branch]) } });
    expect(actionLines(ticked)).toEqual([`rebuild !${open.iid} (newer release)`]);
  });

  it('writes the newer release with the head as base', () => {
    const open = mr(olderSix);
    const [action] = run({ branches: [six], mrs: [open] }).actions;
    expect(action).toEqual({
      kind: 'rebuild',
      mr: open,
      branch: six,
      files: [
        { action: 'update', filePath: 'constraints.txt', content: TEXT.replace('1.16.0', '1.17.0') },
        {
          action: 'update',
          filePath: 'pipeline/constraints.yml',
          content: expect.stringContaining('six==1.17.0'),
        },
      ],
      title: 'Update dependency six to v1.17.0',
      description: renderDescription(six, {
        base: HEAD,
        served: servedDigest(pairs()),
        requiredJobs: [],
        automergeSchedule: ['at any time'],
      }),
      why: 'newer release',
    });
  });

  it('rebuilds on a rebase tick and when the default branch changed a served file, at any time', () => {
    const open = mr(waitingSix);
    const rebase = run({ branches: [waitingSix], mrs: [open], intents: { rebase: new Set([six.branch]) } });
    expect(actionLines(rebase)).toEqual([`rebuild !${open.iid} (rebase requested)`]);
    expect(rebase.handled).toEqual(new Set(['rebase-branch=pingate/six-1.x']));
    // SPEC §6.3: a new head that changed nothing pingate serves leaves the MR (and its pipeline) as it is.
    expect(run({ branches: [waitingSix], mrs: [open], head: 'head0001' }).actions).toEqual([]);
    const text = TEXT.replace('idna==3.6', 'idna==3.7');
    const moved = run({ branches: [waitingSix], mrs: [open], head: 'head0001', text });
    expect(actionLines(moved)).toEqual([`rebuild !${open.iid} (default branch changed a served file)`]);
  });

  it('does not count an open MR against the limits twice, nor create it again', () => {
    const open = mr(six);
    const attrs = planned('attrs', '23.1.0', '23.2.0');
    const result = run({ branches: [six, attrs], mrs: [open], repo: { prConcurrentLimit: 2 } });
    expect(actionLines(result)).toEqual(['create pingate/attrs-23.x']);
  });
});

describe('reconcile: obsolete MRs and orphan branches', () => {
  it('closes an MR whose version the default branch already pins, or a newer one, and deletes its branch', () => {
    for (const pinned of ['1.17.0', '1.18.0']) {
      const open = mr(six);
      const result = run({ branches: [], mrs: [open], gitBranches: [six.branch], text: `six==${pinned}\n` });
      expect(result.actions).toEqual([
        {
          kind: 'close',
          mr: open,
          comment: `pingate closed this MR: it is no longer needed, the default branch already pins six==${pinned}.`,
        },
        { kind: 'delete-branch', name: 'pingate/six-1.x' },
      ]);
    }
  });

  it('leaves an MR alone that merely left the plan, lost its pin, or is not an update', () => {
    const cases = [
      { mr: mr(six), text: TEXT },
      { mr: mr(six), text: 'attrs==23.1.0\n' },
      { mr: mr(six, { description: 'edited away' }), text: 'six==1.17.0\n' },
      {
        mr: mr(six, { description: metadataComment({ updates: [], base: 'b', rollbackTo: 'c0ffee' }) }),
        text: 'six==1.17.0\n',
      },
    ];
    for (const { mr: open, text } of cases) {
      expect(run({ branches: [], mrs: [open], gitBranches: [six.branch], text }).actions).toEqual([]);
    }
  });

  it('rebuilds, not closes, an MR whose branch the plan still has for a newer release', () => {
    const open = mr(six);
    const newer = planned('six', '1.17.0', '1.18.0');
    const result = run({ branches: [newer], mrs: [open], gitBranches: [six.branch], text: 'six==1.17.0\n' });
    expect(actionLines(result)).toEqual([`rebuild !${open.iid} (newer release)`]);
  });

  it('closes only when every line of the package is at that version or newer', () => {
    const text = 'six==1.17.0 ; python_version >= "3.9"\nsix==1.16.0 ; python_version < "3.9"\n';
    expect(run({ branches: [], mrs: [mr(six)], text }).actions).toEqual([]);
  });

  it('deletes prefixed branches that no open MR uses and this pass does not write', () => {
    const open = mr(six);
    const attrs = planned('attrs', '23.1.0', '23.2.0');
    const closedMr = mr(planned('idna', '3.6', '3.7'), { state: 'closed', closedBy: { id: 7 } });
    const result = run({
      branches: [six, attrs],
      mrs: [open, closedMr],
      gitBranches: [six.branch, attrs.branch, 'pingate/idna-3.x', 'pingate/leftover'],
    });
    expect(actionLines(result)).toEqual([
      'create pingate/attrs-23.x',
      'delete pingate/idna-3.x',
      'delete pingate/leftover',
    ]);
  });
});
