import { describe, expect, it } from 'vitest';
import { UpstreamError } from '../../src/errors.js';
import { createPackageIndex } from '../../src/pypi/create-index.js';
import { nock, useNock } from '../helpers/nock.js';

useNock();

const HOST = 'https://pkgs.example.com';
const INDEX = `${HOST}/simple/`;
const LABEL = 'https://pkgs.example.com/simple/';
const PEP691 = JSON.stringify({
  meta: { 'api-version': '1.1' },
  name: 'demo',
  files: [{ filename: 'demo-1.0.tar.gz', url: '/files/demo-1.0.tar.gz', hashes: {} }],
});

async function failure(body: string, headers: Record<string, string>): Promise<UpstreamError> {
  nock(HOST).get('/simple/demo/').reply(200, body, headers);
  const error = await createPackageIndex({ indexUrl: INDEX, backoffMs: 1, http2: false })
    .getProject('demo')
    .catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(UpstreamError);
  return error as UpstreamError;
}

const AFTERWORD = '(is the index URL right, or is a proxy or login page in the way?)';

describe('Simple API answers that are not a project page', () => {
  it('refuses a captive portal’s HTML, whose links are no files of the project', async () => {
    const portal =
      '<html><body><a href="/login">Log in to the hotel Wi-Fi</a><a href="/terms">Terms</a></body></html>';
    const error = await failure(portal, { 'content-type': 'text/html; charset=utf-8' });
    expect(error.message).toBe(
      `${LABEL} did not answer with a Simple API project page for demo: the HTML page lists no file of demo ${AFTERWORD}`,
    );
  });

  it('refuses PEP 691 JSON served as text/html, saying so', async () => {
    const error = await failure(PEP691, { 'content-type': 'text/html' });
    expect(error.message).toBe(
      `${LABEL} did not answer with a Simple API project page for demo: the body is JSON but was served as HTML ` +
        `(PEP 691 JSON must be served as application/vnd.pypi.simple.v1+json) ${AFTERWORD}`,
    );
  });

  it('refuses JSON served as text/plain, and an answer without a content type', async () => {
    const plain = await failure(PEP691, { 'content-type': 'text/plain' });
    expect(plain.message).toBe(
      `${LABEL} did not answer with a Simple API project page for demo: it answered with content type text/plain and a JSON body ${AFTERWORD}`,
    );
    const none = await failure('hello', {});
    expect(none.message).toContain('it answered with content type (none)');
  });

  it('refuses a PEP 691 page that lists no file and no version', async () => {
    const empty = JSON.stringify({ meta: { 'api-version': '1.0' }, name: 'demo', files: [] });
    const error = await failure(empty, { 'content-type': 'application/vnd.pypi.simple.v1+json' });
    expect(error.message).toContain('the JSON page lists no file of demo');
  });

  it('still reads PEP 691 JSON as application/json and HTML as PEP 691’s HTML type', async () => {
    nock(HOST).get('/simple/demo/').reply(200, PEP691, { 'content-type': 'application/json' });
    const client = createPackageIndex({ indexUrl: INDEX, backoffMs: 1, http2: false });
    expect((await client.getProject('demo')).releases.map((r) => r.version)).toEqual(['1.0']);
    const html = '<a href="/files/other-2.0.tar.gz">other-2.0.tar.gz</a>';
    nock(HOST)
      .get('/simple/other/')
      .reply(200, html, { 'content-type': 'application/vnd.pypi.simple.v1+html' });
    expect((await client.getProject('other')).releases.map((r) => r.version)).toEqual(['2.0']);
  });
});
