/** Targets remembered by page revision: the same plan as choosing afresh, and chosen afresh whenever a fact moved. */
import { describe, expect, it } from 'vitest';
import { choiceKey } from '../../src/plan/choice-memo.js';
import { createVerdictMemo } from '../../src/plan/verdict-memo.js';
import { rulesFor } from '../../src/policy/package-rules.js';
import type { Project } from '../../src/pypi/types.js';
import { config, project, release } from './builders.js';
import { brief, plan, SATURDAY } from './plan-helpers.js';

const text = 'alpha==1.0\n';

function page(revision: string, versions = ['1.0', '1.0.5', '1.1']): Project {
  return { ...project('alpha', versions), revision };
}

const targets = (given: Project, memo?: ReturnType<typeof createVerdictMemo>, repo = {}) =>
  plan(text, { alpha: given }, { repo, ...(memo ? { verdicts: memo } : {}) }).branches.map(brief);

describe('remembered targets', () => {
  it('plans the same from what was remembered as from choosing again, and remembers by page revision', () => {
    const memo = createVerdictMemo(SATURDAY);
    expect(targets(page('r1'), memo)).toEqual(targets(page('r1')));
    expect(targets(page('r1'), memo)).toEqual(['pingate/alpha-1.x: alpha 1.0→1.1 [open-mr]']);
    expect(Object.keys(memo.saved().choices ?? {})).toHaveLength(1);
    // A new revision of the page (a new release) is chosen from afresh.
    expect(targets(page('r2', ['1.0', '1.0.5', '1.1', '1.2']), memo)).toEqual([
      'pingate/alpha-1.x: alpha 1.0→1.2 [open-mr]',
    ]);
  });

  it('reads what it remembered rather than choosing again', () => {
    const memo = createVerdictMemo(SATURDAY);
    const given = page('r1');
    const repo = config();
    const key = choiceKey({
      config: repo,
      project: given,
      normalizedName: 'alpha',
      current: '1.0',
      pythons: { every: [], some: [] },
      file: 'constraints.txt',
      rulesFor: (type) => rulesFor(repo, 'alpha', type, { file: 'constraints.txt', currentVersion: '1.0' }),
    });
    expect(key).toBeDefined();
    memo.setChoices(key!, [{ version: '1.0.5', updateType: 'patch' }]);
    expect(targets(given, memo)).toEqual(['pingate/alpha-1.x: alpha 1.0→1.0.5 [open-mr]']);
    // A remembered release the page no longer lists is chosen again.
    memo.setChoices(key!, [{ version: '9.9', updateType: 'major' }]);
    expect(targets(given, memo)).toEqual(['pingate/alpha-1.x: alpha 1.0→1.1 [open-mr]']);
  });

  it('chooses again when the rules change, and remembers nothing that waits on the clock', () => {
    const memo = createVerdictMemo(SATURDAY);
    targets(page('r1'), memo);
    const held = { packageRules: [{ matchPackageNames: ['alpha'], allowedVersions: '<1.1' }] };
    expect(targets(page('r1'), memo, held)).toEqual(['pingate/alpha-1.x: alpha 1.0→1.0.5 [open-mr]']);
    const aging = createVerdictMemo(SATURDAY);
    const young = { ...project('alpha', ['1.0', release('1.1', { uploadTime: '2026-03-13T12:00:00Z' })]) };
    expect(targets({ ...young, revision: 'r3' }, aging, { minimumReleaseAge: '3 days' })).toEqual([
      expect.stringMatching(/alpha 1\.0→1\.1 \[pending-age until 2026-03-16/),
    ]);
    expect(aging.saved().choices).toEqual({});
  });

  it('remembers nothing of a page without a revision', () => {
    const memo = createVerdictMemo(SATURDAY);
    targets(project('alpha', ['1.0', '1.1']), memo);
    expect(memo.saved().choices).toEqual({});
  });
});
