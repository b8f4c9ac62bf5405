import type { z } from 'zod';
import { type ConfigProblem, formatPath, type JsonPath } from './json-text.js';
import { KNOWN_KEYS } from './schema.js';
import { closestKey } from './suggest.js';

/** Reads the JSON text at a path, for "found …"; undefined when absent. */
export type RawValueAt = (path: JsonPath) => string | undefined;

/** Turns zod's issues into problems that name the key, what is allowed and what was found. */
export function problemsFromIssues(issues: readonly z.core.$ZodIssue[], rawAt: RawValueAt): ConfigProblem[] {
  return issues.flatMap((issue) => problemsFromIssue(issue, rawAt));
}

function problemsFromIssue(issue: z.core.$ZodIssue, rawAt: RawValueAt): ConfigProblem[] {
  const path = issue.path.filter((segment): segment is string | number => typeof segment !== 'symbol');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      path: [...path, key],
      at: 'key' as const,
      message: unknownKeyMessage(path, key),
    }));
  }
  const found = rawAt(path);
  const subject = path.length === 0 ? 'the top level' : `"${formatPath(path)}"`;
  if (found === undefined) {
    return [{ path, at: 'value', message: `${subject} is required: ${issue.message}` }];
  }
  return [{ path, at: 'value', message: `${subject} must be ${issue.message}, found ${found}` }];
}

function knownKeysAt(path: JsonPath): readonly string[] {
  const shape = path.map((segment) => (typeof segment === 'number' ? '#' : segment)).join('/');
  switch (shape) {
    case '':
      return KNOWN_KEYS.top;
    case 'pingate':
      return KNOWN_KEYS.pingate;
    case 'packageRules/#':
      return KNOWN_KEYS.packageRule;
    case 'pingate/files/#':
      return KNOWN_KEYS.file;
    case 'vulnerabilityAlerts':
      return KNOWN_KEYS.vulnerabilityAlerts;
    default:
      return [];
  }
}

function unknownKeyMessage(objectPath: JsonPath, key: string): string {
  const full = `unknown key "${formatPath([...objectPath, key])}"`;
  const topLevel = objectPath.length === 0;
  if (topLevel && KNOWN_KEYS.pingate.includes(key)) {
    return `${full}: pingate's own keys go under "pingate" (did you mean "pingate.${key}"?)`;
  }
  if (formatPath(objectPath) === 'pingate' && KNOWN_KEYS.top.includes(key)) {
    return `${full}: "${key}" belongs at the top level, not under "pingate"`;
  }
  const known = knownKeysAt(objectPath);
  const suggestion = closestKey(key, known);
  if (suggestion) {
    return `${full} (did you mean "${suggestion}"?)`;
  }
  return known.length > 0 ? `${full}; allowed keys here: ${known.join(', ')}` : full;
}
