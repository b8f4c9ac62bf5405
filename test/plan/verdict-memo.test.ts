/** The verdict memo never changes a plan: only what it spares is measured here, and every answer is compared. */
import { describe, expect, it } from 'vitest';
import type { LookupResult } from '../../src/plan/collect-updates.js';
import { createVerdictMemo, KEEP_DAYS, type LiveMemo, VERDICT_FORMAT } from '../../src/plan/verdict-memo.js';
import { project, release } from './builders.js';
import { brief, plan, SATURDAY } from './plan-helpers.js';

const text = 'alpha==1.0\nbeta==1.0\ngamma==1.0\n';
const requires: Record<string, string[]> = {
  'alpha@1.0': [],
  'alpha@1.1': ['beta>=1.0'],
  'beta@1.0': [],
  'beta@2.0': [],
  'gamma@1.0': ['beta<2'],
  'gamma@1.1': [],
};

function projects(overrides: Record<string, LookupResult> = {}): Record<string, LookupResult> {
  return {
    alpha: project('alpha', [release('1.0'), release('1.1')]),
    beta: project('beta', [release('1.0'), release('2.0')]),
    gamma: project('gamma', [release('1.0'), release('1.1')]),
    ...overrides,
  };
}

/** Plans with a memo, counting the Requires-Dist look-ups the conflict check made. */
function planWith(memo: LiveMemo | undefined, given = projects(), pythonVersions: string[] = []) {
  let reads = 0;
  const counted = new Proxy(requires, {
    get(target, key) {
      reads += 1;
      return Reflect.get(target, key);
    },
  });
  const result = plan(text, given, {
    requires: counted,
    repo: { pingate: { pythonVersions } },
    ...(memo ? { verdicts: memo } : {}),
  });
  return { result, reads, summary: result.branches.map((b) => `${brief(b)} ${b.conflictSummary}`) };
}

describe('the conflict-check verdict memo', () => {
  it('remembers the verdicts the pins alone decided, and plans the same without reading their metadata again', () => {
    const fresh = planWith(undefined);
    const memo = createVerdictMemo(SATURDAY);
    const first = planWith(memo);
    const second = planWith(memo);
    expect(first.summary).toEqual(fresh.summary);
    expect(second.summary).toEqual(fresh.summary);
    expect(second.result.notPinned).toEqual(fresh.result.notPinned);
    // gamma's beta<2 holds beta 2.0 back until gamma 1.1 comes along: that verdict is made in every pass; alpha's
    // and gamma's own are remembered.
    expect(fresh.summary.join('\n')).toMatch(/beta 1\.0→2\.0, gamma 1\.0→1\.1/);
    expect(Object.keys(memo.saved().clean)).toHaveLength(2);
    expect(second.reads).toBeLessThan(first.reads);
  });

  it('decides again when what the index says of a moved release changed', () => {
    // alpha 1.1 needs delta>=2 below Python 3.10; delta has no such release. Where alpha 1.1 says it needs 3.10 or
    // newer, that requirement never applies; once it says nothing, it applies on 3.8 and 3.9.
    const universe = (requiresPython?: string) => ({
      alpha: project('alpha', [release('1.0'), release('1.1', requiresPython ? { requiresPython } : {})]),
      delta: project('delta', [release('1.0')]),
    });
    const metadata = {
      'alpha@1.0': [],
      'alpha@1.1': ['delta>=2 ; python_version < "3.10"'],
      'delta@1.0': [],
    };
    const memo = createVerdictMemo(SATURDAY);
    const run = (given: Record<string, LookupResult>, verdicts?: LiveMemo) =>
      plan('alpha==1.0\ndelta==1.0\n', given, {
        requires: metadata,
        ...(verdicts ? { verdicts } : {}),
      }).branches.map(brief);
    expect(run(universe('>=3.10'), memo)).toEqual(['pingate/alpha-1.x: alpha 1.0→1.1 [open-mr]']);
    expect(Object.keys(memo.saved().clean)).toHaveLength(1);
    const again = run(universe(), memo);
    expect(again).toEqual(run(universe()));
    expect(again.join()).toMatch(/alpha 1\.0→1\.1 \[blocked: .*delta>=2/);
  });

  it('decides again when what the index says of a pinned release changed', () => {
    const memo = createVerdictMemo(SATURDAY);
    planWith(memo, projects(), ['3.8']);
    const changed = projects({
      beta: project('beta', [release('1.0', { requiresPython: '>=3.9' }), release('2.0')]),
    });
    const again = planWith(memo, changed, ['3.8']);
    const fresh = planWith(undefined, changed, ['3.8']);
    expect(again.summary).toEqual(fresh.summary);
    // Nothing remembered applied: every verdict was made again, reading what a plan without a memo reads.
    expect(again.reads).toBe(fresh.reads);
  });

  it('keys verdicts by the file and its Pythons: another file or target decides afresh', () => {
    const memo = createVerdictMemo(SATURDAY);
    planWith(memo, projects(), ['3.12']);
    const other = planWith(memo, projects(), ['3.11']);
    expect(other.summary).toEqual(planWith(undefined, projects(), ['3.11']).summary);
    expect(Object.keys(memo.saved().clean)).toHaveLength(4);
  });

  it('keeps what was used within the last days, and ignores a memo of another format', () => {
    const day = Math.floor(SATURDAY.getTime() / 86_400_000);
    const memo = createVerdictMemo(SATURDAY, {
      format: VERDICT_FORMAT,
      clean: { old: day - KEEP_DAYS, recent: day - 1 },
      files: {},
    });
    expect(memo.changed()).toBe(false);
    expect(memo.isClean('recent')).toBe(true);
    expect(memo.changed()).toBe(true);
    expect(memo.saved().clean).toEqual({ recent: day });
    const other = createVerdictMemo(SATURDAY, {
      format: VERDICT_FORMAT + 1,
      clean: { recent: day },
      files: {},
    });
    expect(other.isClean('recent')).toBe(false);
  });
});
