/** planSnapshot: which requirements it asks the index for, and when. */
import { describe, expect, it } from 'vitest';
import { UpstreamError } from '../../src/errors.js';
import { planSnapshot } from '../../src/pass/plan-snapshot.js';
import { readSnapshot } from '../../src/pass/snapshot.js';
import { createVerdictMemo } from '../../src/plan/verdict-memo.js';
import { projectPageLink } from '../../src/pypi/page-link.js';
import type { PackageIndex, Project } from '../../src/pypi/types.js';
import { project } from '../plan/builders.js';

const NOW = new Date('2026-03-14T12:00:00Z');

/** Two pins; the newest app 2.0 needs lib>=2, which lib's newest release satisfies. */
const PROJECTS: Record<string, Project> = {
  app: project('app', ['1.0.0', '2.0.0']),
  lib: project('lib', ['1.0.0', '1.1.0', '2.0.0']),
};
const REQUIREMENTS: Record<string, string[]> = {
  'app@1.0.0': ['lib>=1'],
  'app@2.0.0': ['lib>=2'],
  'lib@1.0.0': [],
  'lib@1.1.0': [],
  'lib@2.0.0': [],
};

/** An index over PROJECTS that logs each call; `held` are the requirements it already holds (its cache). */
function fakeIndex(held: Record<string, string[]> = {}, failing: string[] = []) {
  const calls: string[] = [];
  const index: PackageIndex = {
    async getProject(name) {
      calls.push(`project ${name}`);
      // lib's page is slow, so what is asked while it loads shows.
      await new Promise((resolve) => setTimeout(resolve, name === 'lib' ? 30 : 1));
      if (failing.includes(name)) throw new UpstreamError(`GET ${name}: HTTP 503 (4 attempts)`, 'index', 503);
      calls.push(`got ${name}`);
      return PROJECTS[name]!;
    },
    async digests(name) {
      calls.push(`digests ${name}`);
      return PROJECTS[name]!;
    },
    async getRequiresDist(name, version) {
      calls.push(`requires ${name}@${version}`);
      return REQUIREMENTS[`${name}@${version}`]!;
    },
    knownRequiresDist: (name, version) => held[`${name}@${version}`],
    projectPage: (name, version) => projectPageLink('https://pypi.org/pypi/', name, version),
    persist: (name) => {
      calls.push(`persist ${name}`);
    },
    stats: () => ({ requests: 0, notModified: 0, bytes: 0, retries: 0 }),
    close: async () => {},
  };
  return { index, calls };
}

async function planWith(index: PackageIndex, config: object = { schedule: ['at any time'] }) {
  const files: Record<string, string> = {
    'renovate.json': JSON.stringify(config),
    'constraints.txt': 'app==1.0.0\nlib==1.0.0\n',
  };
  const snapshot = await readSnapshot({ read: async (path) => files[path] });
  return planSnapshot(snapshot, { indexFor: () => index, now: NOW });
}

/** What both branches move when the requirements are known: app 2.0 takes lib 2.0 along. */
const PLANNED = [['app@2.0.0', 'lib@2.0.0'], ['lib@1.1.0']];

function branchUpdates(plan: { branches: { updates: { name: string; to: string }[] }[] }): string[][] {
  return plan.branches.map((b) => b.updates.map((u) => `${u.name}@${u.to}`));
}

describe('planSnapshot', () => {
  it('asks for the requirements of each pin and of the releases it would move to as soon as its page is in', async () => {
    const { index, calls } = fakeIndex();
    const plan = await planWith(index);

    expect(calls).toEqual([
      'project app',
      'project lib',
      'got app',
      'requires app@1.0.0',
      'requires app@2.0.0',
      // Done with app: its record goes to the cache while lib is still loading.
      'persist app',
      'got lib',
      'requires lib@1.0.0',
      'requires lib@1.1.0',
      'requires lib@2.0.0',
      'persist lib',
    ]);
    // app 2.0 needs lib>=2: its branch moves lib 2.0 along, which only the fetched requirements can tell.
    expect(branchUpdates(plan)).toEqual(PLANNED);
  });

  it('uses the requirements the index already holds without asking for them', async () => {
    const { index, calls } = fakeIndex(REQUIREMENTS);
    const plan = await planWith(index);

    expect(calls.filter((call) => call.startsWith('project') || call.startsWith('requires')).sort()).toEqual([
      'project app',
      'project lib',
    ]);
    expect(branchUpdates(plan)).toEqual(PLANNED);
  });

  it('asks for no requirements when conflict checks are off', async () => {
    const { index, calls } = fakeIndex();
    await planWith(index, { schedule: ['at any time'], pingate: { checkConflicts: false } });

    expect(calls.filter((call) => !call.startsWith('got')).sort()).toEqual([
      'persist app',
      'persist lib',
      'project app',
      'project lib',
    ]);
  });

  it("reads the files' digests of the packages a line pins with --hash, and of no other", async () => {
    const { index, calls } = fakeIndex(REQUIREMENTS);
    // As from the cache: a placeholder for each file until the digests are asked for.
    const unread = (name: string): Project => ({
      ...PROJECTS[name]!,
      releases: PROJECTS[name]!.releases.map((r) => ({ ...r, files: r.files.map(() => ({})) })),
    });
    const lookUp = index.getProject;
    index.getProject = async (name) => {
      await lookUp(name);
      return unread(name);
    };
    const files: Record<string, string> = {
      'renovate.json': JSON.stringify({ schedule: ['at any time'] }),
      'constraints.txt': 'app==1.0.0 --hash=sha256:aaaa\nlib==1.0.0\n',
    };
    const snapshot = await readSnapshot({ read: async (path) => files[path] });
    const plan = await planSnapshot(snapshot, { indexFor: () => index, now: NOW });

    expect(calls.filter((call) => call.startsWith('digests'))).toEqual(['digests app']);
    const updates = plan.branches.flatMap((b) => b.updates);
    expect(updates.map((u) => [u.name, u.to, u.sha256])).toEqual([
      ['app', '2.0.0', ['sha-2.0.0-0']],
      ['lib', '2.0.0', undefined],
      ['lib', '1.1.0', undefined],
    ]);
  });

  it('opens the verdict memo once the index is reached, and reads no page before it is open', async () => {
    const { index, calls } = fakeIndex(REQUIREMENTS);
    let reach!: () => void;
    index.reached = () =>
      new Promise<void>((resolve) => {
        reach = resolve;
      });
    const memo = createVerdictMemo(NOW);
    const files: Record<string, string> = {
      'renovate.json': JSON.stringify({ schedule: ['at any time'] }),
      'constraints.txt': 'app==1.0.0\nlib==1.0.0\n',
    };
    const snapshot = await readSnapshot({ read: async (path) => files[path] });
    const planned = planSnapshot(snapshot, {
      indexFor: () => index,
      now: NOW,
      verdicts: () => {
        calls.push('memo opened');
        return memo;
      },
    });
    await new Promise((resolve) => setTimeout(resolve, 15));
    // app's page is in (lib's is slow), but it is not read: the memo is not opened until the index is reached.
    expect(calls).toEqual(['project app', 'project lib', 'got app']);
    reach();
    const plan = await planned;

    expect(calls.filter((call) => !call.startsWith('project') && !call.startsWith('got'))).toEqual([
      'memo opened',
      'persist app',
      'persist lib',
    ]);
    expect(branchUpdates(plan)).toEqual(PLANNED);
  });

  it('asks nothing more about a package whose project look-up failed', async () => {
    const { index, calls } = fakeIndex({}, ['lib']);
    const plan = await planWith(index);

    expect(calls.filter((call) => call.includes('lib'))).toEqual(['project lib', 'persist lib']);
    expect(plan.lookupFailures.map((error) => error.message)).toEqual(['GET lib: HTTP 503 (4 attempts)']);
  });

  it('prefetches what the plan chooses under rules that name the file, before the page goes to the cache', async () => {
    // Everywhere lib stays below 2; in constraints.txt it may take 2.0.0, so the plan checks lib 2.0.0.
    const { index, calls } = fakeIndex();
    const plan = await planWith(index, {
      schedule: ['at any time'],
      packageRules: [
        { matchPackageNames: ['lib'], allowedVersions: '<2' },
        { matchFileNames: ['constraints.txt'], matchPackageNames: ['lib'], allowedVersions: '<3' },
      ],
    });

    expect(calls.slice(calls.indexOf('got lib'))).toEqual([
      'got lib',
      'requires lib@1.0.0',
      'requires lib@1.1.0',
      'requires lib@2.0.0',
      'persist lib',
    ]);
    expect(branchUpdates(plan)).toEqual([['app@2.0.0'], ['lib@1.1.0'], ['lib@2.0.0']]);
  });
});

describe('planSnapshot: the pages a file needs beyond its pins', () => {
  const pages: Record<string, Project> = {
    app: project('app', ['1.0.0', '1.1.0']),
    mid: project('mid', ['1.0']),
  };
  const requires: Record<string, string[]> = { 'app@1.0.0': ['mid'], 'app@1.1.0': ['mid'], 'mid@1.0': [] };

  function indexLogging(calls: string[]): PackageIndex {
    return {
      async getProject(name) {
        calls.push(`project ${name}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
        calls.push(`got ${name}`);
        return pages[name]!;
      },
      digests: async (name) => pages[name]!,
      getRequiresDist: async (name, version) => requires[`${name}@${version}`]!,
      knownRequiresDist: (name, version) => requires[`${name}@${version}`],
      projectPage: (name, version) => projectPageLink('https://pypi.org/pypi/', name, version),
      persist: () => {},
      stats: () => ({ requests: 0, notModified: 0, bytes: 0, retries: 0 }),
      close: async () => {},
    };
  }

  it('asks at once for the pages the last pass read, instead of a round of planning later', async () => {
    const files: Record<string, string> = {
      'renovate.json': JSON.stringify({ schedule: ['at any time'] }),
      'constraints.txt': 'app==1.0.0\n',
    };
    const snapshot = await readSnapshot({ read: async (path) => files[path] });
    const verdicts = createVerdictMemo(NOW);
    const first: string[] = [];
    const one = await planSnapshot(snapshot, { indexFor: () => indexLogging(first), now: NOW, verdicts });
    // The first pass learns of mid only when it plans: after app's page is in.
    expect(first.indexOf('project mid')).toBeGreaterThan(first.indexOf('got app'));
    const second: string[] = [];
    const two = await planSnapshot(snapshot, { indexFor: () => indexLogging(second), now: NOW, verdicts });
    expect(second.indexOf('project mid')).toBeLessThan(second.indexOf('got app'));
    expect(second.filter((c) => c === 'project mid')).toHaveLength(1);
    expect(two.branches.map((b) => b.conflictSummary)).toEqual(one.branches.map((b) => b.conflictSummary));
  });

  it('follows a chain of packages no line pins as its pages come in: twelve levels in one pass', async () => {
    // app 2.0 needs c1, c1 needs c2, … c12 needs nothing: each level is known only once the one before is read.
    const depth = 12;
    const pages: Record<string, Project> = { app: project('app', ['1.0.0', '2.0.0']) };
    const requires: Record<string, string[]> = { 'app@1.0.0': [], 'app@2.0.0': ['c1>=1'] };
    for (let level = 1; level <= depth; level += 1) {
      pages[`c${level}`] = project(`c${level}`, ['1.0', '1.1']);
      const next = level < depth ? [`c${level + 1}`] : [];
      requires[`c${level}@1.0`] = next;
      requires[`c${level}@1.1`] = next;
    }
    const asked: string[] = [];
    const index: PackageIndex = {
      async getProject(name) {
        asked.push(name);
        await new Promise((resolve) => setTimeout(resolve, 1));
        return pages[name]!;
      },
      digests: async (name) => pages[name]!,
      getRequiresDist: async (name, version) => requires[`${name}@${version}`]!,
      knownRequiresDist: () => undefined,
      projectPage: (name, version) => projectPageLink('https://pypi.org/pypi/', name, version),
      persist: () => {},
      stats: () => ({ requests: 0, notModified: 0, bytes: 0, retries: 0 }),
      close: async () => {},
    };
    const files: Record<string, string> = {
      'renovate.json': JSON.stringify({ schedule: ['at any time'] }),
      'constraints.txt': 'app==1.0.0\n',
    };
    const snapshot = await readSnapshot({ read: async (path) => files[path] });
    const plan = await planSnapshot(snapshot, { indexFor: () => index, now: NOW });
    // Two rounds of planning per level would have stopped at the fourth; here nothing is left unread.
    expect(plan.errored).toEqual([]);
    expect(plan.missingMetadata).toEqual([]);
    expect(branchUpdates(plan)).toEqual([['app@2.0.0']]);
    expect(new Set(asked).size).toBe(asked.length);
    expect(asked).toHaveLength(depth + 1);
  });
});
