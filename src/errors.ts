/**
 * The few error kinds pingate distinguishes. Each maps to an exit code in the CLI:
 * bad input or config (2), GitLab refusing us (3); an upstream failure is reported and the pass goes on;
 * anything else is our bug and crashes loudly.
 */

/** A location in a file the user gave us. Lines and columns are 1-based. */
export interface Location {
  file: string;
  line: number;
  column: number;
}

/** The user's input is wrong: a file, a flag, a config value. Exit 2. */
export class BadInputError extends Error {
  override readonly name = 'BadInputError';
  constructor(
    message: string,
    readonly location?: Location,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A service we depend on failed (index, GitLab). Retryable; reported with its reason. */
export class UpstreamError extends Error {
  override readonly name = 'UpstreamError';
  constructor(
    message: string,
    readonly service: string,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** GitLab refused the token or cannot be reached at all. Exit 3. */
export class PlatformUnavailableError extends Error {
  override readonly name = 'PlatformUnavailableError';
}

export function formatLocation(location: Location): string {
  return `${location.file}:${location.line}:${location.column}`;
}
