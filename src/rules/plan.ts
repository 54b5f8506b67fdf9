import { VeilError, type Position } from '../errors.js';
import { tableKey, type ColumnInfo, type DialectName, type KeyInfo, type TableRef, type TableSchema } from '../model.js';
import type { Keyring } from '../seed/keyring.js';
import { checkAccepts } from '../transformers/accepts.js';
import { bindRule, uniqueMode, type BoundRule } from '../transformers/bind.js';
import { implicitRules } from './implicit.js';
import { KeyRules } from './key-rules.js';
import { NameTally } from './name-tally.js';
import { masksAnything, masksValues, RuleHits, type ColumnRule, type RuleSet, type TableRules } from './ruleset.js';
import { TablePlan, type PlanColumn } from './table-plan.js';
import { SamplingPlan, type TableSampler } from '../scan/sampling-plan.js';

/** How a Planner builds plans beyond masking (all optional; the default is a plain masking run). */
export interface PlannerOptions {
  /**
   * Bind the rules (so they are validated against the columns) but apply none: plans only sample.
   * For runs that write nothing (`check`, `scan`).
   */
  dryRun?: boolean;
  /**
   * The sampler for the first rows of a table whose data starts, given its columns and which of them
   * the rules cover; undefined for no sampling. Called once per table.
   */
  sampler?(table: TableRef, columns: ColumnInfo[], covered: (column: string) => boolean): TableSampler | undefined;
  /**
   * A table's data starts (first time per table, before its first row is read), with its columns (from
   * the data's column list, else the DDL). May throw a VeilError to stop the run before any row is written.
   */
  onDataStart?(table: TableRef, columns: ColumnInfo[], position?: Position): void;
}

interface PlanEntry {
  plan: TablePlan | null;
  /** The plan only samples: once its sampler is full, the table streams through (planFor → null). */
  sampleOnly: boolean;
}

/**
 * Planner: binds rules to the tables the dump declares. It learns the schema from DDL as the
 * scanner meets it, and builds one TablePlan per table when that table's data starts.
 */
export class Planner {
  readonly hits = new RuleHits();
  private readonly schemas = new Map<string, TableSchema>();
  private readonly parents = new Map<string, TableRef[]>();
  /** Referenced table key → the tables whose FOREIGN KEYs point to it. */
  private readonly referencing = new Map<string, TableRef[]>();
  private readonly plans = new Map<string, PlanEntry>();
  private readonly samplers = new Map<string, TableSampler | null>();
  /** Every table whose data was seen, in order, with its plans (one per column list), for reports. */
  readonly seen = new Map<string, { table: TableRef; plans: TablePlan[]; columns: string[] }>();
  /** Rows counted by the scanner where that is cheap (COPY lines), per table key. */
  readonly counted = new Map<string, number>();
  /**
   * The dump declares every table before any data (a pg_dump dump: its CREATE TABLEs come first).
   * Set by the scanner; lets the policy decide about unused rules when the first data starts.
   */
  ddlFirst = false;
  /** How many tables' data had started (the policy's first-data moment is when this turns 1). */
  dataStarts = 0;
  /** The DDL being read comes from the --schema file (set by the Masker while it reads it). */
  readingSchemaFile = false;
  /** PostgreSQL large objects: how many the dump creates, and the bytes of their contents (lowrite). */
  readonly largeObjects = { objects: 0, bytes: 0 };
  /**
   * MySQL/MariaDB scheduled events the dump creates (CREATE EVENT): those that restore enabled, how
   * many disabled, and how many of those "events": "disable" did.
   */
  readonly events = { enabled: new NameTally(), disabled: 0, disabledByRule: 0 };
  /** Links to other servers the dump creates (links.ts of each dialect), and what "links": "cut" took out. */
  readonly links = { found: new NameTally(), cut: { userMappings: 0, subscriptions: 0, statements: 0, connections: 0 }, serversKept: 0 };
  /** pg_dumpall role password hashes: the roles that have one, and how many were dropped. */
  readonly rolePasswords = { roles: new NameTally(), dropped: 0 };
  /** PostgreSQL 18 optimizer statistics (pg_dump --statistics): entries dropped as holding masked values. */
  readonly statistics = { dropped: 0 };
  /** PRIMARY KEY / UNIQUE constraints and unique indexes, and how the masked columns of keys are bound. */
  readonly keys = new KeyRules({
    rulesFor: (t) => this.rulesFor(t),
    columnsOf: (t) => this.columnsOf(t),
    schemaOf: (t) => this.schemaOf(t),
    hasData: (t) => this.seen.has(tableKey(t)),
  });

  /** Rules veil-stream adds itself (implicit.ts), made once per table. */
  private readonly implicit = new Map<string, TableRules | null>();
  /** The rules mask or truncate anything (implicit rules apply only then). */
  readonly masksAnything: boolean;

  constructor(
    readonly rules: RuleSet,
    private readonly keyring: Keyring,
    readonly dialect: DialectName,
    private readonly options: PlannerOptions = {},
  ) {
    this.masksAnything = masksAnything(rules);
  }

  /** Every table the DDL declared so far, in order. */
  declared(): TableSchema[] {
    return [...this.schemas.values()];
  }

  /** The tables whose rules `table` inherits (partition or inheritance parents). */
  parentsOf(table: TableRef): TableRef[] {
    return this.parents.get(tableKey(table)) ?? [];
  }

  /**
   * Rows of a table's data: exact where they went through a plan, else the scanner's count (COPY
   * lines), else null (INSERTs into a table without rules are not counted).
   */
  rowsOf(key: string): number | null {
    const plans = this.seen.get(key)?.plans ?? [];
    if (plans.length > 0) return plans.reduce((n, p) => n + p.rows, 0);
    return this.counted.get(key) ?? null;
  }

  /** Rows of a table counted by the scanner (COPY lines). */
  countRows(table: TableRef, rows: number): void {
    const key = tableKey(table);
    this.counted.set(key, (this.counted.get(key) ?? 0) + rows);
  }

  /** Record a table's DDL (CREATE TABLE). Later data for it uses these columns and types. */
  registerSchema(schema: TableSchema): void {
    const key = tableKey(schema.table);
    this.schemas.set(key, schema);
    for (const k of schema.keys ?? []) this.keys.add(schema.table, k);
    for (const p of schema.parents) this.addParent(schema.table, p);
    for (const r of schema.references ?? []) this.addReference(schema.table, r);
    const rules = this.rulesFor(schema.table);
    for (const r of rules.tables) this.hits.table(r.key);
    for (const col of schema.columns) {
      for (const r of rules.tables) if (r.columns.has(col.name)) this.hits.column(r.key, col.name);
    }
    this.checkTypes(schema.table);
  }

  /**
   * A PRIMARY KEY, UNIQUE constraint or unique index (ALTER TABLE ... ADD CONSTRAINT, CREATE UNIQUE
   * INDEX). Before the table's data, its columns get unique mode (and are checked now); after it (as
   * pg_dump writes them), the columns masked without unique mode are judged at the end of the dump.
   */
  addKey(table: TableRef, key: KeyInfo, position?: Position): void {
    if (this.keys.add(table, key, position, this.readingSchemaFile) && this.dataStarts === 0) this.checkTypes(table);
  }

  /**
   * Rules whose transformer cannot write values of a column's type (from the DDL), or cannot keep a
   * key unique: a rules error as soon as the table is declared (or the key), before any of its data is
   * read, and again when its data starts.
   */
  private checkTypes(table: TableRef): void {
    const { columns } = this.rulesFor(table);
    if (columns.size === 0) return;
    for (const info of this.columnsOf(table)) {
      const rule = columns.get(info.name);
      if (!rule) continue;
      const unique = uniqueMode(rule, info);
      const problem = checkAccepts(rule.transformer, info.type, { params: rule.params, column: info, unique });
      if (problem) {
        throw new VeilError('RULES_TYPE_MISMATCH', `the rule for ${tableKey(table)}.${info.name} does not fit the column: ${problem}`, {
          path: rule.path,
          table: tableKey(table),
          column: info.name,
          hint: 'choose a transformer that writes this type, or mark the column keep',
        });
      }
    }
    this.keys.checkBeforeData(table);
  }

  /** A FOREIGN KEY of `from` points to `to` (CREATE TABLE, or ALTER TABLE ... ADD CONSTRAINT as pg_dump writes them). */
  addReference(from: TableRef, to: TableRef): void {
    const key = tableKey(to);
    const list = this.referencing.get(key) ?? [];
    if (!list.some((t) => tableKey(t) === tableKey(from))) list.push(from);
    this.referencing.set(key, list);
  }

  /** The tables whose FOREIGN KEYs point to `table`. */
  referencesTo(table: TableRef): TableRef[] {
    return this.referencing.get(tableKey(table)) ?? [];
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
      this.checkTypes(child);
    }
  }

  /**
   * A table's columns in storage order: columns inherited through CREATE TABLE ... INHERITS or
   * PARTITION OF come first (merged by name), then its own, as PostgreSQL orders them.
   */
  columnsOf(table: TableRef, depth = 0): ColumnInfo[] {
    const schema = this.schemas.get(tableKey(table));
    if (!schema) return [];
    let out: ColumnInfo[] = schema.columns;
    if (schema.parents.length > 0 && depth <= 16) {
      out = [];
      for (const p of schema.parents) for (const c of this.columnsOf(p, depth + 1)) if (!out.some((o) => o.name === c.name)) out.push(c);
      for (const c of schema.columns) {
        const i = out.findIndex((o) => o.name === c.name);
        if (i >= 0) out[i] = { ...out[i], ...c };
        else out.push(c);
      }
    }
    // keys declared apart from CREATE TABLE (ALTER TABLE, CREATE UNIQUE INDEX) on one column
    const singles = this.keys.declared.singles(table);
    return singles.size === 0 ? out : out.map((c) => (singles.has(c.name) && c.unique !== true ? { ...c, unique: true } : c));
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
    let entry = this.plans.get(cacheKey);
    if (entry === undefined) {
      entry = this.buildPlan(table, key, columnNames, position);
      this.plans.set(cacheKey, entry);
    }
    // A sample-only plan whose sampler is full: stream the rest of the table through.
    if (entry.sampleOnly && !(entry.plan as SamplingPlan).sampling) return null;
    return entry.plan;
  }

  private buildPlan(table: TableRef, key: string, columnNames: string[] | undefined, position?: Position): PlanEntry {
    const schema = this.schemas.get(key);
    const { tables, columns } = this.rulesFor(table);
    for (const r of tables) this.hits.table(r.key);
    let names = columnNames;
    // Without a column list, values follow the DDL's columns; pg_dump writes DEFAULT for generated ones.
    if (!names && schema) names = this.columnsOf(table).filter((c) => !c.invisible).map((c) => c.name);
    const known = schema ? this.columnsOf(table) : [];
    const infos: ColumnInfo[] | undefined = names?.map((n) => known.find((c) => c.name === n) ?? { name: n });
    const truncate = tables.some((t) => t.truncate);
    const firstData = !this.seen.has(key);
    const seen = this.seen.get(key) ?? { table, plans: [], columns: names ?? [] };
    this.seen.set(key, seen);
    // Rules for columns the data names are used, whatever the plan (keep, dry runs).
    if (infos) for (const info of infos) for (const r of tables) if (r.columns.has(info.name)) this.hits.column(r.key, info.name);
    if (firstData) {
      this.dataStarts++;
      this.options.onDataStart?.(table, infos ?? known, position);
      // keys read since the table was declared (a --schema file's ALTER TABLEs) are checked by now
      if (schema) this.checkTypes(table);
    }
    if (tables.length > 0 && !infos && columns.size > 0 && !truncate) {
      throw new VeilError('DUMP_UNKNOWN_COLUMNS', `the data of ${key} has no column list and its CREATE TABLE was not in the dump`, {
        table: key,
        position,
        hint: 'dump with column names (pg_dump --column-inserts, mysqldump --complete-insert) or pass the schema with --schema FILE',
      });
    }
    const cols = infos ?? [];
    const planCols: PlanColumn[] = [];
    if (tables.length > 0) {
      cols.forEach((info, index) => {
        const rule = columns.get(info.name);
        if (!rule) return;
        // `keep` marks a column as reviewed: covered, but no work per row.
        if (!masksValues(rule)) return;
        const column = this.keys.bindingInfo(table, info, rule);
        this.keys.recordMasked(table, rule, column);
        const bound: BoundRule = bindRule(rule, column, { keyring: this.keyring, dialect: this.dialect, table });
        planCols.push({ index, name: info.name, bound, info: column, maxLength: info.type?.maxLength, masked: 0 });
      });
    }
    const sampler = infos ? this.samplerFor(table, key, infos, (c) => truncate || columns.has(c)) : undefined;
    const dry = this.options.dryRun === true;
    let plan: TablePlan | null = null;
    let sampleOnly = false;
    if (sampler && (dry || (!truncate && planCols.length === 0))) {
      plan = new SamplingPlan(table, cols, [], false, sampler);
      sampleOnly = true;
    } else if (!dry && (truncate || planCols.length > 0)) {
      plan = sampler ? new SamplingPlan(table, cols, planCols, truncate, sampler) : new TablePlan(table, cols, planCols, truncate);
    }
    if (plan && !sampleOnly) seen.plans.push(plan);
    return { plan, sampleOnly };
  }

  /**
   * A dry run (nothing written, no rule applied) needs nothing more from the data of the tables named
   * `name`: every such table's data has started and has no sample left to take.
   */
  finishedWith(name: string): boolean {
    if (this.options.dryRun !== true) return false;
    let any = false;
    for (const [key, s] of this.seen) {
      if (s.table.name !== name) continue;
      any = true;
      const sampler = this.samplers.get(key);
      if (sampler && sampler.wants()) return false;
    }
    return any;
  }

  /** One sampler per table (shared by its column lists); none once it is full. */
  private samplerFor(table: TableRef, key: string, columns: ColumnInfo[], covered: (c: string) => boolean): TableSampler | undefined {
    if (!this.options.sampler) return undefined;
    let s = this.samplers.get(key);
    if (s === undefined) {
      s = this.options.sampler(table, columns, covered) ?? null;
      this.samplers.set(key, s);
    }
    return s && s.columns.size > 0 && s.wants() ? s : undefined;
  }

  /**
   * The rules for a table: inherited from parents first, then the bare-name key, then the qualified
   * key (later ones override earlier column rules).
   */
  rulesFor(table: TableRef, depth = 0): { tables: TableRules[]; columns: Map<string, ColumnRule> } {
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
    // implicit rules: a table rule applies when the file has none; column rules under the file's own
    const implicit = this.implicitFor(table);
    if (implicit && (tables.length === 0 || implicit.columns.size > 0)) {
      tables.push(implicit);
      for (const [k, v] of implicit.columns) if (!columns.has(k)) columns.set(k, v);
    }
    return { tables, columns };
  }

  private implicitFor(table: TableRef): TableRules | null {
    const key = tableKey(table);
    let implicit = this.implicit.get(key);
    if (implicit === undefined) {
      implicit = implicitRules(table, this.dialect, { masksAnything: this.masksAnything, events: this.rules.events, links: this.rules.links }) ?? null;
      this.implicit.set(key, implicit);
    }
    return implicit;
  }
}
