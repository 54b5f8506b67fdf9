import { tableKey, type ColumnInfo, type TableRef } from '../model.js';
import type { Planner } from '../rules/plan.js';
import { masksValues } from '../rules/ruleset.js';
import type { Profiler } from '../scan/profiler.js';
import type { SettingsGuess } from '../scan/settings.js';
import { checkAccepts } from '../transformers/accepts.js';
import type { PiiGuess } from './pii-kinds.js';
import { operationalTable, partOf, type OperationalGuess } from './operational.js';
import { piiByName } from './pii-names.js';
import type { JsonPathGuess } from './pii-values.js';

/**
 * How the rules cover a column:
 * - `rule`: a transformer rewrites it; `keep`: reviewed, kept as is;
 * - `truncated`: the table's rows are dropped; `generated`: computed by the database, not in the data;
 * - `uncovered`: no rule says anything about it.
 */
export type ColumnStatus = 'rule' | 'keep' | 'truncated' | 'generated' | 'uncovered';

export interface ColumnCoverage {
  column: string;
  /** The type as the DDL wrote it. */
  type?: string;
  status: ColumnStatus;
  /** For `rule` and `keep`: the transformer and the rule's JSON path. */
  transformer?: string;
  path?: string;
  /** The column comes from a parent table (partition, INHERITS): its rule belongs to the parent. */
  inherited?: boolean;
  /** For rules: why the transformer may not fit the column's type (from the DDL). */
  fit?: string;
  /** PII suspicions, by name and by sampled values. */
  pii: PiiGuess[];
  /** JSON documents: the paths that look personal. */
  jsonPaths?: JsonPathGuess[];
  /** The value column of a key-value settings table: the settings (rows) that need a rule. */
  settings?: SettingsGuess;
}

export interface TableCoverage {
  table: string;
  ref: TableRef;
  /** Its CREATE TABLE was in the dump. */
  declared: boolean;
  /** Its data was in the dump. */
  data: boolean;
  /** The rule keys of the rules file that apply (own, bare, inherited; not implicit ones). */
  rules: string[];
  parents: string[];
  truncated: boolean;
  /** The rules say "truncate" for it, true or false (a reviewed decision). */
  truncateGiven: boolean;
  /** A job queue, sessions, tokens or a cache, by its name and columns (see operational.ts). */
  operational?: OperationalGuess;
  /** Tables whose FOREIGN KEYs point to this one (keys, as in `table`). */
  referencedBy: string[];
  columns: ColumnCoverage[];
}

/** The coverage of one table: its columns from the DDL (else from its data's column list). */
export function tableCoverage(planner: Planner, table: TableRef, profiler?: Profiler, children = childrenIndex(planner)): TableCoverage {
  const key = tableKey(table);
  const schema = planner.schemaOf(table);
  const seen = planner.seen.get(key);
  let columns: ColumnInfo[] = schema ? planner.columnsOf(table) : [];
  for (const n of seen?.columns ?? []) if (!columns.some((c) => c.name === n)) columns = [...columns, { name: n }];
  const { tables, columns: rules } = planner.rulesFor(table);
  const truncated = tables.some((t) => t.truncate);
  const parents = planner.parentsOf(table);
  const parentCols = new Set(parents.flatMap((p) => planner.columnsOf(p).map((c) => c.name)));
  const descendants = profiler ? descendantsOf(children, table) : [];
  const out: ColumnCoverage[] = columns.map((col) => {
    const rule = rules.get(col.name);
    const c: ColumnCoverage = { column: col.name, type: col.type?.raw, status: 'uncovered', pii: [] };
    if (parentCols.has(col.name)) c.inherited = true;
    if (rule) {
      c.status = masksValues(rule) ? 'rule' : 'keep';
      c.transformer = rule.transformer.name;
      c.path = rule.path;
      if (c.status === 'rule') {
        const problem = checkAccepts(rule.transformer, col.type, { params: rule.params, column: col });
        if (problem) c.fit = problem;
      }
    } else if (truncated) c.status = 'truncated';
    else if (col.generated) c.status = 'generated';
    if (c.status !== 'uncovered' && c.status !== 'keep') return c;
    const byName = piiByName(col.name, col.type, table);
    if (byName) c.pii.push(byName);
    if (profiler) {
      for (const t of [table, ...descendants]) {
        const prof = profiler.profileOf(t, col.name);
        const g = prof?.guess();
        if (g && !c.pii.some((p) => p.by === 'values')) c.pii.push(g);
        const paths = prof?.jsonPaths() ?? [];
        if (paths.length > 0 && !c.jsonPaths) c.jsonPaths = paths;
        c.settings ??= profiler.settingsOf(t, col.name);
      }
    }
    return c;
  });
  const coverage: TableCoverage = {
    table: key,
    ref: table,
    declared: schema !== undefined,
    data: seen !== undefined,
    // (implicit rules are veil-stream's own: the table is reported as one the rules file leaves alone)
    rules: tables.filter((t) => !t.implicit).map((t) => t.key),
    parents: parents.map(tableKey),
    truncated,
    truncateGiven: tables.some((t) => t.truncateGiven === true),
    referencedBy: planner.referencesTo(table).map(tableKey).filter((k) => k !== key),
    columns: out,
  };
  const operational = operationalTable(table, columns.map((c) => c.name)) ?? inheritedOperational(planner, parents);
  if (operational) coverage.operational = operational;
  return coverage;
}

/** The operational kind a partition or INHERITS child takes from its nearest operational ancestor. */
function inheritedOperational(planner: Planner, parents: TableRef[], depth = 0): OperationalGuess | undefined {
  if (depth > 16) return undefined;
  for (const p of parents) {
    const g = operationalTable(p, planner.columnsOf(p).map((c) => c.name)) ?? inheritedOperational(planner, planner.parentsOf(p), depth + 1);
    if (g) return g.via !== undefined ? g : partOf(g, tableKey(p));
  }
  return undefined;
}

/** "a, b reference it by a foreign key and keep their rows" (one table: "references … keeps its"), for messages about emptying a referenced table. */
export function keptReferrers(keptBy: readonly string[]): string {
  const one = keptBy.length === 1;
  return `${keptBy.join(', ')} reference${one ? 's' : ''} it by a foreign key and keep${one ? 's' : ''} ${one ? 'its' : 'their'} rows`;
}

/** Every table the dump declared or had data for, in dump order. */
export function coverageOf(planner: Planner, profiler?: Profiler): TableCoverage[] {
  const refs = new Map<string, TableRef>();
  for (const s of planner.declared()) refs.set(tableKey(s.table), s.table);
  for (const [k, s] of planner.seen) if (!refs.has(k)) refs.set(k, s.table);
  const children = childrenIndex(planner);
  return [...refs.values()].map((t) => tableCoverage(planner, t, profiler, children));
}

/** parent key → tables that name it as a parent. */
export function childrenIndex(planner: Planner): Map<string, TableRef[]> {
  const all = new Map<string, TableRef>();
  for (const s of planner.declared()) all.set(tableKey(s.table), s.table);
  for (const [k, s] of planner.seen) all.set(k, s.table);
  const index = new Map<string, TableRef[]>();
  for (const t of all.values()) {
    for (const p of planner.parentsOf(t)) {
      const list = index.get(tableKey(p)) ?? [];
      list.push(t);
      index.set(tableKey(p), list);
    }
  }
  return index;
}

/** Tables that inherit from `table` (partitions, INHERITS children), at any depth. */
function descendantsOf(children: Map<string, TableRef[]>, table: TableRef): TableRef[] {
  const out: TableRef[] = [];
  const queue = [tableKey(table)];
  const done = new Set(queue);
  while (queue.length > 0 && out.length < 10_000) {
    for (const c of children.get(queue.shift()!) ?? []) {
      const k = tableKey(c);
      if (done.has(k)) continue;
      done.add(k);
      out.push(c);
      queue.push(k);
    }
  }
  return out;
}

/** The uncovered columns of a table that need a rule (generated and truncated ones do not). */
export function uncovered(t: TableCoverage): ColumnCoverage[] {
  return t.columns.filter((c) => c.status === 'uncovered');
}
