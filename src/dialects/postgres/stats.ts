import type { TableRef } from '../../model.js';
import { tokenize } from './header.js';

/**
 * pg_dump 18 with --statistics (or --statistics-only) writes each column's optimizer statistics as
 *
 *     SELECT * FROM pg_catalog.pg_restore_attribute_stats(
 *         'version', '180006'::integer,
 *         'schemaname', 'public',
 *         'relname', 'users',
 *         'attname', 'email',            -- an index: 'attnum', '1'::smallint
 *         ...
 *         'most_common_vals', '{alice@example.com,...}'::text,
 *         'histogram_bounds', '{...}'::text,
 *         ...);
 *
 * Most common values, histogram bounds and most common elements are values of the column: a masked
 * column's statistics would carry its originals into the masked dump.
 */
export interface StatsTarget {
  relation: TableRef;
  /** The column of a table or materialized view; undefined for an index column (`attnum`). */
  column?: string;
}

/** The relation and column of a `pg_restore_attribute_stats` call; undefined when they are not named. */
export function statsTarget(sql: string): StatsTarget | undefined {
  const args = new Map<string, string>();
  const toks = tokenize(sql);
  // named arguments: 'name', 'value'::type, ...
  for (let i = 0; i + 2 < toks.length; i++) {
    const [a, comma, b] = [toks[i], toks[i + 1], toks[i + 2]];
    if (a.t === 's' && comma.t === 'p' && comma.v === ',' && b.t === 's' && !args.has(a.v)) {
      args.set(a.v, b.v);
      i += 2;
    }
  }
  const schema = args.get('schemaname');
  const name = args.get('relname');
  if (schema === undefined || name === undefined) return undefined;
  return { relation: { schema, name }, column: args.get('attname') };
}

/** What the rules say about the relation of a statistics entry (see PgScanner.statsHoldValues). */
export interface StatsRules {
  /** Rules name the table: truncated, or masking these columns (not `keep`). */
  table(relation: TableRef): { truncated: boolean; masked: Set<string> } | undefined;
  /** The table of an index the dump created, if it is one. */
  indexTable(relation: TableRef): TableRef | undefined;
  /** The relation is a table the dump declared or had data for. */
  isTable(relation: TableRef): boolean;
  /** The rules mask or truncate anything at all. */
  masksAnything: boolean;
}

/**
 * Whether a statistics entry may hold values of masked data, and so must not be copied:
 * - a table's column: when the table is truncated or the column has a masking rule;
 * - an index's expression column: when the index's table is truncated or has any masking rule;
 * - any other relation (a materialized view, an index or table the dump does not declare): whenever
 *   the rules mask anything, since what it is computed from is unknown.
 */
export function statsHoldMaskedValues(target: StatsTarget, rules: StatsRules): boolean {
  const { relation, column } = target;
  const own = rules.table(relation);
  if (column !== undefined && (own || rules.isTable(relation))) return own !== undefined && (own.truncated || own.masked.has(column));
  const table = rules.indexTable(relation);
  if (table !== undefined) {
    const t = rules.table(table);
    return t !== undefined && (t.truncated || t.masked.size > 0);
  }
  return rules.masksAnything;
}
