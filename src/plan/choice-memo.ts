/**
 * A pin's targets (SPEC §6.1) remembered between passes, by what they were chosen from: one revision of the
 * project page (its URL and validators: a page that changed has another), the pin, the Pythons its lines admit, and
 * the config (which decides the rules and buckets). Choosing reads every release of the page (PEP 440
 * parsing of each); a pass whose pages answered 304 need not. Only choices that do not depend on the clock are
 * remembered: none of the pin's rules has a `minimumReleaseAge` (with one, a release's coming of age changes the
 * choice, and it is made in every pass).
 */
import { hash } from 'node:crypto';
import type { RepoConfig } from '../config/schema.js';
import type { BucketChoice } from '../policy/candidates.js';
import type { EffectiveRules } from '../policy/package-rules.js';
import type { Project } from '../pypi/types.js';
import { UPDATE_TYPES, type UpdateType } from '../versioning/pep440.js';
import type { RememberedChoice, VerdictMemo } from './verdict-memo.js';

export interface ChoiceKeyInput {
  config: RepoConfig;
  project: Project;
  normalizedName: string;
  current: string;
  pythons: { every: string[]; some: string[] };
  file?: string;
  rulesFor: (updateType: UpdateType) => EffectiveRules;
}

/** The key, or undefined when the choice may not be remembered (no page revision, or a release age to wait for). */
export function choiceKey(input: ChoiceKeyInput): string | undefined {
  if (!input.project.revision) return undefined;
  if (UPDATE_TYPES.some((type) => (input.rulesFor(type).minimumReleaseAgeMs ?? 0) > 0)) return undefined;
  // The rules of a pin follow from the config, its name, file and version: the config stands for them all.
  const lines = [
    configPrint(input.config),
    input.project.revision,
    `${input.normalizedName} ${input.current} ${input.file ?? ''}`,
    `every ${input.pythons.every.join(',')} some ${input.pythons.some.join(',')}`,
  ];
  return hash('sha256', lines.join('\n'), 'base64url').slice(0, 24);
}

const printed = new WeakMap<RepoConfig, string>();

/** The config as JSON (plain data: parsed from JSON, with defaults), once per config object. */
function configPrint(config: RepoConfig): string {
  let print = printed.get(config);
  if (print === undefined) {
    print = JSON.stringify(config);
    printed.set(config, print);
  }
  return print;
}

/** The remembered choices as the planner uses them; undefined when a release they name is no longer on the page. */
export function recalled(
  memo: VerdictMemo,
  key: string,
  project: Project,
  rulesFor: (updateType: UpdateType) => EffectiveRules,
): BucketChoice[] | undefined {
  const list = memo.choices(key);
  if (!list) return undefined;
  const choices: BucketChoice[] = [];
  for (const { version, updateType } of list) {
    const release = project.releases.find((r) => r.version === version);
    if (!release) return undefined;
    choices.push({ kind: 'target', target: { release, updateType, rules: rulesFor(updateType) } });
  }
  return choices;
}

/** Remembers `choices` under `key` when every one is a target (a pending one waits on the clock). */
export function remember(memo: VerdictMemo, key: string, choices: readonly BucketChoice[]): void {
  const list: RememberedChoice[] = [];
  for (const choice of choices) {
    if (choice.kind !== 'target') return;
    list.push({ version: choice.target.release.version, updateType: choice.target.updateType });
  }
  memo.setChoices(key, list);
}
