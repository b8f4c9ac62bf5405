import { describe, expect, it } from 'vitest';
import {
  conflictsWithHead,
  type RebaseFacts,
  rebaseReason,
  rebaseRule,
} from '../../src/reconcile/rebase-when.js';
import { actionLines, mr, pairs, planned, run, TEXT } from './fixtures.js';

const quiet: RebaseFacts = {
  ticked: false,
  behind: false,
  servedMoved: false,
  conflicted: false,
  automerge: false,
  mustBeUpToDate: false,
};
const behind = { ...quiet, behind: true };
const conflicted = { ...behind, conflicted: true };

describe('rebaseReason: each rebaseWhen as Renovate documents it', () => {
  it('never: only a ticked box', () => {
    expect(rebaseReason('never', { ...conflicted, automerge: true })).toBeUndefined();
    expect(rebaseReason('never', { ...quiet, ticked: true })).toBe('rebase requested');
  });

  it('conflicted: only when the change no longer applies on the new head', () => {
    expect(rebaseReason('conflicted', { ...behind, automerge: true })).toBeUndefined();
    expect(rebaseReason('conflicted', conflicted)).toBe('conflicts with the default branch');
  });

  it('behind-base-branch: whenever the default branch moved on', () => {
    expect(rebaseReason('behind-base-branch', quiet)).toBeUndefined();
    expect(rebaseReason('behind-base-branch', behind)).toBe('default branch moved on');
    expect(rebaseReason('behind-base-branch', conflicted)).toBe('conflicts with the default branch');
  });

  it('automerging: behind-base-branch when automerged, never otherwise', () => {
    expect(rebaseReason('automerging', { ...behind, automerge: true })).toBe('default branch moved on');
    expect(rebaseReason('automerging', behind)).toBeUndefined();
    expect(rebaseReason('automerging', conflicted)).toBeUndefined();
  });

  it('auto (SPEC §6.3): when the default branch changed a served file or the MR conflicts; behind-base-branch where GitLab merges only up-to-date branches', () => {
    expect(rebaseReason('auto', { ...behind, automerge: true })).toBeUndefined();
    expect(rebaseReason('auto', behind)).toBeUndefined();
    expect(rebaseReason('auto', { ...behind, servedMoved: true, automerge: true })).toBe(
      'default branch changed a served file',
    );
    expect(rebaseReason('auto', { ...behind, mustBeUpToDate: true })).toBe('default branch moved on');
    expect(rebaseReason('auto', conflicted)).toBe('conflicts with the default branch');
    expect(rebaseRule('auto', { automerge: true, mustBeUpToDate: false })).toBe('served-files');
  });

  it('a ticked box always rebuilds; a branch already on the head never does otherwise', () => {
    for (const when of ['auto', 'never', 'conflicted', 'behind-base-branch', 'automerging'] as const) {
      expect(rebaseReason(when, { ...quiet, ticked: true })).toBe('rebase requested');
      // GitLab's word can lag a rebuild: a branch on the head is not rebuilt again for it.
      expect(rebaseReason(when, { ...quiet, conflicted: true, automerge: true })).toBeUndefined();
    }
  });
});

describe('conflictsWithHead', () => {
  const six = planned('six', '1.16.0', '1.17.0');
  const meta = {
    updates: [{ file: 'constraints.txt', name: 'six', from: '1.16.0', to: '1.17.0' }],
    base: 'b',
  };

  it('is GitLab reporting a conflict, or the head no longer pinning what the MR moves at its from-version', () => {
    const open = mr(six);
    expect(conflictsWithHead(open, meta, pairs())).toBe(false);
    expect(conflictsWithHead({ ...open, needsRebase: 'conflicts' }, meta, pairs())).toBe(true);
    expect(conflictsWithHead({ ...open, needsRebase: 'behind' }, meta, pairs())).toBe(false);
    expect(conflictsWithHead(open, meta, pairs(TEXT.replace('six==1.16.0', 'six==1.16.1')))).toBe(true);
    expect(conflictsWithHead(open, meta, pairs(TEXT.replace('six==1.16.0\n', '')))).toBe(true);
    // Another line changed: git merges it cleanly unless GitLab says otherwise.
    expect(conflictsWithHead(open, meta, pairs(TEXT.replace('idna==3.6', 'idna==3.7')))).toBe(false);
    // The package's name as written is not the point: PEP 503 form.
    expect(
      conflictsWithHead(open, { ...meta, updates: [{ ...meta.updates[0]!, name: 'Six' }] }, pairs()),
    ).toBe(false);
  });
});

describe('reconcile: rebaseWhen on an open MR whose default branch moved on', () => {
  const six = planned('six', '1.16.0', '1.17.0');
  const moved = { head: 'head0001' };

  it('conflicted leaves an MR whose line the default branch kept, and rebuilds one whose line it changed', () => {
    const repo = { rebaseWhen: 'conflicted' as const };
    const open = mr(six);
    const otherLine = TEXT.replace('idna==3.6', 'idna==3.7');
    expect(run({ ...moved, branches: [six], mrs: [open], repo, text: otherLine }).actions).toEqual([]);
    // Someone moved six on the default branch: pingate now plans 1.16.1 → 1.17.0, the same target.
    const sixMoved = planned('six', '1.16.1', '1.17.0');
    const text = TEXT.replace('six==1.16.0', 'six==1.16.1');
    const result = run({ ...moved, branches: [sixMoved], mrs: [open], repo, text });
    expect(actionLines(result)).toEqual([`rebuild !${open.iid} (conflicts with the default branch)`]);
    const reported = run({ ...moved, branches: [six], mrs: [{ ...open, needsRebase: 'conflicts' }], repo });
    expect(actionLines(reported)).toEqual([`rebuild !${open.iid} (conflicts with the default branch)`]);
  });

  it('behind-base-branch rebuilds whenever the head moved; nothing when it did not', () => {
    const repo = { rebaseWhen: 'behind-base-branch' as const };
    const manual = { ...six, automerge: false };
    const open = mr(manual);
    expect(run({ branches: [manual], mrs: [open], repo }).actions).toEqual([]);
    const result = run({ ...moved, branches: [manual], mrs: [open], repo });
    expect(actionLines(result)).toEqual([`rebuild !${open.iid} (default branch moved on)`]);
  });

  it('auto rebuilds an MR, automerged or not, when the default branch changed a served file (SPEC §6.3)', () => {
    const manual = { ...six, automerge: false };
    const otherLine = TEXT.replace('idna==3.6', 'idna==3.7');
    for (const branch of [manual, six]) {
      const open = mr(branch);
      expect(run({ ...moved, branches: [branch], mrs: [open] }).actions).toEqual([]);
      expect(actionLines(run({ ...moved, branches: [branch], mrs: [open], text: otherLine }))).toEqual([
        `rebuild !${open.iid} (default branch changed a served file)`,
      ]);
    }
    // Where GitLab merges only up-to-date branches, any new head.
    const behind = mr(six, { needsRebase: 'behind' });
    expect(actionLines(run({ ...moved, branches: [six], mrs: [behind] }))).toEqual([
      `rebuild !${behind.iid} (default branch moved on)`,
    ]);
  });

  it('an MR whose record of its base was edited away is not taken to be behind', () => {
    const open = mr(six);
    const description = open.description.replace(/<!-- pingate-mr .*? -->/s, '');
    expect(description).not.toContain('pingate-mr');
    const result = run({
      ...moved,
      branches: [{ ...six, disposition: { kind: 'awaiting-schedule' } }],
      mrs: [{ ...open, description }],
    });
    expect(result.actions).toEqual([]);
  });
});
