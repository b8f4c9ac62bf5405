import { compileRegexPattern, isRegexPattern } from '../policy/name-match.js';
import { compileSchedule, isValidTimezone, ScheduleError } from '../policy/schedule.js';
import { isValidSpecifier, isValidVersion } from '../versioning/pep440.js';
import { parseDuration } from './duration.js';
import { type ConfigProblem, formatPath, type JsonPath } from './json-text.js';
import { pythonVersionsOf } from './python-range.js';
import { RULE_SELECTORS } from './schema.js';

/**
 * Checks of values beyond their types: schedules compile, the zone exists, durations, specifiers and
 * regexes parse, rules select something. They read the raw JSON value and skip what has the wrong type
 * (the schema reports that), so one pass reports every problem.
 */

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function strings(value: unknown): [number, string][] {
  return Array.isArray(value)
    ? value.flatMap((item, index): [number, string][] => (typeof item === 'string' ? [[index, item]] : []))
    : [];
}

function problem(path: JsonPath, message: string): ConfigProblem {
  return { path, at: 'value', message: `"${formatPath(path)}" ${message}` };
}

export function semanticProblems(value: unknown): ConfigProblem[] {
  if (!isRecord(value)) {
    return [];
  }
  const problems: ConfigProblem[] = [];
  if (typeof value['timezone'] === 'string' && !isValidTimezone(value['timezone'])) {
    problems.push(
      problem(
        ['timezone'],
        `must be an IANA time zone such as "Europe/Prague" or "UTC", found "${value['timezone']}"`,
      ),
    );
  }
  problems.push(...sharedProblems(value, []));
  if (isRecord(value['vulnerabilityAlerts'])) {
    problems.push(...sharedProblems(value['vulnerabilityAlerts'], ['vulnerabilityAlerts']));
  }
  problems.push(...patternProblems(value['ignoreDeps'], ['ignoreDeps']));
  if (Array.isArray(value['packageRules'])) {
    value['packageRules'].forEach((rule, index) => {
      problems.push(...ruleProblems(rule, ['packageRules', index]));
    });
  }
  if (isRecord(value['pingate'])) {
    problems.push(...pingateProblems(value['pingate']));
  }
  problems.push(...renovateBlockProblems(value));
  return problems;
}

/** `constraints.python` must be a range pingate reads; `pip_requirements` patterns must compile. */
function renovateBlockProblems(value: Json): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const constraints = value['constraints'];
  const python = isRecord(constraints) ? constraints['python'] : undefined;
  if (typeof python === 'string' && pythonVersionsOf(python) === undefined) {
    problems.push(
      problem(
        ['constraints', 'python'],
        `must be a Python version or range such as "3.11", ">=3.9" or "^3.10", found "${python}"`,
      ),
    );
  }
  const pip = value['pip_requirements'];
  if (isRecord(pip)) {
    problems.push(
      ...patternProblems(pip['managerFilePatterns'], ['pip_requirements', 'managerFilePatterns']),
    );
  }
  return problems;
}

/** Keys that may appear both at the top level and in a package rule. */
function sharedProblems(object: Json, base: JsonPath): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const key of ['schedule', 'automergeSchedule']) {
    for (const [index, entry] of strings(object[key])) {
      try {
        compileSchedule([entry], 'UTC');
      } catch (error) {
        if (!(error instanceof ScheduleError)) throw error;
        problems.push(problem([...base, key, index], `is not a valid schedule: ${error.reason}`));
      }
    }
  }
  const age = object['minimumReleaseAge'];
  if (typeof age === 'string' && parseDuration(age) === undefined) {
    problems.push(
      problem(
        [...base, 'minimumReleaseAge'],
        `must be a duration such as "3 days", "12 hours", "1 week" or "30 minutes", found "${age}"`,
      ),
    );
  }
  return problems;
}

function patternProblems(value: unknown, path: JsonPath): ConfigProblem[] {
  return strings(value).flatMap(([index, pattern]) => {
    const bare = pattern.startsWith('!') ? pattern.slice(1) : pattern;
    if (!isRegexPattern(bare)) {
      return [];
    }
    try {
      compileRegexPattern(bare);
      return [];
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return [problem([...path, index], `is not a valid /regex/: ${reason}`)];
    }
  });
}

function ruleProblems(rule: unknown, path: JsonPath): ConfigProblem[] {
  if (!isRecord(rule)) {
    return [];
  }
  const problems = [
    ...sharedProblems(rule, path),
    ...patternProblems(rule['matchPackageNames'], [...path, 'matchPackageNames']),
    ...patternProblems(rule['matchDepNames'], [...path, 'matchDepNames']),
  ];
  if (!RULE_SELECTORS.some((key) => key in rule)) {
    problems.push(
      problem(path, 'selects nothing: give it a selector such as "matchPackageNames" or "matchUpdateTypes"'),
    );
  }
  const current = rule['matchCurrentVersion'];
  if (typeof current === 'string' && !isValidCurrentVersion(current)) {
    problems.push(
      problem(
        [...path, 'matchCurrentVersion'],
        `must be a PEP 440 version or range such as "<2.0", or a /regex/, found "${current}"`,
      ),
    );
  }
  const allowed = rule['allowedVersions'];
  if (typeof allowed === 'string' && !isValidAllowedVersions(allowed)) {
    problems.push(
      problem(
        [...path, 'allowedVersions'],
        `must be a PEP 440 specifier such as "<2.0" or ">=1.4,<1.6", or a /regex/, found "${allowed}"`,
      ),
    );
  }
  return problems;
}

function isValidCurrentVersion(text: string): boolean {
  const body = text.startsWith('!/') ? text.slice(1) : text;
  return isValidAllowedVersions(body) || isValidVersion(body);
}

function isValidAllowedVersions(text: string): boolean {
  if (isRegexPattern(text)) {
    try {
      compileRegexPattern(text);
      return true;
    } catch {
      return false;
    }
  }
  // An empty specifier is "anything" to pep440, but in allowedVersions it is surely a mistake.
  return text.trim() !== '' && isValidSpecifier(text);
}

const SINGLE_PAIR_KEYS = ['constraintsFile', 'yamlFile'];

/** The bot writes these files: they must stay inside the repository. */
function pathProblems(object: Json, base: JsonPath): ConfigProblem[] {
  return SINGLE_PAIR_KEYS.flatMap((key) => {
    const path = object[key];
    if (typeof path !== 'string') return [];
    const outside = path.startsWith('/') || /^[a-z]:[\\/]/i.test(path) || path.split(/[\\/]/).includes('..');
    return outside
      ? [
          problem(
            [...base, key],
            `must be a path inside the repository such as "constraints.txt", found "${path}"`,
          ),
        ]
      : [];
  });
}

function pingateProblems(pingate: Json): ConfigProblem[] {
  const problems = [
    ...patternProblems(pingate['requiredJobs'], ['pingate', 'requiredJobs']),
    ...pathProblems(pingate, ['pingate']),
  ];
  const files = pingate['files'];
  if (!Array.isArray(files)) {
    return problems;
  }
  files.forEach((file, index) => {
    if (isRecord(file)) problems.push(...pathProblems(file, ['pingate', 'files', index]));
  });
  for (const key of SINGLE_PAIR_KEYS.filter((name) => name in pingate)) {
    problems.push(
      problem(['pingate', key], 'cannot be combined with "pingate.files": list every pair in "files"'),
    );
  }
  for (const key of ['constraintsFile', 'yamlFile']) {
    const seen = new Map<string, number>();
    files.forEach((file, index) => {
      const name = isRecord(file) ? file[key] : undefined;
      if (typeof name !== 'string') return;
      const first = seen.get(name);
      if (first !== undefined) {
        problems.push(
          problem(['pingate', 'files', index, key], `repeats "${name}" from "pingate.files[${first}]"`),
        );
      }
      seen.set(name, first ?? index);
    });
  }
  return problems;
}
