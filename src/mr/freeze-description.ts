import type { FileFreeze } from '../plan/types.js';
import { gateText, REBASE_CHECK } from './description.js';
import { metadataComment } from './metadata.js';
import { ownBlock } from './person-edits.js';

/** The freeze MR's title, as its dashboard box reads (SPEC §12): `Pin 3 requirements that no line pins`. */
export function freezeTitle(count: number): string {
  return `Pin ${count} ${count === 1 ? 'requirement' : 'requirements'} that no line pins`;
}

export interface FreezeDescriptionContext {
  /** The files the MR appends a block to, each with the yaml file regenerated beside it. */
  files: { freeze: FileFreeze; yamlFile: string }[];
  base: string;
  /** `servedDigest` of the files on `base`. */
  served?: string;
  /** pingate's own title (before any `Draft:`), recorded so that a person's retitle is kept. */
  title: string;
  automerge: boolean;
  requiredJobs: string[];
  automergeSchedule: string[];
}

/**
 * The freeze MR's description: which pins it adds and why each is needed, how they were chosen, what gates the
 * merge, the rebase box; inside pingate's own block, with the metadata a later pass reads back.
 */
export function renderFreezeDescription(context: FreezeDescriptionContext): string {
  const names = context.files.map(({ freeze }) => `\`${freeze.file}\``).join(', ');
  const yamls = context.files.map(({ yamlFile }) => `\`${yamlFile}\``).join(', ');
  const content = [
    'This MR was opened by pingate because its Dependency Dashboard box was ticked. It completes the freeze: every',
    `package the pinned set installs gets a pin, in a commented block at the end of ${names}; ${yamls} is`,
    'regenerated in the same commit. Until these are pinned, pip chooses their releases at install time.',
    '',
    '| package | pin | file | needed because |',
    '| --- | --- | --- | --- |',
    ...context.files.flatMap(({ freeze }) => freeze.pins.map((pin) => tableRow(freeze.file, pin))),
    '',
    '### Conflict check',
    '',
    'Each pin is the newest release that satisfies every requirement on it on every configured Python (the releases',
    "pip's own resolver would choose today), and the file with the whole block installs on each of them.",
    '',
    '### Merge',
    '',
    gateText({ automerge: context.automerge }, context),
    '',
    '---',
    '',
    `- [ ] ${REBASE_CHECK}If you want to rebase or retry this MR, tick this box`,
    '',
    metadataComment({
      updates: [],
      base: context.base,
      ...(context.served ? { served: context.served } : {}),
      title: context.title,
      freeze: context.files.flatMap(({ freeze }) =>
        freeze.pins.map((pin) => ({ file: freeze.file, name: pin.name, version: pin.version })),
      ),
    }),
  ].join('\n');
  return `${ownBlock(content)}\n`;
}

function tableRow(file: string, pin: FileFreeze['pins'][number]): string {
  const why =
    pin.requiredBy.length > 0 ? pin.requiredBy.map(cell).join('<br>') : 'required by the pinned set';
  return `| \`${pin.name}\` | \`${pin.version}\` | \`${file}\` | ${why} |`;
}

/** Requirement text in a table cell: `|` would end the cell, backticks the code span. */
function cell(text: string): string {
  return `\`${text.replace(/`/g, "'").replace(/\|/g, '\\|')}\``;
}

/** `file\0name@version` of every pin, sorted: two freezes with the same key add the same lines. */
export function freezeKey(pins: readonly { file: string; name: string; version: string }[]): string {
  return pins
    .map((p) => `${p.file}\0${p.name.toLowerCase()}@${p.version}`)
    .sort()
    .join(',');
}
