import { readFileSync } from 'node:fs';
import { VeilError, type Issue } from '../errors.js';
import { plural } from '../plural.js';
import { findTransformer, transformerNames } from '../transformers/registry.js';
import { childPath } from './json-path.js';
import type { ColumnRule, RuleSet, TableRules } from './ruleset.js';
import { SETTINGS, type Settings } from './settings.js';
import { didYouMean } from './suggest.js';

const TOP_KEYS = ['$schema', 'tables', 'strict', ...Object.keys(SETTINGS)];
const TABLE_KEYS = ['columns', 'truncate'];

/** Read and validate a rules file; every problem is collected before throwing RULES_INVALID. */
export function loadRulesFile(file: string): RuleSet {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new VeilError('RULES_UNREADABLE', `cannot read rules file ${file}: ${(e as Error).message}`, {
      hint: 'check the path of the rules file',
    });
  }
  return parseRules(text);
}

export function parseRules(text: string): RuleSet {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    const m = /position (\d+)/.exec((e as Error).message);
    const pos = m ? Number(m[1]) : undefined;
    const line = pos !== undefined ? text.slice(0, pos).split('\n').length : undefined;
    throw new VeilError('RULES_INVALID_JSON', `the rules file is not valid JSON: ${(e as Error).message}`, {
      position: pos !== undefined && line !== undefined ? { offset: pos, line } : undefined,
      hint: 'fix the JSON syntax (a trailing comma or a missing quote is the usual cause)',
    });
  }
  return validateRules(json);
}

export function validateRules(json: unknown): RuleSet {
  const issues: Issue[] = [];
  const bad = (path: string, message: string, hint?: string): void => {
    issues.push({ code: 'RULES_INVALID', path, message, hint });
  };
  const tables = new Map<string, TableRules>();
  let strict = false;
  const settings: Record<string, unknown> = {};

  if (!isObject(json)) {
    bad('$', 'the rules file must be a JSON object with a "tables" member');
  } else {
    for (const k of Object.keys(json)) {
      if (!TOP_KEYS.includes(k)) bad(childPath('$', k), `unknown top-level key "${k}"`, hintFor(k, TOP_KEYS));
    }
    if (json.strict !== undefined) {
      if (typeof json.strict !== 'boolean') bad('$.strict', '"strict" must be true or false');
      else strict = json.strict;
    }
    for (const [name, setting] of Object.entries(SETTINGS)) {
      const value = json[name];
      if (value === undefined) continue;
      const values: readonly unknown[] = setting.values;
      if (values.includes(value)) settings[name] = value;
      else bad(childPath('$', name), `"${name}" must be ${setting.values.map((v) => `"${v}"`).join(' or ')}`, setting.hint);
    }
    if (json.tables === undefined) bad('$.tables', 'missing "tables"', 'add "tables": { "schema.table": { "columns": { ... } } }');
    else if (!isObject(json.tables)) bad('$.tables', '"tables" must be an object keyed by table name');
    else {
      for (const [key, spec] of Object.entries(json.tables)) {
        const path = childPath('$.tables', key);
        const t = validateTable(key, spec, path, bad);
        if (t) tables.set(key, t);
      }
    }
  }
  if (issues.length > 0) {
    throw new VeilError('RULES_INVALID', `the rules file has ${plural(issues.length, 'problem')}`, {
      issues,
      path: issues[0].path,
    });
  }
  return { tables, strict, ...(settings as Settings), source: json };
}

type Bad = (path: string, message: string, hint?: string) => void;

function validateTable(key: string, spec: unknown, path: string, bad: Bad): TableRules | undefined {
  if (key.length === 0) {
    bad(path, 'a table key must not be empty');
    return undefined;
  }
  if (!isObject(spec)) {
    bad(path, 'a table rule must be an object with "columns" and/or "truncate"');
    return undefined;
  }
  for (const k of Object.keys(spec)) {
    if (!TABLE_KEYS.includes(k)) bad(childPath(path, k), `unknown key "${k}" in a table rule`, hintFor(k, TABLE_KEYS));
  }
  let truncate = false;
  if (spec.truncate !== undefined) {
    if (typeof spec.truncate !== 'boolean') bad(childPath(path, 'truncate'), '"truncate" must be true or false');
    else truncate = spec.truncate;
  }
  const columns = new Map<string, ColumnRule>();
  if (spec.columns !== undefined) {
    const cpath = childPath(path, 'columns');
    if (!isObject(spec.columns)) bad(cpath, '"columns" must be an object keyed by column name');
    else {
      for (const [col, cspec] of Object.entries(spec.columns)) {
        const rule = validateColumnRule(col, cspec, childPath(cpath, col), bad);
        if (rule) columns.set(col, rule);
      }
    }
  }
  return { key, path, truncate, truncateGiven: spec.truncate !== undefined, columns };
}

/** Validate `"email"` or `{ "transformer": "mask", "keepLast": 4 }`. Exported for nested rules (json paths). */
export function validateColumnRule(column: string, spec: unknown, path: string, bad: Bad): ColumnRule | undefined {
  let name: unknown;
  let written: Record<string, unknown> = {};
  if (typeof spec === 'string') name = spec;
  else if (isObject(spec)) {
    name = spec.transformer;
    written = Object.fromEntries(Object.entries(spec).filter(([k]) => k !== 'transformer'));
    if (name === undefined) {
      bad(childPath(path, 'transformer'), 'missing "transformer"', 'e.g. { "transformer": "mask", "keepLast": 4 }');
      return undefined;
    }
  } else {
    bad(path, 'a column rule must be a transformer name or an object with "transformer"');
    return undefined;
  }
  const namePath = typeof spec === 'string' ? path : childPath(path, 'transformer');
  if (typeof name !== 'string') {
    bad(namePath, '"transformer" must be a string');
    return undefined;
  }
  const def = findTransformer(name);
  if (!def) {
    const guess = didYouMean(name, transformerNames());
    bad(namePath, `unknown transformer "${name}"`, guess ? `did you mean "${guess}"?` : 'run `veil-stream transformers` to list them');
    return undefined;
  }
  const known = Object.keys(def.params.shape);
  let ok = true;
  for (const k of Object.keys(written)) {
    if (!known.includes(k)) {
      ok = false;
      const guess = didYouMean(k, known);
      bad(childPath(path, k), `unknown parameter "${k}" for transformer "${name}"`, guess ? `did you mean "${guess}"?` : known.length ? `parameters: ${known.join(', ')}` : `"${name}" takes no parameters`);
    }
  }
  if (!ok) return undefined;
  const parsed = def.params.safeParse(written);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      let p = path;
      for (const seg of issue.path) p = childPath(p, typeof seg === 'number' ? seg : String(seg));
      bad(p, issue.message);
    }
    return undefined;
  }
  return { column, transformer: def, params: parsed.data as Record<string, unknown>, written, path };
}

function hintFor(word: string, options: string[]): string | undefined {
  const g = didYouMean(word, options);
  return g ? `did you mean "${g}"?` : `expected one of: ${options.join(', ')}`;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
