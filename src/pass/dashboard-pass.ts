import type { RepoConfig } from '../config/schema.js';
import { carryOverTicks } from '../dashboard/carry-over.js';
import { markerId } from '../dashboard/markers.js';
import type { DashboardModel } from '../dashboard/model.js';
import type { TickedBox } from '../dashboard/parse.js';
import { renderDashboard } from '../dashboard/render.js';
import type { Issue } from '../platform/types.js';
import type { Action } from '../reconcile/actions.js';

export interface DashboardDecision {
  existing: Issue | undefined;
  model: DashboardModel;
  /** Marker ids of the ticks this pass acted on. */
  handled: ReadonlySet<string>;
  /** Ticks by people without Developer access: un-ticked, with one note. */
  refused: { box: TickedBox; username?: string }[];
}

/**
 * The dashboard's writes (pure): create it, or rewrite it when its text changes; the applier re-reads it before
 * writing and keeps ticks made meanwhile (SPEC §7). Refused ticks are un-ticked with one note.
 */
export function dashboardActions(config: RepoConfig, input: DashboardDecision): Action[] {
  const body = renderDashboard(input.model);
  const { existing } = input;
  if (!existing) {
    return [
      {
        kind: 'create-dashboard',
        title: config.dependencyDashboardTitle,
        description: body,
        labels: config.dependencyDashboardLabels,
      },
    ];
  }
  const handled = [...input.handled, ...input.refused.map((r) => markerId(r.box))];
  const unchanged =
    carryOverTicks(body, existing.description, new Set(handled)) === existing.description &&
    existing.state === 'opened';
  if (unchanged) return [];
  const actions: Action[] = [{ kind: 'update-dashboard', iid: existing.iid, description: body, handled }];
  if (input.refused.length > 0) {
    const { refused } = input;
    const who = [...new Set(refused.map((r) => (r.username ? `@${r.username}` : 'someone')))].join(', ');
    actions.push({
      kind: 'comment',
      on: 'issue',
      iid: existing.iid,
      body:
        `pingate un-ticked ${refused.length === 1 ? 'a box' : `${refused.length} boxes`} ticked by ${who}: ` +
        'a tick counts only from a project member with at least the Developer role.',
      about: 'un-ticked boxes',
    });
  }
  return actions;
}
