/**
 * The resolver's state for one target Python: the packages chosen so far (every pin, and the releases picked for
 * packages no line pins), the extras asked of each, and the requirements on packages not chosen yet. `propagate`
 * expands what a chosen release requires until nothing is left to expand; a requirement a chosen release does not
 * meet is a conflict, told as the chain of requirements that led to it.
 *
 * Every node and failure carries its `blame`: the packages no line pins whose chosen releases brought it about
 * (pins are fixed and blame nothing). A failure that does not blame a package cannot be undone by trying another
 * release of it, so the search jumps back past it (conflict-directed backjumping).
 *
 * A look-up not made yet does not stop the search: the requirements it would give are left out and the look-up is
 * noted in `unread`. Leaving requirements out only widens what is allowed, so a conflict found without them stands;
 * a set found without them is a guess, and the search's answer is then every look-up it noted (all asked for at
 * once, instead of one level of requirements per round). A look-up that failed still fails the branch.
 */
import { evaluateMarker } from '../versioning/markers.js';
import { normalizeName } from '../versioning/normalize.js';
import { isValidSpecifier, isValidVersion, satisfiesSpecifier } from '../versioning/pep440.js';
import type { MissingLookup, Requirement, ResolverRelease, ResolverSource, TargetPython } from './types.js';

export interface Node {
  version: string;
  extras: ReadonlySet<string>;
  /** How a person reaches it: `ta 1.1` for a pin, `ta 1.1 → tmid` for a package no line pins. */
  chain: string;
  /** As written in the file, for pins; the normal name otherwise. */
  label: string;
  pinned: boolean;
  moved: boolean;
  /** The packages no line pins whose choices put it here with these extras (itself included when not pinned). */
  blame: Blame;
}

/** Names of packages no line pins; shared, never changed once made. */
export type Blame = ReadonlySet<string>;

export const noBlame: Blame = new Set();

/** A requirement on a package not chosen yet, the chain of the release that states it, and that release's blame. */
export interface Demand {
  requirement: Requirement;
  chain: string;
  blame: Blame;
}

export interface State {
  nodes: Map<string, Node>;
  demands: Map<string, Demand[]>;
  /** Releases (and extras of them) whose requirements are still to be expanded: name, extra ('' = base), chain. */
  pending: [string, string, string][];
  /** Look-ups not made yet that this branch went past (see above). */
  unread: MissingLookup[];
}

/**
 * Shared by every solve of one target Python in this process (`memoFor`): marker and specifier answers recur across
 * a whole file, and across the files of many projects, which share their index pages.
 */
export interface SolveMemo {
  markers: Map<string, boolean>;
  /** By specifier, then version: no key to build for the question asked most. */
  specifiers: Map<string, Map<string, boolean>>;
  /**
   * By a page's own list of releases: those a search may choose on this Python, newest first (`candidatesOf`). A
   * page that changes is a new list, so an answer never outlives the releases it was made from.
   */
  ordered: WeakMap<readonly ResolverRelease[], { finals: string[]; all: string[] }>;
  /** Answers held in `markers` and `specifiers`, for the bound. */
  size: number;
}

export interface Context {
  source: ResolverSource;
  target: TargetPython;
  memo: SolveMemo;
}

export type Failure =
  | { kind: 'conflict'; reason: string; blame: Blame }
  | { kind: 'unknown'; missing: MissingLookup[]; blame: Blame };

export function newMemo(): SolveMemo {
  return { markers: new Map(), specifiers: new Map(), ordered: new WeakMap(), size: 0 };
}

/** Answers one memo holds before the next judge starts a new one: a long-running server must not grow without end. */
const MEMO_LIMIT = 1_000_000;
const memos = new Map<string, SolveMemo>();

/**
 * The memo of a target Python for a new judge. Its answers depend on nothing but the Python (markers, specifiers)
 * or the very list they were made from (releases), so every judge of the process may share it.
 */
export function memoFor(target: TargetPython): SolveMemo {
  let memo = memos.get(target.pythonVersion);
  if (!memo || memo.size > MEMO_LIMIT) {
    memo = newMemo();
    memos.set(target.pythonVersion, memo);
  }
  return memo;
}

export function cloneState(state: State): State {
  return {
    nodes: new Map(state.nodes),
    demands: new Map(state.demands),
    pending: [...state.pending],
    unread: [...state.unread],
  };
}

export function union(a: Blame, b: Blame): Blame {
  if (b.size === 0 || a === b) return a;
  if (a.size === 0) return b;
  let merged: Set<string> | undefined;
  for (const name of b) {
    if (a.has(name)) continue;
    merged ??= new Set(a);
    merged.add(name);
  }
  return merged ?? a;
}

export function without(blame: Blame, name: string): Blame {
  if (!blame.has(name)) return blame;
  const rest = new Set(blame);
  rest.delete(name);
  return rest;
}

/** Notes a look-up not made yet, once. */
export function noteUnread(state: State, name: string, version: string | undefined): void {
  if (state.unread.some((m) => m.normalizedName === name && m.version === version)) return;
  state.unread.push(missingOf(name, version, undefined));
}

/** Expands every pending release; the first requirement that a chosen release fails ends it. */
export function propagate(context: Context, state: State): Failure | undefined {
  for (let item = state.pending.pop(); item; item = state.pending.pop()) {
    const [name, extra, chain] = item;
    const node = state.nodes.get(name)!;
    const requirements = context.source.requirements(name, node.version);
    if (requirements === undefined) {
      noteUnread(state, name, node.version);
      continue;
    }
    if (requirements instanceof Error) {
      return { kind: 'unknown', missing: [missingOf(name, node.version, requirements)], blame: node.blame };
    }
    for (const requirement of requirements) {
      if (!appliesFor(context, requirement, extra)) continue;
      // Read again for each: an extra this release asks of itself widens its own blame on the way.
      const failure = require(context, state, requirement, chain, state.nodes.get(name)!.blame);
      if (failure) return failure;
    }
  }
  return undefined;
}

function require(
  context: Context,
  state: State,
  requirement: Requirement,
  chain: string,
  blame: Blame,
): Failure | undefined {
  const name = requirement.normalizedName;
  const node = state.nodes.get(name);
  if (!node) {
    state.demands.set(name, [...(state.demands.get(name) ?? []), { requirement, chain, blame }]);
    return undefined;
  }
  if (!meets(context, requirement, node.version)) {
    const reason = `${chain} → ${requirementText(requirement)}, but ${describe(node)}`;
    return { kind: 'conflict', reason, blame: union(blame, node.blame) };
  }
  const added = requirement.extras.map(normalizeName).filter((extra) => !node.extras.has(extra));
  if (added.length === 0) return undefined;
  const extras = new Set([...node.extras, ...added]);
  state.nodes.set(name, { ...node, extras, blame: union(node.blame, blame) });
  for (const extra of added) {
    state.pending.push([name, extra, `${chain} → ${node.label}[${extra}] ${node.version}`]);
  }
  return undefined;
}

/** How the chosen release reads at the end of a chain. */
export function describe(node: Node): string {
  if (node.moved) return `the update moves ${node.label} to ${node.version}`;
  if (node.pinned) return `${node.label}==${node.version} is pinned`;
  return `${node.label} ${node.version} was chosen for ${node.chain}`;
}

/**
 * A requirement applies to the base of a release (`extra` '') when its marker holds with no extra; to an extra when it
 * holds with that extra and not without it (the base already took it).
 */
function appliesFor(context: Context, requirement: Requirement, extra: string): boolean {
  if (!requirement.marker) return extra === '';
  const key = `${requirement.markerText}\0${extra}`;
  let applies = context.memo.markers.get(key);
  if (applies === undefined) {
    const { environment } = context.target;
    const base = evaluateMarker(requirement.marker, environment, []);
    applies = extra === '' ? base : !base && evaluateMarker(requirement.marker, environment, [extra]);
    context.memo.markers.set(key, applies);
    context.memo.size += 1;
  }
  return applies;
}

/** Whether a version meets a requirement; a direct reference, an unreadable specifier or version passes. */
export function meets(context: Context, requirement: Requirement, version: string): boolean {
  if (requirement.url || requirement.specifier === '') return true;
  let answers = context.memo.specifiers.get(requirement.specifier);
  if (!answers) {
    answers = new Map();
    context.memo.specifiers.set(requirement.specifier, answers);
  }
  let answer = answers.get(version);
  if (answer === undefined) {
    answer =
      !isValidVersion(version) ||
      !isValidSpecifier(requirement.specifier) ||
      satisfiesSpecifier(version, requirement.specifier);
    answers.set(version, answer);
    context.memo.size += 1;
  }
  return answer;
}

export function missingOf(
  normalizedName: string,
  version: string | undefined,
  found: Error | undefined,
): MissingLookup {
  return {
    normalizedName,
    ...(version === undefined ? {} : { version }),
    ...(found ? { error: found.message } : {}),
  };
}

/** `urllib3[socks]<2.1,>=1.25.4`, without its marker. */
export function requirementText(requirement: Requirement): string {
  const extras = requirement.extras.length > 0 ? `[${requirement.extras.join(',')}]` : '';
  const target = requirement.url ? ` @ ${requirement.url}` : requirement.specifier;
  return `${requirement.name}${extras}${target}`;
}
