import { VeilError, type Position } from '../errors.js';
import { tableKey, type ColumnInfo, type KeyInfo, type TableRef, type TableSchema } from '../model.js';
import { uniqueProblem } from '../transformers/accepts.js';
import { uniqueMode } from '../transformers/bind.js';
import { describeKey, TableKeys } from './keys.js';
import { judgeKey, type KeyVerdict, type MaskedColumn } from './key-verdict.js';
import { masksValues, type ColumnRule, type TableRules } from './ruleset.js';

/** What KeyRules needs from the Planner. */
export interface KeyHost {
  rulesFor(table: TableRef): { tables: TableRules[]; columns: Map<string, ColumnRule> };
  columnsOf(table: TableRef): ColumnInfo[];
  schemaOf(table: TableRef): TableSchema | undefined;
  /** The table's data has started. */
  hasData(table: TableRef): boolean;
}

/**
 * The Planner's part of uniqueness: the keys the dump declares, the mode each masked column gets,
 * and the verdicts on the keys.
 *
 * - A column that is a key on its own is unique (ColumnInfo.unique, see Planner.columnsOf): its rule
 *   is bound in unique mode, and one that cannot be unique is RULES_TYPE_MISMATCH.
 * - A part of a composite key is bound in unique mode when its transformer can be (sufficient for the
 *   tuple); one that cannot be is a warning, or an error when no part of the key keeps rows apart.
 * - A key read after its table's data (pg_dump's post-data section) comes too late to choose the
 *   mode: the columns masked without it are judged at the end (see policy/keys.ts).
 */
export class KeyRules {
  readonly declared = new TableKeys();
  /** Per table whose data started, its masked columns as bound. */
  private readonly masked = new Map<string, Map<string, MaskedColumn>>();

  constructor(private readonly host: KeyHost) {}

  /** Record a key; returns whether it came before the table's data (so the plan can still use it). */
  add(table: TableRef, key: KeyInfo, position?: Position, inSchemaFile = false): boolean {
    const afterData = this.host.hasData(table);
    this.declared.add({ ...key, table, ...(position ? { position } : {}), afterData, ...(inSchemaFile ? { inSchemaFile } : {}) });
    return !afterData;
  }

  /** The column as a rule is bound to it: a part of a composite key is unique when the rule can be. */
  bindingInfo(table: TableRef, info: ColumnInfo, rule: ColumnRule): ColumnInfo {
    if (info.unique === true || !this.declared.inComposite(table, info.name)) return info;
    return uniqueProblem(rule.transformer, info.type, rule.params) === undefined ? { ...info, unique: true } : info;
  }

  /** A rule was bound for a table's data (a column masked in several plans keeps its weakest mode). */
  recordMasked(table: TableRef, rule: ColumnRule, bound: ColumnInfo): void {
    const key = tableKey(table);
    const cols = this.masked.get(key) ?? new Map<string, MaskedColumn>();
    this.masked.set(key, cols);
    const mode = uniqueMode(rule, bound);
    const prev = cols.get(bound.name);
    if (!prev || (prev.uniqueMode && !mode)) cols.set(bound.name, { rule, info: bound, uniqueMode: mode });
  }

  /** A column of a table whose data has not started, as it would be bound now. */
  private wouldMask(table: TableRef, column: string): MaskedColumn | undefined {
    const rule = this.host.rulesFor(table).columns.get(column);
    const info = this.host.columnsOf(table).find((c) => c.name === column);
    if (!rule || !info || !masksValues(rule)) return undefined;
    const bound = this.bindingInfo(table, info, rule);
    return { rule, info: bound, uniqueMode: uniqueMode(rule, bound) };
  }

  /**
   * Before a table's data (when it is declared, a key is added, and when its data starts): a key that
   * no part keeps unique is a rules error, like a unique column whose transformer cannot be unique.
   */
  checkBeforeData(table: TableRef): void {
    if (this.truncated(table)) return;
    for (const key of this.declared.of(table)) {
      if (key.afterData) continue;
      const v = judgeKey(key, (c) => this.wouldMask(table, c));
      if (v.severity !== 'error') continue;
      const part = v.colliding[0];
      const cols = v.colliding.map((p) => `"${p.column}" (${p.rule!.transformer.name})`).join(', ');
      throw new VeilError('RULES_TYPE_MISMATCH', `the rules for ${tableKey(table)} cannot keep its ${describeKey(key)} unique: ${cols} can give two rows the same fake`, {
        path: part.rule!.path,
        table: tableKey(table),
        column: part.column,
        hint: 'use transformers that can be unique (email, username, uuid, digits, format-preserving, int-range, hash, a template with {{tag}}) for at least one part, or set "unique": false on the rules if duplicates are fine',
      });
    }
  }

  /**
   * Verdicts on every key that can collide, at the end of the dump: for tables whose rows were masked
   * (the modes they were masked with), and when the dump had no data at all (a schema-only dump under
   * `check`) for every table, as it would be masked. Partitioned tables hold no rows (their partitions
   * carry their own copy of the key) and truncated tables write none.
   */
  verdicts(anyData: boolean): KeyVerdict[] {
    const out: KeyVerdict[] = [];
    for (const key of this.declared.all()) {
      const table = key.table;
      if (this.host.schemaOf(table)?.partitioned || this.truncated(table)) continue;
      let masked: (c: string) => MaskedColumn | undefined;
      if (this.host.hasData(table)) {
        const cols = this.masked.get(tableKey(table));
        masked = (c) => cols?.get(c);
      } else if (!anyData) masked = (c) => this.wouldMask(table, c);
      else continue;
      const v = judgeKey(key, masked);
      if (v.severity) out.push(v);
    }
    return out;
  }

  private truncated(table: TableRef): boolean {
    return this.host.rulesFor(table).tables.some((t) => t.truncate);
  }
}
