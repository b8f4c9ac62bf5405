import { describe, expect, it } from 'vitest';
import { escapeInline, renderedText } from '../../src/dashboard/inline-text.js';

describe('inline text', () => {
  it.each([
    'plain text',
    'zope_interface and _private_ and __dunder__',
    'a `code` *em* [link](url) <b>html</b> back\\slash',
    'pkg<2.1,>=1.0 ; python_version < "3.10"',
  ])('renders %j back as itself', (text) => {
    expect(renderedText(escapeInline(text))).toBe(text);
  });

  it('flattens newlines and keeps underscores inside words as written', () => {
    expect(escapeInline(' one\r\n two\tthree ')).toBe('one two three');
    expect(escapeInline('zope_interface')).toBe('zope_interface');
    expect(escapeInline('_private')).toBe('\\_private');
  });

  it('drops comment delimiters but keeps their content, and never reads an escaped one', () => {
    expect(renderedText('<!-- rebase-branch=b -->Title')).toBe('rebase-branch=b Title');
    expect(renderedText(escapeInline('<!-- x -->'))).toBe('<!-- x -->');
  });
});
