/**
 * The HTML form of a Simple API project page (PEP 503, with PEP 592 `data-yanked`, PEP 658/714 metadata
 * attributes): one `<a>` per file. Read with a small tolerant scanner rather than a DOM: the pages are generated,
 * and only anchors and their attributes matter.
 */
import type { SimpleFile } from './simple-file.js';

const ANCHOR = /<a\b([^>]*)>([\s\S]*?)<\/a\s*>/gi;
const ATTRIBUTE = /([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

export function parseSimpleHtml(html: string, pageUrl: string): SimpleFile[] {
  const files: SimpleFile[] = [];
  for (const match of html.matchAll(ANCHOR)) {
    const attributes = parseAttributes(match[1] ?? '');
    const href = attributes.get('href');
    if (!href) continue;
    const file = toSimpleFile(href, decodeEntities(stripTags(match[2] ?? '')).trim(), attributes, pageUrl);
    if (file) files.push(file);
  }
  return files;
}

function toSimpleFile(
  href: string,
  text: string,
  attributes: Map<string, string>,
  pageUrl: string,
): SimpleFile | undefined {
  let url: URL;
  try {
    url = new URL(href, pageUrl);
  } catch {
    return undefined;
  }
  const fragment = url.hash.slice(1);
  url.hash = '';
  const filename = text || decodeURIComponent(url.pathname.split('/').at(-1) ?? '');
  const file: SimpleFile = { filename, url: url.toString(), yanked: attributes.has('data-yanked') };
  const [algorithm, digest] = fragment.split('=', 2);
  if (algorithm === 'sha256' && digest) file.sha256 = digest;
  const reason = attributes.get('data-yanked');
  if (reason) file.yankedReason = reason;
  const requiresPython = attributes.get('data-requires-python');
  if (requiresPython) file.requiresPython = requiresPython;
  file.hasMetadata = hasMetadata(
    attributes.get('data-core-metadata') ?? attributes.get('data-dist-info-metadata'),
  );
  return file;
}

/** PEP 714: the attribute is `true` or `<hashname>=<hex>` when the file exists; absent or `false` when not. */
function hasMetadata(value: string | undefined): boolean {
  return value !== undefined && value.toLowerCase() !== 'false';
}

/** Attribute names lower-cased, values with entities decoded; a bare attribute has the value "". */
function parseAttributes(text: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const match of text.matchAll(ATTRIBUTE)) {
    const name = match[1]?.toLowerCase();
    if (!name) continue;
    attributes.set(name, decodeEntities(match[2] ?? match[3] ?? match[4] ?? ''));
  }
  return attributes;
}

function stripTags(text: string): string {
  return text.replace(/<[^>]*>/g, '');
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
};

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, entity: string) => {
    if (entity.startsWith('#x') || entity.startsWith('#X')) {
      return String.fromCodePoint(Number.parseInt(entity.slice(2), 16));
    }
    if (entity.startsWith('#')) {
      return String.fromCodePoint(Number.parseInt(entity.slice(1), 10));
    }
    return NAMED_ENTITIES[entity.toLowerCase()] ?? whole;
  });
}
