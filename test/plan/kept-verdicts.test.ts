/**
 * The resolver's verdicts and freezes kept between passes with the pages they read (`page-watch.ts`): used while
 * every one of those pages is at the same revision, made again (the same as without a memo) once one is not, and
 * never kept from a look-up without an answer. Every plan is compared with one made without a memo.
 */
import { describe, expect, it } from 'vitest';
import type { LookupResult } from '../../src/plan/collect-updates.js';
import { createVerdictMemo, type LiveMemo } from '../../src/plan/verdict-memo.js';
import type { Project } from '../../src/pypi/types.js';
import { project, release } from './builders.js';
import { brief, plan } from './plan-helpers.js';

// app 1.1 needs mid, which no line pins; mid 2.0 needs leaf<2 against leaf==2.0, so the resolver picks mid 1.0.
// tool needs aux, which no line pins either: the freeze pins it.
const text = 'app==1.0\nleaf==2.0\ntool==1.0\n';
const requires: Record<string, string[]> = {
  'app@1.0': [],
  'app@1.1': ['mid'],
  'mid@1.0': [],
  'mid@2.0': ['leaf<2'],
  'leaf@2.0': [],
  'tool@1.0': ['aux'],
  'aux@1.0': [],
  'aux@1.1': [],
};

function at(revision: string | undefined, page: Project): Project {
  return revision ? { ...page, revision } : page;
}

function projects(overrides: Record<string, LookupResult> = {}): Record<string, LookupResult> {
  return {
    app: at('app-r1', project('app', [release('1.0'), release('1.1')])),
    mid: at('mid-r1', project('mid', [release('1.0'), release('2.0')])),
    leaf: at('leaf-r1', project('leaf', [release('2.0')])),
    tool: at('tool-r1', project('tool', [release('1.0')])),
    aux: at('aux-r1', project('aux', [release('1.0'), release('1.1')])),
    ...overrides,
  };
}

/** Plans (with the freeze), counting the Requires-Dist look-ups made. */
function planWith(memo: LiveMemo | undefined, given = projects(), metadata = requires) {
  let reads = 0;
  const counted = new Proxy(metadata, {
    get(target, key) {
      reads += 1;
      return Reflect.get(target, key);
    },
  });
  const result = plan(text, given, { requires: counted, freeze: true, ...(memo ? { verdicts: memo } : {}) });
  const summary = [
    ...result.branches.map((b) => `${brief(b)} ${b.conflictSummary}`),
    ...result.errored.map((e) => `errored ${e.name}: ${e.reason}`),
    ...(result.freeze ?? []).map(
      (f) => `freeze ${f.pins.map((p) => `${p.name}==${p.version} (${p.requiredBy})`)} ${f.problems}`,
    ),
  ];
  return { reads, summary };
}

const keptFiles = (memo: LiveMemo) => Object.values(memo.saved().kept ?? {});

describe('verdicts and freezes kept with the pages they read', () => {
  it('plans the same from what it kept while every page is unchanged, with no solve again', () => {
    const fresh = planWith(undefined);
    const memo = createVerdictMemo(new Date('2026-11-28T12:00:00Z'));
    const first = planWith(memo);
    const second = planWith(memo);
    expect(first.summary).toEqual(fresh.summary);
    expect(second.summary).toEqual(fresh.summary);
    expect(fresh.summary.join('\n')).toMatch(/app 1\.0→1\.1 \[open-mr\]/);
    expect(fresh.summary.join('\n')).toContain('freeze aux==1.1 (tool 1.0 requires aux)');
    const [file] = keptFiles(memo);
    expect(file?.watch.names).toEqual(expect.arrayContaining(['aux', 'mid']));
    expect(Object.keys(file?.verdicts ?? {}).length).toBeGreaterThan(0);
    expect(file?.freeze?.pins.map((p) => p.name)).toEqual(['aux']);
    // The pin-to-pin check still reads its pins' metadata; the resolver reads nothing.
    expect(second.reads).toBeLessThan(first.reads);
  });

  it('decides again, as without a memo, once a page it read has another revision', () => {
    const memo = createVerdictMemo(new Date('2026-11-28T12:00:00Z'));
    planWith(memo);
    // mid 1.0 is yanked now: only mid 2.0 is left, and it needs leaf<2.
    const changed = projects({
      mid: at('mid-r2', project('mid', [release('1.0', { yanked: true }), release('2.0')])),
    });
    const again = planWith(memo, changed);
    expect(again.summary).toEqual(planWith(undefined, changed).summary);
    expect(again.summary.join('\n')).toMatch(/app 1\.0→1\.1 \[blocked: .*leaf<2/);
    expect(keptFiles(memo)[0]?.watch.digest).not.toBe('');
  });

  it('keeps nothing from a failed or missing look-up, or from a page with no revision', () => {
    const failed = createVerdictMemo(new Date('2026-11-28T12:00:00Z'));
    const down = projects({ mid: new Error('HTTP 500') });
    expect(planWith(failed, down).summary).toEqual(planWith(undefined, down).summary);
    expect(keptFiles(failed)).toEqual([]);

    const unrevised = createVerdictMemo(new Date('2026-11-28T12:00:00Z'));
    const plain = projects({ mid: project('mid', [release('1.0'), release('2.0')]) });
    expect(planWith(unrevised, plain).summary).toEqual(planWith(undefined, plain).summary);
    expect(keptFiles(unrevised)).toEqual([]);

    const unread = createVerdictMemo(new Date('2026-11-28T12:00:00Z'));
    const { 'mid@1.0': _, ...withoutMid } = requires;
    expect(planWith(unread, projects(), withoutMid).summary).toEqual(
      planWith(undefined, projects(), withoutMid).summary,
    );
    expect(keptFiles(unread)).toEqual([]);
  });

  it('does not use what it kept when a page it read is missing from this pass', () => {
    const memo = createVerdictMemo(new Date('2026-11-28T12:00:00Z'));
    planWith(memo);
    const { mid: _, ...withoutMid } = projects();
    expect(planWith(memo, withoutMid).summary).toEqual(planWith(undefined, withoutMid).summary);
  });
});
