import { describe, expect, it } from 'vitest';
import { releaseNotesUrl, renderDescription } from '../../src/mr/description.js';
import { readMetadata } from '../../src/mr/metadata.js';
import { branch, update } from '../plan/builders.js';

const requests = update({
  name: 'requests',
  from: '2.31.0',
  to: '2.32.3',
  releaseDate: '2024-05-29T15:37:49Z',
  projectUrls: { Homepage: 'https://requests.readthedocs.io', Changelog: 'https://example.org/HISTORY.md' },
});

describe('renderDescription', () => {
  it('writes the table with links, the conflict check, the gate, the rebase box and the hidden record', () => {
    const text = renderDescription(branch({ updates: [requests], conflictSummary: 'pip can install it.' }), {
      base: 'abc123',
      requiredJobs: ['/^test-install/', 'lint'],
      automergeSchedule: ['every weekend'],
    });
    expect(text).toBe(
      [
        '<!-- pingate:begin (pingate rewrites what is between these markers) -->',
        'This MR was opened by pingate.',
        '',
        '| package | from | to | type | release date |',
        '| --- | --- | --- | --- | --- |',
        '| `requests` ([PyPI](https://pypi.org/project/requests/2.32.3/), [release notes](https://example.org/HISTORY.md)) | `2.31.0` | `2.32.3` | minor | 2024-05-29 |',
        '',
        '### Conflict check',
        '',
        'pip can install it.',
        '',
        '### Merge',
        '',
        'pingate merges this MR inside the automerge schedule (every weekend) once the pipeline on its exact head commit has finished and the jobs `/^test-install/`, `lint` succeed.',
        '',
        '---',
        '',
        '- [ ] <!-- rebase-check -->If you want to rebase or retry this MR, tick this box',
        '',
        '<!-- pingate-mr {"updates":[{"file":"constraints.txt","name":"requests","from":"2.31.0","to":"2.32.3"}],"base":"abc123","title":"Update dependency requests to v2.32.3"} -->',
        '<!-- pingate:end -->',
        '',
      ].join('\n'),
    );
  });

  it('links the release on the index it was looked up on', () => {
    const page = { label: 'pkgs.example.com', url: 'https://pkgs.example.com/simple/requests/' };
    const text = renderDescription(branch({ updates: [{ ...requests, page }] }), {
      base: 'abc123',
      requiredJobs: [],
      automergeSchedule: [],
    });
    expect(text).toContain(
      '| `requests` ([pkgs.example.com](https://pkgs.example.com/simple/requests/), [release notes]',
    );
    expect(text).not.toContain('pypi.org');
  });

  it('has a row per update, "unknown" without a release date, and says when a person merges', () => {
    const six = update({ name: 'six', from: '1.0', to: '1.1', updateType: 'patch' });
    const text = renderDescription(branch({ updates: [requests, six], automerge: false }), {
      base: 'abc',
      requiredJobs: [],
      automergeSchedule: [],
    });
    const lines = text.split('\n');
    expect(lines.filter((line) => line.startsWith('| `'))).toEqual([
      expect.stringContaining('`requests`'),
      '| `six` ([PyPI](https://pypi.org/project/six/1.1/)) | `1.0` | `1.1` | patch | unknown |',
    ]);
    expect(lines).toContain('Automerge is off for this update: a maintainer merges it.');
    expect(readMetadata(text)?.updates.map((u) => u.name)).toEqual(['requests', 'six']);
  });

  it('names the whole pipeline when no jobs are required', () => {
    const text = renderDescription(branch({ updates: [requests] }), {
      base: 'abc',
      requiredJobs: [],
      automergeSchedule: [],
    });
    expect(text).toContain(
      'pingate merges this MR once the pipeline on its exact head commit has finished and the whole pipeline succeeds with at least one job.',
    );
  });
});

describe('releaseNotesUrl', () => {
  it('prefers a changelog, then release notes, then changes, history, releases, news', () => {
    const urls = {
      News: 'https://n',
      Releases: 'https://r',
      History: 'https://h',
      Changes: 'https://c',
      'Release Notes': 'https://rn',
      'Change Log': 'https://cl',
    };
    const picks: (string | undefined)[] = [];
    const remaining: Record<string, string> = { ...urls };
    for (const label of ['Change Log', 'Release Notes', 'Changes', 'History', 'Releases', 'News']) {
      picks.push(releaseNotesUrl(remaining)?.url);
      delete remaining[label];
    }
    expect(picks).toEqual(['https://cl', 'https://rn', 'https://c', 'https://h', 'https://r', 'https://n']);
    expect(releaseNotesUrl(remaining)).toBeUndefined();
  });

  it('matches labels in any case and skips links that are not http(s)', () => {
    expect(releaseNotesUrl({ changelog: 'https://x/CHANGES' })).toEqual({
      label: 'changelog',
      url: 'https://x/CHANGES',
    });
    expect(releaseNotesUrl({ Changelog: 'javascript:alert(1)', Homepage: 'https://h' })).toBeUndefined();
  });
});
