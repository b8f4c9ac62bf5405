/** Lines that start with `-`: the pip options a requirements file may hold, `-e` excepted (a reference). */

/** What each option needs after it; `undefined` for flags. Keys are long forms. */
const OPTIONS: Record<string, string | undefined> = {
  '--requirement': 'a file',
  '--constraint': 'a file',
  '--index-url': 'a URL',
  '--extra-index-url': 'a URL',
  '--no-index': undefined,
  '--find-links': 'a URL or path',
  '--no-binary': 'package names or :all:',
  '--only-binary': 'package names or :all:',
  '--prefer-binary': undefined,
  '--require-hashes': undefined,
  '--pre': undefined,
  '--trusted-host': 'a host name',
  '--use-feature': 'a feature name',
  '--editable': 'a path or URL',
};

const SHORT: Record<string, string> = {
  '-r': '--requirement',
  '-c': '--constraint',
  '-i': '--index-url',
  '-f': '--find-links',
  '-e': '--editable',
};

export type OptionLine =
  | { ok: true; option: string; value?: string; valueStart: number }
  | { ok: false; message: string; at: number };

/** Reads `body` (trimmed, starting with `-`): `-r file`, `-rfile`, `--index-url URL`, `--index-url=URL`, `--pre`. */
export function parseOptionLine(body: string): OptionLine {
  const written =
    body[1] === '-' ? (/^--[A-Za-z0-9-]+/.exec(body)?.[0] ?? body.slice(0, 2)) : body.slice(0, 2);
  const option = SHORT[written] ?? written;
  if (!(option in OPTIONS)) {
    const token = /^\S+/.exec(body)?.[0] ?? body;
    return {
      ok: false,
      at: 0,
      message: `expected a requirement or a pip option (-r, -c, -i/--index-url, --extra-index-url, -f/--find-links, -e, --pre, …), found "${token}"`,
    };
  }
  let rest = body.slice(written.length);
  let valueStart = written.length;
  if (written.startsWith('--') && rest.startsWith('=')) {
    rest = rest.slice(1);
    valueStart += 1;
  } else if (written.startsWith('--') && rest !== '' && !/^\s/.test(rest)) {
    return {
      ok: false,
      at: written.length,
      message: `expected a space or "=" after "${written}", found "${rest[0]}"`,
    };
  }
  const value = rest.trim();
  valueStart += rest.length - rest.trimStart().length;
  const needs = OPTIONS[option];
  if (needs !== undefined && value === '') {
    return { ok: false, at: body.length, message: `expected ${needs} after "${written}", found end of line` };
  }
  if (needs === undefined && value !== '') {
    return { ok: false, at: valueStart, message: `expected nothing after "${written}", found "${value}"` };
  }
  return value === '' ? { ok: true, option, valueStart } : { ok: true, option, value, valueStart };
}
