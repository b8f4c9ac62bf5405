import { describe, expect, it } from 'vitest';
import { UpstreamError } from '../../src/errors.js';
import { createPackageIndex } from '../../src/pypi/create-index.js';
import { nock, useNock } from '../helpers/nock.js';
import { fixture } from './fixtures.js';

useNock();

const PYPI = 'https://pypi.org';
const JSON_TYPE = { 'content-type': 'application/json; charset="UTF-8"' };

function index() {
  return createPackageIndex({ indexUrl: `${PYPI}/pypi/`, backoffMs: 1, http2: false });
}

describe('JSON API', () => {
  it('reads releases, files and project URLs of the documented example', async () => {
    nock(PYPI)
      .get('/pypi/sampleproject/json')
      .reply(200, fixture('json-api-project-sampleproject.json'), JSON_TYPE);
    const project = await index().getProject('sampleproject');

    expect(project.name).toBe('sampleproject');
    expect(project.releases.map((release) => [release.version, release.files.length])).toEqual([
      ['1.0', 0],
      ['1.2.0', 2],
      ['1.3.0', 0],
      ['1.3.1', 0],
      ['2.0.0', 0],
      ['3.0.0', 0],
      ['4.0.0', 2],
    ]);
    const release = project.releases.find((candidate) => candidate.version === '1.2.0');
    expect(release?.yanked).toBe(false);
    // The earliest of its files: the sdist went up nine seconds before the wheel.
    expect(release?.uploadTime).toBe('2015-06-14T14:37:56.383366Z');
    // Of each file the release keeps its digest only (wheel first, as the index lists them).
    expect(release?.files[0]).toEqual({
      sha256: '7a7a8b91086deccc54cac8d631e33f6a0e232ce5775c6be3dc44f86c2154019d',
    });
    expect(release?.files[1]).toEqual({ sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(project.releases.find((candidate) => candidate.version === '4.0.0')?.requiresPython).toBe('>=3.9');
    expect(project.projectUrls['Source']).toBe('https://github.com/pypa/sampleproject/');
  });

  it('is lenient: yanked as bool or reason, null files, no upload times, null requires_python, odd versions', async () => {
    const payload = {
      info: { name: 'Odd', project_urls: null },
      releases: {
        '1.0': [{ filename: 'odd-1.0.tar.gz', yanked: true, yanked_reason: 'broken', requires_python: null }],
        '1.1': [{ filename: 'odd-1.1.tar.gz', yanked: 'bad wheel tags', digests: { md5: 'x' } }],
        '1.2': [{ filename: 'odd-1.2.tar.gz', upload_time: '2020-05-01T10:00:00', yanked: false }],
        '2.0': null,
        'not-a-version': [{ filename: 'odd-not-a-version.tar.gz' }],
      },
      extra: { ignored: true },
    };
    nock(PYPI).get('/pypi/odd/json').reply(200, payload, JSON_TYPE);
    const project = await index().getProject('odd');

    expect(
      project.releases.map((release) => ({
        v: release.version,
        yanked: release.yanked,
        at: release.uploadTime,
      })),
    ).toEqual([
      { v: '1.0', yanked: true, at: undefined },
      { v: '1.1', yanked: true, at: undefined },
      { v: '1.2', yanked: false, at: '2020-05-01T10:00:00Z' },
      { v: '2.0', yanked: false, at: undefined },
      { v: 'not-a-version', yanked: false, at: undefined },
    ]);
    expect(project.releases[0]?.yankedReason).toBe('broken');
    expect(project.releases[1]?.yankedReason).toBe('bad wheel tags');
    expect(project.projectUrls).toEqual({});
  });

  it('reads Requires-Dist of the newest release from the project page, and of others from their own', async () => {
    nock(PYPI)
      .get('/pypi/sampleproject/json')
      .reply(200, fixture('json-api-project-sampleproject.json'), JSON_TYPE);
    nock(PYPI)
      .get('/pypi/sampleproject/1.2.0/json')
      .reply(200, fixture('json-api-release-sampleproject-4.0.0.json'), JSON_TYPE);
    nock(PYPI)
      .get('/pypi/sampleproject/1.0/json')
      .reply(200, { info: { requires_dist: null } }, JSON_TYPE);
    const client = index();

    expect(await client.getRequiresDist('sampleproject', '4.0.0')).toEqual([
      'peppercorn',
      "check-manifest ; extra == 'dev'",
      "coverage ; extra == 'test'",
    ]);
    expect(client.stats().requests).toBe(1);
    expect(await client.getRequiresDist('sampleproject', '1.2.0')).toContain('peppercorn');
    expect(await client.getRequiresDist('sampleproject', '1.0')).toEqual([]);
  });

  it('turns 404 into UpstreamError 404 naming the index', async () => {
    nock(PYPI).get('/pypi/nope/json').reply(404, { message: 'Not Found' }, JSON_TYPE);
    const error = await index()
      .getProject('nope')
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ status: 404, message: 'no such project on https://pypi.org/pypi/' });
  });

  it('names the project and the first issue when a payload does not fit', async () => {
    nock(PYPI)
      .get('/pypi/broken/json')
      .reply(200, { info: { name: 'broken' }, releases: { '1.0': [{}] } });
    nock(PYPI).get('/pypi/garbled/json').reply(200, '<html>maintenance</html>');
    const client = index();

    await expect(client.getProject('broken')).rejects.toThrow(
      /unexpected payload for broken: releases\.1\.0\.0\.filename/,
    );
    await expect(client.getProject('garbled')).rejects.toThrow('sent invalid JSON for garbled');
  });

  it('shares one request between concurrent look-ups of the same project', async () => {
    nock(PYPI)
      .get('/pypi/sampleproject/json')
      .once()
      .reply(200, fixture('json-api-project-sampleproject.json'));
    const client = index();
    const [first, second] = await Promise.all([
      client.getProject('sampleproject'),
      client.getProject('sampleproject'),
    ]);

    expect(first).toBe(second);
    expect(client.stats().requests).toBe(1);
  });
});
