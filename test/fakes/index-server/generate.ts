/**
 * Deterministic projects for the benchmark and the load tests: a few dozen releases each, oldest first, with
 * pre-releases before some minor and major bumps, a few yanked releases (some with a reason), an occasional release
 * without files, upload times spread over years, and requirements on earlier projects that their pins satisfy.
 */
import { isPreRelease } from './render.js';
import type { FakeProject, FakeRelease } from './types.js';

const SYLLABLES = [
  'py',
  'aero',
  'lint',
  'jwt',
  'flask',
  'cache',
  'yaml',
  'toml',
  'http',
  'core',
  'data',
  'io',
];
const SUFFIXES = ['tools', 'lib', 'client', 'utils', 'kit', 'api', 'sdk', 'cli'];
const DAY_MS = 86_400_000;
const START_MS = Date.parse('2016-01-04T09:00:00Z');

export function generateProjects(count: number, seed: number): FakeProject[] {
  const random = mulberry32(seed);
  const projects: FakeProject[] = [];
  for (let index = 0; index < count; index++) {
    const name = projectName(index, random);
    const releases = generateReleases(random, projects);
    projects.push({
      name,
      releases,
      projectUrls: {
        Homepage: `https://example.org/${name}`,
        Changelog: `https://example.org/${name}/CHANGES.md`,
      },
    });
  }
  return projects;
}

/** A constraints.txt pinning every project at an older final release (about 60% through its history). */
export function constraintsFor(projects: FakeProject[]): string {
  const lines = [
    '# Generated for the pingate benchmark: one pin per project, each behind its newest release.',
  ];
  for (const project of projects) {
    const pin = olderPin(project);
    if (pin) lines.push(`${project.name}==${pin.version}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The release `constraintsFor` pins. */
export function olderPin(project: FakeProject): FakeRelease | undefined {
  const usable = project.releases.filter(
    (release) => !release.yanked && !isPreRelease(release.version) && release.files?.length !== 0,
  );
  return usable[Math.floor(usable.length * 0.6)];
}

function projectName(index: number, random: () => number): string {
  const first = pick(SYLLABLES, random);
  const second = pick(SUFFIXES, random);
  const base = `${first}-${second}-${index.toString(36)}`;
  // A few names as people spell them on PyPI: capitals, dots and underscores (the JSON API redirects to them).
  if (index % 40 === 7) return `${capitalise(first)}.${capitalise(second)}_${index.toString(36)}`;
  return base;
}

function generateReleases(random: () => number, earlier: FakeProject[]): FakeRelease[] {
  const count = 20 + Math.floor(random() * 40);
  let [major, minor, patch] = [Math.floor(random() * 2), 1, 0];
  let time = START_MS + Math.floor(random() * 1200) * DAY_MS;
  const requiresDist = dependenciesOn(earlier, random);
  const releases: FakeRelease[] = [];
  while (releases.length < count) {
    const roll = random();
    if (roll < 0.08) [major, minor, patch] = [major + 1, 0, 0];
    else if (roll < 0.3) [minor, patch] = [minor + 1, 0];
    else patch++;
    time += (2 + Math.floor(random() * 40)) * DAY_MS;
    const version = `${major}.${minor}.${patch}`;
    if (patch === 0 && random() < 0.3) {
      releases.push(
        release(`${version}${pick(['a1', 'b1', 'rc1'], random)}`, time - 7 * DAY_MS, requiresDist),
      );
    }
    const next = release(version, time, requiresDist);
    if (random() < 0.04) next.yanked = random() < 0.5 ? true : 'Broken build, use the next release';
    if (random() < 0.02) next.files = [];
    releases.push(next);
  }
  return releases;
}

function release(version: string, time: number, requiresDist: string[]): FakeRelease {
  const uploadTime = new Date(time).toISOString();
  const requiresPython = time > Date.parse('2021-06-01') ? '>=3.8' : '>=3.6';
  return { version, uploadTime, requiresPython, requiresDist };
}

/** Up to three requirements on earlier projects, with bounds every release of theirs satisfies. */
function dependenciesOn(earlier: FakeProject[], random: () => number): string[] {
  const wanted = earlier.length === 0 ? 0 : Math.floor(random() * 4);
  const requirements: string[] = [];
  for (let index = 0; index < wanted; index++) {
    const other = earlier[Math.floor(random() * earlier.length)]!;
    const floor = other.releases[0]!.version;
    const marker = pick(['', '', ' ; python_version < "3.13"', ' ; extra == "dev"'], random);
    const requirement = `${other.name}>=${floor}${marker}`;
    if (!requirements.includes(requirement)) requirements.push(requirement);
  }
  return requirements;
}

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)]!;
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** A small seeded PRNG, so the same seed gives the same projects everywhere. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
