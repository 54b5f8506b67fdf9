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
  /** Part of a PRIMARY KEY or single-column UNIQUE constraint. */
  unique?: boolean;
  /** A generated (computed) column. */
  generated?: boolean;
  /** MySQL/MariaDB INVISIBLE column: left out of INSERTs without a column list. */
  invisible?: boolean;
  notNull?: boolean;
}

/** What the dump's DDL says about one table. */
export interface TableSchema {
  table: TableRef;
  columns: ColumnInfo[];
  /** Tables whose rules this one inherits (PostgreSQL partitions and inheritance children). */
  parents: TableRef[];
}
