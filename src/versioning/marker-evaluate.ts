import type { MarkerEnvironment, MarkerExpression, MarkerOperator, MarkerValue } from './markers.js';
import { normalizeName } from './normalize.js';
import { isValidSpecifier, isValidVersion, satisfiesSpecifier } from './pep440.js';

/** Variables that `packaging` compares as PEP 440 versions; all others compare as strings. */
const VERSION_VARIABLES = new Set([
  'python_version',
  'python_full_version',
  'implementation_version',
  'platform_release',
]);

/**
 * Evaluates a marker the way pip evaluates a dependency's marker: once with `extra` set to each requested extra
 * (and once with it empty), true when any of those is true. So `extra == "socks"` holds iff `socks` was requested
 * (names compared in PEP 503 normal form).
 */
export function evaluateMarker(
  expr: MarkerExpression,
  env: MarkerEnvironment,
  extras: string[] = [],
): boolean {
  return ['', ...extras].some((extra) => evaluateWith(expr, env, extra));
}

function evaluateWith(expr: MarkerExpression, env: MarkerEnvironment, extra: string): boolean {
  switch (expr.type) {
    case 'and':
      return evaluateWith(expr.left, env, extra) && evaluateWith(expr.right, env, extra);
    case 'or':
      return evaluateWith(expr.left, env, extra) || evaluateWith(expr.right, env, extra);
    case 'compare':
      return compare(expr.left, expr.op, expr.right, env, extra);
  }
}

function compare(
  left: MarkerValue,
  op: MarkerOperator,
  right: MarkerValue,
  env: MarkerEnvironment,
  extra: string,
): boolean {
  const isExtra = isVariable(left, 'extra') || isVariable(right, 'extra');
  const normalize = isExtra ? normalizeName : (value: string) => value;
  const lhs = normalize(resolveValue(left, env, extra));
  const rhs = normalize(resolveValue(right, env, extra));
  if (op === 'in' || op === 'not in') {
    return rhs.includes(lhs) === (op === 'in');
  }
  const versionLike = [left, right].some(
    (side) => side.kind === 'variable' && VERSION_VARIABLES.has(side.name),
  );
  if (versionLike && op !== '===' && isValidVersion(lhs) && isValidSpecifier(`${op}${rhs}`)) {
    return satisfiesSpecifier(lhs, `${op}${rhs}`);
  }
  return compareStrings(lhs, op, rhs);
}

function compareStrings(lhs: string, op: MarkerOperator, rhs: string): boolean {
  switch (op) {
    case '==':
    case '===':
      return lhs === rhs;
    case '!=':
      return lhs !== rhs;
    case '<':
      return lhs < rhs;
    case '<=':
      return lhs <= rhs;
    case '>':
      return lhs > rhs;
    case '>=':
      return lhs >= rhs;
    default:
      // `packaging` raises UndefinedComparison for `~=` on non-versions; treat it as not matching.
      return false;
  }
}

function resolveValue(value: MarkerValue, env: MarkerEnvironment, extra: string): string {
  if (value.kind === 'string') {
    return value.value;
  }
  if (value.name === 'extra') {
    return extra;
  }
  return env[value.name as keyof MarkerEnvironment] ?? '';
}

function isVariable(value: MarkerValue, name: string): boolean {
  return value.kind === 'variable' && value.name === name;
}

/** CPython on x86_64 Linux: the environment pingate assumes for each configured Python version (`"3.12"`, `"3.12.4"`). */
export function linuxCPythonEnvironment(pythonVersion: string): MarkerEnvironment {
  const parts = pythonVersion.split('.');
  const short = parts.slice(0, 2).join('.');
  const full = parts.length >= 3 ? pythonVersion : `${short}.0`;
  return {
    python_version: short,
    python_full_version: full,
    os_name: 'posix',
    sys_platform: 'linux',
    platform_release: '',
    platform_system: 'Linux',
    platform_version: '',
    platform_machine: 'x86_64',
    platform_python_implementation: 'CPython',
    implementation_name: 'cpython',
    implementation_version: full,
  };
}
