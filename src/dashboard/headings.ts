/** The `##` headings of the dashboard, in the order of SPEC §7. */
export const HEADINGS = {
  vulnerabilities: 'Vulnerabilities',
  problems: 'Problems',
  pendingApproval: 'Pending Approval',
  awaitingSchedule: 'Awaiting Schedule',
  rateLimited: 'Rate-Limited',
  blocked: 'Blocked by Conflicts',
  errored: 'Errored',
  open: 'Open',
  closed: 'Closed',
  knownGood: 'Known-good Constraints',
  detected: 'Detected Dependencies',
} as const;
