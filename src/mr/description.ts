import { DEFAULT_INDEX_URL } from '../config/defaults.js';
import type { PackageUpdate, PlannedBranch } from '../plan/types.js';
import { projectPageLink } from '../pypi/page-link.js';
import { advisoriesSection } from './advisories.js';
import { type MrMetadata, metadataComment } from './metadata.js';
import { ownBlock } from './person-edits.js';

export const REBASE_CHECK = '<!-- rebase-check -->';

export interface DescriptionContext {
  base: string;
  /** `servedDigest` of the files on `base`. */
  served?: string;
  requiredJobs: string[];
  automergeSchedule: string[];
  /** `prBodyNotes`: each one its own paragraph after the table. */
  notes?: string[];
}

/**
 * The MR description of SPEC §6.3: the table, the conflict check, what gates the merge, the rebase box; all inside
 * pingate's own block, so that what a person writes around it is kept (see person-edits.ts).
 */
export function renderDescription(branch: PlannedBranch, context: DescriptionContext): string {
  const metadata: MrMetadata = {
    updates: branch.updates.map(({ file, name, from, to }) => ({ file, name, from, to })),
    base: context.base,
    ...(context.served ? { served: context.served } : {}),
    title: branch.title,
  };
  const content = [
    'This MR was opened by pingate.',
    '',
    '| package | from | to | type | release date |',
    '| --- | --- | --- | --- | --- |',
    ...branch.updates.map(tableRow),
    '',
    ...(context.notes ?? []).flatMap((note) => [note, '']),
    ...(branch.vulnerabilities ? advisoriesSection(branch.vulnerabilities) : []),
    '### Conflict check',
    '',
    branch.conflictSummary,
    '',
    '### Merge',
    '',
    gateText(branch, context),
    '',
    '---',
    '',
    `- [ ] ${REBASE_CHECK}If you want to rebase or retry this MR, tick this box`,
    '',
    metadataComment(metadata),
  ].join('\n');
  return `${ownBlock(content)}\n`;
}

function tableRow(update: PackageUpdate): string {
  const page = update.page ?? projectPageLink(DEFAULT_INDEX_URL, update.normalizedName, update.to);
  const links = [`[${page.label}](${page.url})`];
  const notes = releaseNotesUrl(update.projectUrls);
  if (notes) links.push(`[release notes](${notes.url})`);
  const date = update.releaseDate?.slice(0, 10) ?? 'unknown';
  return `| \`${update.name}\` (${links.join(', ')}) | \`${update.from}\` | \`${update.to}\` | ${update.updateType} | ${date} |`;
}

const notesKeys = [/change ?log/i, /release ?notes/i, /changes/i, /history/i, /releases/i, /news/i];

/** The changelog or release-notes link among a project's `project_urls`, most specific kind first. */
export function releaseNotesUrl(
  projectUrls: Record<string, string>,
): { label: string; url: string } | undefined {
  const entries = Object.entries(projectUrls).filter(([, url]) => /^https?:\/\//.test(url));
  for (const key of notesKeys) {
    const found = entries.find(([label]) => key.test(label));
    if (found) return { label: found[0], url: found[1] };
  }
  return undefined;
}

/** What gates the merge, in one sentence (the freeze MR's description says it too). */
export function gateText(
  branch: Pick<PlannedBranch, 'automerge'>,
  context: Pick<DescriptionContext, 'requiredJobs' | 'automergeSchedule'>,
): string {
  if (!branch.automerge) return 'Automerge is off for this update: a maintainer merges it.';
  const jobs =
    context.requiredJobs.length > 0
      ? `the jobs ${context.requiredJobs.map((j) => `\`${j}\``).join(', ')} succeed`
      : 'the whole pipeline succeeds with at least one job';
  const when =
    context.automergeSchedule.length > 0
      ? ` inside the automerge schedule (${context.automergeSchedule.join('; ')})`
      : '';
  return `pingate merges this MR${when} once the pipeline on its exact head commit has finished and ${jobs}.`;
}
