import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LINE_BREAK } from '../../src/constraints/lines.js';
import { parseConstraints } from '../../src/constraints/parse.js';
import type { PinEntry } from '../../src/constraints/types.js';
import { applyUpdates } from '../../src/constraints/update.js';
import { pipRequirementLines } from '../../src/constraints/yaml.js';
import { normalizeName } from '../../src/versioning/normalize.js';
import {
  digest,
  fileModel,
  matches,
  NAMES,
  renderFile,
  TARGETS,
  updateModel,
  VERSIONS,
} from './arbitraries.js';

describe('generated files (LF, CRLF, CR, U+2028 and every other line break pip knows, mixed, trailing spaces, no final newline, continuations, markers, hashes)', () => {
  it('parse then write with no update is byte-identical, with no diagnostics', () => {
    fc.assert(
      fc.property(fileModel, (model) => {
        const text = renderFile(model);
        const file = parseConstraints(text, 'constraints.txt');
        expect(file.diagnostics).toEqual([]);
        expect(applyUpdates(file, []).text).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  it('finds every pin with its name, version and hashes', () => {
    fc.assert(
      fc.property(fileModel, (model) => {
        const file = parseConstraints(renderFile(model), 'constraints.txt');
        const found = file.entries.filter((entry): entry is PinEntry => entry.kind === 'pin');
        const expected = model.lines.flatMap((line) => (line.kind === 'pin' ? [line] : []));
        expect(
          found.map((pin) => [
            pin.normalizedName,
            pin.version,
            pin.hashes.map((hash) => hash.digest),
            pin.ignored,
          ]),
        ).toEqual(expected.map((pin) => [normalizeName(pin.name), pin.version, pin.hashes, pin.ignored]));
        expect(found.map((pin) => pin.markerText)).toEqual(expected.map((pin) => pin.marker?.text));
      }),
      { numRuns: 200 },
    );
  });

  it('an update changes only the version text (and the hashes, in their layout) of the lines it moves', () => {
    const updateArbitrary = fc.record({
      name: fc.constantFrom(...NAMES),
      from: fc.constantFrom(...VERSIONS),
      to: fc.constantFrom(...TARGETS),
      sha256: fc.array(digest, { minLength: 1, maxLength: 3 }),
    });
    fc.assert(
      fc.property(fileModel, updateArbitrary, (model, { name, from, to, sha256 }) => {
        const file = parseConstraints(renderFile(model), 'constraints.txt');
        const result = applyUpdates(file, [{ normalizedName: normalizeName(name), from, to, sha256 }]);
        expect(result.text).toBe(renderFile(updateModel(model, name, from, to, sha256)));
        const moved = model.lines.some((line) => line.kind === 'pin' && matches(line, name, from));
        expect(result.skipped).toHaveLength(moved ? 0 : 1);
      }),
      { numRuns: 300 },
    );
  });

  it('gives pip one line per requirement, with no comment and no continuation left', () => {
    fc.assert(
      fc.property(fileModel, (model) => {
        const lines = pipRequirementLines(parseConstraints(renderFile(model), 'constraints.txt'));
        const expected = model.lines.filter((line) => line.kind === 'pin' || !/^\s*(#|$)/.test(line.text));
        expect(lines).toHaveLength(expected.length);
        for (const line of lines) {
          expect(line).not.toMatch(/\\|\s#|^\s|\s$/);
          expect(line).not.toMatch(LINE_BREAK);
        }
      }),
      { numRuns: 200 },
    );
  });
});
