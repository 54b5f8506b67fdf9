/** Shared vocabulary of the dump model (see the glossary in the README). */

export type DialectName = 'postgres' | 'mysql';

/**
 * A table as the dump names it. `schema` is the PostgreSQL schema or the MySQL database (absent when
 * the dump does not say). Names are normalized the way the server spells them: unquoted PostgreSQL
 * identifiers folded to lower case, quotes removed and doubled quotes undone; never otherwise changed.
 */
export interface TableRef {
  schema?: string;
  name: string;
}

export function tableKey(t: TableRef): string {
  return t.schema === undefined ? t.name : `${t.schema}.${t.name}`;
}

/** What kind of value a column holds, as far as transformers care. */
export type ValueKind =
  | 'text'
  | 'integer'
  | 'numeric'
  | 'float'
  | 'boolean'
  | 'date'
  | 'timestamp'
  | 'time'
  | 'json'
  | 'uuid'
  | 'binary'
  | 'inet'
  | 'mac'
  | 'array'
  | 'enum'
  | 'other';

export interface ColumnType {
  /** The type as written in the DDL, e.g. `character varying(40)`, `int unsigned`. */
  raw: string;
  kind: ValueKind;
  /** Character limit of varchar(n)/char(n). */
  maxLength?: number;
  /** numeric(p, s) */
  precision?: number;
  scale?: number;
  /**
   * Integer range, when known (e.g. smallint, MySQL tinyint unsigned); a bigint where a number is not
   * exact (64-bit columns: 2^63-1, 2^64-1).
   */
  min?: number | bigint;
  max?: number | bigint;
  /** For arrays: the element type. */
  element?: ColumnType;
  /** For enums/sets: the allowed labels, when the DDL lists them. */
  labels?: string[];
}

export interface ColumnInfo {
  name: string;
  type?: ColumnType;
  /**
   * Unique on its own: a single-column PRIMARY KEY, UNIQUE constraint or unique index (the parts of a
   * composite key are in TableSchema.keys / the Planner's keys instead).
   */
  unique?: boolean;
  /** A generated (computed) column. */
  generated?: boolean;
  /** MySQL/MariaDB INVISIBLE column: left out of INSERTs without a column list. */
  invisible?: boolean;
  notNull?: boolean;
}

/**
 * A PRIMARY KEY, UNIQUE constraint or unique index: no two rows may share its columns' values (as a
 * tuple, for a composite key), so the restore of a masked dump fails on a duplicate key when two
 * distinct originals get the same fake.
 */
export interface KeyInfo {
  kind: 'primary key' | 'unique' | 'unique index';
  /** The columns, in key order (for an expression index: the columns its expressions read). */
  columns: string[];
  /** The constraint or index name, when the DDL gives one. */
  name?: string;
  /** Some parts are expressions of the columns (a unique index on lower(email)). */
  expression?: boolean;
  /** NULLs count as equal (PostgreSQL UNIQUE NULLS NOT DISTINCT): a column of NULLs collides too. */
  nullsNotDistinct?: boolean;
}

/** What the dump's DDL says about one table. */
export interface TableSchema {
  table: TableRef;
  columns: ColumnInfo[];
  /** Tables whose rules this one inherits (PostgreSQL partitions and inheritance children). */
  parents: TableRef[];
  /** Keys declared inside CREATE TABLE (single-column ones also mark their column `unique`). */
  keys?: KeyInfo[];
  /** PostgreSQL PARTITION BY: holds no rows itself (its partitions do, and carry their own keys). */
  partitioned?: boolean;
  /** Tables its FOREIGN KEYs declared inside CREATE TABLE point to. */
  references?: TableRef[];
}
