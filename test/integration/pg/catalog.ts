/**
 * What the source database looks like (tables, columns, keys, inheritance) and which columns the
 * rules file must have masked: the oracle the restore tests compare against.
 */
import { query, quoteIdent, quoteLiteral } from '../helpers/pg.js';

export interface ColumnInfo {
  readonly name: string;
  readonly type: string;
  readonly generated: boolean;
}

export interface TableRef {
  readonly schema: string;
  readonly name: string;
}

export interface TableInfo extends TableRef {
  /** Unambiguous map key (names may contain dots, quotes, spaces). */
  readonly key: string;
  /** Declaratively partitioned parent: holds no rows itself. */
  readonly partitioned: boolean;
  readonly columns: readonly ColumnInfo[];
  readonly primaryKey: readonly string[];
  /** Partition parents and INHERITS parents, transitively. */
  readonly ancestors: readonly TableRef[];
}

export function tableKey(ref: TableRef): string {
  return JSON.stringify([ref.schema, ref.name]);
}

export function displayName(ref: TableRef): string {
  return `${ref.schema}.${ref.name}`;
}

export function qualified(ref: TableRef): string {
  return `${quoteIdent(ref.schema)}.${quoteIdent(ref.name)}`;
}

/** SQL expression ordering rows by primary key, for `ORDER BY`. */
export function orderByPk(table: TableInfo): string {
  return table.primaryKey.map(quoteIdent).join(', ');
}

/** SQL expression giving one text key per row, e.g. "42" or "42|2024-01-01". */
export function pkText(table: TableInfo): string {
  return `concat_ws('|', ${table.primaryKey.map((c) => `${quoteIdent(c)}::text`).join(', ')})`;
}

export { quoteLiteral };

const CATALOG_SQL = `
SELECT n.nspname AS schema,
       c.relname AS name,
       c.relkind = 'p' AS partitioned,
       (SELECT json_agg(json_build_object('name', a.attname, 'type', format_type(a.atttypid, a.atttypmod),
                                          'generated', a.attgenerated <> '') ORDER BY a.attnum)
          FROM pg_attribute a
         WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped) AS columns,
       coalesce((SELECT json_agg(a.attname ORDER BY k.ord)
          FROM pg_index i
         CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
          JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
         WHERE i.indrelid = c.oid AND i.indisprimary), '[]'::json) AS "primaryKey",
       coalesce((WITH RECURSIVE up(oid) AS (
                   SELECT inhparent FROM pg_inherits WHERE inhrelid = c.oid
                   UNION
                   SELECT p.inhparent FROM pg_inherits p JOIN up ON p.inhrelid = up.oid)
                 SELECT json_agg(json_build_object('schema', pn.nspname, 'name', pc.relname))
                   FROM up JOIN pg_class pc ON pc.oid = up.oid JOIN pg_namespace pn ON pn.oid = pc.relnamespace),
                '[]'::json) AS ancestors
  FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE c.relkind IN ('r', 'p')
   AND n.nspname NOT IN ('pg_catalog', 'information_schema')
   AND n.nspname NOT LIKE 'pg\\_toast%'
 ORDER BY 1, 2`;

export async function readCatalog(db: string): Promise<TableInfo[]> {
  const rows = await query<Omit<TableInfo, 'key'>>(db, CATALOG_SQL);
  return rows.map((row) => ({ ...row, key: tableKey(row) }));
}

// ---------------------------------------------------------------------------------------------
// rules → expected masking

export interface ColumnRule {
  readonly transformer: string;
  readonly params: Readonly<Record<string, unknown>>;
}

export interface RulesFile {
  readonly tables: Record<string, { columns?: Record<string, string | ({ transformer: string } & Record<string, unknown>)>; truncate?: boolean }>;
}

export interface ExpectedMasking {
  /** table key → column → rule */
  readonly masked: ReadonlyMap<string, ReadonlyMap<string, ColumnRule>>;
  /** keys of tables whose rows the rules drop */
  readonly truncated: ReadonlySet<string>;
}

function parseTableKey(key: string): { schema?: string; name: string } {
  const dot = key.indexOf('.');
  return dot < 0 ? { name: key } : { schema: key.slice(0, dot), name: key.slice(dot + 1) };
}

function matches(key: { schema?: string; name: string }, ref: TableRef): boolean {
  return ref.name === key.name && (key.schema === undefined || key.schema === ref.schema);
}

/**
 * Applies the rules contract to the source catalog: a key matches `schema.table` exactly or a bare
 * table name in every schema, and a rule on a parent (partitioned or INHERITS) reaches every
 * descendant's rows.
 */
export function expectedMasking(rules: RulesFile, catalog: readonly TableInfo[]): ExpectedMasking {
  const masked = new Map<string, Map<string, ColumnRule>>();
  const truncated = new Set<string>();
  for (const [rawKey, tableRule] of Object.entries(rules.tables)) {
    const key = parseTableKey(rawKey);
    for (const table of catalog) {
      if (table.partitioned) continue;
      const hit = matches(key, table) || table.ancestors.some((a) => matches(key, a));
      if (!hit) continue;
      if (tableRule.truncate === true) truncated.add(table.key);
      for (const [column, spec] of Object.entries(tableRule.columns ?? {})) {
        if (!table.columns.some((c) => c.name === column)) continue;
        const rule: ColumnRule =
          typeof spec === 'string' ? { transformer: spec, params: {} } : { transformer: spec.transformer, params: spec };
        const columns = masked.get(table.key) ?? new Map<string, ColumnRule>();
        columns.set(column, rule);
        masked.set(table.key, columns);
      }
    }
  }
  return { masked, truncated };
}

/**
 * The same rules with each parent rule repeated for every descendant by name: what a data-only
 * dump needs, since it carries no DDL telling which tables are partitions or INHERITS children.
 */
export function rulesNamingDescendants(rules: RulesFile, catalog: readonly TableInfo[]): RulesFile {
  const tables: RulesFile['tables'] = { ...rules.tables };
  for (const [rawKey, tableRule] of Object.entries(rules.tables)) {
    const key = parseTableKey(rawKey);
    for (const table of catalog) {
      if (table.partitioned || matches(key, table)) continue;
      if (table.ancestors.some((a) => matches(key, a))) tables[`${table.schema}.${table.name}`] = tableRule;
    }
  }
  return { tables };
}
