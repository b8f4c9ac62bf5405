import { getNodeValue, type Node } from 'jsonc-parser';
import { formatPath, type JsonPath } from './json-text.js';
import { MANAGER_MIGRATIONS, type Migration, RULE_MIGRATIONS, TOP_MIGRATIONS } from './migrations.js';
import { HONOURED_RULE, HONOURED_TOP, notApplicableReason } from './options-table.js';
import {
  describeOptionType,
  hasOptionType,
  renovateOptionNames,
  renovateOptionType,
} from './renovate-options.js';
import { KNOWN_KEYS } from './schema.js';
import { closestKey } from './suggest.js';

/**
 * Sorts every key of one config source (the file, or a preset) into honoured / not applicable / migrated /
 * unknown (SPEC §5), keeping only what pingate applies, under its current Renovate name, for the schema to
 * check. Every message is located at the key or value it is about; the work is linear in the file.
 */

export interface Located {
  offset: number;
  message: string;
}

export type ExplainKind = 'honoured' | 'not applicable' | 'migrated' | 'unknown';

export interface ExplainEntry {
  key: string;
  kind: ExplainKind;
  text: string;
  offset: number;
}

export interface Classified {
  value: Record<string, unknown>;
  errors: Located[];
  warnings: Located[];
  explain: ExplainEntry[];
  /** Offset of the key or the value at a path of `value` (nearest recorded ancestor). */
  locate: (path: JsonPath, at: 'key' | 'value') => number;
}

type Json = Record<string, unknown>;
const UPDATE_TYPE_BLOCKS = ['major', 'minor', 'patch'];
const RULE_SELECTORS = Object.keys(HONOURED_RULE).filter((key) => key.startsWith('match'));
/** At most this many "did you mean" searches per file: a flood of unknown keys stays cheap. */
const SUGGESTIONS = 50;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

class Walk {
  readonly errors: Located[] = [];
  readonly warnings: Located[] = [];
  readonly explain: ExplainEntry[] = [];
  private readonly places = new Map<string, { key?: number; value: number }>();
  private readonly warned = new Set<string>();
  private suggestions = 0;

  place(path: JsonPath, value: Node, key?: Node): void {
    this.places.set(formatPath(path), { value: value.offset, ...(key ? { key: key.offset } : {}) });
  }

  /** Records a subtree copied as is, so that the schema's messages about its insides are located. */
  placeTree(path: JsonPath, node: Node, key?: Node): void {
    this.place(path, node, key);
    if (node.type === 'object') {
      for (const property of node.children ?? []) {
        const [k, v] = property.children ?? [];
        if (k && v) this.placeTree([...path, String(k.value)], v, k);
      }
    } else if (node.type === 'array') {
      (node.children ?? []).forEach((child, index) => {
        this.placeTree([...path, index], child);
      });
    }
  }

  locate(path: JsonPath, at: 'key' | 'value'): number {
    for (let length = path.length; length >= 0; length--) {
      const place = this.places.get(formatPath(path.slice(0, length)));
      if (place) return at === 'key' && length === path.length ? (place.key ?? place.value) : place.value;
    }
    return 0;
  }

  /** One warning per key and scope: the same Renovate key in ten rules is said once. */
  warnOnce(scope: string, key: string, offset: number, message: string): void {
    if (this.warned.has(`${scope}\0${key}`)) return;
    this.warned.add(`${scope}\0${key}`);
    this.warnings.push({ offset, message });
  }

  unknown(path: JsonPath, keyNode: Node, known: () => readonly string[], hint?: string): void {
    const key = String(keyNode.value);
    const suggestion = this.suggestions++ < SUGGESTIONS ? closestKey(key, known()) : undefined;
    const extra =
      hint ?? (suggestion ? ` (did you mean "${suggestion}"?)` : ': neither Renovate nor pingate has it');
    const message = `unknown key "${formatPath(path)}"${extra}`;
    this.errors.push({ offset: keyNode.offset, message });
    this.explain.push({ key: formatPath(path), kind: 'unknown', text: 'an error', offset: keyNode.offset });
  }
}

function properties(node: Node): { key: string; keyNode: Node; valueNode: Node }[] {
  return (node.children ?? []).flatMap((property) => {
    const [keyNode, valueNode] = property.children ?? [];
    return keyNode && valueNode ? [{ key: String(keyNode.value), keyNode, valueNode }] : [];
  });
}

/** Renovate lets a one-entry list be written as a string. */
function listValue(key: string, value: unknown): unknown {
  return renovateOptionType(key) === 'string-or-array' && typeof value === 'string' ? [value] : value;
}

function duplicateCheck(walk: Walk, node: Node, path: JsonPath): void {
  const seen = new Set<string>();
  for (const { key, keyNode } of properties(node)) {
    if (seen.has(key)) {
      walk.warnings.push({
        offset: keyNode.offset,
        message: `duplicate key "${formatPath([...path, key])}": only the last one counts`,
      });
    }
    seen.add(key);
  }
}

/** Applies a migration; the new value, or undefined after reporting a wrong old value. */
function migrate(walk: Walk, path: JsonPath, keyNode: Node, valueNode: Node, migration: Migration): unknown {
  const old = getNodeValue(valueNode);
  const value = migration.value(old);
  const name = formatPath(path);
  if (value === undefined) {
    walk.errors.push({
      offset: valueNode.offset,
      message: `"${name}" (Renovate's old name for "${migration.to}") must be ${migration.expected}, found ${shown(old)}`,
    });
    return undefined;
  }
  walk.warnings.push({
    offset: keyNode.offset,
    message: `"${name}" is Renovate's old name for "${migration.to}": read as "${migration.to}": ${shown(value)}`,
  });
  walk.explain.push({
    key: name,
    kind: 'migrated',
    text: `read as "${migration.to}"`,
    offset: keyNode.offset,
  });
  return value;
}

/** `path` ends with the option's current name (a migrated key is judged under its new name). */
function notApplicable(walk: Walk, scope: string, path: JsonPath, keyNode: Node, valueNode: Node): void {
  const key = String(path.at(-1));
  const type = renovateOptionType(key)!;
  const name = formatPath(path);
  const value = getNodeValue(valueNode);
  if (!hasOptionType(type, value)) {
    walk.errors.push({
      offset: valueNode.offset,
      message: `"${name}" must be ${describeOptionType(type)}, found ${shown(value)}`,
    });
    return;
  }
  const reason = notApplicableReason(key, scope === '' ? undefined : scope);
  walk.warnOnce(scope, key, keyNode.offset, `"${name}" does not apply here: ${reason}; accepted and ignored`);
  walk.explain.push({ key: name, kind: 'not applicable', text: reason, offset: keyNode.offset });
}

function honoured(walk: Walk, path: JsonPath, keyNode: Node, text: string): void {
  walk.explain.push({ key: formatPath(path), kind: 'honoured', text, offset: keyNode.offset });
}

/** Appends to a list already there (two old names migrated into one list), otherwise sets. */
function put(target: Json, key: string, value: unknown): void {
  const existing = target[key];
  target[key] = Array.isArray(existing) && Array.isArray(value) ? [...existing, ...value] : value;
}

const topKnown = () => [
  ...Object.keys(HONOURED_TOP),
  ...Object.keys(TOP_MIGRATIONS),
  ...renovateOptionNames(),
];
const ruleKnown = () => [
  ...Object.keys(HONOURED_RULE),
  ...Object.keys(RULE_MIGRATIONS),
  ...renovateOptionNames(),
];

function classifyRule(walk: Walk, node: Node, path: JsonPath, into: JsonPath): Json | undefined {
  const rule: Json = {};
  let unsupported: string | undefined;
  let ignoredActions = false;
  duplicateCheck(walk, node, path);
  walk.place(into, node);
  for (const { key, keyNode, valueNode } of properties(node)) {
    let name = key;
    let value: unknown = getNodeValue(valueNode);
    const migration = RULE_MIGRATIONS[key];
    if (migration) {
      value = migrate(walk, [...path, key], keyNode, valueNode, migration);
      if (value === undefined) continue;
      name = migration.to;
    }
    if (name in HONOURED_RULE) {
      honoured(walk, [...path, name], keyNode, HONOURED_RULE[name]!);
      walk.placeTree([...into, name], valueNode, keyNode);
      if (name !== 'description') put(rule, name, listValue(name, value));
    } else if (
      key === 'extends' ||
      ((name.startsWith('match') || name.startsWith('exclude')) && renovateOptionType(name))
    ) {
      unsupported ??= name;
      honoured(walk, [...path, name], keyNode, 'cannot be evaluated here: the rule applies to nothing');
    } else if (renovateOptionType(name)) {
      notApplicable(walk, 'packageRules', [...path, name], keyNode, valueNode);
      ignoredActions = true;
    } else {
      walk.unknown([...path, key], keyNode, ruleKnown);
    }
  }
  const where = formatPath(path);
  if (unsupported) {
    walk.warnings.push({
      offset: node.offset,
      message: `"${where}" uses "${unsupported}", which pingate cannot evaluate: the rule applies to nothing here`,
    });
    return undefined;
  }
  const actions = Object.keys(rule).filter((key) => !RULE_SELECTORS.includes(key));
  if (actions.length === 0 && Object.keys(rule).some((key) => RULE_SELECTORS.includes(key))) {
    if (!ignoredActions) {
      walk.warnings.push({
        offset: node.offset,
        message: `"${where}" changes nothing: it has no setting to apply`,
      });
    }
    return undefined;
  }
  return rule;
}

function classifyRules(walk: Walk, node: Node, out: Json[]): void {
  if (node.type !== 'array') return;
  (node.children ?? []).forEach((child, index) => {
    const path = ['packageRules', index];
    if (child.type !== 'object') {
      walk.placeTree(['packageRules', out.length], child);
      out.push(getNodeValue(child) as Json);
      return;
    }
    const rule = classifyRule(walk, child, path, ['packageRules', out.length]);
    if (rule) out.push(rule);
  });
}

function classifyManager(walk: Walk, key: string, node: Node): Json {
  const block: Json = {};
  duplicateCheck(walk, node, [key]);
  for (const { key: inner, keyNode, valueNode } of properties(node)) {
    const path = [key, inner];
    let name = inner;
    let value: unknown = getNodeValue(valueNode);
    const migration = MANAGER_MIGRATIONS[inner];
    if (migration) {
      value = migrate(walk, path, keyNode, valueNode, migration);
      if (value === undefined) continue;
      name = migration.to;
    }
    if (name === 'managerFilePatterns') {
      honoured(walk, [key, name], keyNode, 'the served files, when pingate.files is unset');
      walk.placeTree([key, name], valueNode, keyNode);
      put(block, name, listValue(name, value));
    } else if (name === 'enabled') {
      const text = `decides whether Renovate serves ${key}; it never switches pingate off`;
      honoured(walk, path, keyNode, text);
      if (value === false)
        walk.warnings.push({ offset: keyNode.offset, message: `"${key}.enabled": false ${text}` });
    } else if (renovateOptionType(name)) {
      notApplicable(walk, key, [key, name], keyNode, valueNode);
    } else {
      walk.unknown(path, keyNode, renovateOptionNames);
    }
  }
  return block;
}

/** A block of which pingate applies some keys (the schema checks those) and accepts Renovate's others with a warning. */
function classifyBlock(walk: Walk, key: string, node: Node, honouredKeys: readonly string[]): Json {
  const block: Json = {};
  duplicateCheck(walk, node, [key]);
  for (const { key: inner, keyNode, valueNode } of properties(node)) {
    const path = [key, inner];
    if (honouredKeys.includes(inner)) {
      honoured(walk, path, keyNode, `applied to ${key}`);
      walk.placeTree(path, valueNode, keyNode);
      block[inner] = listValue(inner, getNodeValue(valueNode));
    } else if (renovateOptionType(inner)) {
      notApplicable(walk, key, path, keyNode, valueNode);
    } else {
      walk.unknown(path, keyNode, () => honouredKeys);
    }
  }
  return block;
}

function classifyConstraints(walk: Walk, node: Node): Json {
  const out: Json = {};
  for (const { key, keyNode, valueNode } of properties(node)) {
    if (key === 'python') {
      honoured(walk, ['constraints', key], keyNode, 'pingate.pythonVersions when that is unset');
      walk.placeTree(['constraints', key], valueNode, keyNode);
      out[key] = getNodeValue(valueNode);
    } else {
      const reason = `a constraint on ${key}, not on Python`;
      walk.warnings.push({
        offset: keyNode.offset,
        message: `"constraints.${key}" does not apply here: ${reason}; accepted and ignored`,
      });
      walk.explain.push({
        key: `constraints.${key}`,
        kind: 'not applicable',
        text: reason,
        offset: keyNode.offset,
      });
    }
  }
  return out;
}

function topLevelHint(key: string): string | undefined {
  if (KNOWN_KEYS.pingate.includes(key)) {
    return `: pingate's own keys go under "pingate" (did you mean "pingate.${key}"?)`;
  }
  return undefined;
}

function classifyTopKey(
  walk: Walk,
  out: Json,
  blocks: Json[],
  entry: ReturnType<typeof properties>[number],
): void {
  const { key, keyNode, valueNode } = entry;
  let name = key;
  let value: unknown;
  const migration = TOP_MIGRATIONS[key];
  if (migration) {
    value = migrate(walk, [key], keyNode, valueNode, migration);
    if (value === undefined) return;
    name = migration.to;
  }
  if (name === 'semanticCommits' && typeof (value ?? getNodeValue(valueNode)) === 'boolean') {
    const old = getNodeValue(valueNode) as boolean;
    value = migrate(walk, [key], keyNode, valueNode, {
      to: 'semanticCommits',
      value: () => (old ? 'enabled' : 'disabled'),
      expected: 'true or false',
    });
  }
  if (!(name in HONOURED_TOP)) {
    if (renovateOptionType(name)) notApplicable(walk, '', [name], keyNode, valueNode);
    else walk.unknown([key], keyNode, topKnown, topLevelHint(key));
    return;
  }
  honoured(walk, [name], keyNode, HONOURED_TOP[name]!);
  if (name === 'packageRules') {
    walk.place([name], valueNode, keyNode);
    const rules: Json[] = [];
    classifyRules(walk, valueNode, rules);
    out[name] = valueNode.type === 'array' ? rules : getNodeValue(valueNode);
    return;
  }
  if (UPDATE_TYPE_BLOCKS.includes(name) && valueNode.type === 'object') {
    const rule = classifyRule(walk, valueNode, [name], ['packageRules', -1 - blocks.length]);
    if (rule) blocks.push({ ...rule, matchUpdateTypes: [name] });
    return;
  }
  if (name === 'pip_requirements' && valueNode.type === 'object') {
    out[name] = classifyManager(walk, name, valueNode);
    return;
  }
  if (name === 'vulnerabilityAlerts' && valueNode.type === 'object') {
    walk.place([name], valueNode, keyNode);
    out[name] = classifyBlock(walk, name, valueNode, KNOWN_KEYS.vulnerabilityAlerts);
    return;
  }
  if (name === 'constraints' && valueNode.type === 'object') {
    out[name] = classifyConstraints(walk, valueNode);
    return;
  }
  if (name === 'enabledManagers') {
    walk.warnings.push({
      offset: keyNode.offset,
      message: '"enabledManagers" decides what Renovate serves; it never switches pingate off',
    });
    return;
  }
  if (name === 'description') return;
  walk.placeTree([name], valueNode, keyNode);
  out[name] = listValue(name, value === undefined ? getNodeValue(valueNode) : value);
}

/** Classifies a config object (the file's root, or a preset's). A root that is not an object is left to the schema. */
export function classifyConfig(root: Node): Classified {
  const walk = new Walk();
  const out: Json = {};
  walk.place([], root);
  if (root.type !== 'object') {
    return { value: getNodeValue(root), errors: [], warnings: [], explain: [], locate: () => root.offset };
  }
  duplicateCheck(walk, root, []);
  const blocks: Json[] = [];
  for (const entry of properties(root)) {
    classifyTopKey(walk, out, blocks, entry);
  }
  if (blocks.length > 0) {
    // Renovate applies major/minor/patch blocks before packageRules; as rules, they come first.
    const rules = Array.isArray(out['packageRules']) ? out['packageRules'] : [];
    out['packageRules'] = [...blocks, ...rules];
  }
  return {
    value: out,
    errors: walk.errors,
    warnings: walk.warnings,
    explain: walk.explain,
    locate: (path, at) => walk.locate(shiftRules(path, blocks.length), at),
  };
}

/** Rules from major/minor/patch blocks sit before the file's own rules; paths into the file's rules shift. */
function shiftRules(path: JsonPath, blocks: number): JsonPath {
  if (blocks === 0 || path[0] !== 'packageRules' || typeof path[1] !== 'number') return path;
  const index = path[1] - blocks;
  return ['packageRules', index < 0 ? -1 - path[1] : index, ...path.slice(2)];
}

export { isRecord };
