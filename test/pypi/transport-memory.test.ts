/**
 * Memory: what the transport keeps after a request. Its own file, without nock, whose interception of node:http
 * would stand between the transport and the socket.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { createTransport, type Transport } from '../../src/pypi/transport.js';

describe('kept-alive sockets', () => {
  it('do not hold on to the last body they read', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const body = 'x'.repeat(200_000);
    const server = createServer((_request, response) => response.end(body));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/pypi/demo/json`;
    const transport = createTransport({ maxSockets: 1, timeoutMs: 5_000 });

    const payload = await weakPayload(transport, url);
    // The socket now waits in the agent for the next request; the body must be free to go.
    for (let i = 0; i < 10 && payload.deref(); i += 1) {
      await new Promise((resolve) => setImmediate(resolve));
      gc();
    }

    expect(payload.deref()).toBeUndefined();
    transport.close();
    await new Promise((resolve) => server.close(resolve));
  });
});

/** GETs `url` and keeps only a weak reference to the body, in a frame of its own that ends here. */
async function weakPayload(transport: Transport, url: string): Promise<WeakRef<Buffer>> {
  const response = await transport.get(url, {}, () => {});
  expect(response.payload.length).toBe(200_000);
  return new WeakRef(response.payload);
}
