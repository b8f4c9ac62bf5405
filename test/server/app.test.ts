import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { BOT_ID, flush, hook, PERSON_ID } from './helpers.js';
import { parseExposition, sampleValue } from './prometheus-text.js';
import { SECRET, useServers } from './server-harness.js';

const start = useServers();

describe('POST /webhook: who may call', () => {
  it('answers 401 to a missing or wrong token, before reading the body, and runs nothing', async () => {
    const { post, runner } = await start();
    const missing = await post({ body: hook('issue-dashboard-ticked'), token: null });
    expect(missing.status).toBe(401);
    expect(missing.json).toEqual({ error: expect.stringContaining('missing X-Gitlab-Token') });
    const wrong = await post({ body: hook('issue-dashboard-ticked'), token: `${SECRET}x` });
    expect(wrong.status).toBe(401);
    expect(wrong.json.error).toBe('X-Gitlab-Token does not match PINGATE_WEBHOOK_SECRET');
    const wrongAndGarbage = await post({ body: '{not json', token: 'nope' });
    expect(wrongAndGarbage.status).toBe(401);
    await flush();
    expect(runner.calls).toEqual([]);
  });
});

describe('POST /webhook: what it accepts', () => {
  it('answers 413 to a body over 1 MiB', async () => {
    const { post, runner } = await start();
    const payload = hook('issue-dashboard-ticked');
    payload.object_attributes.description = 'x'.repeat(2 * 1024 * 1024);
    const answer = await post({ body: payload });
    expect(answer.status).toBe(413);
    expect(answer.json).toEqual({ error: 'body over 1 MiB' });
    expect(runner.calls).toEqual([]);
  });

  it('answers 400 to a body that is not JSON, whatever its content type, and to an empty one', async () => {
    const { post } = await start();
    const broken = await post({ body: '{"object_kind": "issue",' });
    expect(broken.status).toBe(400);
    expect(broken.json.error).toMatch(/^body is not JSON: /);
    const form = await post({ body: 'a=1&b=2', contentType: 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(400);
    expect((await post({ body: '' })).json).toEqual({ error: 'empty body; expected JSON' });
  });

  it('reads JSON sent with another content type, as GitLab payloads are JSON whatever the header says', async () => {
    const { post, server, runner } = await start();
    const answer = await post({
      body: JSON.stringify(hook('issue-dashboard-ticked')),
      contentType: 'text/plain',
    });
    expect(answer.status).toBe(202);
    await server.queue.idle();
    expect(runner.calls).toHaveLength(1);
  });

  it('answers 400 naming the field when the payload does not fit the event', async () => {
    const { post } = await start();
    const payload = hook('issue-dashboard-ticked');
    delete payload.project;
    const answer = await post({ body: payload });
    expect(answer.status).toBe(400);
    expect(answer.json.error).toMatch(/^Issue Hook payload: project: /);
  });

  it('answers 204 with the reason to events it does not use', async () => {
    const { post, runner } = await start();
    const note = await post({ event: 'Note Hook', body: { object_kind: 'note' } });
    expect(note.status).toBe(204);
    expect(note.headers.get('x-pingate-reason')).toBe('event "Note Hook" is not used');
    expect((await post({ event: null, body: {} })).status).toBe(204);
    const other = hook('issue-dashboard-ticked');
    other.object_attributes.title = 'Crash on start';
    other.object_attributes.description = 'trace';
    const unrelated = await post({ body: other });
    expect([unrelated.status, unrelated.headers.get('x-pingate-reason')]).toEqual([
      204,
      'not the dependency dashboard',
    ]);
    expect(runner.calls).toEqual([]);
  });

  it('answers JSON, never a stack trace, to what the body parser refuses', async () => {
    const { post } = await start();
    const answer = await post({
      body: gzipSync('{}'),
      headers: { 'Content-Encoding': 'x-squash' },
    });
    expect(answer.status).toBe(415);
    expect(answer.json).toEqual({ error: 'unsupported content encoding "x-squash"' });
    expect(answer.text).not.toMatch(/\bat .*\.(js|ts):\d+/);
  });
});

describe('POST /webhook: what it does', () => {
  it('answers 202 at once to a ticked dashboard box and runs a pass with the editor', async () => {
    const { post, runner, server } = await start();
    runner.hold();
    const answer = await post({ body: hook('issue-dashboard-ticked') });
    expect(answer.status).toBe(202);
    expect(answer.json).toEqual({ accepted: true, requestId: expect.any(String) });
    expect(answer.headers.get('x-request-id')).toBe(answer.json.requestId);
    await flush();
    // Answered while the pass is still running.
    expect(server.queue.running()).toBe(1);
    runner.release();
    await server.queue.idle();
    expect(runner.calls).toEqual([
      {
        project: 'acme/inventory',
        trigger: { reason: 'issue', editorId: PERSON_ID, requestId: answer.json.requestId },
      },
    ]);
  });

  it('handles a repeated delivery (same X-Gitlab-Event-UUID) once', async () => {
    const { post, runner, server } = await start();
    const first = await post({
      body: hook('issue-dashboard-ticked'),
      uuid: 'e3b0c442-98fc-1c14-9afb-f4c8996fb924',
    });
    await server.queue.idle();
    const again = await post({
      body: hook('issue-dashboard-ticked'),
      uuid: 'e3b0c442-98fc-1c14-9afb-f4c8996fb924',
    });
    await server.queue.idle();
    expect([first.status, again.status]).toEqual([202, 200]);
    expect(again.json).toMatchObject({ accepted: false, duplicate: true });
    expect(runner.calls).toHaveLength(1);
  });

  it("ignores the bot's own edits but not the pipelines of its branches", async () => {
    const { postHook, runner, server } = await start();
    const own = hook('issue-dashboard-ticked');
    own.user.id = BOT_ID;
    const ownAnswer = await postHook('issue-dashboard-ticked', own);
    expect([ownAnswer.status, ownAnswer.headers.get('x-pingate-reason')]).toEqual([
      204,
      'caused by the bot itself',
    ]);
    const pipeline = await postHook('pipeline-bot-branch-success', hook('pipeline-bot-branch-success'));
    expect(pipeline.status).toBe(202);
    await server.queue.idle();
    expect(runner.calls.map((call) => call.trigger.reason)).toEqual(['pipeline']);
  });

  it('leaves alone an MR on a bot-looking branch that someone else opened', async () => {
    const { postHook, runner } = await start();
    const foreign = hook('merge-request-merged');
    foreign.object_attributes.author_id = PERSON_ID;
    const answer = await postHook('merge-request-merged', foreign);
    expect([answer.status, answer.headers.get('x-pingate-reason')]).toEqual([
      204,
      'merge request not opened by the bot',
    ]);
    expect(runner.calls).toEqual([]);
  });

  it('lets events through when the bot user cannot be had: a pass too many is harmless', async () => {
    const { postHook, server, runner } = await start({
      botUserId: () => Promise.reject(new Error('GitLab unreachable')),
    });
    expect((await postHook('merge-request-merged', hook('merge-request-merged'))).status).toBe(202);
    await server.queue.idle();
    expect(runner.calls).toHaveLength(1);
  });

  it('serves only the configured projects, under the configured spelling', async () => {
    const { postHook, server, runner } = await start({ projects: ['42'] });
    expect((await postHook('push-default-constraints', hook('push-default-constraints'))).status).toBe(202);
    const other = hook('push-default-constraints');
    other.project.id = 43;
    other.project.path_with_namespace = 'acme/billing';
    const answer = await postHook('push-default-constraints', other);
    expect([answer.status, answer.headers.get('x-pingate-reason')]).toEqual([
      204,
      'project acme/billing is not served here',
    ]);
    await server.queue.idle();
    expect(runner.calls.map((call) => call.project)).toEqual(['42']);
  });
});

describe('health, metrics and shutdown', () => {
  it('reports healthy, then 503 to health checks and webhooks while shutting down', async () => {
    const { get, post, server, runner } = await start();
    expect(await get('/healthz')).toMatchObject({ status: 200, json: { status: 'ok' } });
    runner.hold();
    await post({ body: hook('issue-dashboard-ticked') });
    await flush();
    const closing = server.close();
    // The listener is closed: look at the app through a second one.
    const probe = createHttpServer(server.app).listen(0, '127.0.0.1');
    await new Promise((resolve) => probe.once('listening', resolve));
    const base = `http://127.0.0.1:${(probe.address() as AddressInfo).port}`;
    expect((await fetch(`${base}/healthz`)).status).toBe(503);
    const late = await fetch(`${base}/webhook`, {
      method: 'POST',
      headers: { 'X-Gitlab-Token': SECRET, 'X-Gitlab-Event': 'Issue Hook' },
      body: JSON.stringify(hook('issue-dashboard-ticked')),
    });
    expect(late.status).toBe(503);
    let done = false;
    void closing.then(() => {
      done = true;
    });
    await flush();
    expect(done).toBe(false);
    runner.release();
    await closing;
    probe.close();
    expect(runner.calls).toHaveLength(1);
  });

  it('shows passes and answers in Prometheus text format', async () => {
    const { get, post, server } = await start();
    await post({ body: hook('issue-dashboard-ticked') });
    await post({ event: 'Note Hook', body: {} });
    await server.queue.idle();
    const metrics = await get('/metrics');
    expect(metrics.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = parseExposition(metrics.text);
    expect(sampleValue(text, 'pingate_passes_total', { outcome: 'ok' })).toBe(1);
    expect(sampleValue(text, 'pingate_webhook_responses_total', { status: '202' })).toBe(1);
    expect(sampleValue(text, 'pingate_webhook_responses_total', { status: '204' })).toBe(1);
    expect(sampleValue(text, 'pingate_merge_requests_created_total')).toBe(1);
    expect(sampleValue(text, 'pingate_lookups_total')).toBe(12);
    expect(sampleValue(text, 'pingate_queue_depth')).toBe(0);
    expect(sampleValue(text, 'pingate_pass_duration_seconds_bucket', { le: '2.5' })).toBe(1);
    expect(text.types.get('pingate_pass_duration_seconds')).toBe('histogram');
  });

  it('answers unknown paths with JSON 404', async () => {
    const { get } = await start();
    const answer = await get('/nope');
    expect(answer.status).toBe(404);
    expect(answer.json.error).toMatch(/^not found/);
  });
});

describe('logs', () => {
  it('are JSON lines with a request id per delivery, and never show a token', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'debug' }, { write: (line: string) => lines.push(line) });
    const { post, server } = await start({ logger });
    const accepted = await post({ body: hook('issue-dashboard-ticked') });
    await post({ body: hook('issue-dashboard-ticked'), token: 'guessed-token-1234' });
    await server.queue.idle();
    const entries = lines.map((line) => JSON.parse(line));
    const answered = entries.filter((entry) => entry.msg === 'webhook answered');
    expect(answered.map((entry) => entry.status)).toEqual([202, 401]);
    expect(new Set(answered.map((entry) => entry.requestId)).size).toBe(2);
    expect(entries.find((entry) => entry.msg === 'pass finished')?.requestId).toBe(accepted.json.requestId);
    const text = lines.join('');
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('guessed-token-1234');
  });
});
