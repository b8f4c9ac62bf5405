import { describe, expect, it } from 'vitest';
import { UpstreamError } from '../../src/errors.js';
import { createPackageIndex } from '../../src/pypi/create-index.js';
import { SIMPLE_ACCEPT } from '../../src/pypi/simple-api.js';
import { nock, useNock } from '../helpers/nock.js';
import { fixture } from './fixtures.js';

useNock();

const PYPI = 'https://pypi.org';
const FILES = 'https://files.pythonhosted.org';
const SIMPLE_JSON = { 'content-type': 'application/vnd.pypi.simple.v1+json' };
const SIMPLE_HTML = { 'content-type': 'application/vnd.pypi.simple.v1+html' };

function index(indexUrl = `${PYPI}/simple/`) {
  return createPackageIndex({ indexUrl, backoffMs: 1, http2: false });
}

const METADATA = [
  'Metadata-Version: 2.1',
  'Name: beautifulsoup4',
  'Version: 4.12.3',
  'Summary: Screen-scraping library',
  'Requires-Python: >=3.6.0',
  'Requires-Dist: soupsieve >1.2',
  'Provides-Extra: html5lib',
  'Requires-Dist: html5lib ;',
  "  extra == 'html5lib'",
  '',
  'Beautiful Soup is a library...',
].join('\n');

describe('Simple API, PEP 691 JSON', () => {
  it('asks for JSON first and reads files, PEP 700 versions and upload times', async () => {
    nock(PYPI)
      .get('/simple/beautifulsoup4/')
      .matchHeader('accept', SIMPLE_ACCEPT)
      .reply(200, fixture('simple-v1-json-project-beautifulsoup4.json'), SIMPLE_JSON);
    const project = await index().getProject('beautifulsoup4');

    expect(project.releases.map((release) => [release.version, release.files.length])).toEqual([
      ['4.0.1', 1],
      ['4.0.2', 1],
      ['4.12.3', 2],
      ['4.13.0b2', 2],
    ]);
    const release = project.releases[2];
    expect(release).toMatchObject({ version: '4.12.3', yanked: false, requiresPython: '>=3.6.0' });
    expect(release?.uploadTime).toBe('2024-01-17T16:53:12.779164Z');
    expect(release?.files[0]).toEqual({
      sha256: 'b80878c9f40111313e55da8ba20bdba06d8fa3969fc68304167741bbf9e082ed',
    });
    expect(project.projectUrls).toEqual({});
  });

  it('reads Requires-Dist from the PEP 658 metadata file of a wheel', async () => {
    nock(PYPI)
      .get('/simple/beautifulsoup4/')
      .reply(200, fixture('simple-v1-json-project-beautifulsoup4.json'), SIMPLE_JSON);
    nock(FILES)
      .get(/\/beautifulsoup4-4\.12\.3-py3-none-any\.whl\.metadata$/)
      .reply(200, METADATA);
    const client = index();
    await client.getProject('beautifulsoup4');

    expect(await client.getRequiresDist('beautifulsoup4', '4.12.3')).toEqual([
      'soupsieve >1.2',
      "html5lib ; extra == 'html5lib'",
    ]);
  });

  it('fetches the project page first when asked for requirements cold', async () => {
    nock(PYPI)
      .get('/simple/beautifulsoup4/')
      .reply(200, fixture('simple-v1-json-project-beautifulsoup4.json'), SIMPLE_JSON);
    nock(FILES)
      .get(/\/beautifulsoup4-4\.13\.0b2-py3-none-any\.whl\.metadata$/)
      .reply(200, 'Metadata-Version: 2.1\nName: beautifulsoup4\nRequires-Dist: soupsieve>1.2\n');

    expect(await index().getRequiresDist('beautifulsoup4', '4.13.0b2')).toEqual(['soupsieve>1.2']);
  });

  it('says so when a release has no metadata file', async () => {
    nock(PYPI)
      .get('/simple/beautifulsoup4/')
      .reply(200, fixture('simple-v1-json-project-beautifulsoup4.json'), SIMPLE_JSON);
    const error = await index()
      .getRequiresDist('beautifulsoup4', '4.0.1')
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(UpstreamError);
    expect((error as Error).message).toBe(
      'https://pypi.org/simple/ has no metadata file (PEP 658) for beautifulsoup4 4.0.1',
    );
  });

  it('takes a yanked reason string from PEP 691 and a release is yanked only when all its files are', async () => {
    const payload = JSON.parse(fixture('pep691-project-detail-holygrail.json'));
    payload.files.push({
      filename: 'holygrail-0.9.tar.gz',
      url: '/files/holygrail-0.9.tar.gz',
      hashes: {},
      yanked: 'Had a vulnerability',
    });
    nock('https://example.com').get('/simple/holygrail/').reply(200, payload, SIMPLE_JSON);
    nock('https://example.com')
      .get('/files/holygrail-1.0-py3-none-any.whl.metadata')
      .reply(200, 'Name: holygrail\n');
    const client = index('https://example.com/simple/');
    const project = await client.getProject('holygrail');

    // 1.0's sdist is yanked but not its wheel: the release is not, and carries no reason.
    expect(
      project.releases.map((release) => [release.version, release.yanked, release.yankedReason]),
    ).toEqual([
      ['1.0', false, undefined],
      ['0.9', true, 'Had a vulnerability'],
    ]);
    expect(project.releases[0]?.files).toEqual([{ sha256: '...' }, { sha256: '...' }]);
    expect(project.releases[0]?.requiresPython).toBe('>=3.7');
    // `dist-info-metadata: true` (PEP 658's first name for the key) announces the metadata file.
    expect(await client.getRequiresDist('holygrail', '1.0')).toEqual([]);
  });
});

describe('Simple API, HTML', () => {
  it('reads anchors, #sha256 fragments, data-requires-python and PEP 714 metadata attributes', async () => {
    nock(PYPI)
      .get('/simple/beautifulsoup4/')
      .reply(200, fixture('simple-v1-html-project-beautifulsoup4.html'), SIMPLE_HTML);
    nock(FILES)
      .get(/\/beautifulsoup4-4\.13\.0b2-py3-none-any\.whl\.metadata$/)
      .reply(200, 'Metadata-Version: 2.1\nRequires-Dist: soupsieve >1.2\n');
    const client = index();
    const project = await client.getProject('beautifulsoup4');

    expect(project.releases.map((release) => release.version)).toEqual(['4.0.1', '4.0.2', '4.13.0b2']);
    expect(project.releases[0]).toMatchObject({ version: '4.0.1', yanked: false });
    expect(project.releases[0]?.files).toEqual([
      { sha256: 'dc6bc8e8851a1c590c8cc8f25915180fdcce116e268d1f37fa991d2686ea38de' },
    ]);
    expect(project.releases[2]?.requiresPython).toBe('>=3.6.0');
    expect(await client.getRequiresDist('beautifulsoup4', '4.13.0b2')).toEqual(['soupsieve >1.2']);
  });

  it('reads data-yanked with and without a reason, and resolves relative links', async () => {
    const html = [
      '<html><body>',
      '<a href="../../files/demo-1.0.tar.gz#sha256=aa" data-yanked>demo-1.0.tar.gz</a>',
      '<a href="/files/demo-1.1.tar.gz#sha256=bb" data-yanked="Broken &amp; unsafe">demo-1.1.tar.gz</a>',
      "<a href='/files/demo-1.2-py3-none-any.whl' data-requires-python='&gt;=3.9' data-core-metadata='true'>",
      'demo-1.2-py3-none-any.whl</a>',
      '</body></html>',
    ].join('\n');
    nock('https://pkgs.example.com').get('/simple/demo/').reply(200, html, { 'content-type': 'text/html' });
    nock('https://pkgs.example.com')
      .get('/files/demo-1.2-py3-none-any.whl.metadata')
      .reply(200, 'Requires-Dist: attrs\n');
    const client = index('https://pkgs.example.com/simple/');
    const project = await client.getProject('demo');

    expect(
      project.releases.map((release) => [release.version, release.yanked, release.yankedReason]),
    ).toEqual([
      ['1.0', true, undefined],
      ['1.1', true, 'Broken & unsafe'],
      ['1.2', false, undefined],
    ]);
    expect(project.releases[2]?.requiresPython).toBe('>=3.9');
    expect(await client.getRequiresDist('demo', '1.2')).toEqual(['attrs']);
  });

  it('turns 404 into UpstreamError 404', async () => {
    nock(PYPI).get('/simple/nope/').reply(404, '<h1>404 Not Found</h1>', { 'content-type': 'text/html' });

    await expect(index().getProject('nope')).rejects.toMatchObject({
      status: 404,
      message: 'no such project on https://pypi.org/simple/',
    });
  });
});
