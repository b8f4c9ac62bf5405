import { type Logger, pino } from 'pino';

/** Logs are JSON lines on stderr (SPEC §4); human output goes to stdout. Secrets never reach a log call. */
export function createLogger(level: string): Logger {
  return pino(
    {
      level,
      base: undefined,
      redact: ['token', '*.token', 'headers.authorization', 'headers["private-token"]'],
    },
    pino.destination(2),
  );
}
