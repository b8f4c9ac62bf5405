/**
 * `pingate render --override NAME=URL`: the constraints file with one package swapped for a direct reference,
 * for pipeline jobs that test a branch of one package against the known-good rest.
 */
import { BadInputError } from '../errors.js';
import { isValidName, normalizeName } from '../versioning/normalize.js';
import { LINE_BREAK } from './lines.js';
import type { ConstraintsFile, Entry } from './types.js';

export interface Override {
  name: string;
  url: string;
}

const EXAMPLE = 'cki-lib=git+https://gitlab.com/cki-project/cki-lib.git@main';

/**
 * Every line of a named package (pins, ranges, references; matched by PEP 503 name, `# pingate: ignore` or not)
 * becomes `NAME[extras] @ URL`, keeping its marker; a package the file does not name is appended. Every other
 * byte stays as it is.
 */
export function renderWithOverrides(file: ConstraintsFile, overrides: Override[]): string {
  const byName = new Map(overrides.map((override) => [normalizeName(override.name), override]));
  const used = new Set<string>();
  let text = '';
  let copied = 0;
  for (const entry of file.entries) {
    const normalized = nameOf(entry);
    const override = normalized === undefined ? undefined : byName.get(normalized);
    if (override === undefined || normalized === undefined) {
      continue;
    }
    used.add(normalized);
    text += file.text.slice(copied, entry.span.start) + directReference(entry, override);
    copied = entry.span.end;
  }
  text += file.text.slice(copied);
  const missing = [...byName].filter(([normalized]) => !used.has(normalized));
  if (missing.length === 0) {
    return text;
  }
  // Lines added are ended as the file ends its lines (pip reads any of them as a line break).
  const ending = LINE_BREAK.exec(file.text)?.[0] ?? '\n';
  const separator = text === '' || LINE_BREAK.test(text.at(-1) ?? '') ? '' : ending;
  return (
    text + separator + missing.map(([, override]) => `${override.name} @ ${override.url}${ending}`).join('')
  );
}

function nameOf(entry: Entry): string | undefined {
  return entry.kind === 'pin' || entry.kind === 'requirement' || entry.kind === 'reference'
    ? entry.normalizedName
    : undefined;
}

function directReference(entry: Entry, override: Override): string {
  if (entry.kind !== 'pin' && entry.kind !== 'requirement' && entry.kind !== 'reference') {
    return '';
  }
  const extras = entry.extras && entry.extras.length > 0 ? `[${entry.extras.join(',')}]` : '';
  // A space before `;` is required: without it pip would read the marker as part of the URL.
  const marker = entry.markerText ? ` ; ${entry.markerText}` : '';
  return `${entry.name ?? override.name}${extras} @ ${override.url}${marker}`;
}

/** Reads one `NAME=URL` argument. */
export function parseOverride(argument: string): Override {
  const equals = argument.indexOf('=');
  if (equals === -1) {
    throw overrideError(`--override ${JSON.stringify(argument)}`, 'found no "="');
  }
  return checked(
    argument.slice(0, equals).trim(),
    argument.slice(equals + 1).trim(),
    `--override ${JSON.stringify(argument)}`,
  );
}

/**
 * Every `<name>_pip_url` variable (e.g. `cki_lib_pip_url=git+https://…`): the prefix is the package name, so
 * `cki_lib` means `cki-lib` (PEP 503 treats `_` and `-` alike). Empty values are skipped, because CI systems often
 * define a variable with nothing in it. Sorted by variable name, so the output does not depend on the environment's order.
 */
export function overridesFromEnv(env: NodeJS.ProcessEnv): Override[] {
  return Object.keys(env)
    .filter((key) => key.endsWith('_pip_url') && (env[key] ?? '').trim() !== '')
    .sort()
    .map((key) => {
      const name = key.slice(0, -'_pip_url'.length);
      // The label names the variable only: its value may hold a token.
      return checked(normalizeName(name), (env[key] ?? '').trim(), `variable ${key}`);
    });
}

function checked(name: string, url: string, label: string): Override {
  if (!isValidName(name)) {
    throw overrideError(label, `found ${JSON.stringify(name)}, which is not a package name`);
  }
  if (url === '') {
    throw overrideError(label, 'found no URL after "="');
  }
  if (/\s/.test(url)) {
    throw overrideError(label, 'found whitespace in the URL');
  }
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:\S/.test(url)) {
    throw overrideError(label, 'found something that is not a URL (git+https://…, https://…, file://…)');
  }
  return { name, url };
}

function overrideError(label: string, found: string): BadInputError {
  return new BadInputError(`${label}: expected NAME=URL (e.g. ${EXAMPLE}), ${found}`);
}
