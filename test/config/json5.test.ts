import { describe, expect, it } from 'vitest';
import { parseRepoConfig } from '../../src/config/load.js';
import type { Diagnostic } from '../../src/constraints/types.js';

function lines(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.file}:${d.line}:${d.column}: ${d.message}`);
}

describe('JSON5 (renovate.json5, .gitlab/renovate.json5, .renovaterc.json5)', () => {
  it('reads comments, trailing commas, unquoted keys and single quotes', () => {
    const text = `// pingate reads this as Renovate does
{
  /* when */ schedule: ['every weekend'],
  timezone: 'Europe/Prague',
  "labels": ['deps', "python",],
  packageRules: [{matchPackageNames: ['boto*'], groupName: 'boto',},],
}
`;
    const result = parseRepoConfig(text, 'renovate.json5');
    expect(lines(result.errors)).toEqual([]);
    expect(lines(result.warnings)).toEqual([]);
    expect(result.config.timezone).toBe('Europe/Prague');
    expect(result.config.labels).toEqual(['deps', 'python']);
    expect(result.config.packageRules).toEqual([{ matchPackageNames: ['boto*'], groupName: 'boto' }]);
  });

  it('locates a problem after comments and unquoted keys, line and column', () => {
    const text = "{\n  // the time zone\n  timezone: 'Europe/Prag',\n  /* typo */ automerg: true,\n}\n";
    expect(lines(parseRepoConfig(text, '.gitlab/renovate.json5').errors)).toEqual([
      '.gitlab/renovate.json5:3:13: "timezone" must be an IANA time zone such as "Europe/Prague" or "UTC", found "Europe/Prag"',
      '.gitlab/renovate.json5:4:14: unknown key "automerg" (did you mean "automerge"?)',
    ]);
  });

  it.each([
    [
      "{\n  schedule: ['every weekend'\n}",
      '.renovaterc.json5:3:1: invalid JSON5: "," or "]" expected, found "}"',
    ],
    ['{\n  a: 1,,\n}', '.renovaterc.json5:2:8: invalid JSON5: a property name expected, found ","'],
    ["{\n  x: 'abc\n}", '.renovaterc.json5:2:10: invalid JSON5: a string that runs past the end of its line'],
    ['{ /* never closed\n', '.renovaterc.json5:1:3: invalid JSON5: a comment that never ends (no "*/")'],
  ])('locates a syntax error: %j', (text, expected) => {
    expect(lines(parseRepoConfig(text, '.renovaterc.json5').errors)).toEqual([expected]);
  });

  it('reads a renovate.json that is only valid JSON5 as JSON5, with a warning (as Renovate does)', () => {
    const result = parseRepoConfig('{\n  "automerge": false, // for now\n}\n', 'renovate.json');
    expect(result.errors).toEqual([]);
    expect(result.config.automerge).toBe(false);
    expect(lines(result.warnings)).toEqual([
      'renovate.json:2:23: not strict JSON (a comment): read as JSON5, as Renovate does',
    ]);
  });

  it('takes the config of package.json from its "renovate" key, located in package.json', () => {
    const text = '{\n  "name": "x",\n  "renovate": {\n    "automerge": "no"\n  }\n}\n';
    expect(lines(parseRepoConfig(text, 'package.json').errors)).toEqual([
      'package.json:4:18: "automerge" must be true or false, found "no"',
    ]);
  });
});

describe('hostile renovate.json', () => {
  it('answers a file nested 3,000 deep with one clear, located error (no RangeError)', () => {
    for (const text of [
      `{"labels": ${'['.repeat(3000)}${']'.repeat(3000)}}`,
      `${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}`,
    ]) {
      const result = parseRepoConfig(text, 'renovate.json');
      expect(result.errors).toHaveLength(1);
      expect(result.errors[0]!.message).toBe(
        'invalid JSON: nested more than 64 levels deep; a configuration never needs that',
      );
      expect(result.errors[0]!.line).toBe(1);
    }
  });

  it('reports 20,000 and 40,000 unknown keys each, located, in time that grows linearly', () => {
    const timings: number[] = [];
    for (const count of [20_000, 40_000]) {
      const keys = Array.from({ length: count }, (_, index) => `"unknownKey${index}": ${index}`);
      const text = `{\n${keys.join(',\n')}\n}`;
      const started = performance.now();
      const result = parseRepoConfig(text, 'renovate.json');
      timings.push(performance.now() - started);
      expect(result.errors).toHaveLength(count);
      expect(lines([result.errors.at(-1)!])).toEqual([
        `renovate.json:${count + 1}:1: unknown key "unknownKey${count - 1}": neither Renovate nor pingate has it`,
      ]);
    }
    // Generous: quadratic work took 7-12 s for 20,000 keys and 23 s for 40,000.
    expect(timings[1]!).toBeLessThan(15_000);
  }, 60_000);
});
