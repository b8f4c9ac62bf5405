import type { PresetReader } from '../config/preset-fetch.js';
import type { RepoConfig } from '../config/schema.js';
import { parseDashboard } from '../dashboard/parse.js';
import type { Branch, Issue, MergeRequest, ProjectInfo, ProjectPlatform, User } from '../platform/types.js';
import { type AuthorizedTicks, authorizeTicks, intentsOf, type TickIntents } from '../reconcile/ticks.js';
import { type RepoSnapshot, readSnapshot } from './snapshot.js';
import { commitSource } from './sources.js';

/** Everything a pass reads before deciding: one commit of the default branch, and the bot's things on GitLab. */
export interface PassState {
  bot: User;
  project: ProjectInfo;
  head: string;
  snapshot: RepoSnapshot;
  mrs: MergeRequest[];
  branches: Branch[];
  dashboard?: Issue;
  ticks: AuthorizedTicks;
  intents: TickIntents;
}

const REBASE_TICKED = /^\s*[-*]\s+\[[xX]\]\s*<!-- rebase-check -->/m;

export async function readState(
  platform: ProjectPlatform,
  bot: User,
  project: ProjectInfo,
  editorId: number | undefined,
  presets?: PresetReader,
): Promise<PassState> {
  const branch = await platform.getBranch(project.defaultBranch);
  if (!branch)
    throw new Error(`the default branch ${project.defaultBranch} of ${project.path} does not exist`);
  const head = branch.commitSha;
  const snapshot = await readSnapshot(commitSource(platform, head), presets);
  const { config } = snapshot;
  const [allMrs, branches, dashboard] = await Promise.all([
    platform.listMergeRequests({ authorId: bot.id }),
    platform.listBranches(config.branchPrefix),
    findDashboard(platform, bot, config),
  ]);
  const mrs = allMrs.filter((mr) => mr.sourceBranch.startsWith(config.branchPrefix));
  const ticks = await readTicks(platform, dashboard, editorId);
  const intents = intentsOf(ticks.accepted);
  for (const mr of mrs) {
    if (mr.state === 'opened' && REBASE_TICKED.test(mr.description)) intents.rebase.add(mr.sourceBranch);
  }
  return { bot, project, head, snapshot, mrs, branches, dashboard, ticks, intents };
}

/** The dashboard: the newest issue with its title that the bot wrote (SPEC §7). */
async function findDashboard(
  platform: ProjectPlatform,
  bot: User,
  config: RepoConfig,
): Promise<Issue | undefined> {
  if (!config.dependencyDashboard) return undefined;
  const issues = await platform.findIssues({ authorId: bot.id, title: config.dependencyDashboardTitle });
  return [...issues].sort((a, b) => b.iid - a.iid)[0];
}

/** Notes and members are read only when a box is ticked, to keep a quiet pass cheap. */
async function readTicks(
  platform: ProjectPlatform,
  dashboard: Issue | undefined,
  editorId: number | undefined,
): Promise<AuthorizedTicks> {
  if (dashboard?.state !== 'opened') return { accepted: [], refused: [] };
  const { ticked } = parseDashboard(dashboard.description);
  if (ticked.length === 0) return { accepted: [], refused: [] };
  const [notes, members] = await Promise.all([
    platform.listIssueNotes(dashboard.iid),
    platform.listMembers(),
  ]);
  return authorizeTicks(ticked, { notes, members, ...(editorId !== undefined ? { editorId } : {}) });
}
