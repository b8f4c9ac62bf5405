import type { Logger } from 'pino';
import type { PinEntry } from '../constraints/types.js';
import type { OsvClient } from '../osv/client.js';
import { startVulnerabilityReport } from '../osv/report.js';
import { buildPlan, type PlanOutput } from '../plan/build-plan.js';
import { choicesFor, type LookupResult, targetOf } from '../plan/collect-updates.js';
import { firstChoice, requiredNames } from '../plan/unpinned-chain.js';
import { unpinnedKey, type VerdictMemo } from '../plan/verdict-memo.js';
import { isIgnoredPackage } from '../policy/package-rules.js';
import type { PackageIndex } from '../pypi/types.js';
import type { RepoSnapshot } from './snapshot.js';

export interface PlanOptions {
  /** The index to ask for the packages of one constraints file. */
  indexFor: (constraintsFile: string) => PackageIndex;
  now: Date;
  /** OSV, when the command has a client for it (SPEC §13); the config may still turn it off. */
  osv?: OsvClient;
  logger?: Logger;
  onProgress?: (done: number, total: number) => void;
  /** Compute the freeze too, with the look-ups it needs (see `PlanInput.freeze`). */
  freeze?: boolean | 'when-incomplete';
  /**
   * Conflict-check verdicts remembered between passes (the index pool's, kept beside its cache), or what opens them:
   * called once the first look-ups are on their way (opening reads and checks a file: 20 ms of a warm pass).
   */
  verdicts?: VerdictMemo | (() => VerdictMemo | undefined);
}

/**
 * Rounds of "plan, fetch the metadata the conflict check missed, plan again" before giving up on it. Each round
 * reaches one level further into the packages no line pins; what is still missing after the last holds its update.
 */
const metadataRounds = 8;

/** Looks every pin of a snapshot up (in parallel; the index bounds concurrency) and plans. */
export interface SnapshotPlan extends PlanOutput {
  /** Every look-up that failed, as thrown: the CLI tells "index unreachable" from per-package failures. */
  lookupFailures: Error[];
}

export async function planSnapshot(snapshot: RepoSnapshot, options: PlanOptions): Promise<SnapshotPlan> {
  const files = snapshot.pairs.map((pair) => pair.file);
  const diagnostics = [...snapshot.configErrors, ...snapshot.configWarnings];
  const state = lookUpState(snapshot, options);
  const pins = state.lookups.flatMap(({ file, name, versions }) =>
    versions.map(({ version }) => ({ file, normalizedName: name, version })),
  );
  // The pages go out first. Opening the verdict memo and starting the advisory look-up (a file to read and check,
  // a client to load: 50 ms of a warm pass) gate none of them, so they wait until the requests are sent and run
  // while the first answers are on their way; every answer is still read with the memo open.
  const { pagesIn, lookedUp } = lookUpAll(state, snapshot, options);
  await requestsSent(state, options, pagesIn);
  const verdicts = typeof options.verdicts === 'function' ? options.verdicts() : options.verdicts;
  state.memoOpened(verdicts);
  const report = startVulnerabilityReport({ config: snapshot.config, ...options }, pins);
  const remembered = rememberedUnpinned(state, verdicts);
  state.progress.add(remembered.length);
  await Promise.all([
    lookedUp,
    // The pages of packages no line pins that the last pass's conflict check read: asked for now, not one level
    // of requirements per round of planning.
    ...remembered.map(({ file, name }) => fetchUnpinned(state, options.indexFor(file), file, name)),
  ]);
  const { projects, metadata, indexOfPackage, keyOf } = state;
  const vulnerabilities = await report?.(
    pins.map((pin) => {
      const failed = projects.get(keyOf(pin.file, pin.normalizedName)) instanceof Error;
      return failed ? pin : { ...pin, index: options.indexFor(pin.file) };
    }),
  );
  // The pages the latest plan read: what the next pass asks for at once (`rememberUnpinned`).
  let read = new Set<string>();
  const plan = () => {
    read = new Set();
    return buildPlan({
      config: snapshot.config,
      files,
      lookup: (file, name) => {
        read.add(keyOf(file, name));
        return projects.get(keyOf(file, name));
      },
      // What the index client already holds (its cache included) counts as fetched: a warm pass plans once.
      requiresDist: (name, version) => {
        const key = `${name}@${version}`;
        return metadata.has(key)
          ? metadata.get(key)
          : indexOfPackage.get(name)?.knownRequiresDist(name, version);
      },
      now: options.now,
      ...(options.freeze ? { freeze: options.freeze } : {}),
      ...(verdicts ? { verdicts } : {}),
      projectPage: (file, name, version) => options.indexFor(file).projectPage(name, version),
      diagnostics,
      ...(vulnerabilities ? { vulnerabilities } : {}),
    });
  };
  let result = plan();
  const missingSome = () => result.missingMetadata.length > 0 || (result.missingProjects?.length ?? 0) > 0;
  for (let round = 0; round < metadataRounds && missingSome(); round += 1) {
    // A package whose project look-up failed is not asked again for its metadata: it would fail the same way.
    const failed = new Set(
      state.lookups
        .filter(({ file, name }) => projects.get(keyOf(file, name)) instanceof Error)
        .map((l) => l.name),
    );
    const wanted = result.missingMetadata.filter(({ normalizedName, version }) => {
      return (
        !metadata.has(`${normalizedName}@${version}`) &&
        indexOfPackage.has(normalizedName) &&
        !failed.has(normalizedName)
      );
    });
    const pages = (result.missingProjects ?? []).filter(
      ({ file, normalizedName }) => !projects.has(keyOf(file, normalizedName)),
    );
    if (wanted.length === 0 && pages.length === 0) break;
    state.progress.add(wanted.length + pages.length);
    await Promise.all([
      ...wanted.map(({ normalizedName, version }) =>
        fetchMetadata(state, indexOfPackage.get(normalizedName)!, normalizedName, version),
      ),
      ...pages.map(({ file, normalizedName }) =>
        fetchUnpinned(state, options.indexFor(file), file, normalizedName).then(() =>
          followChain(state, options.indexFor(file), file, [normalizedName]),
        ),
      ),
    ]);
    result = plan();
  }
  if (verdicts) rememberUnpinned(state, verdicts, read);
  const lookupFailures = [...projects.values()].filter((p): p is Error => p instanceof Error);
  return { ...result, lookupFailures };
}

/** Per file, its pinned packages and the key under which the pages it needs beyond them are remembered. */
function unpinnedKeys(state: LookUpState): Map<string, { pinned: Set<string>; key: string }> {
  const pinned = new Map<string, Set<string>>();
  for (const { file, name } of state.lookups) pinned.set(file, (pinned.get(file) ?? new Set()).add(name));
  return new Map(
    [...pinned].map(([file, names]) => [file, { pinned: names, key: unpinnedKey(file, [...names]) }]),
  );
}

function rememberedUnpinned(
  state: LookUpState,
  memo: VerdictMemo | undefined,
): { file: string; name: string }[] {
  if (!memo) return [];
  return [...unpinnedKeys(state)].flatMap(([file, { pinned, key }]) =>
    (memo.unpinned(key) ?? []).filter((name) => !pinned.has(name)).map((name) => ({ file, name })),
  );
}

/** Per file, the pages of packages no line pins that the last plan read (not all that were fetched: a page remembered
 * once and no longer needed is not asked for again). */
function rememberUnpinned(state: LookUpState, memo: VerdictMemo, read: ReadonlySet<string>): void {
  for (const [file, { pinned, key }] of unpinnedKeys(state)) {
    const names = [...read]
      .map((k) => k.split('\0'))
      .filter(([f, name]) => f === file && !pinned.has(name!))
      .map(([, name]) => name!)
      .sort();
    const known = memo.unpinned(key);
    if (!known || known.join('\n') !== names.join('\n')) memo.setUnpinned(key, names);
  }
}

/**
 * Resolves when the first look-ups' requests are sent: each index asked has its connection and one more turn of
 * the event loop has passed (the requests that waited for the connection are written by then), or every page is
 * in (a look-up that needed no request, or failed before one).
 */
async function requestsSent(
  state: LookUpState,
  options: PlanOptions,
  pagesIn: Promise<unknown>,
): Promise<void> {
  const indexes = new Set(state.lookups.map(({ file }) => options.indexFor(file)));
  const reached = [...indexes].map((index) => index.reached?.() ?? Promise.resolve());
  await Promise.race([Promise.all(reached), pagesIn]);
  await new Promise((resolve) => setImmediate(resolve));
}

interface LookUpState {
  /** Each package of each file, with its pinned versions and the markers of the lines pinning each. */
  lookups: { file: string; name: string; versions: PinnedVersion[]; hashed: boolean }[];
  projects: Map<string, LookupResult>;
  keyOf: (file: string, name: string) => string;
  /** Requires-Dist by `name@version`; the error when it could not be had. */
  metadata: Map<string, string[] | Error>;
  /** The verdict memo, once it is open (see planSnapshot): every answer waits for it before it is read. */
  memo: Promise<VerdictMemo | undefined>;
  memoOpened: (memo: VerdictMemo | undefined) => void;
  indexOfPackage: Map<string, PackageIndex>;
  progress: ReturnType<typeof counter>;
  /** The packages each file pins. */
  pinnedIn: Map<string, Set<string>>;
  /** `keyOf(file, name)` of each package no line pins whose chain is being followed (`followChain`). */
  following: Set<string>;
}

function lookUpState(snapshot: RepoSnapshot, options: PlanOptions): LookUpState {
  const lookups = snapshot.pairs.flatMap(({ file }) => {
    const pins = file.entries.filter((e): e is PinEntry => e.kind === 'pin');
    // A package some line pins with `--hash` needs its files' digests; no other does.
    const hashed = new Set(pins.filter((pin) => pin.hashes.length > 0).map((pin) => pin.normalizedName));
    return [...versionsByName(pins)]
      .filter(([name, versions]) => versions.length > 0 && !isIgnoredPackage(snapshot.config, name))
      .map(([name, versions]) => ({ file: file.path, name, versions, hashed: hashed.has(name) }));
  });
  let memoOpened!: (memo: VerdictMemo | undefined) => void;
  const memo = new Promise<VerdictMemo | undefined>((resolve) => {
    memoOpened = resolve;
  });
  return {
    lookups,
    memo,
    memoOpened,
    projects: new Map(),
    keyOf: (file, name) => `${file}\0${name}`,
    metadata: new Map(),
    indexOfPackage: new Map(lookups.map(({ file, name }) => [name, options.indexFor(file)])),
    progress: counter(options.onProgress),
    pinnedIn: lookups.reduce(
      (byFile, { file, name }) => byFile.set(file, (byFile.get(file) ?? new Set()).add(name)),
      new Map<string, Set<string>>(),
    ),
    following: new Set(),
  };
}

/**
 * Every project page, and the requirements the conflict check will read: those of each pin's current release and
 * of the releases it would move to. They are asked for as soon as the page is in, unless the index holds them
 * already, so that a cold pass is one stream of requests, not pages, a pause to plan, then metadata.
 */
function lookUpAll(
  state: LookUpState,
  snapshot: RepoSnapshot,
  options: PlanOptions,
): { pagesIn: Promise<unknown>; lookedUp: Promise<unknown> } {
  const prefetch = snapshot.config.pingate.checkConflicts;
  state.progress.add(state.lookups.length);
  const pages = state.lookups.map(({ file, name, hashed }) => {
    const index = options.indexFor(file);
    return settle(hashed ? index.getProject(name).then(() => index.digests(name)) : index.getProject(name));
  });
  const lookedUp = Promise.all(
    state.lookups.map(async ({ file, name, versions }, i) => {
      const index = options.indexFor(file);
      const project = await pages[i]!;
      state.projects.set(state.keyOf(file, name), project);
      state.progress.tick();
      const verdicts = await state.memo;
      if (prefetch && !(project instanceof Error)) {
        // The same choices as the plan's (collectUpdates): the lines' markers and the file decide them too.
        const moves = versions.flatMap(({ version, markers }) =>
          choicesFor(snapshot.config, name, version, project, options.now, markers, file, verdicts).map(
            (c) => targetOf(c).release.version,
          ),
        );
        const pinned = versions.map(({ version }) => version);
        const wanted = [...new Set([...pinned, ...moves])].filter(
          (version) => index.knownRequiresDist(name, version) === undefined,
        );
        state.progress.add(wanted.length);
        await Promise.all(wanted.map((version) => fetchMetadata(state, index, name, version)));
        // What the releases just fetched require beyond the pins: the search goes there next.
        const fetched = wanted.map((version) => state.metadata.get(`${name}@${version}`));
        const required = fetched.flatMap((lines) => (Array.isArray(lines) ? requiredNames(lines) : []));
        await followChain(state, index, file, required);
      }
      // A cold pass writes each project to the cache as it is done with it, while it still waits for others.
      index.persist(name);
    }),
  );
  return { pagesIn: Promise.all(pages), lookedUp };
}

async function fetchMetadata(
  state: LookUpState,
  index: PackageIndex,
  normalizedName: string,
  version: string,
): Promise<void> {
  const found = await settle(index.getRequiresDist(normalizedName, version));
  state.metadata.set(`${normalizedName}@${version}`, found);
  state.progress.tick();
}

/** The page of a package no line pins, which the conflict check searches; its releases' metadata come from its index. */
async function fetchUnpinned(
  state: LookUpState,
  index: PackageIndex,
  file: string,
  normalizedName: string,
): Promise<void> {
  const project = await settle(index.getProject(normalizedName));
  state.projects.set(state.keyOf(file, normalizedName), project);
  if (!state.indexOfPackage.has(normalizedName)) state.indexOfPackage.set(normalizedName, index);
  state.progress.tick();
}

/**
 * Follows packages no line pins down their likely chain (`unpinned-chain.ts`): each page, the requirements of the
 * release the search would try first, the pages of what those name, and so on, each asked for as soon as the one
 * before is in. A cold pass then plans once or twice instead of two rounds per level of the chain.
 */
async function followChain(
  state: LookUpState,
  index: PackageIndex,
  file: string,
  names: readonly string[],
): Promise<void> {
  const pinned = state.pinnedIn.get(file);
  const fresh = [...new Set(names)].filter(
    (name) => !pinned?.has(name) && !state.following.has(state.keyOf(file, name)),
  );
  await Promise.all(
    fresh.map(async (name) => {
      const key = state.keyOf(file, name);
      state.following.add(key);
      if (!state.projects.has(key)) {
        state.progress.add(1);
        await fetchUnpinned(state, index, file, name);
      }
      const project = state.projects.get(key);
      const version = project && !(project instanceof Error) ? firstChoice(project) : undefined;
      if (version === undefined) return;
      const source = state.indexOfPackage.get(name) ?? index;
      let lines = state.metadata.get(`${name}@${version}`) ?? source.knownRequiresDist(name, version);
      if (lines === undefined) {
        state.progress.add(1);
        await fetchMetadata(state, source, name, version);
        lines = state.metadata.get(`${name}@${version}`);
      }
      if (Array.isArray(lines)) await followChain(state, index, file, requiredNames(lines));
    }),
  );
}

interface PinnedVersion {
  version: string;
  /** The markers of every line pinning this version, as collectUpdates passes them to choicesFor. */
  markers: PinEntry['marker'][];
}

/** The versions each package is pinned at, leaving out a version whose every line has an ignore comment. */
function versionsByName(pins: PinEntry[]): Map<string, PinnedVersion[]> {
  const groups = new Map<string, Map<string, PinEntry[]>>();
  for (const pin of pins) {
    const byVersion = groups.get(pin.normalizedName) ?? new Map<string, PinEntry[]>();
    byVersion.set(pin.version, [...(byVersion.get(pin.version) ?? []), pin]);
    groups.set(pin.normalizedName, byVersion);
  }
  const byName = new Map<string, PinnedVersion[]>();
  for (const [name, byVersion] of groups) {
    byName.set(
      name,
      [...byVersion]
        .filter(([, lines]) => lines.some((pin) => !pin.ignored))
        .map(([version, lines]) => ({ version, markers: lines.map((pin) => pin.marker) })),
    );
  }
  return byName;
}

async function settle<T>(promise: Promise<T>): Promise<T | Error> {
  try {
    return await promise;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

function counter(onProgress: PlanOptions['onProgress']) {
  let done = 0;
  let total = 0;
  return {
    add(count: number) {
      total += count;
      onProgress?.(done, total);
    },
    tick() {
      done += 1;
      onProgress?.(done, total);
    },
  };
}
