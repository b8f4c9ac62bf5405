import { EventEmitter } from 'node:events';
import type { AddressInfo } from 'node:net';
import { createServer as createNetServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { runServe, type ServeFlags } from '../../src/cli/serve.js';
import { BadInputError, PlatformUnavailableError } from '../../src/errors.js';
import { shardOf } from '../../src/fleet/shard.js';
import { ForbiddenError } from '../../src/platform/errors.js';
import { versionWarning } from '../../src/platform/gitlab/version.js';
import { BOT_ID, fakeRunner, flush, hook, PERSON_ID } from './helpers.js';
import { parseExposition, sampleValue } from './prometheus-text.js';
import { SECRET } from './server-harness.js';

const ENV = {
  GITLAB_TOKEN: 'glpat-serve-test',
  PINGATE_WEBHOOK_SECRET: SECRET,
  GITLAB_URL: 'http://127.0.0.1:9',
  LOG_LEVEL: 'silent',
  PORT: '0',
};

function serve(flags: ServeFlags = {}, env: NodeJS.ProcessEnv = ENV, hostVersion = '17.4.1-ee') {
  const runner = fakeRunner();
  const signals = new EventEmitter();
  const printed: string[] = [];
  let announce: (url: string) => void = () => {};
  const listening = new Promise<string>((resolve) => {
    announce = resolve;
  });
  const done = runServe(
    { host: '127.0.0.1', ...flags },
    {
      env,
      signals,
      stdout: (text) => {
        printed.push(text);
        const url = /listening on (\S+),/.exec(text)?.[1];
        if (url) announce(url);
      },
      buildRunner: () => runner.run,
      platform: {
        currentUser: async () => ({ id: BOT_ID, username: 'pingate-bot' }),
        hostVersion: async () => ({ version: hostVersion, ...warningFor(hostVersion) }),
      },
    },
  );
  return { runner, signals, listening, done, printed };
}

async function tick(url: string) {
  return fetch(`${url}/webhook`, {
    method: 'POST',
    headers: { 'X-Gitlab-Token': SECRET, 'X-Gitlab-Event': 'Issue Hook', 'Content-Type': 'application/json' },
    body: JSON.stringify(hook('issue-dashboard-ticked')),
  });
}

function warningFor(version: string) {
  const warning = versionWarning(version);
  return warning ? { warning } : {};
}

describe('pingate serve', () => {
  it('says at start-up when GitLab is older than the oldest release it supports', async () => {
    const { signals, listening, done, printed } = serve({}, ENV, '14.10.5');
    await listening;
    expect(printed[0]).toBe(
      'warning: GitLab 14.10.5 is older than 15.0, the oldest release pingate supports: merging and ticks may not work; upgrade GitLab\n',
    );
    signals.emit('SIGTERM');
    await expect(done).resolves.toBe(0);
  });

  it('serves webhooks, and on SIGTERM stops accepting, finishes the pass in hand and returns 0', async () => {
    const { runner, signals, listening, done } = serve({ project: ['acme/inventory'] });
    const url = await listening;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    runner.hold();
    expect((await tick(url)).status).toBe(202);
    await flush();
    let finished = false;
    void done.then(() => {
      finished = true;
    });
    signals.emit('SIGTERM');
    await flush();
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
    expect(finished).toBe(false);
    runner.release();
    await expect(done).resolves.toBe(0);
    expect(runner.calls).toEqual([
      {
        project: 'acme/inventory',
        trigger: { reason: 'issue', editorId: PERSON_ID, requestId: expect.any(String) },
      },
    ]);
    expect(signals.listenerCount('SIGTERM') + signals.listenerCount('SIGINT')).toBe(0);
  });

  it("shows pingate's metrics and the process's at /metrics", async () => {
    const { signals, listening, done } = serve({ project: ['acme/inventory'] });
    const url = await listening;
    expect((await tick(url)).status).toBe(202);
    const text = parseExposition(await (await fetch(`${url}/metrics`)).text());
    expect(sampleValue(text, 'pingate_webhook_responses_total', { status: '202' })).toBe(1);
    expect(text.types.get('process_cpu_user_seconds_total')).toBe('counter');
    expect(sampleValue(text, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
    signals.emit('SIGTERM');
    await expect(done).resolves.toBe(0);
  });

  it('ignores the events of the bot user it found at start-up', async () => {
    const { runner, signals, listening, done } = serve();
    const url = await listening;
    const own = hook('issue-dashboard-ticked');
    own.user.id = BOT_ID;
    const answer = await fetch(`${url}/webhook`, {
      method: 'POST',
      headers: { 'X-Gitlab-Token': SECRET, 'X-Gitlab-Event': 'Issue Hook' },
      body: JSON.stringify(own),
    });
    expect(answer.status).toBe(204);
    signals.emit('SIGINT');
    await expect(done).resolves.toBe(0);
    expect(runner.calls).toEqual([]);
  });

  it('with PINGATE_SHARD, answers a hook of another shard 204 and serves its own shard', async () => {
    const projectId: number = hook('issue-dashboard-ticked').project.id;
    const own = shardOf(projectId, 2);
    for (const [index, status, passes] of [
      [3 - own, 204, 0],
      [own, 202, 1],
    ] as const) {
      const { runner, signals, listening, done } = serve({}, { ...ENV, PINGATE_SHARD: `${index}/2` });
      const answer = await tick(await listening);
      expect(answer.status).toBe(status);
      if (status === 204) expect(answer.headers.get('X-Pingate-Reason')).toMatch(/not served here/);
      await flush();
      signals.emit('SIGTERM');
      await expect(done).resolves.toBe(0);
      expect(runner.calls).toHaveLength(passes);
    }
  });

  it('refuses to start without the webhook secret or the token, naming both', async () => {
    const { done } = serve({}, { LOG_LEVEL: 'silent', PORT: '0' });
    const error = await done.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadInputError);
    expect((error as Error).message).toContain('PINGATE_WEBHOOK_SECRET');
    expect((error as Error).message).toContain('GITLAB_TOKEN');
  });

  it('refuses a bad --cron or --project-concurrency before touching GitLab', async () => {
    await expect(serve({ cron: '61 * * * *' }).done).rejects.toThrow(
      /--cron must be a 5-field cron expression/,
    );
    await expect(serve({ projectConcurrency: '0' }).done).rejects.toThrow(/--project-concurrency must be/);
  });

  it('exits 3 when GitLab refuses the token at start-up', async () => {
    const refused = new ForbiddenError('GitLab GET /user answered 401', {
      request: { method: 'GET', path: '/user' },
      response: { status: 401 },
    });
    const done = runServe(
      { host: '127.0.0.1' },
      {
        env: ENV,
        signals: new EventEmitter(),
        stdout: () => {},
        buildRunner: () => fakeRunner().run,
        platform: { currentUser: () => Promise.reject(refused), hostVersion: async () => ({}) },
      },
    );
    await expect(done).rejects.toBeInstanceOf(PlatformUnavailableError);
    await expect(done).rejects.toThrow('GITLAB_TOKEN refused by http://127.0.0.1:9: it needs the api scope');
  });

  it('exits 2 naming the address when the port is taken', async () => {
    const taken = createNetServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => taken.once('listening', resolve));
    const port = (taken.address() as AddressInfo).port;
    try {
      const { done, signals } = serve({ port: String(port) });
      await expect(done).rejects.toThrow(`cannot listen on 127.0.0.1:${port} (EADDRINUSE)`);
      await expect(done).rejects.toBeInstanceOf(BadInputError);
      expect(signals.listenerCount('SIGTERM')).toBe(0);
    } finally {
      taken.close();
    }
  });
});
