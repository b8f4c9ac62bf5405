import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { PlatformUnavailableError } from '../../src/errors.js';
import { nock, useNock } from '../helpers/nock.js';
import { API, HOST, P, PROJECT, platform, TOKEN, userPayload } from './gitlab/payloads.js';

useNock();

const REFUSED = 'token refused: it needs the api scope and at least Developer access to group/proj';

function projectPayload(accessLevel?: number) {
  return {
    id: 1,
    path_with_namespace: PROJECT,
    default_branch: 'main',
    web_url: `${HOST}/${PROJECT}`,
    ...(accessLevel === undefined
      ? {}
      : { permissions: { project_access: { access_level: accessLevel }, group_access: null } }),
  };
}

async function startUpFailure(pending: Promise<unknown>): Promise<PlatformUnavailableError> {
  const error = await pending.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  // The CLI turns exactly this class into exit code 3.
  expect(error).toBeInstanceOf(PlatformUnavailableError);
  expect(String((error as Error).message)).not.toContain(TOKEN);
  return error as PlatformUnavailableError;
}

describe('assertAccess', () => {
  it('answers the bot user and the project when the token may work on it', async () => {
    nock(HOST).get(`${API}/user`).reply(200, userPayload(7)).get(P).reply(200, projectPayload(30));
    expect(await platform().assertAccess(PROJECT)).toEqual({
      user: { id: 7, username: 'pingate-bot', emails: [] },
      project: {
        id: 1,
        path: PROJECT,
        defaultBranch: 'main',
        webUrl: `${HOST}/${PROJECT}`,
        role: 'developer',
      },
    });
  });

  it('refuses a token GitLab answers 401 for', async () => {
    nock(HOST).get(`${API}/user`).reply(401, { message: '401 Unauthorized' });
    const error = await startUpFailure(platform().assertAccess(PROJECT));
    expect(error.message).toBe(REFUSED);
  });

  it('refuses a token that may not read the project (403)', async () => {
    nock(HOST).get(`${API}/user`).reply(200, userPayload(7)).get(P).reply(403, { message: '403 Forbidden' });
    const error = await startUpFailure(platform().assertAccess(PROJECT));
    expect(error.message).toBe(REFUSED);
  });

  it('refuses a token whose user is less than a Developer of the project', async () => {
    nock(HOST).get(`${API}/user`).reply(200, userPayload(7)).get(P).reply(200, projectPayload(20));
    const error = await startUpFailure(platform().assertAccess(PROJECT));
    expect(error.message).toBe(REFUSED);
  });

  it('says so when the project cannot be found', async () => {
    nock(HOST)
      .get(`${API}/user`)
      .reply(200, userPayload(7))
      .get(P)
      .reply(404, { message: '404 Project Not Found' });
    const error = await startUpFailure(platform().assertAccess(PROJECT));
    expect(error.message).toBe(
      `project group/proj not found at ${HOST}, or the token's user cannot see it: it needs at least Developer access`,
    );
  });

  it('says GitLab cannot be reached when nothing listens, naming the URL without credentials', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    const error = await startUpFailure(
      platform({ url: `http://user:secret@127.0.0.1:${port}/` }).assertAccess(PROJECT),
    );
    expect(error.message).toMatch(
      new RegExp(
        `^cannot reach GitLab at http://127\\.0\\.0\\.1:${port}: .*ECONNREFUSED 127\\.0\\.0\\.1:${port}$`,
      ),
    );
    expect(error.message).not.toContain('secret');
  });

  it('says GitLab cannot be reached when it answers 503', async () => {
    nock(HOST).get(`${API}/user`).reply(503, 'Service Unavailable');
    const error = await startUpFailure(platform().assertAccess(PROJECT));
    expect(error.message).toBe(`cannot reach GitLab at ${HOST}: GET /user answered 503`);
  });
});
