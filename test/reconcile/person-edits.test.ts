import { describe, expect, it } from 'vitest';
import { BLOCK_BEGIN, BLOCK_END } from '../../src/mr/person-edits.js';
import type { Action } from '../../src/reconcile/actions.js';
import { mr, planned, run } from './fixtures.js';

const six = planned('six', '1.16.0', '1.17.0');
const olderSix = planned('six', '1.16.0', '1.16.1');
const changed = { ...six, conflictSummary: 'Blocked: x needs y<2.' };

function only(actions: Action[]) {
  expect(actions).toHaveLength(1);
  return actions[0] as Extract<Action, { kind: 'retitle' | 'rebuild' }>;
}

describe("reconcile keeps a person's edits of a bot MR (SPEC §11)", () => {
  it('leaves an MR alone whose only change is a draft marker a person added', () => {
    for (const marker of ['Draft: ', '[Draft] ', '(Draft) ', 'draft:']) {
      expect(
        run({ branches: [six], mrs: [mr(six, { title: `${marker}${six.title}`, draft: true })] }).actions,
      ).toEqual([]);
    }
  });

  it('keeps the draft marker when it rewrites the title and description', () => {
    const open = mr(olderSix, { title: `Draft: ${olderSix.title}`, draft: true });
    const rebuilt = only(run({ branches: [six], mrs: [open] }).actions);
    expect(rebuilt.kind).toBe('rebuild');
    expect(rebuilt.title).toBe('Draft: Update dependency six to v1.17.0');
  });

  it('keeps a title a person rewrote, also when the MR moves to a newer release', () => {
    const open = mr(olderSix, { title: 'six: please check the changelog first' });
    expect(only(run({ branches: [six], mrs: [open] }).actions).title).toBe(
      'six: please check the changelog first',
    );
    const current = mr(six, { title: 'six: please check the changelog first' });
    expect(run({ branches: [six], mrs: [current] }).actions).toEqual([]);
  });

  it('rewrites only its own block of the description, keeping what a person wrote around it', () => {
    const pristine = mr(six).description;
    const edited = `Waiting for the release notes.\n\n${pristine.trimEnd()}\n\nLGTM once CI passes.\n`;
    const open = mr(six, { description: edited });
    expect(run({ branches: [six], mrs: [open] }).actions).toEqual([]);
    const retitled = only(run({ branches: [changed], mrs: [open] }).actions);
    expect(retitled.kind).toBe('retitle');
    expect(retitled.description.startsWith('Waiting for the release notes.\n\n')).toBe(true);
    expect(retitled.description.endsWith(`${BLOCK_END}\n\nLGTM once CI passes.\n`)).toBe(true);
    expect(retitled.description).toContain('Blocked: x needs y<2.');
    // Repeating the same rewrite changes nothing more: the block is replaced in place, not added to.
    const again = mr(changed, { description: retitled.description });
    expect(run({ branches: [changed], mrs: [again] }).actions).toEqual([]);
  });

  it("puts its block after a person's text when a person deleted the block", () => {
    const open = mr(olderSix, { description: 'I replaced the whole description.' });
    const rebuilt = only(run({ branches: [six], mrs: [open] }).actions);
    expect(rebuilt.description.startsWith(`I replaced the whole description.\n\n${BLOCK_BEGIN}\n`)).toBe(
      true,
    );
  });

  it('replaces the whole description of an MR an older pingate wrote without the block', () => {
    const legacy = mr(six).description.replace(`${BLOCK_BEGIN}\n`, '').replace(`\n${BLOCK_END}`, '');
    const retitled = only(run({ branches: [changed], mrs: [mr(six, { description: legacy })] }).actions);
    expect(retitled.description.startsWith(BLOCK_BEGIN)).toBe(true);
    expect(retitled.description.match(/pingate-mr/g)).toHaveLength(1);
  });
});
