/**
 * Random valid constraints files for property tests, built from a model so a test can say what the file must look
 * like after an update without asking the code under test.
 */
import fc from 'fast-check';
import { normalizeName } from '../../src/versioning/normalize.js';
import { compareVersions } from '../../src/versioning/pep440.js';

/** Every line break pip's `str.splitlines()` knows; LF and CRLF most often. */
export type Eol = '\n' | '\r\n' | '\r' | '\v' | '\f' | '\x1c' | '\x85' | '\u2028' | '\u2029';

export interface PinModel {
  kind: 'pin';
  name: string;
  extras: string;
  beforeOp: string;
  op: '==' | '===';
  afterOp: string;
  version: string;
  marker?: { text: string; separator: string; ownLine: boolean };
  hashes: string[];
  hashLayout: 'same-line' | 'continuation';
  indent: string;
  comment: string;
  ignored: boolean;
  trailing: string;
  eol: Eol;
}

/** Any other line, kept as it is. */
export interface RawModel {
  kind: 'raw';
  text: string;
  eol: Eol;
}

export type LineModel = PinModel | RawModel;

export interface FileModel {
  lines: LineModel[];
  finalNewline: boolean;
}

export const NAMES = [
  'requests',
  'Requests',
  'zope.interface',
  'Zope_Interface',
  'pip',
  'filelock',
  'typing-extensions',
];
export const VERSIONS = ['1.0', '1.0.0', '2.3.4', '2.0b1', '1!1.0', '3.1.post1', '0.9.dev2', '2024.2.2'];
export const TARGETS = ['9.9.9', '10.0', '2.3.5', '3.0rc1'];

const eol = fc.oneof(
  { arbitrary: fc.constantFrom<Eol>('\n', '\r\n'), weight: 4 },
  { arbitrary: fc.constantFrom<Eol>('\r', '\v', '\f', '\x1c', '\x85', '\u2028', '\u2029'), weight: 1 },
);
const spaces = fc.constantFrom('', ' ', '  ', '\t');
export const digest = fc.stringMatching(/^[0-9a-f]{64}$/);

const pin: fc.Arbitrary<PinModel> = fc.record({
  kind: fc.constant('pin' as const),
  name: fc.constantFrom(...NAMES),
  extras: fc.constantFrom('', '', '[redis]', '[security,socks]'),
  beforeOp: fc.constantFrom('', '', ' '),
  op: fc.constantFrom<'==' | '==='>('==', '==', '==', '==='),
  afterOp: fc.constantFrom('', '', ' '),
  version: fc.constantFrom(...VERSIONS),
  marker: fc.option(
    fc.record({
      text: fc.constantFrom(
        'python_version < "3.10"',
        'implementation_name == "graalpy" and platform_system != "Windows"',
        '(os_name == "nt" or python_version >= "3.12") and extra == "x"',
        "sys_platform == 'linux'",
      ),
      separator: fc.constantFrom(';', '; ', ' ; '),
      ownLine: fc.boolean(),
    }),
    { nil: undefined },
  ),
  hashes: fc.oneof(fc.constant<string[]>([]), fc.array(digest, { minLength: 1, maxLength: 3 })),
  hashLayout: fc.constantFrom<'same-line' | 'continuation'>('same-line', 'continuation'),
  indent: fc.constantFrom('    ', '  ', '\t'),
  comment: fc.constantFrom('', '', '  # via -r requirements.in', ' # why: see #12'),
  ignored: fc.boolean(),
  trailing: spaces,
  eol,
});

const raw: fc.Arbitrary<RawModel> = fc.record({
  kind: fc.constant('raw' as const),
  text: fc.constantFrom(
    '',
    '   ',
    '# a comment',
    '    # via',
    '    #   pip-tools',
    '-r other.txt',
    '--index-url https://pypi.example/simple/',
    '-c constraints.txt  ',
    'pkg>=1,<2',
    'unpinned',
    'pkg @ https://example.com/pkg-1.0.tar.gz ; python_version < "3.10"',
    '-e ./local/pkg',
    'https://example.com/wheels/foo-1.0-py3-none-any.whl',
  ),
  eol,
});

export const fileModel: fc.Arbitrary<FileModel> = fc.record({
  lines: fc.array(fc.oneof({ arbitrary: pin, weight: 3 }, { arbitrary: raw, weight: 2 }), { maxLength: 12 }),
  finalNewline: fc.boolean(),
});

export function renderFile(model: FileModel): string {
  const lines = model.lines.map((line, index) => {
    const last = index === model.lines.length - 1;
    const ending = last && !model.finalNewline ? '' : line.eol;
    return (line.kind === 'raw' ? line.text : renderPin(line)) + ending;
  });
  return lines.join('');
}

function renderPin(pin: PinModel): string {
  const physical = [`${pin.name}${pin.extras}${pin.beforeOp}${pin.op}${pin.afterOp}${pin.version}`];
  if (pin.marker) {
    if (pin.marker.ownLine) {
      physical.push(`${pin.indent}; ${pin.marker.text}`);
    } else {
      physical[0] += `${pin.marker.separator}${pin.marker.text}`;
    }
  }
  const hashes = pin.hashes.map((hash) => `--hash=sha256:${hash}`);
  if (pin.hashLayout === 'continuation') {
    physical.push(...hashes.map((hash) => `${pin.indent}${hash}`));
  } else if (hashes.length > 0) {
    physical[physical.length - 1] += ` ${hashes.join(' ')}`;
  }
  const comment = pin.ignored ? '  # pingate: ignore' : pin.comment;
  return `${physical.join(` \\${pin.eol}`)}${comment}${pin.trailing}`;
}

/** What an update must do to the model: new version, and new sorted digests where there were hashes. */
export function updateModel(
  model: FileModel,
  name: string,
  from: string,
  to: string,
  sha256: string[],
): FileModel {
  const sorted = [...new Set(sha256)].sort();
  return {
    ...model,
    lines: model.lines.map((line) =>
      line.kind === 'pin' && matches(line, name, from)
        ? { ...line, version: to, hashes: line.hashes.length > 0 ? sorted : [] }
        : line,
    ),
  };
}

export function matches(pin: PinModel, name: string, from: string): boolean {
  return (
    normalizeName(pin.name) === normalizeName(name) &&
    !pin.ignored &&
    compareVersions(pin.version, from) === 0
  );
}
