/**
 * Plain text in and out of one markdown line. Dashboard text comes from package metadata, error messages and
 * constraints lines people wrote, so it is flattened to one line and escaped before it goes into a list item.
 */

/** A backslash before ASCII punctuation, which markdown reads as that character. */
const UNESCAPE = /\\([!-/:-@[-`{-~])/g;

/**
 * One line of markdown that renders as `text`: whitespace runs (newlines included) become one space, and the
 * characters that would start code, emphasis, links or HTML are backslash-escaped. An underscore inside a word
 * (`zope_interface`) is left alone: it cannot start emphasis there.
 */
export function escapeInline(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\`*[\]<]/g, '\\$&')
    .replace(/(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/g, '\\_');
}

/**
 * The text a reader (and GitLab's checklist system note) sees for a line of our markdown: backslash escapes resolved
 * and HTML comment delimiters dropped while their content stays, which is how GitLab quotes a ticked item.
 */
export function renderedText(markdown: string): string {
  // One pass: an escaped `\<!--` stays text, and a comment keeps its content as written (markdown is not read there).
  return markdown
    .replace(
      /\\([!-/:-@[-`{-~])|<!--([\s\S]*?)-->/g,
      (_, escaped?: string, comment?: string) => escaped ?? comment ?? '',
    )
    .trim();
}

/** Resolves backslash escapes, as GitLab's note quoting adds them. */
export function unescapeInline(text: string): string {
  return text.replace(UNESCAPE, '$1');
}
