/**
 * One target Python: can pip install the pins (fixed points) together with some release of every package they
 * require that no line pins? A depth-first search with backtracking over those packages' releases, newest first,
 * bounded by a number of tried releases. Feasibility is what counts: pip backtracks until it finds a set.
 *
 * A failure that does not blame the package being tried ends its loop at once (backjumping, see `state.ts`): the
 * other releases of it would meet the same failure. Without that, two independent packages with many releases
 * each multiply into a search that hits its bound on a conflict one level down.
 */
import {
  compareVersions,
  isPrerelease,
  isValidSpecifier,
  isValidVersion,
  satisfiesSpecifier,
} from '../versioning/pep440.js';
import {
  type Blame,
  type Context,
  cloneState,
  type Demand,
  type Failure,
  meets,
  missingOf,
  type Node,
  noBlame,
  noteUnread,
  propagate,
  requirementText,
  type State,
  union,
  without,
} from './state.js';
import type { EnvVerdict, MissingLookup, Requirement, ResolverRelease } from './types.js';

/** Releases tried before the search gives up and says so. */
export const DEFAULT_SEARCH_BOUND = 2000;

/**
 * When a chosen release's requirements are not read yet, the next releases of it that would be tried are noted
 * too: if the first is refused once read, the next round has its successor at hand rather than a round later.
 */
const LOOK_AHEAD = 2;

export interface PinnedNode {
  version: string;
  label: string;
  extras: readonly string[];
  moved: boolean;
}

export interface EnvProblem {
  /** The pinned version of each package in this environment (its lines' markers already applied). */
  pins: ReadonlyMap<string, PinnedNode>;
  /** Range lines of the file (`pkg>=1,<2`), by the package they constrain. */
  constraints: ReadonlyMap<string, readonly Requirement[]>;
  /** Check the pinned releases' `requires_python` too (done when `pythonVersions` are configured). */
  checkPinnedPython: boolean;
  bound?: number;
}

interface Search extends Context {
  problem: EnvProblem;
  steps: number;
  bound: number;
}

type Outcome = { kind: 'installable'; state: State } | Failure | { kind: 'bound' };

export function solveEnvironment(context: Context, problem: EnvProblem): EnvVerdict {
  const search: Search = { ...context, problem, steps: 0, bound: problem.bound ?? DEFAULT_SEARCH_BOUND };
  const start = initialState(search);
  const outcome = 'kind' in start ? start : explore(search, start);
  if (outcome.kind === 'installable' && outcome.state.unread.length > 0) {
    // Found only by leaving out what was not read: the look-ups decide it.
    return { kind: 'unknown', missing: outcome.state.unread };
  }
  if (outcome.kind === 'installable') {
    const chosen = new Map<string, string>();
    let askedExtras = false;
    let anyExtras = false;
    for (const [name, node] of outcome.state.nodes) {
      if (node.extras.size > 0) anyExtras = true;
      if (!node.pinned) chosen.set(name, node.version);
      else if (node.extras.size > (problem.pins.get(name)?.extras.length ?? 0)) askedExtras = true;
    }
    return { kind: 'installable', chosen, askedExtras, anyExtras };
  }
  if (outcome.kind === 'bound') return { kind: 'bound', steps: search.steps };
  if (outcome.kind === 'conflict') return { kind: 'conflict', reason: outcome.reason };
  return { kind: 'unknown', missing: outcome.missing };
}

function initialState(search: Search): State | Failure {
  const state: State = { nodes: new Map(), demands: new Map(), pending: [], unread: [] };
  for (const [name, pin] of search.problem.pins) {
    const node: Node = {
      version: pin.version,
      extras: new Set(pin.extras),
      chain: `${pin.label} ${pin.version}`,
      label: pin.label,
      pinned: true,
      moved: pin.moved,
      blame: noBlame,
    };
    state.nodes.set(name, node);
    const failure = pinnedFailure(search, name, node);
    if (failure) return failure;
    state.pending.push([name, '', node.chain]);
    for (const extra of node.extras)
      state.pending.push([name, extra, `${pin.label}[${extra}] ${pin.version}`]);
  }
  return state;
}

/** A range line the pin breaks, or (when asked) a pinned release that does not install on this Python. */
function pinnedFailure(search: Search, name: string, node: Node): Failure | undefined {
  for (const constraint of search.problem.constraints.get(name) ?? []) {
    if (!meets(search, constraint, node.version)) {
      return {
        kind: 'conflict',
        reason: `the file's line ${requirementText(constraint)}, but ${node.label}==${node.version} is pinned`,
        blame: noBlame,
      };
    }
  }
  if (!search.problem.checkPinnedPython) return undefined;
  const releases = search.source.releases(name);
  if (releases === undefined || releases instanceof Error) return undefined;
  const release = releases.find((r) => r.version === node.version);
  if (release && !admitsPython(release, search.target.pythonVersion)) {
    const python = search.target.pythonVersion;
    return {
      kind: 'conflict',
      reason: `${node.chain} requires Python ${release.requiresPython}, not ${python}`,
      blame: noBlame,
    };
  }
  return undefined;
}

function explore(search: Search, state: State): Outcome {
  const failure = propagate(search, state);
  if (failure) return failure;
  const next = state.demands.keys().next();
  if (next.done) return { kind: 'installable', state };
  return tryReleases(search, state, next.value);
}

function tryReleases(search: Search, state: State, name: string): Outcome {
  const demands = state.demands.get(name)!;
  // What put the demands there: other releases of those packages might ask for other releases of this one.
  const demanded = demands.reduce<Blame>((blame, d) => union(blame, d.blame), noBlame);
  const releases = search.source.releases(name);
  if (releases === undefined) {
    // Not read yet: left free (see state.ts), and asked for.
    const next = cloneState(state);
    next.demands.delete(name);
    noteUnread(next, name, undefined);
    return explore(search, next);
  }
  if (releases instanceof Error) {
    return { kind: 'unknown', missing: [missingOf(name, undefined, releases)], blame: demanded };
  }
  const rules = [...demands.map((d) => d.requirement), ...(search.problem.constraints.get(name) ?? [])];
  const candidates = candidatesOf(search, releases, rules);
  if (candidates.length === 0)
    return { kind: 'conflict', reason: noRelease(search, name, releases, demands), blame: demanded };
  const missing: MissingLookup[] = [];
  const reasons: string[] = [];
  let blame = demanded;
  for (const [i, version] of candidates.entries()) {
    if (++search.steps > search.bound) return { kind: 'bound' };
    const next = choose(state, name, version, demands, demanded);
    if (search.source.requirements(name, version) === undefined) {
      for (const ahead of candidates.slice(i + 1, i + 1 + LOOK_AHEAD)) {
        if (search.source.requirements(name, ahead) === undefined) noteUnread(next, name, ahead);
      }
    }
    const outcome = explore(search, next);
    if (outcome.kind === 'installable' || outcome.kind === 'bound') return outcome;
    // Another release of this package would fail the same way.
    if (!outcome.blame.has(name)) return outcome;
    blame = union(blame, without(outcome.blame, name));
    if (outcome.kind === 'unknown') missing.push(...outcome.missing);
    else if (!reasons.includes(outcome.reason)) reasons.push(outcome.reason);
  }
  // A release that could not be checked might have fitted: never "no release fits" on a guess.
  if (missing.length > 0) return { kind: 'unknown', missing, blame };
  return {
    kind: 'conflict',
    reason:
      reasons.length === 1 ? reasons[0]! : `no release of ${name} fits: ${reasons.slice(0, 3).join('; ')}`,
    blame,
  };
}

function choose(
  state: State,
  name: string,
  version: string,
  demands: readonly Demand[],
  demanded: Blame,
): State {
  const next = cloneState(state);
  next.demands.delete(name);
  const chain = `${demands[0]!.chain} → ${name}`;
  const extras = new Set(
    demands.flatMap((d) => d.requirement.extras.map((e) => e.toLowerCase().replace(/[-_.]+/g, '-'))),
  );
  const blame = union(demanded, new Set([name]));
  next.nodes.set(name, { version, extras, chain, label: name, pinned: false, moved: false, blame });
  next.pending.push([name, '', chain]);
  for (const extra of extras) next.pending.push([name, extra, `${demands[0]!.chain} → ${name}[${extra}]`]);
  return next;
}

/**
 * Releases pip would consider, newest first: valid, not yanked, installable on this Python, meeting every
 * requirement on the package. Pre-releases only where a requirement names one, as pip's default. The releases
 * that pass the first three are sorted once per page and Python, not once per branch of the search or per file.
 */
function candidatesOf(
  search: Search,
  releases: readonly ResolverRelease[],
  rules: readonly Requirement[],
): string[] {
  const pre = rules.some((r) => r.clauses.some((c) => isValidVersion(c.version) && isPrerelease(c.version)));
  let ordered = search.memo.ordered.get(releases);
  if (!ordered) {
    const all = releases
      .filter((r) => isValidVersion(r.version) && !r.yanked && admitsPython(r, search.target.pythonVersion))
      .map((r) => r.version)
      .sort((a, b) => compareVersions(b, a));
    ordered = { all, finals: all.filter((version) => !isPrerelease(version)) };
    search.memo.ordered.set(releases, ordered);
  }
  return (pre ? ordered.all : ordered.finals).filter((version) =>
    rules.every((rule) => meets(search, rule, version)),
  );
}

function noRelease(
  search: Search,
  name: string,
  releases: readonly ResolverRelease[],
  demands: readonly Demand[],
): string {
  const wanted = demands.map((d) => `${d.chain} → ${requirementText(d.requirement)}`).join(' and ');
  const rules = [...demands.map((d) => d.requirement), ...(search.problem.constraints.get(name) ?? [])];
  const matching = releases.filter((r) => !r.yanked && rules.every((rule) => meets(search, rule, r.version)));
  if (matching.length > 0) {
    return `${wanted}, but no release of ${name} that matches installs on Python ${search.target.pythonVersion}`;
  }
  const ranges = search.problem.constraints.get(name)?.map(requirementText) ?? [];
  const also = ranges.length > 0 ? ` (the file's line ${ranges.join(', ')})` : '';
  return `${wanted}, but no release of ${name} matches${also}`;
}

export function admitsPython(release: ResolverRelease, pythonVersion: string): boolean {
  const spec = release.requiresPython?.trim();
  if (!spec || !isValidSpecifier(spec)) return true;
  return satisfiesSpecifier(pythonVersion, spec);
}
