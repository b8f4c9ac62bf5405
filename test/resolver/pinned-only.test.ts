import { describe, expect, it } from 'vitest';
import { createJudge } from '../../src/resolver/judge.js';
import type { ResolverMove } from '../../src/resolver/types.js';
import { normalizeName } from '../../src/versioning/normalize.js';
import { parseRequirement } from '../../src/versioning/requirement.js';
import { sourceOf, type Universe } from './universe.js';

/** A complete freeze (nothing unpinned, no extras), whose requirements carry Python markers. */
function judge(universe: Universe, lines: string[], move: ResolverMove, pythonVersions = ['3.9', '3.12']) {
  const pins = lines.map((line) => {
    const requirement = parseRequirement(line);
    return {
      name: requirement.name,
      normalizedName: normalizeName(requirement.name),
      version: requirement.clauses[0]!.version,
      extras: [],
    };
  });
  return createJudge({ pins, constraints: [], pythonVersions, source: sourceOf(universe) }).judge([move]);
}

describe('a file of pins only, checked against the pins on each Python', () => {
  const universe: Universe = {
    alpha: { '1.0': {}, '2.0': {} },
    beta: {
      '1.0': { requires: ['alpha>=1; python_version < "3.13"'] },
      '2.0': { requires: ['alpha>=2; python_version < "3.10"'] },
      '3.0': { requires: ['alpha>=2; python_version < "3.0"'] },
    },
    gamma: { '1.0': { requires: ['alpha<2; python_version >= "3.12"'] } },
  };

  it('blocks a new release whose requirement, active on one Python only, the pins do not meet', () => {
    const verdict = judge(universe, ['alpha==1.0', 'beta==1.0'], {
      normalizedName: 'beta',
      from: '1.0',
      to: '2.0',
    });
    expect(verdict.kind).toBe('conflict');
    expect(verdict.kind === 'conflict' && verdict.reasons.join()).toMatch(/alpha>=2.*3\.9/);
  });

  it('passes a release whose unmet requirement is active on no target Python', () => {
    const verdict = judge(universe, ['alpha==1.0', 'beta==1.0'], {
      normalizedName: 'beta',
      from: '1.0',
      to: '3.0',
    });
    expect(verdict).toEqual({ kind: 'installable', pythonVersions: ['3.9', '3.12'], pinsOnly: true });
  });

  it("blocks a move that another pin's requirement, active on one Python, forbids", () => {
    const verdict = judge(universe, ['alpha==1.0', 'gamma==1.0'], {
      normalizedName: 'alpha',
      from: '1.0',
      to: '2.0',
    });
    expect(verdict.kind).toBe('conflict');
    expect(verdict.kind === 'conflict' && verdict.reasons.join()).toMatch(/alpha<2.*3\.12/);
  });

  it('passes that move where the only Python the requirement is active on is not a target', () => {
    const verdict = judge(
      universe,
      ['alpha==1.0', 'gamma==1.0'],
      { normalizedName: 'alpha', from: '1.0', to: '2.0' },
      ['3.9'],
    );
    expect(verdict).toEqual({ kind: 'installable', pythonVersions: ['3.9'], pinsOnly: true });
  });
});
