/**
 * `dependencyDashboardHeader` / `dependencyDashboardFooter`: the team's own markdown, placed as written but unable to
 * pass for the bot's text. Every `<!--` is shown as text, so it can carry neither a box marker nor pingate's header
 * marker, and a code fence it leaves open is closed, so it cannot hide the boxes that follow it from the parser.
 */
import { fenceAfter, splitLines } from './body-lines.js';

/** The block to place, or undefined for no text (absent or only whitespace). */
export function configuredText(text: string | undefined): string | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const lines = splitLines(text.trim().replace(/<!--/g, '&lt;!--'));
  // Read as the dashboard's parser reads it, so that what it counts as still open is what gets closed.
  const open = lines.reduce<string | undefined>((fence, line) => fenceAfter(line, fence), undefined);
  if (open !== undefined) lines.push(open);
  return lines.join('\n');
}
