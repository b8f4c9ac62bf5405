import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, expect } from 'vitest';
import { PlatformError } from '../../../src/platform/errors.js';

/** What a platform call rejected with; fails the test unless it is a `PlatformError`. */
export async function failure(pending: Promise<unknown>): Promise<PlatformError> {
  const error = await pending.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(PlatformError);
  return error as PlatformError;
}

/** A real HTTP server on 127.0.0.1 per test (for what nock cannot do: refuse, drop, never answer), closed after it. */
export function useLocalServer(): {
  listen(handler: Parameters<typeof createServer>[1]): Promise<string>;
  stop(): Promise<void>;
} {
  let server: Server | undefined;
  const stop = async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
    server = undefined;
  };
  afterEach(stop);
  return {
    async listen(handler) {
      server = createServer(handler);
      await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    },
    // Closes the listener but keeps the test's URL: connections to it are then refused.
    stop,
  };
}
