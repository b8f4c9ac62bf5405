import { randomUUID } from 'node:crypto';
import { afterEach } from 'vitest';
import { createServer, type PingateServer, type ServerOptions } from '../../src/server/app.js';
import { BOT_ID, EVENT_OF, fakeRunner, type HookFixture } from './helpers.js';

export const SECRET = 'whsec-7f3a9c0e1b2d4f6a';

export interface Delivery {
  event?: string | null;
  body: unknown;
  /** null: no header at all. */
  token?: string | null;
  uuid?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

export interface Answer {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: JSON answers are checked field by field
  json: any;
  text: string;
  headers: Headers;
}

export interface Started {
  server: PingateServer;
  runner: ReturnType<typeof fakeRunner>;
  url: string;
  post(delivery: Delivery): Promise<Answer>;
  postHook(name: HookFixture, payload: unknown, extra?: Partial<Delivery>): Promise<Answer>;
  get(path: string): Promise<Answer>;
}

/** Starts the real server on 127.0.0.1 with a fake runner; every server is closed after its test. */
export function useServers(): (options?: Partial<ServerOptions>) => Promise<Started> {
  const started: PingateServer[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((server) => server.close()));
  });
  return async (options = {}) => {
    const runner = fakeRunner();
    const server = createServer({
      runPass: runner.run,
      webhookSecret: SECRET,
      botUserId: async () => BOT_ID,
      ...options,
    });
    started.push(server);
    const { url } = await server.listen(0, '127.0.0.1');
    const post = (delivery: Delivery) => send(url, delivery);
    return {
      server,
      runner,
      url,
      post,
      postHook: (name, payload, extra = {}) => post({ event: EVENT_OF[name], body: payload, ...extra }),
      get: async (path) => answer(await fetch(`${url}${path}`)),
    };
  };
}

async function send(url: string, delivery: Delivery): Promise<Answer> {
  const headers: Record<string, string> = {
    'Content-Type': delivery.contentType ?? 'application/json',
    'X-Gitlab-Event-UUID': delivery.uuid ?? randomUUID(),
    'X-Gitlab-Webhook-UUID': randomUUID(),
    ...delivery.headers,
  };
  if (delivery.event !== null) headers['X-Gitlab-Event'] = delivery.event ?? 'Issue Hook';
  if (delivery.token !== null) headers['X-Gitlab-Token'] = delivery.token ?? SECRET;
  const body =
    typeof delivery.body === 'string' || Buffer.isBuffer(delivery.body)
      ? delivery.body
      : JSON.stringify(delivery.body);
  return answer(await fetch(`${url}/webhook`, { method: 'POST', headers, body }));
}

async function answer(response: Response): Promise<Answer> {
  const text = await response.text();
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, json, text, headers: response.headers };
}
