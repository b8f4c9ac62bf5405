import { evaluateMarker, linuxCPythonEnvironment, type MarkerExpression } from '../versioning/markers.js';
import type { TargetPython } from './types.js';

/**
 * The Pythons judged when `pythonVersions` is empty: the CPython versions in use today (3.8 still is, on older
 * distributions). A line is then judged on those its marker admits, and an update on those its new release installs on.
 */
export const DEFAULT_PYTHONS = ['3.8', '3.9', '3.10', '3.11', '3.12', '3.13'] as const;

const targets = new Map<string, TargetPython>();

export function targetPython(pythonVersion: string): TargetPython {
  let target = targets.get(pythonVersion);
  if (!target) {
    target = { pythonVersion, environment: linuxCPythonEnvironment(pythonVersion) };
    targets.set(pythonVersion, target);
  }
  return target;
}

/** The configured Pythons, or the default ones. */
export function targetPythons(configured: readonly string[]): TargetPython[] {
  return (configured.length > 0 ? configured : DEFAULT_PYTHONS).map(targetPython);
}

/** Whether a line's own marker holds on a target Python (extras play no part in a line's marker). */
export function lineActive(marker: MarkerExpression | undefined, target: TargetPython): boolean {
  return marker === undefined || evaluateMarker(marker, target.environment, []);
}

/** The target Pythons that some of these lines' markers admit. */
export function pythonsOfLines(
  markers: readonly (MarkerExpression | undefined)[],
  configured: readonly string[],
): string[] {
  return targetPythons(configured)
    .filter((target) => markers.some((marker) => lineActive(marker, target)))
    .map((target) => target.pythonVersion);
}
