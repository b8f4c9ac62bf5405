import type { RepoConfig } from '../config/schema.js';

type TitleConfig = Pick<
  RepoConfig,
  'commitMessagePrefix' | 'semanticCommits' | 'semanticCommitType' | 'semanticCommitScope'
>;

/**
 * The commit message and MR title as Renovate writes them: `commitMessagePrefix` first when set; otherwise,
 * with `semanticCommits: "enabled"`, `type(scope): ` and the rest starting in lower case ("chore(deps): update
 * dependency x to v2"). `"auto"` reads as disabled: pingate does not guess from the repository's history.
 */
export function commitTitle(title: string, config: TitleConfig): string {
  const prefix = config.commitMessagePrefix?.trim();
  if (prefix) return `${prefix} ${title}`;
  if (config.semanticCommits !== 'enabled') return title;
  const scope = config.semanticCommitScope ? `(${config.semanticCommitScope})` : '';
  return `${config.semanticCommitType}${scope}: ${title.charAt(0).toLowerCase()}${title.slice(1)}`;
}

/** `draftPR`: a new bot MR is opened as a draft; a person marking it ready is kept (person-edits.ts). */
export function createdTitle(title: string, config: Pick<RepoConfig, 'draftPR'>): string {
  return config.draftPR ? `Draft: ${title}` : title;
}
