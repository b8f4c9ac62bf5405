/**
 * The one way tests use nock: no request leaves the machine except to 127.0.0.1 (local fake servers), a request no
 * mock matches fails the test, and so does a mock the test set up but never used.
 */
import nock from 'nock';
import { afterEach, beforeEach } from 'vitest';

export { nock };

/** Call at the top of a test file (or a describe block) that uses nock. */
export function useNock(): void {
  let unmatched: string[] = [];
  const onNoMatch = (request: { method?: string; href?: string; path?: string }): void => {
    unmatched.push(`${request.method ?? 'GET'} ${request.href ?? request.path ?? '?'}`);
  };

  beforeEach(() => {
    unmatched = [];
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    nock.emitter.on('no match', onNoMatch);
  });

  afterEach(() => {
    nock.emitter.removeListener('no match', onNoMatch);
    const pending = nock.pendingMocks();
    nock.abortPendingRequests();
    nock.cleanAll();
    nock.enableNetConnect();
    // Requests to 127.0.0.1 pass through nock as "no match" events; they are not errors.
    const stray = unmatched.filter((line) => !/\/\/127\.0\.0\.1[:/]/.test(line));
    if (stray.length > 0) {
      throw new Error(`requests no nock mock matched:\n  ${stray.join('\n  ')}`);
    }
    if (pending.length > 0) {
      throw new Error(`nock mocks set up but never used:\n  ${pending.join('\n  ')}`);
    }
  });
}
