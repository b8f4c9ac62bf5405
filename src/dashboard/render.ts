import { configuredText } from './config-text.js';
import { renderDetectedDependencies } from './detected.js';
import { renderFreshnessChart } from './freshness-chart.js';
import { HEADINGS } from './headings.js';
import { escapeInline } from './inline-text.js';
import { knownGoodText, normaliseKnownGood } from './known-good.js';
import {
  BULK_MARKERS,
  type BulkMarkerKey,
  DASHBOARD_HEADER,
  ITEM_MARKERS,
  type Marker,
  markerComment,
  PLAIN_MARKERS,
} from './markers.js';
import type { DashboardModel, DashboardUpdate, ErroredUpdate } from './model.js';

const INTRO =
  'This issue lists the updates pingate has found for the Python constraints and what holds each back. ' +
  'Tick a box and pingate acts on it in its next pass, or within seconds when its webhook is set up.';

/** A list line: with a marker it is a box, without one a plain bullet. `text` is markdown already. */
interface Item {
  marker?: Marker;
  text: string;
}

interface Section {
  heading: string;
  note: string;
  items: Item[];
  bulk?: { marker: BulkMarkerKey; text: string };
}

function itemText(title: string, detail?: string, reason?: string): string {
  const shownDetail = detail ? escapeInline(detail) : '';
  const shownReason = reason ? escapeInline(reason) : '';
  const head = [escapeInline(title), shownDetail && `(${shownDetail})`].filter(Boolean).join(' ');
  return shownReason ? `${head}: ${shownReason}` : head;
}

function updateItems(updates: readonly DashboardUpdate[], marker: Marker['marker']): Item[] {
  return updates.map((update) => ({
    marker: { marker, value: update.branch },
    text: itemText(update.title, update.detail, update.reason),
  }));
}

function erroredItem(update: ErroredUpdate): Item {
  const text = itemText(update.title, update.detail, update.reason);
  // Without a branch there is nothing to retry by name; the next pass retries the look-up anyway.
  return update.branch ? { marker: { marker: ITEM_MARKERS.retry, value: update.branch }, text } : { text };
}

/** The sections of updates held back from an MR, each with a bulk box. */
function waitingSections(model: DashboardModel): Section[] {
  return [
    {
      heading: HEADINGS.pendingApproval,
      note: 'These updates wait for approval. Tick a box to create its MR.',
      items: updateItems(model.pendingApproval, ITEM_MARKERS.approve),
      bulk: { marker: BULK_MARKERS.approveAll, text: 'Create all MRs pending approval' },
    },
    {
      heading: HEADINGS.awaitingSchedule,
      note: 'These updates wait for the schedule. Tick a box to create its MR now.',
      items: updateItems(model.awaitingSchedule, ITEM_MARKERS.unschedule),
      bulk: { marker: BULK_MARKERS.createAllAwaitingSchedule, text: 'Create all awaiting MRs now' },
    },
    {
      heading: HEADINGS.rateLimited,
      note: 'These updates are held back by the MR limits. Tick a box to create its MR now.',
      items: updateItems(model.rateLimited, ITEM_MARKERS.unlimit),
      bulk: { marker: BULK_MARKERS.createAllRateLimited, text: 'Create all rate-limited MRs now' },
    },
  ];
}

/**
 * The sections after the waiting ones, in SPEC §7 order. Errored and Closed get no bulk box: the spec names only four bulk
 * markers, errored updates are retried by every pass anyway, and recreating every closed MR at once would undo
 * several separate decisions people made on purpose.
 */
function outcomeSections(model: DashboardModel): Section[] {
  return [
    {
      heading: HEADINGS.blocked,
      note: 'pip could not install these updates together with the other pins.',
      items: model.blocked.map((entry) => ({ text: itemText(entry.title, undefined, entry.reason) })),
    },
    {
      heading: HEADINGS.errored,
      note: 'These failed and are tried again on the next pass. Tick a box to retry now.',
      items: model.errored.map(erroredItem),
    },
    {
      heading: HEADINGS.open,
      note: 'Open MRs and what their merge waits for. Tick a box to rebase or retry one.',
      items: model.open.map((mr) => ({
        marker: { marker: ITEM_MARKERS.rebase, value: mr.branch },
        text: itemText(mr.title, `!${mr.iid}`, mr.gateState),
      })),
      bulk: { marker: BULK_MARKERS.rebaseAllOpen, text: 'Rebase all open MRs' },
    },
    {
      heading: HEADINGS.closed,
      note: 'These versions were closed unmerged and are not proposed again. Tick a box to recreate the MR.',
      items: updateItems(model.closed, ITEM_MARKERS.recreate),
    },
    {
      heading: HEADINGS.knownGood,
      note: 'Merged constraints whose pipeline passed, newest first. Tick a box to open an MR that restores one.',
      items: normaliseKnownGood(model.knownGood).map((entry) => ({
        marker: { marker: ITEM_MARKERS.rollback, value: entry.sha },
        text: escapeInline(knownGoodText(entry)),
      })),
    },
  ];
}

function renderItem(item: Item): string {
  return item.marker ? `- [ ] ${markerComment(item.marker)}${item.text}` : `- ${item.text}`;
}

function renderSection(section: Section): string {
  const lines = section.items.map(renderItem);
  const boxes = section.items.filter((item) => item.marker).length;
  if (section.bulk && boxes > 1) {
    lines.push(renderItem({ marker: { marker: section.bulk.marker }, text: section.bulk.text }));
  }
  return `## ${section.heading}\n\n${section.note}\n\n${lines.join('\n')}`;
}

function vulnerabilitiesSection(items: DashboardModel['vulnerabilities']): string {
  const lines = items.flatMap((item) => [
    `- ${escapeInline(item.pin)}: ${escapeInline(item.action)}`,
    ...item.advisories.map((line) => `  - ${escapeInline(line)}`),
  ]);
  return `## ${HEADINGS.vulnerabilities}\n\nThese pinned releases have known advisories. Security MRs wait for no schedule and no MR limit; the merge gate is the same as for any MR.\n\n${lines.join('\n')}`;
}

/** The freeze box's text (SPEC §12): `Pin 3 requirements that no line pins`. */
export function pinUnpinnedText(count: number): string {
  return `Pin ${count} ${count === 1 ? 'requirement' : 'requirements'} that no line pins`;
}

/** The problems, then the freeze box: it sits beside the not-pinned requirements it pins (SPEC §7 and §12). */
function problemsSection(problems: readonly string[], pinUnpinned: number): string {
  const lines = problems.map((problem) => `- ${escapeInline(problem)}`);
  if (pinUnpinned > 0) {
    lines.push(
      renderItem({ marker: { marker: PLAIN_MARKERS.pinUnpinned }, text: pinUnpinnedText(pinUnpinned) }),
    );
  }
  const note =
    'These need a person; pingate leaves the lines concerned untouched and serves the rest.' +
    (pinUnpinned > 0
      ? ' Tick the last box to open one MR that pins every requirement no line pins, at the end of the file.'
      : '');
  return `## ${HEADINGS.problems}\n\n${note}\n\n${lines.join('\n')}`;
}

/**
 * The issue body for a model (SPEC §7): GitLab-flavoured markdown, sections in the order of the spec, each only when
 * it has something in it. The same model always gives the same bytes, so a pass rewrites the issue only on change.
 */
export function renderDashboard(model: DashboardModel): string {
  const blocks: string[] = [DASHBOARD_HEADER];
  if (model.title) blocks.push(`# ${escapeInline(model.title)}`);
  const header = configuredText(model.header);
  if (header) blocks.push(header);
  blocks.push(INTRO);
  const chart = renderFreshnessChart(model.freshness);
  if (chart) blocks.push(chart);
  if (model.vulnerabilities.length > 0) blocks.push(vulnerabilitiesSection(model.vulnerabilities));
  const pinUnpinned = model.pinUnpinned ?? 0;
  if (model.problems.length > 0 || pinUnpinned > 0) blocks.push(problemsSection(model.problems, pinUnpinned));
  for (const section of [...waitingSections(model), ...outcomeSections(model)]) {
    if (section.items.length > 0) blocks.push(renderSection(section));
  }
  const detected = renderDetectedDependencies(model.detected);
  if (detected) blocks.push(`## ${HEADINGS.detected}\n\n${detected}`);
  const footer = configuredText(model.footer);
  if (footer) blocks.push(footer);
  return `${blocks.join('\n\n')}\n`;
}
