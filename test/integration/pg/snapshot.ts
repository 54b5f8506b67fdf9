/**
 * Fingerprints of a database's contents, computed in SQL so two databases can be compared
 * without shipping every row to the test: per table a row count, per column an md5 over the
 * values in primary-key order, the NULL count and the number of distinct values.
 */
import { readFile } from 'node:fs/promises';
import { pgDump, query, quoteIdent, quoteLiteral } from '../helpers/pg.js';
import { orderByPk, pkText, qualified, type TableInfo } from './catalog.js';

export interface ColumnDigest {
  readonly md5: string;
  readonly nulls: number;
  readonly distinct: number;
}

export interface TableDigest {
  readonly rows: number;
  readonly columns: Readonly<Record<string, ColumnDigest>>;
}

function digestSql(table: TableInfo): string {
  const order = orderByPk(table);
  const parts = table.columns.map((c) => {
    const col = quoteIdent(c.name);
    return `${quoteLiteral(c.name)}, json_build_object(
        'md5', md5(coalesce(string_agg(coalesce(quote_literal(${col}::text), 'N'), ',' ORDER BY ${order}), '')),
        'nulls', count(*) FILTER (WHERE ${col} IS NULL),
        'distinct', count(DISTINCT ${col}::text))`;
  });
  return `SELECT ${quoteLiteral(table.key)} AS key, count(*) AS rows, json_build_object(${parts.join(',\n')}) AS columns
    FROM ONLY ${qualified(table)}`;
}

/** One query for all tables with rows (partitioned parents hold none). */
export async function digestTables(db: string, tables: readonly TableInfo[]): Promise<Map<string, TableDigest>> {
  const withRows = tables.filter((t) => !t.partitioned);
  const rows = await query<{ key: string; rows: number; columns: Record<string, ColumnDigest> }>(
    db,
    withRows.map(digestSql).join('\nUNION ALL\n'),
  );
  return new Map(rows.map((r) => [r.key, { rows: r.rows, columns: r.columns }]));
}

/** table key → column → (primary-key text → value as text, or null). */
export type ColumnValues = Map<string, Map<string, Map<string, string | null>>>;

/** The actual values of the given columns, keyed by primary key. */
export async function columnValues(
  db: string,
  tables: readonly TableInfo[],
  columnsByTable: ReadonlyMap<string, Iterable<string>>,
): Promise<ColumnValues> {
  const selects: string[] = [];
  for (const table of tables) {
    const columns = columnsByTable.get(table.key);
    if (!columns || table.partitioned) continue;
    for (const column of columns) {
      selects.push(`SELECT ${quoteLiteral(table.key)} AS key, ${quoteLiteral(column)} AS column,
          coalesce(json_agg(json_build_array(${pkText(table)}, ${quoteIdent(column)}::text) ORDER BY ${orderByPk(table)}), '[]'::json) AS pairs
        FROM ONLY ${qualified(table)}`);
    }
  }
  const result: ColumnValues = new Map();
  if (selects.length === 0) return result;
  const rows = await query<{ key: string; column: string; pairs: [string, string | null][] }>(db, selects.join('\nUNION ALL\n'));
  for (const row of rows) {
    const byColumn = result.get(row.key) ?? new Map<string, Map<string, string | null>>();
    byColumn.set(row.column, new Map(row.pairs));
    result.set(row.key, byColumn);
  }
  return result;
}

/** Sequence positions, e.g. "public.order_id_seq" → "5001 false". */
export async function sequencePositions(db: string): Promise<Record<string, string>> {
  const rows = await query<{ name: string; position: string }>(
    db,
    `SELECT s.schemaname || '.' || s.sequencename AS name,
            concat_ws(' ', q.last_value, q.is_called) AS position
       FROM pg_sequences s
      CROSS JOIN LATERAL (SELECT (xpath('/row/last_value/text()', x))[1]::text AS last_value,
                                 (xpath('/row/is_called/text()', x))[1]::text AS is_called
                            FROM query_to_xml(format('SELECT last_value, is_called FROM %I.%I', s.schemaname, s.sequencename),
                                              false, true, '') AS x) AS q
      ORDER BY 1`,
  );
  return Object.fromEntries(rows.map((r) => [r.name, r.position]));
}

/**
 * `pg_dump --schema-only` text without the lines that differ between any two dumps
 * (`\restrict` keys; pg_dump 15.14+ writes a random one per run).
 */
export async function schemaText(db: string, file: string): Promise<string> {
  await pgDump(db, ['--schema-only'], file);
  const text = await readFile(file, 'utf8');
  return text
    .split('\n')
    .filter((line) => !/^\\(un)?restrict /.test(line))
    .join('\n');
}
