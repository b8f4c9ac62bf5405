import { describe, expect, it } from 'vitest';
import { UpstreamError } from '../../src/errors.js';
import { errorCode, isRetryableStatus, parseRetryAfter } from '../../src/http/retry-policy.js';
import { versionFromFilename } from '../../src/pypi/filenames.js';
import { isUnreachable } from '../../src/pypi/http.js';
import { parseHeaders, parseRequiresDist } from '../../src/pypi/metadata.js';
import { redactUrl, splitCredentials } from '../../src/pypi/redact.js';
import { assembleReleases } from '../../src/pypi/releases.js';
import { ConnectTimeoutError, TimeoutError } from '../../src/pypi/transport.js';

describe('redactUrl and splitCredentials', () => {
  it('hides user and token', () => {
    expect(redactUrl('https://bot:s3cret@pkgs.example.com/simple/')).toBe(
      'https://***@pkgs.example.com/simple/',
    );
    expect(redactUrl('https://token@pkgs.example.com/pypi/')).toBe('https://***@pkgs.example.com/pypi/');
    expect(redactUrl('https://pypi.org/pypi/')).toBe('https://pypi.org/pypi/');
    expect(redactUrl('not a url //me:pw@host')).toBe('not a url //***@host');
  });

  it('turns credentials into a Basic header and a clean URL', () => {
    expect(splitCredentials('https://bot:p%40ss@pkgs.example.com/simple/')).toEqual({
      url: 'https://pkgs.example.com/simple/',
      authorization: `Basic ${Buffer.from('bot:p@ss').toString('base64')}`,
    });
    expect(splitCredentials('https://pypi.org/pypi/')).toEqual({ url: 'https://pypi.org/pypi/' });
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2025-03-01T12:00:00Z');
  it('reads seconds and HTTP dates, caps them, ignores junk', () => {
    expect(parseRetryAfter('3', now, 30_000)).toBe(3000);
    expect(parseRetryAfter('120', now, 30_000)).toBe(30_000);
    expect(parseRetryAfter('Sat, 01 Mar 2025 12:00:05 GMT', now, 30_000)).toBe(5000);
    expect(parseRetryAfter('Sat, 01 Mar 2025 11:00:00 GMT', now, 30_000)).toBe(0);
    expect(parseRetryAfter('soon', now, 30_000)).toBeUndefined();
    expect(parseRetryAfter(null, now, 30_000)).toBeUndefined();
  });
});

describe('retry decisions', () => {
  it('retries 429 and 5xx only', () => {
    expect([429, 500, 502, 503, 599].every(isRetryableStatus)).toBe(true);
    expect([400, 401, 403, 404, 410, 304].some(isRetryableStatus)).toBe(false);
  });

  it('finds the socket code on the error or under wrappers', () => {
    const socket = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    expect(errorCode(socket)).toBe('ECONNREFUSED');
    expect(errorCode(new TypeError('fetch failed', { cause: socket }))).toBe('ECONNREFUSED');
    expect(errorCode(new Error('plain'))).toBeUndefined();
  });

  it('calls an index unreachable only for connection-level failures', () => {
    const refused = Object.assign(new Error('x'), { code: 'ENOTFOUND' });
    expect(isUnreachable(new UpstreamError('m', 'index', undefined, { cause: refused }))).toBe(true);
    expect(isUnreachable(new UpstreamError('m', 'index', 503, { cause: refused }))).toBe(false);
    const reset = Object.assign(new Error('x'), { code: 'ECONNRESET' });
    expect(isUnreachable(new UpstreamError('m', 'index', undefined, { cause: reset }))).toBe(false);
    expect(isUnreachable(refused)).toBe(false);
    const noConnection = new ConnectTimeoutError('no connection after 10000 ms');
    expect(isUnreachable(new UpstreamError('m', 'index', undefined, { cause: noConnection }))).toBe(true);
    const slow = new TimeoutError('timed out after 15000 ms');
    expect(isUnreachable(new UpstreamError('m', 'index', undefined, { cause: slow }))).toBe(false);
  });
});

describe('versionFromFilename', () => {
  it.each([
    ['beautifulsoup4-4.12.3-py3-none-any.whl', 'beautifulsoup4', '4.12.3'],
    ['beautifulsoup4-4.13.0b2.tar.gz', 'beautifulsoup4', '4.13.0b2'],
    ['python-dateutil-2.8.2.tar.gz', 'python-dateutil', '2.8.2'],
    ['zope.interface-6.1.zip', 'zope-interface', '6.1'],
    ['Django-1.0.tar.bz2', 'django', '1.0'],
    ['torch-2.2.0+cpu-cp311-cp311-linux_x86_64.whl', 'torch', '2.2.0+cpu'],
    ['foo-1.0-py2.7.egg', 'foo', '1.0'],
  ])('%s is %s %s', (filename, name, version) => {
    expect(versionFromFilename(filename, name)).toBe(version);
  });

  it('gives up on files it cannot read', () => {
    expect(versionFromFilename('foo-1.0.win32.exe', 'foo')).toBeUndefined();
    expect(versionFromFilename('other-1.0.tar.gz', 'foo')).toBeUndefined();
  });
});

describe('core metadata', () => {
  const text = [
    'Metadata-Version: 2.1',
    'Name: demo',
    'Summary: a summary that is folded',
    '   onto a second line',
    'Requires-Dist: urllib3 (<3,>=1.25.4)',
    'requires-dist: idna<4,>=2.5;',
    "  python_version >= '3.8'",
    'Requires-Dist: pytest ; extra == "test"',
    '',
    'Requires-Dist: in-the-description',
  ].join('\r\n');

  it('unfolds continuation lines and stops at the body', () => {
    expect(parseHeaders(text)).toContainEqual(['Summary', 'a summary that is folded onto a second line']);
    expect(parseRequiresDist(text)).toEqual([
      'urllib3 (<3,>=1.25.4)',
      "idna<4,>=2.5; python_version >= '3.8'",
      'pytest ; extra == "test"',
    ]);
  });

  it('is empty without requirements', () => {
    expect(parseRequiresDist('Metadata-Version: 2.1\nName: x\n')).toEqual([]);
  });
});

describe('assembleReleases', () => {
  it('marks a release yanked only when every file is, keeps empty releases, takes the first upload', () => {
    const files = new Map([
      [
        '1.0',
        [
          {
            filename: 'a-1.0.tar.gz',
            yanked: true,
            yankedReason: 'wrong tarball',
            uploadTime: '2020-01-02T00:00:00Z',
            sha256: 'aa',
          },
          {
            filename: 'a-1.0-py3-none-any.whl',
            yanked: false,
            uploadTime: '2020-01-01T00:00:00Z',
            requiresPython: '>=3.8',
          },
        ],
      ],
      ['1.1', [{ filename: 'a-1.1.tar.gz', yanked: true, yankedReason: 'broken' }]],
    ]);
    const releases = assembleReleases(files, ['0.9', '1.0', '1.1']);
    expect(releases.map((release) => [release.version, release.yanked, release.files.length])).toEqual([
      ['0.9', false, 0],
      ['1.0', false, 2],
      ['1.1', true, 1],
    ]);
    expect(releases[1]?.uploadTime).toBe('2020-01-01T00:00:00Z');
    expect(releases[1]?.requiresPython).toBe('>=3.8');
    // Files keep their digest only; a reason is the release's only when the whole release is yanked.
    expect(releases[1]).toEqual({
      version: '1.0',
      files: [{ sha256: 'aa' }, {}],
      yanked: false,
      requiresPython: '>=3.8',
      uploadTime: '2020-01-01T00:00:00Z',
    });
    expect(releases[2]).toEqual({ version: '1.1', files: [{}], yanked: true, yankedReason: 'broken' });
  });
});
