import { describe, expect, it } from 'vitest';
import { versionWarning } from '../../../src/platform/gitlab/version.js';
import { nock, useNock } from '../../helpers/nock.js';
import { API, HOST, platform } from './payloads.js';

useNock();

describe('versionWarning', () => {
  it.each(['15.0.0', '15.0.5-ee', '15.6.1', '16.0.0-pre', '18.6.0-ee'])('%s is supported', (version) => {
    expect(versionWarning(version)).toBeUndefined();
  });

  it.each(['14.10.5-ee', '13.12.0', '8.13.0'])('%s is older than supported', (version) => {
    expect(versionWarning(version)).toMatch(/older than 15\.0, the oldest release pingate supports/);
  });

  it('says so when GitLab gives no version, or one it cannot read', () => {
    expect(versionWarning(undefined)).toMatch(/did not say its version/);
    expect(versionWarning('banana')).toMatch(/"banana", which pingate cannot read/);
  });
});

describe('hostVersion', () => {
  it('reads GET /version', async () => {
    nock(HOST).get(`${API}/version`).reply(200, { version: '14.2.0-ee', revision: 'abc' });
    const answer = await platform().hostVersion();
    expect(answer.version).toBe('14.2.0-ee');
    expect(answer.warning).toMatch(/^GitLab 14\.2\.0-ee is older than 15\.0/);
  });

  it('never throws: a GitLab that will not say gives a warning', async () => {
    nock(HOST).get(`${API}/version`).reply(403, { message: '403 Forbidden' });
    expect(await platform().hostVersion()).toEqual({
      warning: 'GitLab did not say its version; pingate supports GitLab 15.0 and later',
    });
  });
});
