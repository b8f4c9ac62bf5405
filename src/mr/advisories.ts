import type { VulnerablePin } from '../plan/types.js';

/** The `### Vulnerabilities` part of a security MR's description (SPEC §13): every advisory of every pin it moves. */
export function advisoriesSection(pins: readonly VulnerablePin[]): string[] {
  const lines = ['### Vulnerabilities', ''];
  for (const pin of pins) {
    const to = pin.outcome.kind === 'update' ? ` → \`${pin.outcome.to}\`` : '';
    lines.push(
      `\`${pin.name}\` \`${pin.version}\`${to} (${pin.file}) fixes:`,
      '',
      '| advisory | aliases | summary | affected | fixed in | source |',
      '| --- | --- | --- | --- | --- | --- |',
      ...pin.advisories.map((a) => {
        const id = a.link ? `[${cell(a.id)}](${a.link})` : cell(a.id);
        const fixed =
          a.fixed.length > 0 ? a.fixed.map((f) => `\`${f}\``).join(', ') : 'no fixed release named';
        return `| ${id} | ${cell(a.aliases.join(', ')) || '—'} | ${cell(a.summary ?? '') || '—'} | ${cell(a.affectedRange)} | ${fixed} | ${a.sources.join(', ')} |`;
      }),
      '',
    );
  }
  return lines;
}

/** Text safe inside a markdown table cell, on one line. */
function cell(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/\|/g, '\\|').trim();
}
