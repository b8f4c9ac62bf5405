/**
 * PEP 440 through @renovatebot/pep440 4.2, wrapped so its sharp edges stay here:
 * it throws on invalid versions, has no `isPrerelease`, and leaves pre-releases out of ranges. Its parsing decides
 * what is valid; specifier checks run on pre-parsed specifiers (specifier.ts), with the library's answers.
 */
import { explain as pep440Explain, validRange } from '@renovatebot/pep440';
import { type CompiledSpecifier, compileSpecifier } from './specifier.js';

/** How far an update moves a version; the one list (renovate.json's `matchUpdateTypes` accepts exactly these). */
export const UPDATE_TYPES = ['major', 'minor', 'patch'] as const;
export type UpdateType = (typeof UPDATE_TYPES)[number];

type Explained = NonNullable<ReturnType<typeof pep440Explain>>;

/**
 * A plan parses the same few tens of thousands of version strings many times over (filters, sorts, update
 * types): parse each once. Bounded so a long-running server does not grow without end.
 */
const explained = new Map<string, Explained | null>();

function explain(version: string): Explained | null {
  let found = explained.get(version);
  if (found === undefined) {
    found = pep440Explain(version);
    if (explained.size > 100_000) explained.clear();
    explained.set(version, found);
  }
  return found;
}

export function isValidVersion(version: string): boolean {
  return explain(version) !== null;
}

/**
 * Negative, zero or positive like `Array.prototype.sort` wants, in PEP 440 order (as `packaging` sorts):
 * epoch, release (trailing zeros ignored), pre-release, post-release, dev release, local label.
 * Throws a TypeError on an invalid version.
 */
export function compareVersions(a: string, b: string): number {
  const x = explainOrThrow(a);
  const y = explainOrThrow(b);
  return (
    Math.sign(x.epoch - y.epoch) ||
    compareRelease(x.release, y.release) ||
    compareKeys(preKey(x), preKey(y)) ||
    compareKeys([numberOr(x.post, -Infinity)], [numberOr(y.post, -Infinity)]) ||
    compareKeys([numberOr(x.dev, Infinity)], [numberOr(y.dev, Infinity)]) ||
    compareLocal(x.local, y.local)
  );
}

/** The library types post and dev loosely; at run time they are a number or null. */
function numberOr(value: unknown, none: number): number {
  return value === null || value === undefined ? none : Number(value);
}

function compareRelease(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

const preRank: Record<string, number> = { a: 0, alpha: 0, b: 1, beta: 1, c: 2, rc: 2, pre: 2, preview: 2 };

/** A dev release of a final version sorts before its pre-releases; a final version after them. */
function preKey(v: Explained): number[] {
  if (!v.pre) return v.post === null && v.dev !== null ? [-Infinity] : [Infinity];
  return [preRank[String(v.pre[0])] ?? 0, Number(v.pre[1])];
}

function compareKeys(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i += 1) {
    if (a[i]! !== b[i]!) return a[i]! < b[i]! ? -1 : 1;
  }
  return 0;
}

/** No label sorts first; segments compare numerically when both are numbers, numbers after words. */
function compareLocal(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  const x = a.toLowerCase().split(/[-_.]/);
  const y = b.toLowerCase().split(/[-_.]/);
  for (let i = 0; i < Math.max(x.length, y.length); i += 1) {
    const p = x[i];
    const q = y[i];
    if (p === undefined || q === undefined) return p === undefined ? -1 : 1;
    const pn = /^\d+$/.test(p);
    const qn = /^\d+$/.test(q);
    if (pn && qn && Number(p) !== Number(q)) return Number(p) < Number(q) ? -1 : 1;
    if (pn !== qn) return pn ? 1 : -1;
    if (!pn && p !== q) return p < q ? -1 : 1;
  }
  return 0;
}

/** True for pre-releases and dev releases (`2.0b1`, `2.0.dev3`), as in `packaging`. False when invalid. */
export function isPrerelease(version: string): boolean {
  return explain(version)?.is_prerelease ?? false;
}

/** `''` (no constraint) is valid; so are `>=1.0,<2`, `==1.*`, `~=1.4.2`, `===foo`. */
export function isValidSpecifier(specifier: string): boolean {
  // What nearly every pin is (`==1.2.3`) is valid without the library's regular expressions: 15 µs a line, on a
  // thousand-line file 15 ms of start-up. Anything else is the library's to judge.
  if (PLAIN_CLAUSE.test(specifier)) return true;
  return remember(validSpecifiers, specifier, () => validRange(specifier));
}

/** One clause on a release number of digits and dots; `~=` needs two components at least (PEP 440). */
const PLAIN_CLAUSE = /^(?:(?:==|!=|<=|>=|<|>)\d+(?:\.\d+)*|~=\d+(?:\.\d+)+)$/;

const validSpecifiers = new Map<string, boolean>();
const compiledSpecifiers = new Map<string, CompiledSpecifier>();
const runtime = { explain, compare: compareVersions };

/** Answers from a bounded memo: the same specifiers and versions recur across thousands of releases. */
function remember<T>(memo: Map<string, T>, key: string, compute: () => T): T {
  const known = memo.get(key);
  if (known !== undefined) return known;
  const value = compute();
  if (memo.size > 100_000) memo.clear();
  memo.set(key, value);
  return value;
}

/**
 * Whether `version` is inside `specifier`. False on an invalid version or specifier.
 * A pre-release counts when it is inside the range (`2.0b1` satisfies `>=1.0`), which is what pip does for a
 * requirement once pre-releases are in play; deciding whether pre-releases are wanted at all is the caller's job.
 */
export function satisfiesSpecifier(version: string, specifier: string): boolean {
  const facts = explain(version);
  if (!facts || !isValidSpecifier(specifier)) {
    return false;
  }
  const check = remember(compiledSpecifiers, specifier, () => compileSpecifier(specifier, runtime));
  return check(version, facts);
}

/**
 * Renovate's pep440 versioning: major is the first release segment, minor the second, the rest is a patch.
 * An epoch change is a major update. Throws a TypeError on an invalid version.
 */
export function updateType(from: string, to: string): UpdateType {
  const a = explainOrThrow(from);
  const b = explainOrThrow(to);
  if (a.epoch !== b.epoch || a.release[0] !== b.release[0]) {
    return 'major';
  }
  if ((a.release[1] ?? 0) !== (b.release[1] ?? 0)) {
    return 'minor';
  }
  return 'patch';
}

/** The first release segment (`2` for `1!2.3`). Throws a TypeError on an invalid version. */
export function majorOf(version: string): number {
  return explainOrThrow(version).release[0] ?? 0;
}

/** The local label as written (`cpu.1` for `2.1.0+cpu.1`), or undefined. */
export function localOf(version: string): string | undefined {
  if (!isValidVersion(version)) {
    return undefined;
  }
  const plus = version.indexOf('+');
  return plus === -1 ? undefined : version.slice(plus + 1);
}

function explainOrThrow(version: string): Explained {
  const explained = explain(version);
  if (!explained) {
    throw new TypeError(`not a PEP 440 version: ${JSON.stringify(version)}`);
  }
  return explained;
}
