/** `{prefix}{name}-security`: one security branch per package, whatever release it moves to. */
export function securityBranchName(prefix: string, normalizedName: string): string {
  return `${prefix}${normalizedName}-security`;
}

/** Renovate's convention: the usual title with ` [SECURITY]` at the end. */
export function securityTitle(name: string, to: string): string {
  return `Update dependency ${name} to v${to} [SECURITY]`;
}

/** True for the title of a security MR (a person may have put `Draft:` in front). */
export function isSecurityTitle(title: string): boolean {
  return title.endsWith(' [SECURITY]');
}
