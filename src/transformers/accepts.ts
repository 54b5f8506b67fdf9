import type { ColumnInfo, ColumnType, ValueKind } from '../model.js';
import type { TransformerDef } from './define.js';

/** The transformer to suggest when a column's kind does not fit. */
const SUGGEST: Partial<Record<ValueKind, string>> = {
  integer: 'int-range, noise or digits',
  numeric: 'noise or int-range',
  float: 'noise',
  boolean: 'choice or keep',
  date: 'date-shift or date-of-birth',
  timestamp: 'date-shift',
  json: 'json',
  uuid: 'uuid',
  inet: 'ipv4 or ipv6',
  mac: 'mac',
  array: 'array',
  enum: 'choice',
  binary: 'hash, null or fixed',
  time: 'keep, null or fixed',
};

export interface AcceptsOptions {
  /** The rule's parsed params (enables the transformer's own fit checks, e.g. a uuid into varchar(10)). */
  params?: Record<string, unknown>;
  /** The whole column (NOT NULL, UNIQUE, name); `columnType` is still the one checked. */
  column?: ColumnInfo;
  /** Distinct originals must get distinct fakes (rule `unique`, or a key/unique column). */
  unique?: boolean;
}

/**
 * A one-sentence problem when `def` cannot write values that fit a column of `columnType` (from the
 * DDL), or undefined when it fits. Unknown types (no type, or kind 'other') always pass: the plan
 * then relies on length fitting only. With `opts`, also runs the transformer's own check (lengths,
 * ranges, enum labels, NOT NULL) and, for unique columns, whether it can guarantee distinct values.
 */
export function checkAccepts(def: TransformerDef, columnType: ColumnType | undefined, opts: AcceptsOptions = {}): string | undefined {
  if (columnType && columnType.kind !== 'other' && !def.accepts.includes('any') && !def.accepts.includes(columnType.kind)) {
    const kinds = def.accepts.filter((k) => k !== 'other').join(', ');
    const hint = SUGGEST[columnType.kind];
    return `transformer "${def.name}" writes ${kinds} values; column${opts.column ? ` "${opts.column.name}"` : ''} is ${columnType.raw} (${columnType.kind})${hint ? `: use ${hint}` : ''}`;
  }
  if (opts.params && def.check) {
    const column: ColumnInfo = { ...(opts.column ?? { name: '' }), type: columnType };
    const problem = def.check(opts.params as never, column);
    if (problem) return `transformer "${def.name}": ${problem}`;
  }
  if (opts.unique) return uniqueProblem(def, columnType, opts.params);
  return undefined;
}

/**
 * A one-sentence problem when `def` (with `params`, when given) cannot guarantee distinct fakes for
 * distinct originals in a column of `columnType`, even in unique mode; undefined when it can.
 */
export function uniqueProblem(def: TransformerDef, columnType: ColumnType | undefined, params?: Record<string, unknown>): string | undefined {
  const can = typeof def.canBeUnique === 'function' ? (params ? def.canBeUnique(params as never) : true) : def.canBeUnique === true;
  if (!can) {
    return `transformer "${def.name}"${params && typeof def.canBeUnique === 'function' ? ' with these params' : ''} cannot guarantee distinct values for a unique column: use email, username, uuid, digits, format-preserving, int-range, hash (length >= 22) or a template with {{tag}}, or set "unique": false if duplicates are fine`;
  }
  if (def.name === 'hash' && params && columnType?.maxLength !== undefined && columnType.maxLength < 22) {
    return `transformer "hash": a unique digest needs 22 hex characters; the column holds ${columnType.maxLength}`;
  }
  return undefined;
}

/**
 * Distinct originals get distinct fakes even outside unique mode: the transformer is unique by
 * construction (email's 85-bit tag, uuid, a keyed bijection), not only when bound as unique (phone).
 */
export function uniqueByConstruction(def: TransformerDef, columnType: ColumnType | undefined, params: Record<string, unknown>): boolean {
  return def.uniqueModeOnly !== true && uniqueProblem(def, columnType, params) === undefined;
}

/** Every transformer that accepts a column kind (for "did you mean" style hints and the catalog). */
export function transformersFor(kind: ValueKind, all: readonly TransformerDef[]): string[] {
  return all.filter((t) => t.accepts.includes(kind) || t.accepts.includes('any')).map((t) => t.name);
}
