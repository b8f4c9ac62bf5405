/**
 * `dependencyDashboardHeader` / `dependencyDashboardFooter`: the team's own markdown, placed as written but unable to
 * pass for the bot's text. Every `<!--` is shown as text, so it can carry neither a box marker nor pingate's header
 * marker, and a code fence it leaves open is closed, so it cannot hide the boxes that follow it from the parser.
 */

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})/;

function openFenceAtEnd(lines: readonly string[]): string | undefined {
  let fence: string | undefined;
  for (const line of lines) {
    if (fence !== undefined) {
      const close = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(line)?.[1];
      if (close !== undefined && close[0] === fence[0] && close.length >= fence.length) fence = undefined;
      continue;
    }
    fence = FENCE_OPEN.exec(line)?.[1];
  }
  return fence;
}

/** The block to place, or undefined for no text (absent or only whitespace). */
export function configuredText(text: string | undefined): string | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const lines = text
    .trim()
    .replace(/<!--/g, '&lt;!--')
    .split(/\r\n|\n|\r/);
  const fence = openFenceAtEnd(lines);
  if (fence !== undefined) lines.push(fence);
  return lines.join('\n');
}
