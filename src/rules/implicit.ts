import type { DialectName, TableRef } from '../model.js';
import { childPath } from './json-path.js';
import type { TableRules } from './ruleset.js';

/**
 * Rules veil-stream adds by itself, for a table that holds copies of masked values outside their
 * columns: MariaDB's engine-independent statistics, `mysql.column_stats` (in `--all-databases` dumps),
 * keep each analyzed column's min_value, max_value and histogram. When the rules mask anything and
 * name that table nowhere, its rows are dropped; any rule of the user's for it (e.g. "truncate": false)
 * wins.
 */
export const COLUMN_STATS = 'mysql.column_stats';

export function implicitRules(table: TableRef, dialect: DialectName, masksAnything: boolean): TableRules | undefined {
  if (!masksAnything || dialect !== 'mysql' || table.schema !== 'mysql' || table.name !== 'column_stats') return undefined;
  return { key: COLUMN_STATS, path: childPath('$.tables', COLUMN_STATS), truncate: true, implicit: true, columns: new Map() };
}
