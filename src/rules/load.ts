import { readFileSync } from 'node:fs';
import { VeilError, type Issue } from '../errors.js';
import { findTransformer, transformerNames } from '../transformers/registry.js';
import { childPath } from './json-path.js';
import {
  EVENTS_RULES,
  LARGE_OBJECTS_RULES,
  LINKS_RULES,
  ROLE_PASSWORDS_RULES,
  type ColumnRule,
  type EventsRule,
  type LargeObjectsRule,
  type LinksRule,
  type RolePasswordsRule,
  type RuleSet,
  type TableRules,
} from './ruleset.js';
import { didYouMean } from './suggest.js';

const TOP_KEYS = ['$schema', 'tables', 'strict', 'largeObjects', 'events', 'links', 'rolePasswords'];
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
  let largeObjects: LargeObjectsRule | undefined;
  let events: EventsRule | undefined;
  let links: LinksRule | undefined;
  let rolePasswords: RolePasswordsRule | undefined;

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
    if (json.largeObjects !== undefined) {
      if (!LARGE_OBJECTS_RULES.includes(json.largeObjects as LargeObjectsRule)) {
        bad('$.largeObjects', '"largeObjects" must be "keep" or "empty"', 'PostgreSQL large objects: "empty" drops their contents, "keep" copies them');
      } else largeObjects = json.largeObjects as LargeObjectsRule;
    }
    if (json.events !== undefined) {
      if (!EVENTS_RULES.includes(json.events as EventsRule)) {
        bad('$.events', '"events" must be "keep" or "disable"', 'MySQL/MariaDB scheduled events: "disable" restores them disabled, "keep" as they were');
      } else events = json.events as EventsRule;
    }
    if (json.links !== undefined) {
      if (!LINKS_RULES.includes(json.links as LinksRule)) {
        bad('$.links', '"links" must be "keep" or "cut"', 'links to other servers (user mappings, subscriptions, FEDERATED tables): "cut" takes them out, "keep" copies them');
      } else links = json.links as LinksRule;
    }
    if (json.rolePasswords !== undefined) {
      if (!ROLE_PASSWORDS_RULES.includes(json.rolePasswords as RolePasswordsRule)) {
        bad('$.rolePasswords', '"rolePasswords" must be "keep" or "drop"', 'pg_dumpall role password hashes: "drop" restores the roles without passwords, "keep" with them');
      } else rolePasswords = json.rolePasswords as RolePasswordsRule;
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
    throw new VeilError('RULES_INVALID', `the rules file has ${issues.length} problem${issues.length === 1 ? '' : 's'}`, {
      issues,
      path: issues[0].path,
    });
  }
  return { tables, strict, ...(largeObjects ? { largeObjects } : {}), ...(events ? { events } : {}), ...(links ? { links } : {}), ...(rolePasswords ? { rolePasswords } : {}), source: json };
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
