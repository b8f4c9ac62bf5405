/**
 * The one comment a failed gate leaves on the MR. It carries a hidden marker with the head SHA, so a later pass
 * finds it and does not comment again for the same head; a new head gets a comment of its own.
 */
import type { GateDecision, GateFailedJob, GateMergeRequest } from './types.js';
import { jobStatusText, shortSha } from './wording.js';

const MARKER = /<!-- pingate-gate-failed sha=([0-9a-fA-F]+) -->/g;

export function gateCommentMarker(sha: string): string {
  return `<!-- pingate-gate-failed sha=${sha.toLowerCase()} -->`;
}

/** Whether one of the notes is the gate's comment for this head. */
export function hasGateComment(notes: readonly { body: string }[], sha: string): boolean {
  const wanted = sha.toLowerCase();
  return notes.some((note) => [...note.body.matchAll(MARKER)].some((m) => m[1]!.toLowerCase() === wanted));
}

/** Markdown for a `failed` decision: what failed, with links, on which head, and what happens next. */
export function renderGateComment(decision: GateDecision, mr: Pick<GateMergeRequest, 'webUrl'>): string {
  if (decision.verdict !== 'failed') {
    throw new Error(
      `renderGateComment is for failed gates, got verdict "${decision.verdict}" (${decision.state})`,
    );
  }
  const lines = [
    gateCommentMarker(decision.checkedSha),
    `**pingate did not merge this MR:** ${headline(decision)}`,
    '',
  ];
  lines.push(
    `Checked head commit: ${commitLink(decision.checkedSha, mr.webUrl)}${pipelineText(decision)}`,
    '',
  );
  const required = decision.failedJobs.filter((job) => job.required);
  const others = decision.failedJobs.filter((job) => !job.required);
  if (required.length > 0) lines.push('Installation tests that did not pass:', '', ...jobTable(required), '');
  if (others.length > 0) lines.push('Other jobs that failed the pipeline:', '', ...jobTable(others), '');
  if (decision.missingJobs.length > 0) {
    const entries = decision.missingJobs.map(codeSpan).join(', ');
    lines.push(
      `\`pingate.requiredJobs\` entries that matched no job of the pipeline: ${entries}. ` +
        'Check them against the job names in the CI configuration, and that those jobs run on bot branches.',
      '',
    );
  }
  lines.push(nextSteps(decision));
  return `${lines.join('\n')}\n`;
}

function headline(decision: GateDecision): string {
  switch (decision.state) {
    case 'required-jobs-failed':
      return 'the installation tests did not pass on its head commit.';
    case 'required-jobs-missing':
      return decision.missingJobs.length > 0
        ? 'the installation tests did not run in its pipeline.'
        : 'its pipeline passed without running any job, so nothing was tested.';
    case 'pipeline-failed':
      return 'the pipeline on its head commit did not pass.';
    case 'not-mergeable':
      return `GitLab cannot merge it: ${mergeabilityText(decision.mergeability)}.`;
    default:
      return `${decision.reason}.`;
  }
}

function mergeabilityText({ label, hostStatus }: GateDecision['mergeability']): string {
  return hostStatus ? `${label} (\`${hostStatus}\`)` : label;
}

function nextSteps(decision: GateDecision): string {
  const restart =
    'A new commit on the branch (a newer release, or a rebase: tick the box in the description) starts the gate over.';
  if (decision.state === 'not-mergeable') return `The MR stays open. ${restart}`;
  const again =
    decision.failedJobs.length > 0
      ? 'If a retry of the failed jobs, or a new pipeline on this commit, passes'
      : 'If a new pipeline on this commit passes with the installation tests';
  return `The MR stays open. ${again}, pingate merges it on its next pass. ${restart}`;
}

function jobTable(jobs: readonly GateFailedJob[]): string[] {
  const rows = jobs.map((job) => `| ${link(escapeMarkdown(job.name), job.webUrl)} | ${jobStatusText(job)} |`);
  return ['| job | status |', '| --- | --- |', ...rows];
}

function pipelineText(decision: GateDecision): string {
  const pipeline = decision.pipeline;
  if (!pipeline) return '';
  return ` · pipeline ${link(`#${pipeline.id}`, pipeline.webUrl)} (${pipeline.status.replaceAll('_', ' ')})`;
}

/** The commit page sits under the project URL, which the MR URL starts with. */
function commitLink(sha: string, mrWebUrl: string): string {
  const project = /^(.*?)\/-\/merge_requests\/\d+\/?$/.exec(mrWebUrl)?.[1];
  const text = `\`${shortSha(sha)}\``;
  return project ? `[${text}](${project}/-/commit/${sha})` : `\`${sha}\``;
}

function link(text: string, url: string): string {
  return url ? `[${text}](${url})` : text;
}

/** Job names are free text in CI config; keep them from breaking the table or turning into markup. */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|#]/g, (char) => `\\${char}`);
}

/** A code span that survives backticks inside the text (a regex entry may hold some). */
function codeSpan(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = longest > 0 ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}
