import type { Position } from '../errors.js';
import { tableKey, type KeyInfo, type TableRef } from '../model.js';

/** A key as the dump declared it, and when. */
export interface DeclaredKey extends KeyInfo {
  table: TableRef;
  /** Where the statement that declared it starts (keys inside CREATE TABLE have none). */
  position?: Position;
  /**
   * The table's data had already started when the key was read (pg_dump writes PRIMARY KEY / UNIQUE
   * constraints and unique indexes after the data): the rows were masked without knowing it.
   */
  afterData: boolean;
  /** Read from the --schema file (its position is a line of that file, not of the dump). */
  inSchemaFile?: boolean;
}

/**
 * The keys the dump (and a --schema file) declared, per table. Kept apart from the tables' schemas so
 * that a CREATE TABLE read again (a full dump after its --schema file) does not forget them.
 */
export class TableKeys {
  private readonly byTable = new Map<string, DeclaredKey[]>();

  /** Record a key; false when the table already has a key on the same columns (pg_dump -s, then the dump). */
  add(key: DeclaredKey): boolean {
    const k = tableKey(key.table);
    const list = this.byTable.get(k) ?? [];
    const same = list.find((x) => x.columns.length === key.columns.length && x.columns.every((c, i) => c === key.columns[i]));
    if (same) {
      if (key.nullsNotDistinct) same.nullsNotDistinct = true;
      return false;
    }
    list.push(key);
    this.byTable.set(k, list);
    return true;
  }

  of(table: TableRef): readonly DeclaredKey[] {
    return this.byTable.get(tableKey(table)) ?? [];
  }

  all(): DeclaredKey[] {
    return [...this.byTable.values()].flat();
  }

  /** The columns that are a key on their own. */
  singles(table: TableRef): Set<string> {
    const out = new Set<string>();
    for (const key of this.of(table)) if (key.columns.length === 1) out.add(key.columns[0]);
    return out;
  }

  /** Whether `column` is a part of a key of several columns. */
  inComposite(table: TableRef, column: string): boolean {
    return this.of(table).some((key) => key.columns.length > 1 && key.columns.includes(column));
  }
}

/** `UNIQUE users_phone_key (phone)`, `PRIMARY KEY (id, day)`, `unique index u_email on an expression of (email)`. */
export function describeKey(key: KeyInfo): string {
  const kind = key.kind === 'primary key' ? 'PRIMARY KEY' : key.kind === 'unique' ? 'UNIQUE' : 'unique index';
  const cols = `(${key.columns.join(', ')})`;
  return `${kind}${key.name !== undefined ? ` ${key.name}` : ''} ${key.expression ? `on an expression of ${cols}` : cols}${key.nullsNotDistinct ? ' NULLS NOT DISTINCT' : ''}`;
}
