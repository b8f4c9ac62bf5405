/**
 * The world of the projects bench (`npm run bench:projects`): 100 projects on the fake GitLab, each pinning 30
 * packages drawn from a universe of 300 on the fake index, every GitLab answer 20 ms late and every index answer
 * 50 ms late. Both fakes run in this process; pingate runs as a child process against them.
 */
import { parseConstraints } from '../src/constraints/parse.js';
import { renderYaml } from '../src/constraints/yaml.js';
import { normalizeName } from '../src/versioning/normalize.js';
import { AccessLevel, type FakeGitLab, type FakeUser, startFakeGitLab } from '../test/fakes/gitlab/index.js';
import { generateProjects, mulberry32, olderPin } from '../test/fakes/index-server/generate.js';
import { type IndexServer, startIndexServer } from '../test/fakes/index-server/server.js';
import type { FakeProject } from '../test/fakes/index-server/types.js';
import { type FakeOsv, startFakeOsv } from '../test/fakes/osv/server.js';

export interface WorldOptions {
  projects: number;
  pins: number;
  universe: number;
  gitlabDelayMs: number;
  indexDelayMs: number;
  seed: number;
}

export interface ProjectsWorld {
  gitlab: FakeGitLab;
  index: IndexServer;
  /** A fake OSV that knows no advisory: the passes ask it, as by default, and never the internet. */
  osv: FakeOsv;
  bot: FakeUser;
  /** GitLab project id by path. */
  ids: Map<string, number>;
  /** Normal names of every package some project pins. */
  uniquePackages: Set<string>;
  /** When each GitLab request arrived (ms, performance.now()), by project id; 0 for instance-wide ones. */
  arrivals: Map<number, number[]>;
  close(): Promise<void>;
}

export async function startProjectsWorld(options: WorldOptions): Promise<ProjectsWorld> {
  const universe = generateProjects(options.universe, options.seed);
  const index = await startIndexServer({ projects: universe, delayMs: options.indexDelayMs });
  const osv = await startFakeOsv();
  const gitlab = await startFakeGitLab();
  const bot = gitlab.addUser({ username: 'pingate-bot', bot: true });
  const random = mulberry32(options.seed + 1);
  const ids = new Map<string, number>();
  const uniquePackages = new Set<string>();
  for (let n = 0; n < options.projects; n += 1) {
    const pinned = drawPins(universe, options.pins, random);
    for (const project of pinned) uniquePackages.add(normalizeName(project.name));
    const constraints = constraintsOf(pinned);
    const path = `fleet-${n % 5}/service-${n}`;
    const added = gitlab.addProject({
      path,
      files: {
        'constraints.txt': constraints,
        'pipeline/constraints.yml': yamlOf(constraints),
        'renovate.json': `${JSON.stringify({ schedule: ['at any time'] }, null, 2)}\n`,
      },
      members: [{ userId: bot.id, accessLevel: AccessLevel.developer }],
    });
    ids.set(path, added.id);
  }
  const arrivals = new Map<number, number[]>();
  gitlab.beforeRequest(async (request) => {
    const id = projectOf(request.path, ids);
    const list = arrivals.get(id) ?? [];
    list.push(performance.now());
    arrivals.set(id, list);
    await new Promise((resolve) => setTimeout(resolve, options.gitlabDelayMs));
  });
  await primeIndex(index, universe);
  return {
    gitlab,
    index,
    osv,
    bot,
    ids,
    uniquePackages,
    arrivals,
    close: async () => {
      await Promise.all([gitlab.close(), index.close(), osv.close()]);
    },
  };
}

/** The project a request is about (by id or encoded path in `/api/v4/projects/:id/…`); 0 for `/user` and such. */
export function projectOf(path: string, ids: Map<string, number>): number {
  const match = /^\/api\/v4\/projects\/([^/]+)/.exec(path);
  if (!match) return 0;
  const ref = decodeURIComponent(match[1]!);
  return /^\d+$/.test(ref) ? Number(ref) : (ids.get(ref) ?? 0);
}

/** `count` distinct packages, each with a release older than its newest. */
function drawPins(universe: FakeProject[], count: number, random: () => number): FakeProject[] {
  const usable = universe.filter((project) => olderPin(project) !== undefined);
  const chosen = new Set<FakeProject>();
  while (chosen.size < Math.min(count, usable.length)) {
    chosen.add(usable[Math.floor(random() * usable.length)]!);
  }
  return [...chosen];
}

function constraintsOf(pinned: FakeProject[]): string {
  return pinned.map((project) => `${project.name}==${olderPin(project)!.version}\n`).join('');
}

function yamlOf(constraints: string): string {
  return renderYaml(parseConstraints(constraints, 'constraints.txt'), {
    format: 'gitlab-ci',
    key: '.pip-constraints',
    variable: 'PIP_CONSTRAINTS',
    sourceName: 'constraints.txt',
  });
}

/** The fake renders each answer the first time it is asked; do that now, not while pingate is measured. */
async function primeIndex(index: IndexServer, universe: FakeProject[]): Promise<void> {
  await Promise.all(
    universe.map((project) => fetch(`${index.url}${project.name}/json`).then((r) => r.text())),
  );
  index.clearRequests();
}
