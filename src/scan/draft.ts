import type { ColumnInfo, DialectName } from '../model.js';
import { keptReferrers, type ColumnCoverage, type TableCoverage } from '../policy/coverage.js';
import type { PiiGuess } from '../policy/pii-kinds.js';
import { transformerFor } from '../policy/pii-kinds.js';
import type { JsonPathGuess } from '../policy/pii-values.js';
import { checkAccepts } from '../transformers/accepts.js';
import { findTransformer } from '../transformers/registry.js';
import type { SettingRule, SettingsGuess } from './settings.js';

export type DraftRule = string | { transformer: string; [param: string]: unknown };

/** The draft rules file `scan` writes: a rule for every PII suspect, `keep` for the rest, strict. */
export interface DraftRules {
  $schema: string;
  strict: true;
  /** PostgreSQL large objects with contents: no column rule reaches them, so the draft empties them. */
  largeObjects?: 'empty';
  /** MySQL/MariaDB scheduled events that would run on the copy: the draft restores them disabled. */
  events?: 'disable';
  /** Links to other servers (user mappings, subscriptions, FEDERATED tables): the draft cuts them. */
  links?: 'cut';
  /** pg_dumpall role password hashes: the draft drops them. */
  rolePasswords?: 'drop';
  tables: Record<string, { columns: Record<string, DraftRule> } | { truncate: true }>;
}

/** Why a column got a rule (the rules file has no room for comments; `scan` prints these and --report keeps them). */
export interface Suggestion {
  table: string;
  /** The column, or '*' for a table rule (truncate). */
  column: string;
  rule: DraftRule | { truncate: true };
  reasons: string[];
}

/** What the dump holds outside tables' columns that the draft decides on (see Planner); absent: nothing. */
export interface DraftExtras {
  /** The large objects the draft empties. */
  largeObjects?: { objects: number; bytes: number };
  /** The enabled events the draft disables (their first names), and whether mysql.event has rows. */
  events?: { enabled: number; names: string[]; table: boolean };
  /** The links the draft cuts (their first names). */
  links?: { found: number; names: string[] };
  /** The roles whose password hashes the draft drops (the first names). */
  rolePasswords?: { count: number; roles: string[] };
}

export interface Draft extends DraftExtras {
  rules: DraftRules;
  suggestions: Suggestion[];
  tables: number;
  columns: number;
  kept: number;
}

/**
 * Draft rules from what the dump declares and the sampled values. Rules of inherited columns go to
 * the parent (partitions and INHERITS children get them from there); keys are `schema.table`, or bare
 * names for a MySQL dump of one database.
 */
export function draftRules(
  coverage: TableCoverage[],
  dialect: DialectName,
  columnInfo: (t: TableCoverage, c: string) => ColumnInfo | undefined,
  extras: DraftExtras = {},
): Draft {
  const largeObjects = extras.largeObjects ?? { objects: 0, bytes: 0 };
  const events = extras.events && (extras.events.enabled > 0 || extras.events.table) ? extras.events : undefined;
  const links = extras.links && extras.links.found > 0 ? extras.links : undefined;
  const passwords = extras.rolePasswords && extras.rolePasswords.count > 0 ? extras.rolePasswords : undefined;
  const schemas = new Set(coverage.map((t) => t.ref.schema ?? ''));
  const bare = dialect === 'mysql' && schemas.size <= 1;
  const tables: DraftRules['tables'] = {};
  const suggestions: Suggestion[] = [];
  let columns = 0;
  let kept = 0;
  const emptied = truncatable(coverage);
  const named = new Map(coverage.map((c) => [c.table, bare ? c.ref.name : c.table]));
  for (const t of coverage) {
    const key = bare ? t.ref.name : t.table;
    // a partition of an operational table follows its parent: emptied with it (partitions take their
    // parent's rules), or drafted as an ordinary table where the parent is kept
    const via = t.operational?.via;
    if (via !== undefined && emptied.has(via)) continue;
    const operational = via === undefined ? t.operational : undefined;
    if (operational && !t.truncated && !emptied.has(t.table)) {
      const keptBy = t.referencedBy.filter((r) => !emptied.has(r)).map((r) => named.get(r) ?? r);
      const one = keptBy.length === 1;
      suggestions.push({
        table: key,
        column: '*',
        rule: 'keep',
        reasons: [`NOT DRAFTED: truncate (${operational.reason}): ${keptReferrers(keptBy)}, which would then point to no row; empty ${one ? 'it' : 'them'} too, or review its rows`],
      });
    }
    if (operational && emptied.has(t.table)) {
      // a job queue, sessions, tokens, a cache: no rows at all (its columns are then covered)
      tables[key] = { truncate: true };
      suggestions.push({ table: key, column: '*', rule: { truncate: true }, reasons: [operational.reason] });
      continue;
    }
    const cols: Record<string, DraftRule> = {};
    for (const c of t.columns) {
      if (c.inherited || c.status === 'generated') continue;
      columns++;
      const info = columnInfo(t, c.column) ?? { name: c.column };
      const settings = c.settings && settingsDraft(c.settings, info);
      const rule = settings ? settings.rule : ruleFor(c, info);
      cols[c.column] = rule;
      if (rule === 'keep') kept++;
      // (a settings table whose cases could not be drafted still says which settings need a rule)
      if (rule !== 'keep' || (settings?.reasons.length ?? 0) > 0) suggestions.push({ table: key, column: c.column, rule, reasons: settings ? settings.reasons : reasonsOf(c) });
    }
    if (Object.keys(cols).length > 0) tables[key] = { columns: cols };
  }
  const blobs = largeObjects.bytes > 0;
  return {
    rules: { $schema: 'node_modules/veil-stream/schema.json', strict: true, ...(blobs ? { largeObjects: 'empty' as const } : {}), ...(events ? { events: 'disable' as const } : {}), ...(links ? { links: 'cut' as const } : {}), ...(passwords ? { rolePasswords: 'drop' as const } : {}), tables },
    suggestions,
    tables: Object.keys(tables).length,
    columns,
    kept,
    ...(blobs ? { largeObjects: { ...largeObjects } } : {}),
    ...(events ? { events: { ...events, names: [...events.names] } } : {}),
    ...(links ? { links: { found: links.found, names: [...links.names] } } : {}),
    ...(passwords ? { rolePasswords: { count: passwords.count, roles: [...passwords.roles] } } : {}),
  };
}

/**
 * The operational tables the draft can empty: those no kept table references by a foreign key (an
 * emptied table's own references do not count), and partitions of those. Emptying one is undone when
 * a table that keeps its rows references it (or its parent is kept), until nothing changes.
 */
function truncatable(coverage: TableCoverage[]): Set<string> {
  const out = new Set(coverage.filter((t) => t.operational && !t.truncated).map((t) => t.table));
  const truncated = new Set(coverage.filter((t) => t.truncated).map((t) => t.table));
  for (let changed = true; changed; ) {
    changed = false;
    for (const t of coverage) {
      if (!out.has(t.table)) continue;
      const via = t.operational?.via;
      if (t.referencedBy.some((r) => !out.has(r) && !truncated.has(r)) || (via !== undefined && !out.has(via))) {
        out.delete(t.table);
        changed = true;
      }
    }
  }
  return out;
}

function reasonsOf(c: ColumnCoverage): string[] {
  return [...c.pii.map((g) => g.reason), ...(c.jsonPaths ?? []).map((p) => p.reason)];
}

/** The rule for one column: the best guess's transformer when the column's type takes it, else `keep`. */
function ruleFor(c: ColumnCoverage, info: ColumnInfo): DraftRule {
  const guess = pick(c.pii);
  const isJson = info.type?.kind === 'json' || guess?.kind === 'json' || (c.jsonPaths?.length ?? 0) > 0;
  if (isJson) {
    const paths = jsonRules(c.jsonPaths ?? []);
    if (Object.keys(paths).length > 0) return { transformer: 'json', paths };
    if (!guess || guess.kind === 'json') return 'keep';
    return info.notNull ? { transformer: 'fixed', value: info.type?.kind === 'json' ? '{}' : '' } : 'null';
  }
  if (!guess) return 'keep';
  if (info.type?.kind === 'array') {
    // a PostgreSQL array of emails, phones…: the kind's rule for each element
    const element: ColumnInfo = { name: info.name, type: info.type.element ?? { raw: 'text', kind: 'text' } };
    const rule = ruleFor({ ...c, pii: [guess], jsonPaths: undefined }, element);
    return rule === 'keep' ? 'keep' : { transformer: 'array', element: rule };
  }
  const unique = info.unique === true;
  const accepts = (name: string): boolean => draftProblem(name, info, unique) === undefined;
  const name = transformerFor(guess.kind, info.type, accepts);
  // a key pg_dump declares after the data: a transformer unique only in unique mode must say so
  if (unique && findTransformer(name)?.uniqueModeOnly) return { transformer: name, unique: true };
  if (name !== 'null' || accepts('null')) return name;
  for (const fallback of ['format-preserving', 'hash', 'fixed']) {
    if (fallback === 'fixed') return { transformer: 'fixed', value: '' };
    if (accepts(fallback)) return fallback;
  }
  return 'keep';
}

/**
 * The value column of a key-value settings table: a switch on the key column with a case per setting
 * that needs one. A case whose rule does not fit the column's type is left out of the rules, and its
 * reason says so: that setting needs a rule written by hand.
 */
function settingsDraft(g: SettingsGuess, info: ColumnInfo): { rule: DraftRule; reasons: string[] } {
  const cases: Record<string, SettingRule> = {};
  const reasons: string[] = [];
  for (const k of g.cases) {
    const name = typeof k.rule === 'string' ? k.rule : k.rule.transformer;
    const problem = draftProblem(k.rule, info);
    if (problem === undefined) {
      cases[k.key] = k.rule;
      reasons.push(`${JSON.stringify(k.key)} → ${name}: ${k.reason}`);
    } else reasons.push(`${JSON.stringify(k.key)}: NOT DRAFTED (${problem}), write its rule by hand: ${k.reason}`);
  }
  return { rule: Object.keys(cases).length > 0 ? { transformer: 'switch', column: g.keyColumn, cases } : 'keep', reasons };
}

/** Why a drafted rule cannot be written for the column (unknown transformer, bad params, type or key), or undefined. */
function draftProblem(rule: DraftRule, info: ColumnInfo, unique = false): string | undefined {
  const name = typeof rule === 'string' ? rule : rule.transformer;
  const def = findTransformer(name);
  if (!def) return `no transformer "${name}"`;
  const params = def.params.safeParse(typeof rule === 'string' ? {} : Object.fromEntries(Object.entries(rule).filter(([p]) => p !== 'transformer')));
  if (!params.success) return params.error.issues[0]?.message ?? 'invalid params';
  return checkAccepts(def, info.type, { params: params.data as Record<string, unknown>, column: info, unique });
}

/** Evidence from values beats evidence from names (a `notes` column full of emails is about emails). */
function pick(guesses: PiiGuess[]): PiiGuess | undefined {
  const byValue = guesses.find((g) => g.by === 'values' && g.kind !== 'free-text');
  return byValue ?? guesses.find((g) => g.by === 'name') ?? guesses[0];
}

function jsonRules(paths: JsonPathGuess[]): Record<string, string> {
  const out: Record<string, string> = {};
  const text = { kind: 'text' as const, raw: 'json value' };
  const accepts = (name: string): boolean => {
    const def = findTransformer(name);
    return def !== undefined && checkAccepts(def, text) === undefined;
  };
  for (const p of paths) {
    if (p.kind === 'json' || p.kind === 'free-text') continue;
    out[p.path] = transformerFor(p.kind, text, accepts);
  }
  return out;
}
