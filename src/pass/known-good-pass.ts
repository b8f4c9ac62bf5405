import { recordKnownGood } from '../dashboard/known-good.js';
import type { KnownGood } from '../dashboard/model.js';
import { latestPipelineFor } from '../gate/evaluate.js';
import type { MergeRequest, ProjectPlatform } from '../platform/types.js';

/** How far back a merged bot MR is still checked for a passing default-branch pipeline. */
const WINDOW_MS = 14 * 24 * 3_600_000;
const LIMIT = 5;

/**
 * SPEC §9: a merged bot MR becomes known-good once the default branch's pipeline on its merge commit passed.
 * Only merges newer than the newest record are checked, at most five, so a quiet pass reads little.
 */
export async function recordKnownGoodSets(
  project: ProjectPlatform,
  mrs: MergeRequest[],
  known: KnownGood[],
  defaultBranch: string,
  now: Date,
): Promise<KnownGood[]> {
  const newest = known.map((k) => Date.parse(k.date)).reduce((a, b) => Math.max(a, b), 0);
  const recorded = new Set(known.map((k) => k.sha));
  const candidates = mrs
    .filter(
      (mr) => mr.state === 'merged' && mr.mergeCommitSha && mr.mergedAt && !recorded.has(mr.mergeCommitSha),
    )
    .filter((mr) => {
      const at = Date.parse(mr.mergedAt!);
      return at > newest && now.getTime() - at < WINDOW_MS;
    })
    .sort((a, b) => Date.parse(b.mergedAt!) - Date.parse(a.mergedAt!))
    .slice(0, LIMIT);
  let result = known;
  for (const mr of candidates.reverse()) {
    const sha = mr.mergeCommitSha!;
    const pipelines = await project.listPipelines({ sha, ref: defaultBranch });
    if (latestPipelineFor(pipelines, sha)?.status === 'success') {
      result = recordKnownGood(result, { sha, date: mr.mergedAt!, mrIid: mr.iid });
    }
  }
  return result;
}
