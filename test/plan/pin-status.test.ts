import { describe, expect, it } from 'vitest';
import { project, release } from './builders.js';
import { type PlanOptions, plan } from './plan-helpers.js';

function rows(text: string, projects: Parameters<typeof plan>[1], repo?: PlanOptions['repo']) {
  return plan(text, projects, repo ? { repo } : {}).rows.map((r) => [r.name, r.current, r.status, r.detail]);
}

describe('a pin the index does not list', () => {
  it('is Errored with the reason, not up to date', () => {
    const result = plan('six==1.0\n', { six: project('six', ['1.1', '1.2']) });
    const reason = 'the index lists no release 1.0 of six (2 other releases listed): is the index URL right?';
    expect(result.rows.map((r) => [r.status, r.detail])).toEqual([['errored', reason]]);
    expect(result.errored.map((e) => e.reason)).toEqual([reason]);
    expect(result.branches).toEqual([]);
  });

  it('is Errored when the page lists no release at all', () => {
    expect(rows('six==1.0\n', { six: project('six', []) })).toEqual([
      [
        'six',
        '1.0',
        'errored',
        'the index lists no release 1.0 of six (0 other releases listed): is the index URL right?',
      ],
    ]);
  });

  it('matches the listed release by PEP 440 equality for ==, and by text for ===', () => {
    expect(rows('six==1.0\n', { six: project('six', ['1.0.0']) })).toEqual([
      ['six', '1.0', 'up-to-date', undefined],
    ]);
    expect(rows('six===1.0\n', { six: project('six', ['1.0.0']) })[0]?.[2]).toBe('errored');
    expect(rows('six===1.0\n', { six: project('six', ['1.0']) })[0]?.[2]).toBe('up-to-date');
  });

  it('counts a yanked pinned release as listed', () => {
    expect(rows('six==1.0\n', { six: project('six', [release('1.0', { yanked: true })]) })[0]?.[2]).toBe(
      'up-to-date',
    );
  });
});

describe('enabled: false', () => {
  it('says "disabled" with what it holds back, not "up to date"', () => {
    const repo = { packageRules: [{ matchPackageNames: ['six'], enabled: false }] };
    expect(rows('six==1.0\n', { six: project('six', ['1.0', '1.1', '2.0']) }, repo)).toEqual([
      [
        'six',
        '1.0',
        'disabled',
        'enabled: false (packageRules) for major/minor updates; newest held back: 2.0',
      ],
    ]);
  });

  it('names only the update types it disables, and leaves an up-to-date pin up to date', () => {
    const repo = { packageRules: [{ matchUpdateTypes: ['major' as const], enabled: false }] };
    expect(rows('six==1.0\n', { six: project('six', ['1.0', '2.0']) }, repo)).toEqual([
      ['six', '1.0', 'disabled', 'enabled: false (packageRules) for major updates; newest held back: 2.0'],
    ]);
    expect(rows('six==2.0\n', { six: project('six', ['1.0', '2.0']) }, repo)).toEqual([
      ['six', '2.0', 'up-to-date', undefined],
    ]);
  });

  it('still proposes what a rule leaves enabled', () => {
    const repo = { packageRules: [{ matchUpdateTypes: ['major' as const], enabled: false }] };
    const result = plan('six==1.0\n', { six: project('six', ['1.0', '1.1', '2.0']) }, { repo });
    expect(result.rows.map((r) => r.status)).toEqual(['update']);
    expect(result.branches.map((b) => b.updates.map((u) => u.to))).toEqual([['1.1']]);
  });
});
