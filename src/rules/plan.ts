import { VeilError, type Position } from '../errors.js';
import { tableKey, type ColumnInfo, type DialectName, type TableRef, type TableSchema } from '../model.js';
import type { Keyring } from '../seed/keyring.js';
import { bindRule, type BoundRule } from '../transformers/bind.js';
import { RuleHits, type ColumnRule, type RuleSet, type TableRules } from './ruleset.js';
import { TablePlan, type PlanColumn } from './table-plan.js';

/**
 * Planner: binds rules to the tables the dump declares. It learns the schema from DDL as the
 * scanner meets it, and builds one TablePlan per table when that table's data starts.
 */
export class Planner {
  readonly hits = new RuleHits();
  private readonly schemas = new Map<string, TableSchema>();
  private readonly parents = new Map<string, TableRef[]>();
  private readonly plans = new Map<string, TablePlan | null>();
  /** Every table whose data was seen, in order, with its plans (one per column list), for reports. */
  readonly seen = new Map<string, { table: TableRef; plans: TablePlan[]; columns: string[] }>();

  constructor(
    readonly rules: RuleSet,
    private readonly keyring: Keyring,
    readonly dialect: DialectName,
  ) {}

  /** Record a table's DDL (CREATE TABLE). Later data for it uses these columns and types. */
  registerSchema(schema: TableSchema): void {
    const key = tableKey(schema.table);
    this.schemas.set(key, schema);
    for (const p of schema.parents) this.addParent(schema.table, p);
    const rules = this.rulesFor(schema.table);
    for (const r of rules.tables) this.hits.table(r.key);
    for (const col of schema.columns) {
      for (const r of rules.tables) if (r.columns.has(col.name)) this.hits.column(r.key, col.name);
    }
  }

  /** `child` holds rows of `parent` (partition or inheritance child): parent rules apply to it. */
  addParent(child: TableRef, parent: TableRef): void {
    const key = tableKey(child);
    const list = this.parents.get(key) ?? [];
    if (!list.some((p) => tableKey(p) === tableKey(parent))) list.push(parent);
    this.parents.set(key, list);
    const schema = this.schemas.get(key);
    if (schema) {
      const rules = this.rulesFor(child);
      for (const r of rules.tables) this.hits.table(r.key);
      for (const col of schema.columns) for (const r of rules.tables) if (r.columns.has(col.name)) this.hits.column(r.key, col.name);
    }
  }

  /**
   * A table's columns in storage order: columns inherited through CREATE TABLE ... INHERITS or
   * PARTITION OF come first (merged by name), then its own, as PostgreSQL orders them.
   */
  columnsOf(table: TableRef, depth = 0): ColumnInfo[] {
    const schema = this.schemas.get(tableKey(table));
    if (!schema) return [];
    if (schema.parents.length === 0 || depth > 16) return schema.columns;
    const out: ColumnInfo[] = [];
    for (const p of schema.parents) for (const c of this.columnsOf(p, depth + 1)) if (!out.some((o) => o.name === c.name)) out.push(c);
    for (const c of schema.columns) {
      const i = out.findIndex((o) => o.name === c.name);
      if (i >= 0) out[i] = { ...out[i], ...c };
      else out.push(c);
    }
    return out;
  }

  schemaOf(table: TableRef): TableSchema | undefined {
    return this.schemas.get(tableKey(table));
  }

  /** Whether any rule (own, bare-name or inherited) targets this table. */
  hasRules(table: TableRef): boolean {
    return this.rulesFor(table).tables.length > 0;
  }

  /**
   * The plan for a table whose data starts now, or null when no rule touches it (stream it through).
   * `columnNames` come from the COPY/INSERT column list; without one, from the DDL seen earlier.
   */
  planFor(table: TableRef, columnNames: string[] | undefined, position?: Position): TablePlan | null {
    const key = tableKey(table);
    const cacheKey = `${key}\u0000${columnNames?.join('\u0001') ?? ''}`;
    if (this.plans.has(cacheKey)) return this.plans.get(cacheKey)!;
    const schema = this.schemas.get(key);
    const { tables, columns } = this.rulesFor(table);
    for (const r of tables) this.hits.table(r.key);
    let names = columnNames;
    // Without a column list, values follow the DDL's columns; pg_dump writes DEFAULT for generated ones.
    if (!names && schema) names = this.columnsOf(table).map((c) => c.name);
    let plan: TablePlan | null = null;
    if (tables.length > 0) {
      const truncate = tables.some((t) => t.truncate);
      if (!names) {
        if (columns.size > 0 && !truncate) {
          throw new VeilError('DUMP_UNKNOWN_COLUMNS', `the data of ${key} has no column list and its CREATE TABLE was not in the dump`, {
            table: key,
            position,
            hint: 'dump with column names (pg_dump --column-inserts, mysqldump --complete-insert) or pass the schema with --schema FILE',
          });
        }
        names = [];
      }
      const known = schema ? this.columnsOf(table) : [];
      const infos: ColumnInfo[] = names.map((n) => known.find((c) => c.name === n) ?? { name: n });
      const planCols: PlanColumn[] = [];
      infos.forEach((info, index) => {
        const rule = columns.get(info.name);
        if (!rule) return;
        for (const r of tables) if (r.columns.has(info.name)) this.hits.column(r.key, info.name);
        const bound: BoundRule = bindRule(rule, info, { keyring: this.keyring, dialect: this.dialect, table });
        planCols.push({ index, name: info.name, bound, maxLength: info.type?.maxLength, masked: 0 });
      });
      if (truncate || planCols.length > 0) plan = new TablePlan(table, infos, planCols, truncate);
    }
    this.plans.set(cacheKey, plan);
    const seen = this.seen.get(key) ?? { table, plans: [], columns: names ?? [] };
    if (plan) seen.plans.push(plan);
    this.seen.set(key, seen);
    return plan;
  }

  /**
   * The rules for a table: inherited from parents first, then the bare-name key, then the qualified
   * key (later ones override earlier column rules).
   */
  private rulesFor(table: TableRef, depth = 0): { tables: TableRules[]; columns: Map<string, ColumnRule> } {
    const tables: TableRules[] = [];
    const columns = new Map<string, ColumnRule>();
    if (depth < 16) {
      for (const p of this.parents.get(tableKey(table)) ?? []) {
        const inherited = this.rulesFor(p, depth + 1);
        tables.push(...inherited.tables);
        for (const [k, v] of inherited.columns) columns.set(k, v);
      }
    }
    const bare = this.rules.tables.get(table.name);
    const qualified = table.schema !== undefined ? this.rules.tables.get(`${table.schema}.${table.name}`) : undefined;
    for (const t of [bare, qualified]) {
      if (!t) continue;
      tables.push(t);
      for (const [k, v] of t.columns) columns.set(k, v);
    }
    return { tables, columns };
  }
}
