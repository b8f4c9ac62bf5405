import type { RepoConfig } from '../config/schema.js';
import { carryOverTicks } from '../dashboard/carry-over.js';
import { markerId } from '../dashboard/markers.js';
import type { DashboardModel } from '../dashboard/model.js';
import type { TickedBox } from '../dashboard/parse.js';
import { renderDashboard } from '../dashboard/render.js';
import type { Issue, ProjectPlatform } from '../platform/types.js';

export interface DashboardWrite {
  /** What was (or, in a dry run, would be) done: `created`, `updated`, or nothing. */
  change?: 'created' | 'updated';
  body: string;
}

/**
 * Writes the dashboard only when its text changes. Before writing it re-reads the issue and keeps every tick a
 * person made meanwhile that this pass did not act on (SPEC §7). Refused ticks are un-ticked with one note.
 */
export async function writeDashboard(
  project: ProjectPlatform,
  config: RepoConfig,
  existing: Issue | undefined,
  model: DashboardModel,
  handled: Set<string>,
  refused: { box: TickedBox; username?: string }[],
  dryRun: boolean,
): Promise<DashboardWrite> {
  const body = renderDashboard(model);
  if (!existing) {
    if (!dryRun) {
      await project.createIssue({
        title: config.dependencyDashboardTitle,
        description: body,
        labels: config.dependencyDashboardLabels,
      });
    }
    return { change: 'created', body };
  }
  const done = new Set([...handled, ...refused.map((r) => markerId(r.box))]);
  if (
    carryOverTicks(body, existing.description, done) === existing.description &&
    existing.state === 'opened'
  ) {
    return { body };
  }
  if (dryRun) return { change: 'updated', body };
  const latest = await project.getIssue(existing.iid);
  const final = carryOverTicks(body, latest.description, done);
  if (final !== latest.description || latest.state !== 'opened') {
    await project.updateIssue(existing.iid, {
      description: final,
      ...(latest.state !== 'opened' ? { stateEvent: 'reopen' as const } : {}),
    });
  }
  if (refused.length > 0) {
    const who = [...new Set(refused.map((r) => (r.username ? `@${r.username}` : 'someone')))].join(', ');
    await project.createIssueNote(
      existing.iid,
      `pingate un-ticked ${refused.length === 1 ? 'a box' : `${refused.length} boxes`} ticked by ${who}: ` +
        'a tick counts only from a project member with at least the Developer role.',
    );
  }
  return { change: 'updated', body: final };
}
