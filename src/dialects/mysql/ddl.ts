import { VeilError, visible } from '../../errors.js';
import type { ColumnInfo, ColumnType, KeyInfo, TableRef, TableSchema } from '../../model.js';
import { bytesToString, type MysqlCharset } from './charset.js';
import { LexError, isWord, matchParen, tokenize, type Token } from './ddl-lexer.js';

/**
 * CREATE TABLE → TableSchema, hand-written (grammar packages reject real mariadb-dump DDL).
 *
 * Reads what SHOW CREATE TABLE writes on MariaDB 10.x/11.x and MySQL 5.7/8.x: backtick (or ANSI double
 * quote) identifiers with doubled-quote escapes, executable comments (`/*!50100 PARTITION BY ..*\/`,
 * `/*M!100301 COMPRESSED*\/`, `/*!80023 INVISIBLE *\/`), CHECK constraints, DEFAULT expressions, COMMENT
 * strings, generated columns (VIRTUAL / STORED / PERSISTENT, AS ROW START/END), table options and
 * partitioning after the column list (skipped).
 */

/** ColumnInfo plus what only MySQL has. */
export interface MysqlColumnInfo extends ColumnInfo {
  /** INVISIBLE: left out of `INSERT INTO t VALUES` without a column list. */
  invisible?: boolean;
}

export interface MysqlTableSchema extends TableSchema {
  columns: MysqlColumnInfo[];
  /** The CONNECTION table option (FEDERATED, CONNECT): the table is another server's. */
  connection?: string;
}

export interface ParseOptions {
  /** The database in use (`USE db`), for a table name without one. */
  schema?: string;
  /** Charset of the statement's bytes (the dump's character_set_client); default utf8. */
  charset?: MysqlCharset;
}

/** No position: offset is within the statement; the scanner names the statement's place in the dump. */
function fail(message: string, src: string, offset: number): VeilError {
  return new VeilError('DUMP_DDL_SYNTAX', message, {
    excerpt: visible(src.slice(Math.max(0, offset - 20), offset + 40)),
    hint: 'veil-stream reads CREATE TABLE as mysqldump/mariadb-dump write it; is this statement complete?',
  });
}

const INT_RANGES: Record<string, [number | bigint, number | bigint, number | bigint]> = {
  // [signed min, signed max, unsigned max]; bigint's as BigInts (2^63-1 and 2^64-1 are not exact numbers)
  tinyint: [-128, 127, 255],
  smallint: [-32768, 32767, 65535],
  mediumint: [-8388608, 8388607, 16777215],
  int: [-2147483648, 2147483647, 4294967295],
  integer: [-2147483648, 2147483647, 4294967295],
  bigint: [-9223372036854775808n, 9223372036854775807n, 18446744073709551615n],
};

const KINDS: Record<string, ColumnType['kind']> = {
  decimal: 'numeric', numeric: 'numeric', dec: 'numeric', fixed: 'numeric',
  float: 'float', double: 'float', real: 'float',
  char: 'text', varchar: 'text', tinytext: 'text', text: 'text', mediumtext: 'text', longtext: 'text',
  binary: 'binary', varbinary: 'binary', tinyblob: 'binary', blob: 'binary', mediumblob: 'binary',
  longblob: 'binary', bit: 'binary', vector: 'binary',
  json: 'json', enum: 'enum', set: 'enum',
  date: 'date', datetime: 'timestamp', timestamp: 'timestamp', time: 'time', year: 'integer',
  uuid: 'uuid', inet4: 'inet', inet6: 'inet', bool: 'integer', boolean: 'integer', serial: 'integer',
  geometry: 'other', point: 'other', linestring: 'other', polygon: 'other', multipoint: 'other',
  multilinestring: 'other', multipolygon: 'other', geometrycollection: 'other', geomcollection: 'other',
};

/** Two-word type names people write by hand (SHOW CREATE never does). */
const TWO_WORD: Record<string, string> = {
  'double precision': 'double', 'long varchar': 'mediumtext', 'long varbinary': 'mediumblob',
  'national char': 'char', 'national varchar': 'varchar', 'national character': 'char', 'nchar varchar': 'varchar',
  'char varying': 'varchar', 'character varying': 'varchar', 'long byte': 'mediumblob',
};
const ALIASES: Record<string, string> = { character: 'char', nchar: 'char', nvarchar: 'varchar', long: 'mediumtext', int1: 'tinyint', int2: 'smallint', int3: 'mediumint', int4: 'int', int8: 'bigint', middleint: 'mediumint', float4: 'float', float8: 'double' };

/** Words that start a table constraint or index, not a column (all reserved, so never a bare column name). */
const CONSTRAINT_START = new Set(['PRIMARY', 'UNIQUE', 'KEY', 'INDEX', 'FULLTEXT', 'SPATIAL', 'CONSTRAINT', 'FOREIGN', 'CHECK', 'PERIOD', 'VECTOR']);

interface Ctx {
  src: string;
  t: Token[];
}

function columnType(ctx: Ctx, from: number, limit: number): { type: ColumnType; next: number } {
  const { t, src } = ctx;
  const first = t[from];
  let name = first.value.toLowerCase();
  let i = from + 1;
  const two = `${name} ${(t[i]?.value ?? '').toLowerCase()}`;
  if (t[i]?.type === 'word' && TWO_WORD[two] !== undefined) {
    name = TWO_WORD[two];
    i++;
  } else name = ALIASES[name] ?? name;
  const args: Token[] = [];
  if (t[i]?.type === 'punct' && t[i].value === '(') {
    const close = matchParen(t, i, limit);
    if (close < 0) throw fail('unbalanced parentheses in a column type', src, t[i].start);
    for (let k = i + 1; k < close; k++) if (t[k].type !== 'punct') args.push(t[k]);
    i = close + 1;
  }
  let unsigned = false;
  while (i < limit && (isWord(t[i], 'UNSIGNED') || isWord(t[i], 'SIGNED') || isWord(t[i], 'ZEROFILL'))) {
    if (!isWord(t[i], 'SIGNED')) unsigned = true;
    i++;
  }
  const type: ColumnType = { raw: src.slice(first.start, t[i - 1].end), kind: KINDS[name] ?? 'other' };
  const nums = args.filter((a) => a.type === 'number').map((a) => Number(a.value));
  const range = INT_RANGES[name === 'serial' ? 'bigint' : name === 'bool' || name === 'boolean' ? 'tinyint' : name];
  if (range) {
    type.kind = 'integer';
    type.min = unsigned || name === 'serial' ? 0 : range[0];
    type.max = unsigned || name === 'serial' ? range[2] : range[1];
  } else if (name === 'year') {
    type.min = 1901;
    type.max = 2155;
  } else if (type.kind === 'numeric') {
    type.precision = nums[0] ?? 10;
    type.scale = nums[1] ?? 0;
  } else if (type.kind === 'float' && nums.length === 2) {
    type.precision = nums[0];
    type.scale = nums[1];
  } else if (name === 'char' || name === 'varchar' || name === 'binary' || name === 'varbinary') {
    type.maxLength = nums[0] ?? 1;
  } else if (name === 'enum' || name === 'set') {
    type.labels = args.filter((a) => a.type === 'string').map((a) => a.value);
  }
  return { type, next: i };
}

/** Column names in the first parenthesised list at or after `from` (PRIMARY KEY (`a`,`b`(10) DESC)). */
function keyColumns(ctx: Ctx, from: number, limit: number): string[] {
  const { t } = ctx;
  let open = from;
  while (open < limit && !(t[open].type === 'punct' && t[open].value === '(')) open++;
  if (open >= limit) return [];
  const close = matchParen(t, open, limit);
  const names: string[] = [];
  let atItemStart = true;
  let depth = 0;
  for (let k = open + 1; k < close; k++) {
    const tok = t[k];
    if (tok.type === 'punct') {
      if (tok.value === '(') depth++;
      else if (tok.value === ')') depth--;
      else if (tok.value === ',' && depth === 0) atItemStart = true;
      continue;
    }
    if (atItemStart && depth === 0) names.push(tok.value);
    atItemStart = false;
  }
  return names;
}

/** `json_valid(`col`)` inside a CHECK: MariaDB's spelling of a JSON column. */
function jsonChecks(ctx: Ctx, from: number, limit: number, into: Set<string>): void {
  const { t } = ctx;
  for (let k = from; k + 3 < limit; k++) {
    if (isWord(t[k], 'JSON_VALID') && t[k + 1].value === '(' && t[k + 3].value === ')' && t[k + 2].type !== 'punct') {
      into.add(t[k + 2].value);
    }
  }
}

function parseColumn(ctx: Ctx, from: number, limit: number, json: Set<string>): MysqlColumnInfo {
  const { t, src } = ctx;
  const col: MysqlColumnInfo = { name: t[from].value };
  if (from + 1 >= limit || t[from + 1].type !== 'word') throw fail(`column ${col.name} has no type`, src, t[from].start);
  const { type, next } = columnType(ctx, from + 1, limit);
  col.type = type;
  if (type.raw.toLowerCase().startsWith('serial')) {
    col.unique = true;
    col.notNull = true;
  }
  let depth = 0;
  for (let k = next; k < limit; k++) {
    const tok = t[k];
    if (tok.type === 'punct') {
      if (tok.value === '(') depth++;
      else if (tok.value === ')') depth--;
      continue;
    }
    if (depth > 0 || tok.type !== 'word') continue;
    const w = tok.value.toUpperCase();
    if (w === 'NOT' && isWord(t[k + 1], 'NULL')) col.notNull = true;
    else if (w === 'PRIMARY' || (w === 'KEY' && !isWord(t[k - 1], 'UNIQUE') && !isWord(t[k - 1], 'PRIMARY'))) {
      col.unique = true;
      col.notNull = true;
    } else if (w === 'UNIQUE') col.unique = true;
    else if (w === 'INVISIBLE') col.invisible = true;
    else if (w === 'AS' && (t[k + 1]?.value === '(' || isWord(t[k + 1], 'ROW'))) col.generated = true;
    else if (w === 'CHECK') jsonChecks(ctx, k, limit, json);
    else if (w === 'DEFAULT' || w === 'COMMENT' || w === 'COLLATE' || w === 'CHARSET' || w === 'REFERENCES') {
      // the next token is a value, never a keyword of ours (DEFAULT NULL, COLLATE utf8mb4_bin, ...)
      if (t[k + 1] && t[k + 1].type !== 'punct') k++;
      if (w === 'REFERENCES') while (k + 1 < limit && t[k + 1].type !== 'punct') k++;
    } else if (w === 'SET' && isWord(t[k - 1], 'CHARACTER')) k++;
  }
  return col;
}

/**
 * A table constraint or index. PRIMARY KEY and UNIQUE keys go to `keys` (a single-column one also marks
 * its column unique; the parts of a composite key are unique only as a tuple).
 */
function parseConstraint(ctx: Ctx, from: number, limit: number, cols: Map<string, MysqlColumnInfo>, json: Set<string>, keys: KeyInfo[], refs: TableRef[], schema: string | undefined): void {
  const { t } = ctx;
  let k = from;
  let name: string | undefined;
  if (isWord(t[k], 'CONSTRAINT')) {
    k++;
    if (t[k] && !isWord(t[k], 'PRIMARY') && !isWord(t[k], 'UNIQUE') && !isWord(t[k], 'FOREIGN') && !isWord(t[k], 'CHECK')) name = t[k++].value;
  }
  const primary = isWord(t[k], 'PRIMARY');
  if (primary || isWord(t[k], 'UNIQUE')) {
    const names = keyColumns(ctx, k, limit);
    if (names.length === 0) return;
    // UNIQUE KEY `name` (...): the index name, when no CONSTRAINT name came first
    let n = k + 1;
    if (isWord(t[n], 'KEY') || isWord(t[n], 'INDEX')) n++;
    if (name === undefined && !primary && t[n] && t[n].type !== 'punct') name = t[n].value;
    keys.push({ kind: primary ? 'primary key' : 'unique', columns: names, ...(name !== undefined && !primary ? { name } : {}) });
    for (const c of names.map((x) => cols.get(x))) if (c && primary) c.notNull = true;
    const single = names.length === 1 ? cols.get(names[0]) : undefined;
    if (single) single.unique = true;
  } else if (isWord(t[k], 'CHECK')) jsonChecks(ctx, k, limit, json);
  else if (isWord(t[k], 'FOREIGN')) {
    // FOREIGN KEY [name] (cols) REFERENCES [db.]table (cols) ...
    let r = k + 1;
    while (r < limit && !isWord(t[r], 'REFERENCES')) r++;
    const name = t[r + 1];
    if (r >= limit || !name || name.type === 'punct') return;
    if (t[r + 2]?.type === 'punct' && t[r + 2].value === '.' && t[r + 3] && t[r + 3].type !== 'punct') refs.push({ schema: name.value, name: t[r + 3].value });
    else refs.push(schema !== undefined ? { schema, name: name.value } : { name: name.value });
  }
}

/** Parse one CREATE TABLE statement (text, or bytes in `options.charset`); the trailing `;` is optional. */
export function parseCreateTable(statement: string | Uint8Array, options: ParseOptions = {}): MysqlTableSchema {
  const src = typeof statement === 'string' ? statement : bytesToString(statement, options.charset ?? 'utf8');
  let t: Token[];
  try {
    t = tokenize(src);
  } catch (e) {
    if (e instanceof LexError) throw fail(`${e.message} in CREATE TABLE`, src, e.offset);
    throw e;
  }
  const ctx: Ctx = { src, t };
  let i = 0;
  if (!isWord(t[i++], 'CREATE')) throw fail('not a CREATE TABLE statement', src, 0);
  if (isWord(t[i], 'OR') && isWord(t[i + 1], 'REPLACE')) i += 2;
  if (isWord(t[i], 'TEMPORARY')) i++;
  if (!isWord(t[i++], 'TABLE')) throw fail('not a CREATE TABLE statement', src, t[i - 1]?.start ?? 0);
  if (isWord(t[i], 'IF') && isWord(t[i + 1], 'NOT') && isWord(t[i + 2], 'EXISTS')) i += 3;
  const nameTok = t[i++];
  if (!nameTok || nameTok.type === 'punct' || nameTok.type === 'string') throw fail('CREATE TABLE without a table name', src, nameTok?.start ?? src.length);
  const table: TableRef = { name: nameTok.value };
  if (t[i]?.value === '.' && t[i].type === 'punct' && t[i + 1]) {
    table.schema = nameTok.value;
    table.name = t[i + 1].value;
    i += 2;
  } else if (options.schema !== undefined) table.schema = options.schema;
  if (isWord(t[i], 'LIKE') || isWord(t[i], 'AS') || isWord(t[i], 'SELECT')) {
    throw fail(`CREATE TABLE ${table.name} ${t[i].value.toUpperCase()} does not list its columns`, src, t[i].start);
  }
  if (!(t[i]?.type === 'punct' && t[i].value === '(')) throw fail('expected ( after the table name', src, t[i]?.start ?? src.length);
  const close = matchParen(t, i);
  if (close < 0) throw fail('the column list of CREATE TABLE is not closed', src, t[i].start);

  const columns: MysqlColumnInfo[] = [];
  const byName = new Map<string, MysqlColumnInfo>();
  const constraints: [number, number][] = [];
  const json = new Set<string>();
  let start = i + 1;
  let depth = 0;
  for (let k = i + 1; k <= close; k++) {
    const tok = t[k];
    if (tok.type === 'punct') {
      if (tok.value === '(') depth++;
      else if (tok.value === ')') depth--;
    }
    if (k === close || (depth === 0 && tok.type === 'punct' && tok.value === ',')) {
      if (k > start) {
        const head = t[start];
        if (head.type === 'word' && CONSTRAINT_START.has(head.value.toUpperCase()) && !(isWord(head, 'PERIOD') && !isWord(t[start + 1], 'FOR'))) {
          constraints.push([start, k]);
        } else {
          const col = parseColumn(ctx, start, k, json);
          columns.push(col);
          byName.set(col.name, col);
        }
      }
      start = k + 1;
    }
  }
  const keys: KeyInfo[] = [];
  const refs: TableRef[] = [];
  for (const [from, to] of constraints) parseConstraint(ctx, from, to, byName, json, keys, refs, table.schema);
  for (const name of json) {
    const c = byName.get(name);
    if (c?.type && c.type.kind === 'text') c.type.kind = 'json';
  }
  const schema: MysqlTableSchema = { table, columns, parents: [] };
  // table options: CONNECTION [=] 'mysql://user:pass@host:port/db/table' (or 'server/table')
  for (let k = close + 1; k < t.length; k++) {
    if (!isWord(t[k], 'CONNECTION')) continue;
    const v = t[k + 1]?.value === '=' ? t[k + 2] : t[k + 1];
    if (v?.type === 'string') schema.connection = v.value;
    break;
  }
  if (versionedImplicitly(t, i, close)) {
    // WITH SYSTEM VERSIONING without AS ROW START/END columns: MariaDB adds invisible row_start and
    // row_end, which `mariadb-dump --dump-history` names in its INSERTs (the server's, not data)
    for (const name of ['row_start', 'row_end']) {
      if (!byName.has(name)) columns.push({ name, type: { raw: 'timestamp(6)', kind: 'timestamp' }, generated: true, invisible: true });
    }
  }
  if (keys.length > 0) schema.keys = keys;
  if (refs.length > 0) schema.references = refs;
  return schema;
}

/** The table options after the column list say WITH SYSTEM VERSIONING, and no column is AS ROW START. */
function versionedImplicitly(t: Token[], open: number, close: number): boolean {
  let versioned = false;
  for (let k = close + 1; k < t.length - 2 && !versioned; k++) versioned = isWord(t[k], 'WITH') && isWord(t[k + 1], 'SYSTEM') && isWord(t[k + 2], 'VERSIONING');
  if (!versioned) return false;
  for (let k = open; k < close; k++) if (isWord(t[k], 'ROW') && isWord(t[k + 1], 'START') && isWord(t[k - 1], 'AS')) return false;
  return true;
}
