/**
 * Core metadata files (PEP 658 `.metadata`, the METADATA of a wheel) are RFC 822-style headers: `Name: value`
 * lines, a line starting with white space continues the previous one, a blank line ends the headers.
 */

/** Every `Requires-Dist` value of a core metadata file, in file order. */
export function parseRequiresDist(text: string): string[] {
  return parseHeaders(text)
    .filter(([name]) => name.toLowerCase() === 'requires-dist')
    .map(([, value]) => value);
}

/** The header fields of a metadata file as `[name, value]` pairs, continuations unfolded. */
export function parseHeaders(text: string): [string, string][] {
  const fields: [string, string][] = [];
  for (const line of text.split(/\r\n|\n|\r/)) {
    if (line.trim() === '') {
      break;
    }
    const last = fields.at(-1);
    if (/^[ \t]/.test(line)) {
      if (last) {
        last[1] = `${last[1]} ${line.trim()}`.trim();
      }
      continue;
    }
    const colon = line.indexOf(':');
    if (colon > 0) {
      fields.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
    }
  }
  return fields;
}
