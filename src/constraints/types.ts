import type { MarkerExpression } from '../versioning/markers.js';

/** Half-open range of UTF-16 offsets into `ConstraintsFile.text`. */
export interface Span {
  start: number;
  end: number;
}

/** A problem found in a file, printed as `FILE:LINE:COLUMN: message` (1-based). */
export interface Diagnostic {
  file: string;
  line: number;
  column: number;
  message: string;
}

interface EntryBase {
  /** 1-based number of the entry's first physical line. */
  line: number;
  /** The whole logical line, continuations included, line ending excluded. */
  span: Span;
}

export interface HashOption {
  algorithm: string;
  digest: string;
  /** Span of the whole `--hash=algo:digest` option text. */
  span: Span;
}

/** `name==1.2.3` / `name===1.2.3`: the only entry pingate ever updates. */
export interface PinEntry extends EntryBase {
  kind: 'pin';
  /** As written in the file. */
  name: string;
  /** PEP 503 normal form, used for matching and look-ups. */
  normalizedName: string;
  extras: string[];
  operator: '==' | '===';
  version: string;
  versionSpan: Span;
  markerText?: string;
  marker?: MarkerExpression;
  hashes: HashOption[];
  /** `# pingate: ignore` or `# renovate: ignore` on the line. */
  ignored: boolean;
}

/** A requirement that is not an exact pin: `pkg`, `pkg>=1,<2`, `pkg==1.*`. Kept, listed as "not pinned". */
export interface RequirementEntry extends EntryBase {
  kind: 'requirement';
  name: string;
  normalizedName: string;
  extras: string[];
  specifier: string;
  markerText?: string;
  marker?: MarkerExpression;
}

/** `pkg @ url`, a bare URL or path, `-e …`. Kept. */
export interface ReferenceEntry extends EntryBase {
  kind: 'reference';
  name?: string;
  normalizedName?: string;
  target: string;
  editable: boolean;
  /** Only for the `name[extras] @ url ; marker` form. */
  extras?: string[];
  markerText?: string;
  marker?: MarkerExpression;
}

/** `-r file`, `-c file`, `-i URL`, `--index-url[=]URL`, `--extra-index-url URL`, `--find-links …`. Kept. */
export interface OptionEntry extends EntryBase {
  kind: 'option';
  /** Long form, e.g. `--index-url` for `-i`. */
  option: string;
  value?: string;
}

export interface CommentEntry extends EntryBase {
  kind: 'comment';
}

export interface BlankEntry extends EntryBase {
  kind: 'blank';
}

/** A line that is none of the forms above. Never modified. */
export interface InvalidEntry extends EntryBase {
  kind: 'invalid';
  diagnostic: Diagnostic;
}

export type Entry =
  | PinEntry
  | RequirementEntry
  | ReferenceEntry
  | OptionEntry
  | CommentEntry
  | BlankEntry
  | InvalidEntry;

export interface ConstraintsFile {
  /** Path as the user named it; used in diagnostics. */
  path: string;
  /** The exact bytes, decoded. Writing with no update returns this text unchanged. */
  text: string;
  entries: Entry[];
  diagnostics: Diagnostic[];
}

/** Move every pin of `normalizedName` whose version is `from` to `to`. */
export interface PinUpdate {
  normalizedName: string;
  from: string;
  to: string;
  /** sha256 hex digests of the new version's files; required when the pin carries `--hash` options. */
  sha256?: string[];
}
