import { describe, expect, it } from 'vitest';
import { UnavailableError } from '../../../src/platform/errors.js';
import { nock, useNock } from '../../helpers/nock.js';
import { API, HOST, P, platform, projectApi, userPayload } from './payloads.js';

useNock();

describe('users and members', () => {
  it('reads the user behind the token once, and again after a failure', async () => {
    nock(HOST)
      .get(`${API}/user`)
      .reply(503, 'down')
      .get(`${API}/user`)
      .reply(200, { ...userPayload(7, 'pingate-bot'), email: 'bot@example.com' });
    const gitlab = platform();
    await expect(gitlab.currentUser()).rejects.toBeInstanceOf(UnavailableError);
    expect(await gitlab.currentUser()).toEqual({
      id: 7,
      username: 'pingate-bot',
      emails: ['bot@example.com'],
    });
    expect(await gitlab.currentUser()).toEqual({
      id: 7,
      username: 'pingate-bot',
      emails: ['bot@example.com'],
    });
  });

  it('finds user ids by username, leaving unknown names out', async () => {
    nock(HOST)
      .get(`${API}/users`)
      .query({ username: 'Alice', per_page: '100' })
      .reply(200, [userPayload(9, 'alice')])
      .get(`${API}/users`)
      .query({ username: 'nobody', per_page: '100' })
      .reply(200, []);
    const ids = await platform().findUserIds(['Alice', 'nobody', 'Alice']);
    expect([...ids]).toEqual([['Alice', 9]]);
  });

  it('lists direct and inherited members with their access level', async () => {
    nock(HOST)
      .get(`${P}/members/all`)
      .query({ per_page: '100' })
      .reply(200, [
        { ...userPayload(9, 'alice'), access_level: 30, expires_at: null },
        { ...userPayload(10, 'guest'), access_level: 10, expires_at: null },
      ]);
    expect(await projectApi().listMembers()).toEqual([
      { id: 9, username: 'alice', role: 'developer' },
      { id: 10, username: 'guest', role: 'guest' },
    ]);
  });
});
