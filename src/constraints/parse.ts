/**
 * Lossless parse of a constraints/requirements file (SPEC §2). The text is kept as it is; entries only point into it
 * with spans, so writing the file back is `file.text` and an update is a splice of a few spans.
 */

import { normalizeName } from '../versioning/normalize.js';
import { isValidVersion } from '../versioning/pep440.js';
import { parseRequirement, type Requirement, RequirementSyntaxError } from '../versioning/requirement.js';
import { describeFound } from '../versioning/scanner.js';
import {
  commentStart,
  joinLines,
  type LogicalLine,
  locate,
  type PhysicalLine,
  spanOf,
  splitLines,
} from './lines.js';
import { parseOptionLine } from './option-line.js';
import { looksLikeReference, referenceNames } from './reference.js';
import type { ConstraintsFile, Diagnostic, Entry, HashOption } from './types.js';

const IGNORE_COMMENT = /\b(?:pingate|renovate):\s*ignore\b/;

interface Context {
  path: string;
  lines: PhysicalLine[];
  logical: LogicalLine;
}

/** A line that is not a valid form: `at` is the offset into the logical line's text. */
class LineError extends Error {
  constructor(
    message: string,
    readonly at: number,
  ) {
    super(message);
  }
}

export function parseConstraints(text: string, path: string): ConstraintsFile {
  const lines = splitLines(text);
  const entries = joinLines(text, lines).map((logical) => parseLogicalLine({ path, lines, logical }));
  const diagnostics = entries.flatMap((entry) => (entry.kind === 'invalid' ? [entry.diagnostic] : []));
  return { path, text, entries, diagnostics };
}

function parseLogicalLine(context: Context): Entry {
  const { logical } = context;
  const base = { line: logical.line, span: logical.span };
  const hash = commentStart(logical.text);
  const content = hash === -1 ? logical.text : logical.text.slice(0, hash);
  const comment = hash === -1 ? '' : logical.text.slice(hash);
  const bodyStart = content.length - content.trimStart().length;
  const body = content.trim();
  if (body === '') {
    return comment === '' ? { kind: 'blank', ...base } : { kind: 'comment', ...base };
  }
  try {
    if (body.startsWith('-')) {
      return parseOptionEntry(context, body, bodyStart);
    }
    return parseRequirementLine(context, content, bodyStart, IGNORE_COMMENT.test(comment));
  } catch (error) {
    if (error instanceof LineError) {
      return { kind: 'invalid', ...base, diagnostic: diagnosticAt(context, error.at, error.message) };
    }
    throw error;
  }
}

function parseOptionEntry(context: Context, body: string, bodyStart: number): Entry {
  const base = { line: context.logical.line, span: context.logical.span };
  const parsed = parseOptionLine(body);
  if (!parsed.ok) {
    throw new LineError(parsed.message, bodyStart + parsed.at);
  }
  if (parsed.option === '--editable') {
    const target = parsed.value ?? '';
    return { kind: 'reference', ...base, ...referenceNames(target), target, editable: true };
  }
  return parsed.value === undefined
    ? { kind: 'option', ...base, option: parsed.option }
    : { kind: 'option', ...base, option: parsed.option, value: parsed.value };
}

function parseRequirementLine(context: Context, content: string, bodyStart: number, ignored: boolean): Entry {
  const { logical } = context;
  const base = { line: logical.line, span: logical.span };
  const optionsStart = findOptions(content, bodyStart);
  const requirementText = content.slice(bodyStart, optionsStart).trimEnd();
  const hashes = parseHashes(context, content, optionsStart);
  if (looksLikeReference(requirementText)) {
    return {
      kind: 'reference',
      ...base,
      ...referenceNames(requirementText),
      target: requirementText,
      editable: false,
    };
  }
  const requirement = parseOrThrow(requirementText, bodyStart);
  const names = {
    name: requirement.name,
    normalizedName: normalizeName(requirement.name),
    extras: requirement.extras,
  };
  const markers = requirement.marker
    ? { markerText: requirement.markerText!, marker: requirement.marker }
    : ({} as Record<string, never>);
  if (requirement.url !== undefined) {
    return { kind: 'reference', ...base, ...names, ...markers, target: requirement.url, editable: false };
  }
  const [clause, ...others] = requirement.clauses;
  // `==1.*` is a range; `===foo` with no PEP 440 version cannot be compared with releases: both are "not pinned".
  const exact =
    clause &&
    others.length === 0 &&
    (clause.operator === '==' || clause.operator === '===') &&
    isValidVersion(clause.version);
  if (!exact) {
    return { kind: 'requirement', ...base, ...names, specifier: requirement.specifier, ...markers };
  }
  return {
    kind: 'pin',
    ...base,
    ...names,
    operator: clause.operator as '==' | '===',
    version: clause.version,
    versionSpan: spanOf(logical, bodyStart + clause.start, bodyStart + clause.end),
    ...markers,
    hashes,
    ignored,
  };
}

function parseOrThrow(requirementText: string, bodyStart: number): Requirement {
  try {
    return parseRequirement(requirementText);
  } catch (error) {
    if (error instanceof RequirementSyntaxError) {
      throw new LineError(error.message, bodyStart + error.column);
    }
    throw error;
  }
}

/** Where per-requirement options start: the first whitespace-preceded `-` outside a quoted marker string. */
function findOptions(content: string, from: number): number {
  let quote: string | undefined;
  for (let i = from; i < content.length; i += 1) {
    const char = content[i]!;
    if (quote) {
      quote = char === quote ? undefined : quote;
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (char === '-' && i > from && /\s/.test(content[i - 1]!)) {
      return i;
    }
  }
  return content.length;
}

/** Reads `--hash=algo:digest` / `--hash algo:digest` options; anything else there is an error. */
function parseHashes(context: Context, content: string, from: number): HashOption[] {
  const hashes: HashOption[] = [];
  const token = /\S+/g;
  token.lastIndex = from;
  for (let found = token.exec(content); found; found = token.exec(content)) {
    const start = found.index;
    let value: RegExpExecArray | null = found;
    let valueStart = start;
    if (found[0] === '--hash') {
      value = token.exec(content);
      valueStart = value?.index ?? content.length;
    } else if (found[0].startsWith('--hash=')) {
      valueStart = start + '--hash='.length;
    } else {
      throw new LineError(`expected --hash=ALGORITHM:DIGEST or a "#" comment, found "${found[0]}"`, start);
    }
    const end = value ? value.index + value[0].length : content.length;
    const hash = /^([A-Za-z0-9]+):([A-Fa-f0-9]+)$/.exec(content.slice(valueStart, end));
    if (!hash) {
      throw new LineError(
        `expected ALGORITHM:DIGEST after "--hash", found ${describeFound(content, valueStart)}`,
        valueStart,
      );
    }
    hashes.push({ algorithm: hash[1]!, digest: hash[2]!, span: spanOf(context.logical, start, end) });
  }
  return hashes;
}

function diagnosticAt(context: Context, at: number, message: string): Diagnostic {
  const { logical, lines, path } = context;
  const offset = logical.offsets[Math.min(at, logical.text.length)]!;
  return { file: path, ...locate(lines, offset), message };
}
