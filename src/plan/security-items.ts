import type { OpenItem, VulnerabilityItem } from '../dashboard/model.js';
import { describeDisposition } from './describe-disposition.js';
import type { PinAdvisory } from './security-advisories.js';
import type { PlannedBranch, VulnerablePin } from './types.js';

export interface VulnerabilityItemsInput {
  vulnerable: readonly VulnerablePin[];
  /** Final dispositions (after limits and ticks). */
  branches: readonly PlannedBranch[];
  closed?: readonly PlannedBranch[];
  open?: readonly OpenItem[];
  timezone: string;
}

/** The dashboard's `## Vulnerabilities` lines (SPEC §13): each vulnerable pin, its advisories, what pingate does. */
export function vulnerabilityItems(input: VulnerabilityItemsInput): VulnerabilityItem[] {
  return input.vulnerable.map((pin) => ({
    pin: `${pin.name} ${pin.version} (${pin.file})`,
    advisories: pin.advisories.map(advisoryLine),
    action: actionText(pin, input),
  }));
}

export function advisoryLine(advisory: PinAdvisory): string {
  const aliases = advisory.aliases.length > 0 ? ` (${advisory.aliases.join(', ')})` : '';
  const summary = advisory.summary ? `: ${advisory.summary.replace(/\s+/g, ' ').trim()}` : '';
  const fixed =
    advisory.fixed.length > 0 ? `fixed in ${advisory.fixed.join(', ')}` : 'no fixed release named';
  return `${advisory.id}${aliases}${summary}; affected ${advisory.affectedRange}; ${fixed}`;
}

function actionText(pin: VulnerablePin, input: VulnerabilityItemsInput): string {
  const { outcome } = pin;
  if (outcome.kind === 'no-fix') return 'no advisory names a fixed release: no MR, checked again every pass';
  if (outcome.kind === 'blocked') return `vulnerable, blocked: ${outcome.reason}`;
  const open = input.open?.find((item) => item.branch === outcome.branch);
  if (open) return `security MR !${open.iid} to ${outcome.to}${open.gateState ? `: ${open.gateState}` : ''}`;
  if (input.closed?.some((b) => b.branch === outcome.branch)) {
    return `the security MR to ${outcome.to} was closed unmerged: tick its box under Closed to recreate it`;
  }
  const branch = input.branches.find((b) => b.branch === outcome.branch);
  const now = branch ? describeDisposition(branch.disposition, input.timezone) : 'would open MR';
  return `security MR to ${outcome.to}: ${now}`;
}
