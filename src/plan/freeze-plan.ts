import { computeFreeze, type FreezeInput } from './freeze.js';
import type { FileFreeze } from './types.js';

/**
 * The freeze of one file as the plan lists it. A look-up it needed that failed holds the whole freeze (fail closed);
 * one not made yet is left to the next round of the planner, which fetches it (`onMissing` of the source).
 */
export function freezeOfFile(file: string, input: FreezeInput): FileFreeze {
  const result = computeFreeze(input);
  const problems = [...result.problems];
  for (const lookup of result.missing) {
    const what = lookup.version
      ? `the requirements of ${lookup.normalizedName} ${lookup.version}`
      : `the releases of ${lookup.normalizedName}`;
    problems.push(`${what} could not be read${lookup.error ? `: ${lookup.error}` : ''}`);
  }
  if (problems.length > 0) return { file, pins: [], problems };
  return { file, pins: result.pins.map((p) => ({ name: p.normalizedName, version: p.version })), problems };
}
