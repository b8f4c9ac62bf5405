import { describe, expect, it } from 'vitest';
import { targetPython } from '../../src/resolver/pythons.js';
import { solveEnvironment } from '../../src/resolver/search.js';
import { memoFor, newMemo, type SolveMemo } from '../../src/resolver/state.js';
import type { ResolverRelease, ResolverSource } from '../../src/resolver/types.js';
import { parseRequirement } from '../../src/versioning/requirement.js';

const target = targetPython('3.12');

/** `app 1.0` (pinned) needs `lib`, which no line pins; `lib`'s releases are the list given, each needing nothing. */
function sourceWith(libReleases: readonly ResolverRelease[]): ResolverSource {
  return {
    releases: (name) =>
      name === 'lib' ? libReleases : name === 'app' ? [{ version: '1.0', yanked: false }] : [],
    requirements: (name) => (name === 'app' ? [parseRequirement('lib')] : []),
  };
}

function chosenLib(source: ResolverSource, memo: SolveMemo): string | undefined {
  const verdict = solveEnvironment(
    { source, target, memo },
    {
      pins: new Map([['app', { version: '1.0', label: 'app', extras: [], moved: false }]]),
      constraints: new Map(),
      checkPinnedPython: false,
      bound: 1000,
    },
  );
  return verdict.kind === 'installable' ? verdict.chosen.get('lib') : undefined;
}

describe("the resolver's memo, shared by every judge of a target Python", () => {
  it('is one memo per Python, and a new one once it holds more answers than its bound', () => {
    const memo = memoFor(target);
    expect(memoFor(targetPython('3.12'))).toBe(memo);
    expect(memoFor(targetPython('3.11'))).not.toBe(memo);
    memo.size = 2_000_000;
    const next = memoFor(target);
    expect(next).not.toBe(memo);
    expect(next.size).toBe(0);
    expect(memoFor(target)).toBe(next);
  });

  it("sorts a page's releases once, and a changed page (a new list) afresh", () => {
    const memo = newMemo();
    const page: ResolverRelease[] = [
      { version: '1.0', yanked: false },
      { version: '1.1', yanked: false },
    ];
    expect(chosenLib(sourceWith(page), memo)).toBe('1.1');
    expect(memo.ordered.get(page)?.all).toEqual(['1.1', '1.0']);
    // Another project's file reading the same page is answered from the memo.
    expect(chosenLib(sourceWith(page), memo)).toBe('1.1');
    // The page changed: a new release and the newest yanked. The memo's answer for the old list plays no part.
    const changed: ResolverRelease[] = [
      ...page.slice(0, 1),
      { version: '1.1', yanked: true },
      { version: '1.2', yanked: false },
    ];
    expect(chosenLib(sourceWith(changed), memo)).toBe('1.2');
    expect(memo.ordered.get(changed)?.all).toEqual(['1.2', '1.0']);
  });
});
