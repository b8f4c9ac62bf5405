import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { flush } from './helpers.js';
import { useServers } from './server-harness.js';

// GitLab's own payload examples (see the folder's README for the source): GitLab disables a hook after a few 4xx
// answers in a row, so a well-formed delivery, used or not, must never get one.
const DIR = join(import.meta.dirname, '..', 'fixtures', 'gitlab-webhook-events');
const EVENTS: Record<string, string> = JSON.parse(readFileSync(join(DIR, 'events.json'), 'utf8'));
const payload = (file: string): unknown => JSON.parse(readFileSync(join(DIR, file), 'utf8'));

const start = useServers();

describe("GitLab's documented webhook payloads", () => {
  it.each(Object.entries(EVENTS))('%s (%s) is answered 2xx', async (file, event) => {
    const { post } = await start();
    const answer = await post({ event, body: payload(file) });
    expect(answer.status, answer.text).toBeGreaterThanOrEqual(200);
    expect(answer.status, answer.text).toBeLessThan(300);
  });

  it('a work item under Issue Hook (a task, an OKR, an epic) is 204 and starts nothing, even titled like the dashboard', async () => {
    const { post, runner } = await start();
    const answer = await post({ event: 'Issue Hook', body: payload('issue-hook-work-item-task.json') });
    expect(answer.status).toBe(204);
    expect(answer.headers.get('x-pingate-reason')).toBe(
      'object kind "work_item" under Issue Hook is not used',
    );
    // The same payload as an issue would have started a pass: only its object kind keeps it out.
    const asIssue = { ...(payload('issue-hook-work-item-task.json') as object), object_kind: 'issue' };
    expect((await post({ event: 'Issue Hook', body: asIssue })).status).toBe(202);
    await flush();
    expect(runner.calls).toHaveLength(1);
  });

  it('the events pingate does not use are 204 whatever their body', async () => {
    const { post } = await start();
    for (const event of ['Note Hook', 'Job Hook', 'Release Hook', 'Deployment Hook', 'Some Future Hook']) {
      expect((await post({ event, body: 'not even JSON' })).status).toBe(204);
    }
  });

  it('400 only for a body that is not JSON, or lacks what an event pingate acts on needs', async () => {
    const { post } = await start();
    expect((await post({ event: 'Issue Hook', body: '{"object_kind": "issue",' })).status).toBe(400);
    const broken = payload('merge-request-hook.json') as { object_attributes: Record<string, unknown> };
    delete broken.object_attributes['source_branch'];
    const answer = await post({ event: 'Merge Request Hook', body: broken });
    expect(answer.status).toBe(400);
    expect(answer.json.error).toMatch(/object_attributes\.source_branch/);
  });
});
