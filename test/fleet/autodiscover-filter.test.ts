import { describe, expect, it } from 'vitest';
import { BadInputError } from '../../src/errors.js';
import { compileProjectFilter } from '../../src/fleet/autodiscover-filter.js';

const PATHS = ['python/api', 'python/web', 'python/tools/cli', 'Go/Server', 'docs/site', 'python-legacy/api'];

function kept(filters: string[]): string[] {
  const filter = compileProjectFilter(filters, '--autodiscover-filter');
  return PATHS.filter((path) => filter.matches(path));
}

describe('autodiscoverFilter as Renovate reads it', () => {
  it('no filter keeps every project', () => {
    expect(kept([])).toEqual(PATHS);
  });

  it('a minimatch glob: * stays within one level, ** goes deeper', () => {
    expect(kept(['python/*'])).toEqual(['python/api', 'python/web']);
    expect(kept(['python/**'])).toEqual(['python/api', 'python/web', 'python/tools/cli']);
    expect(kept(['python*/api'])).toEqual(['python/api', 'python-legacy/api']);
    expect(kept(['{docs,go}/*'])).toEqual(['Go/Server', 'docs/site']);
  });

  it('is case-insensitive for globs, and tests a regex against the lower-cased path', () => {
    expect(kept(['go/server'])).toEqual(['Go/Server']);
    expect(kept(['/^go\\//'])).toEqual(['Go/Server']);
    expect(kept(['/^Go\\//'])).toEqual([]);
    expect(kept(['/^GO\\//i'])).toEqual(['Go/Server']);
  });

  it('a /regex/ matches anywhere unless anchored', () => {
    expect(kept(['/api$/'])).toEqual(['python/api', 'python-legacy/api']);
    expect(kept(['/^python\\/(api|web)$/'])).toEqual(['python/api', 'python/web']);
  });

  it('! negates a regex or a glob: every project that does not match', () => {
    expect(kept(['!/^python/'])).toEqual(['Go/Server', 'docs/site']);
    expect(kept(['!python/**'])).toEqual(['Go/Server', 'docs/site', 'python-legacy/api']);
  });

  it('several filters add their matches together ("or"), in the order projects were listed', () => {
    expect(kept(['docs/*', 'python/*'])).toEqual(['python/api', 'python/web', 'docs/site']);
  });

  it('warns when a negation sits beside other filters, since "or" then keeps nearly everything', () => {
    const filter = compileProjectFilter(['!/^python/', 'python/api'], '--autodiscover-filter');
    expect(PATHS.filter((path) => filter.matches(path))).toEqual(['python/api', 'Go/Server', 'docs/site']);
    expect(filter.warnings).toEqual([expect.stringContaining('combined with "or"')]);
    expect(compileProjectFilter(['!/^python/'], 'x').warnings).toEqual([]);
  });

  it('an invalid regex is a usage error naming the option and the filter', () => {
    expect(() => compileProjectFilter(['/(unclosed/'], '--autodiscover-filter')).toThrow(BadInputError);
    expect(() => compileProjectFilter(['/(unclosed/'], '--autodiscover-filter')).toThrow(
      /--autodiscover-filter "\/\(unclosed\/" is not a valid regular expression/,
    );
  });
});
