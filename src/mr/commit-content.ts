import { parseConstraints } from '../constraints/parse.js';
import type { PinUpdate } from '../constraints/types.js';
import { applyUpdates } from '../constraints/update.js';
import { renderYaml } from '../constraints/yaml.js';
import type { ServedPair } from '../pass/snapshot.js';
import type { PackageUpdate } from '../plan/types.js';
import type { FileAction } from '../platform/types.js';

export interface CommitContent {
  actions: FileAction[];
  /** Updates that could not be written (e.g. a hashed pin without digests), with why. */
  skipped: { update: PackageUpdate; reason: string }[];
}

/**
 * The single commit of a bot branch: each served constraints file with the branch's updates applied (only the
 * version text and, for hashed pins, the hashes change) and its yaml file regenerated from the result (SPEC §2.3, §3).
 */
export function updateCommitContent(
  pairs: readonly ServedPair[],
  updates: readonly PackageUpdate[],
): CommitContent {
  const content: CommitContent = { actions: [], skipped: [] };
  for (const pair of pairs) {
    const mine = updates.filter((u) => u.file === pair.served.constraintsFile);
    if (mine.length === 0) continue;
    const result = applyUpdates(pair.file, mine.map(toPinUpdate));
    for (const skipped of result.skipped) {
      const update = mine.find((u) => u.normalizedName === skipped.update.normalizedName)!;
      content.skipped.push({ update, reason: skipped.reason });
    }
    content.actions.push(...pairActions(pair, result.text));
  }
  return content;
}

/** Actions that make a pair hold `constraintsText` and the yaml generated from it; none when both are current. */
export function pairActions(pair: ServedPair, constraintsText: string): FileAction[] {
  const actions: FileAction[] = [];
  const path = pair.served.constraintsFile;
  if (constraintsText !== pair.file.text) {
    actions.push({ action: 'update', filePath: path, content: constraintsText });
  }
  const yaml = renderYaml(parseConstraints(constraintsText, path), {
    format: pair.served.yamlFormat,
    key: pair.served.yamlKey,
    variable: pair.served.yamlVariable,
    sourceName: path,
  });
  if (yaml !== pair.yamlText) {
    actions.push({
      action: pair.yamlText === undefined ? 'create' : 'update',
      filePath: pair.served.yamlFile,
      content: yaml,
    });
  }
  return actions;
}

function toPinUpdate(update: PackageUpdate): PinUpdate {
  return { normalizedName: update.normalizedName, from: update.from, to: update.to, sha256: update.sha256 };
}
