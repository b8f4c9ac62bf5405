import { normalizeName } from '../versioning/normalize.js';
import { FREEZE_COMMENT } from './freeze.js';

/** A line of the freeze block: `name==version`, nothing else. */
const BLOCK_PIN = /^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)$/;

/**
 * The constraints text with the freeze's pins in a commented block at its end (SPEC §12): the comment, then
 * `name==version` sorted by name, after one blank line. A block pingate appended earlier that is still the end of the
 * file (only its pins and blank lines after its comment) takes the new pins instead, so the file keeps one block.
 * Every other byte is kept, line endings included (CRLF when the file uses them).
 */
export function withFreezeBlock(text: string, pins: readonly { name: string; version: string }[]): string {
  if (pins.length === 0) return text;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(/\r\n|\n/);
  const at = lines.findLastIndex((line) => line.trim() === FREEZE_COMMENT);
  const tail = at >= 0 ? lines.slice(at + 1).map((line) => line.trim()) : [];
  const joinsBlock = at >= 0 && tail.every((line) => line === '' || BLOCK_PIN.test(line));
  const kept = joinsBlock ? tail.filter((line) => line !== '') : [];
  const added = pins.map((pin) => `${pin.name}==${pin.version}`);
  const block = [FREEZE_COMMENT, ...sortedByName([...kept, ...added])];
  const before = joinsBlock ? lines.slice(0, at).join(eol) : text;
  const head = before.replace(/(?:\r\n|\n)+$/, '');
  return `${head === '' ? '' : `${head}${eol}${eol}`}${block.join(eol)}${eol}`;
}

function sortedByName(lines: string[]): string[] {
  const key = (line: string) => normalizeName(BLOCK_PIN.exec(line)?.[1] ?? line);
  return [...new Set(lines)].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
