import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startWorld, type World } from './world.js';

interface Received {
  headers: Record<string, string | string[] | undefined>;
  // biome-ignore lint/suspicious/noExplicitAny: payloads are read loosely here.
  body: any;
}

let world: World;
let receiver: Server;
let received: Received[];
let receiverUrl: string;

beforeEach(async () => {
  world = await startWorld();
  received = [];
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: JSON.parse(Buffer.concat(chunks).toString()) });
      response.writeHead(202).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhook`;
  world.fake.addWebhook(world.project.id, { url: receiverUrl, token: 's3cret' });
});
afterEach(async () => {
  await world.fake.close();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

function byEvent(event: string) {
  return received.filter((delivery) => delivery.headers['x-gitlab-event'] === event);
}

describe('webhooks', () => {
  it('sends an Issue Hook for a ticked box, with the person and the description change', async () => {
    world.fake.createIssue(world.bot, world.project.id, {
      title: 'Dependency Dashboard',
      description: '- [ ] <!-- a -->A',
    });
    world.fake.editIssue(world.maintainer, world.project.id, 1, '- [x] <!-- a -->A');
    await world.fake.flushWebhooks();
    const hooks = byEvent('Issue Hook');
    expect(hooks.map((hook) => hook.body.object_attributes.action)).toEqual(['open', 'update']);
    const tick = hooks[1]!;
    expect(tick.headers['x-gitlab-token']).toBe('s3cret');
    expect(tick.headers['x-gitlab-event-uuid']).toMatch(/^[0-9a-f-]{36}$/);
    expect(tick.body).toMatchObject({
      object_kind: 'issue',
      user: { id: world.maintainer.id, username: 'maria' },
      project: { id: world.project.id, path_with_namespace: 'group/app', default_branch: 'main' },
      object_attributes: { iid: 1, title: 'Dependency Dashboard', author_id: world.bot.id, state: 'opened' },
      changes: { description: { previous: '- [ ] <!-- a -->A', current: '- [x] <!-- a -->A' } },
    });
  });

  it('sends Merge Request, Push and Pipeline Hooks for a bot MR through its merge', async () => {
    world.fake.onCommit(({ ref }) => ({
      jobs: [{ name: 'install', status: ref === 'main' ? 'success' : 'running' }],
    }));
    const head = world.fake.pushCommit(world.bot, world.project.id, 'pingate/a-1.x', {
      'constraints.txt': 'a==1.1\n',
    });
    await world.call('POST', `/projects/${world.project.id}/merge_requests`, {
      body: {
        source_branch: 'pingate/a-1.x',
        target_branch: 'main',
        title: 'Update a',
        remove_source_branch: true,
      },
    });
    const [pipeline] = world.fake.pipelines(world.project.id);
    world.fake.setJobStatus(world.project.id, { pipelineId: pipeline!.id, name: 'install' }, 'success');
    await world.call('PUT', `/projects/${world.project.id}/merge_requests/1/merge`, { body: { sha: head } });
    await world.fake.flushWebhooks();

    const push = byEvent('Push Hook')[0]!.body;
    expect(push).toMatchObject({
      object_kind: 'push',
      ref: 'refs/heads/pingate/a-1.x',
      before: '0'.repeat(40),
      after: head,
      user_id: world.bot.id,
      total_commits_count: 1,
      commits: [{ id: head, modified: ['constraints.txt'], added: [], removed: [] }],
    });
    expect(
      byEvent('Pipeline Hook').map((hook) => [
        hook.body.object_attributes.ref,
        hook.body.object_attributes.status,
      ]),
    ).toEqual([
      ['pingate/a-1.x', 'running'],
      ['pingate/a-1.x', 'success'],
      ['main', 'success'],
    ]);
    expect(
      byEvent('Merge Request Hook').map((hook) => [
        hook.body.object_attributes.action,
        hook.body.object_attributes.state,
      ]),
    ).toEqual([
      ['open', 'opened'],
      ['merge', 'merged'],
    ]);
    // The merge pushes to main and deletes the source branch: two more Push Hooks.
    expect(byEvent('Push Hook').map((hook) => [hook.body.ref, hook.body.after === '0'.repeat(40)])).toEqual([
      ['refs/heads/pingate/a-1.x', false],
      ['refs/heads/main', false],
      ['refs/heads/pingate/a-1.x', true],
    ]);
    expect(world.fake.webhookDeliveries().every((delivery) => delivery.status === 202)).toBe(true);
  });

  it('redelivers with the same event UUID and sends only the events a hook wants', async () => {
    world.fake.addWebhook(world.project.id, { url: `${receiverUrl}?only=issues`, events: ['Issue Hook'] });
    world.fake.createIssue(world.bot, world.project.id, { title: 'x' });
    world.fake.pushCommit(world.bot, world.project.id, 'b', { 'x.txt': 'x' });
    await world.fake.flushWebhooks();
    expect(received).toHaveLength(3);
    const [first] = world.fake.webhookDeliveries();
    world.fake.redeliverWebhook(first!.uuid);
    await world.fake.flushWebhooks();
    expect(received).toHaveLength(4);
    expect(received[3]!.headers['x-gitlab-event-uuid']).toBe(first!.uuid);
  });
});
