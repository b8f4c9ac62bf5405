import { describe, expect, it } from 'vitest';
import { jobPatternMatches } from '../../src/gate/job-pattern.js';

describe('jobPatternMatches', () => {
  it('matches a plain entry by the exact name only', () => {
    expect(jobPatternMatches('test-install', 'test-install')).toBe(true);
    expect(jobPatternMatches('test-install', 'test-install-3.9')).toBe(false);
    expect(jobPatternMatches('test.install', 'test-install')).toBe(false);
  });

  it('reads /regex/flags', () => {
    expect(jobPatternMatches('/^test-install-3\\.(9|12)$/', 'test-install-3.12')).toBe(true);
    expect(jobPatternMatches('/^test-install-3\\.(9|12)$/', 'test-install-3.10')).toBe(false);
    expect(jobPatternMatches('/^TEST/i', 'test 1/3')).toBe(true);
  });

  it('gives the same answer every time, even with the g flag', () => {
    const answers = [1, 2, 3].map(() => jobPatternMatches('/install/g', 'test-install'));
    expect(answers).toEqual([true, true, true]);
  });

  it('an entry whose regex does not compile matches nothing, not even its own text', () => {
    expect(jobPatternMatches('/(/', '/(/')).toBe(false);
    expect(jobPatternMatches('/(/', '(')).toBe(false);
  });

  it('a lone slash or // is a plain name', () => {
    expect(jobPatternMatches('/', '/')).toBe(true);
    expect(jobPatternMatches('//', '//')).toBe(true);
  });
});
