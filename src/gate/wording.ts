/** The gate's words for commits and jobs, shared by its reasons, its MR comment and its dashboard text. */

/** The abbreviated commit id GitLab shows. */
export function shortSha(sha: string): string {
  return sha.slice(0, 8);
}

/** `failed`, `failed, allowed to fail`, `waiting for resource`. */
export function jobStatusText(job: { status: string; allowFailure: boolean }): string {
  const status = job.status.replaceAll('_', ' ');
  return job.status === 'failed' && job.allowFailure ? `${status}, allowed to fail` : status;
}

/** `test-install-3.12 (failed), test-install-3.9 (skipped)` */
export function jobList(jobs: readonly { name: string; status: string; allowFailure: boolean }[]): string {
  return jobs.map((job) => `${job.name} (${jobStatusText(job)})`).join(', ');
}
