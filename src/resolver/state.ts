/**
 * The resolver's state for one target Python: the packages chosen so far (every pin, and the releases picked for
 * packages no line pins), the extras asked of each, and the requirements on packages not chosen yet. `propagate`
 * expands what a chosen release requires until nothing is left to expand; a requirement a chosen release does not
 * meet is a conflict, told as the chain of requirements that led to it.
 */
import { evaluateMarker } from '../versioning/markers.js';
import { normalizeName } from '../versioning/normalize.js';
import { isValidSpecifier, isValidVersion, satisfiesSpecifier } from '../versioning/pep440.js';
import type { MissingLookup, Requirement, ResolverSource, TargetPython } from './types.js';

export interface Node {
  version: string;
  extras: ReadonlySet<string>;
  /** How a person reaches it: `ta 1.1` for a pin, `ta 1.1 → tmid` for a package no line pins. */
  chain: string;
  /** As written in the file, for pins; the normal name otherwise. */
  label: string;
  pinned: boolean;
  moved: boolean;
}

/** A requirement on a package not chosen yet, and the chain of the release that states it. */
export interface Demand {
  requirement: Requirement;
  chain: string;
}

export interface State {
  nodes: Map<string, Node>;
  demands: Map<string, Demand[]>;
  /** Releases (and extras of them) whose requirements are still to be expanded: name, extra ('' = base), chain. */
  pending: [string, string, string][];
}

/** Shared by every solve of one target Python: marker and specifier answers recur across a whole file. */
export interface SolveMemo {
  markers: Map<string, boolean>;
  specifiers: Map<string, boolean>;
}

export interface Context {
  source: ResolverSource;
  target: TargetPython;
  memo: SolveMemo;
}

export type Failure = { kind: 'conflict'; reason: string } | { kind: 'unknown'; missing: MissingLookup[] };

export function newMemo(): SolveMemo {
  return { markers: new Map(), specifiers: new Map() };
}

export function cloneState(state: State): State {
  return { nodes: new Map(state.nodes), demands: new Map(state.demands), pending: [...state.pending] };
}

/** Expands every pending release; the first requirement that a chosen release fails ends it. */
export function propagate(context: Context, state: State): Failure | undefined {
  for (let item = state.pending.pop(); item; item = state.pending.pop()) {
    const [name, extra, chain] = item;
    const node = state.nodes.get(name)!;
    const requirements = context.source.requirements(name, node.version);
    if (requirements === undefined || requirements instanceof Error) {
      return { kind: 'unknown', missing: [missingOf(name, node.version, requirements)] };
    }
    for (const requirement of requirements) {
      if (!appliesFor(context, requirement, extra)) continue;
      const failure = require(context, state, requirement, chain);
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
): Failure | undefined {
  const name = requirement.normalizedName;
  const node = state.nodes.get(name);
  if (!node) {
    state.demands.set(name, [...(state.demands.get(name) ?? []), { requirement, chain }]);
    return undefined;
  }
  if (!meets(context, requirement, node.version)) {
    return { kind: 'conflict', reason: `${chain} → ${requirementText(requirement)}, but ${describe(node)}` };
  }
  const added = requirement.extras.map(normalizeName).filter((extra) => !node.extras.has(extra));
  if (added.length === 0) return undefined;
  state.nodes.set(name, { ...node, extras: new Set([...node.extras, ...added]) });
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
  }
  return applies;
}

/** Whether a version meets a requirement; a direct reference, an unreadable specifier or version passes. */
export function meets(context: Context, requirement: Requirement, version: string): boolean {
  if (requirement.url || requirement.specifier === '') return true;
  const key = `${requirement.specifier}\0${version}`;
  let answer = context.memo.specifiers.get(key);
  if (answer === undefined) {
    answer =
      !isValidVersion(version) ||
      !isValidSpecifier(requirement.specifier) ||
      satisfiesSpecifier(version, requirement.specifier);
    context.memo.specifiers.set(key, answer);
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
