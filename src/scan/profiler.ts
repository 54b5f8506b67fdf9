import { tableKey, type ColumnInfo, type TableRef } from '../model.js';
import { ValueProfile } from '../policy/pii-values.js';
import type { TableSampler } from './sampling-plan.js';
import { SettingsSample, settingsColumns, type SettingsGuess } from './settings.js';

/** Value kinds worth reading for PII (ids, flags and blobs are not). */
const SKIP_KINDS = new Set(['boolean', 'binary', 'enum', 'time', 'uuid', 'float']);

/** The first rows of one table: a ValueProfile per sampled column; no value is kept. */
export class TableProfile implements TableSampler {
  rows = 0;
  readonly columns: Set<string>;
  readonly profiles = new Map<string, ValueProfile>();
  /** A key-value settings table (name and value columns both sampled): its rows paired. */
  readonly settings: SettingsSample | undefined;

  constructor(readonly table: TableRef, columns: string[], private readonly limit: number) {
    this.columns = new Set(columns);
    for (const c of columns) this.profiles.set(c, new ValueProfile());
    const kv = settingsColumns(columns);
    this.settings = kv ? new SettingsSample(kv.key, kv.value) : undefined;
  }

  wants(): boolean {
    return this.rows < this.limit;
  }

  take(column: string, value: string | null): void {
    if (value !== null) this.profiles.get(column)?.add(value);
    this.settings?.take(column, value);
  }

  endRow(): void {
    this.rows++;
    this.settings?.endRow();
  }
}

/** Samples the first `rows` rows of every table: its uncovered columns, or all of them (scan). */
export class Profiler {
  readonly tables = new Map<string, TableProfile>();

  constructor(private readonly rows: number, private readonly which: 'uncovered' | 'all') {}

  /** The Planner's sampler factory. */
  readonly sampler = (table: TableRef, columns: ColumnInfo[], covered: (c: string) => boolean): TableSampler | undefined => {
    if (this.rows <= 0) return undefined;
    const picked = columns
      .filter((c) => !c.generated && !SKIP_KINDS.has(c.type?.kind ?? 'text') && (this.which === 'all' || !covered(c.name)))
      .map((c) => c.name);
    if (picked.length === 0) return undefined;
    const p = new TableProfile(table, picked, this.rows);
    this.tables.set(tableKey(table), p);
    return p;
  };

  /** The settings that need a rule, when `column` is the value column of a key-value table. */
  settingsOf(table: TableRef, column: string): SettingsGuess | undefined {
    const s = this.tables.get(tableKey(table))?.settings;
    return s && s.valueColumn === column ? s.guess() : undefined;
  }

  profileOf(table: TableRef, column: string): ValueProfile | undefined {
    return this.tables.get(tableKey(table))?.profiles.get(column);
  }
}
