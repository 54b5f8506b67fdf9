import type { TableRef } from '../../model.js';

/**
 * Reads the heads of COPY and INSERT statements: the table, the column list, COPY options.
 * Identifiers are normalized as PostgreSQL does: unquoted ones fold ASCII letters to lower case,
 * quoted ones keep their spelling with "" undone.
 */
type Tok = { t: 'id'; v: string; quoted: boolean } | { t: 'p'; v: string } | { t: 's'; v: string };

export function tokenize(sql: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  const n = sql.length;
  while (i < n) {
    const c = sql[i];
    if (/\s/.test(c)) i++;
    else if (c === '-' && sql[i + 1] === '-') {
      const e = sql.indexOf('\n', i);
      i = e < 0 ? n : e + 1;
    } else if (c === '/' && sql[i + 1] === '*') {
      const e = sql.indexOf('*/', i + 2);
      i = e < 0 ? n : e + 2;
    } else if (c === '"') {
      let v = '';
      i++;
      while (i < n) {
        if (sql[i] === '"') {
          if (sql[i + 1] === '"') {
            v += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        v += sql[i++];
      }
      out.push({ t: 'id', v, quoted: true });
    } else if (c === "'") {
      let v = '';
      i++;
      while (i < n) {
        if (sql[i] === "'") {
          if (sql[i + 1] === "'") {
            v += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        v += sql[i++];
      }
      out.push({ t: 's', v });
    } else if (/[A-Za-z_\u0080-\uffff]/.test(c)) {
      let j = i + 1;
      while (j < n && /[A-Za-z0-9_$\u0080-\uffff]/.test(sql[j])) j++;
      out.push({ t: 'id', v: sql.slice(i, j).replace(/[A-Z]+/g, (m) => m.toLowerCase()), quoted: false });
      i = j;
    } else {
      out.push({ t: 'p', v: c });
      i++;
    }
  }
  return out;
}

class Reader {
  i = 0;
  constructor(readonly toks: Tok[]) {}
  peek(): Tok | undefined {
    return this.toks[this.i];
  }
  keyword(word: string): boolean {
    const t = this.toks[this.i];
    if (t && t.t === 'id' && !t.quoted && t.v === word) {
      this.i++;
      return true;
    }
    return false;
  }
  punct(p: string): boolean {
    const t = this.toks[this.i];
    if (t && t.t === 'p' && t.v === p) {
      this.i++;
      return true;
    }
    return false;
  }
  ident(): string | undefined {
    const t = this.toks[this.i];
    if (t && t.t === 'id') {
      this.i++;
      return t.v;
    }
    return undefined;
  }
  qualifiedName(defaultSchema: string | undefined): TableRef | undefined {
    const a = this.ident();
    if (a === undefined) return undefined;
    if (this.punct('.')) {
      const b = this.ident();
      if (b === undefined) return undefined;
      if (this.punct('.')) {
        const c = this.ident(); // database.schema.table
        return c === undefined ? undefined : { schema: b, name: c };
      }
      return { schema: a, name: b };
    }
    return { schema: defaultSchema, name: a };
  }
  columnList(): string[] | undefined {
    if (!this.punct('(')) return undefined;
    const cols: string[] = [];
    for (;;) {
      const c = this.ident();
      if (c === undefined) return undefined;
      cols.push(c);
      if (this.punct(')')) return cols;
      if (!this.punct(',')) return undefined;
    }
  }
}

export interface CopyHeader {
  table: TableRef;
  columns?: string[];
  format: 'text' | 'csv' | 'binary';
  fromStdin: boolean;
}

/** `COPY schema.table (a, b) FROM stdin [WITH (FORMAT csv, ...)];` */
export function parseCopyHeader(sql: string, defaultSchema: string | undefined): CopyHeader | undefined {
  const r = new Reader(tokenize(sql));
  if (!r.keyword('copy')) return undefined;
  const table = r.qualifiedName(defaultSchema);
  if (!table) return undefined;
  const columns = r.peek()?.v === '(' ? r.columnList() : undefined;
  if (!r.keyword('from')) return undefined;
  const fromStdin = r.keyword('stdin');
  let format: CopyHeader['format'] = 'text';
  const rest = r.toks.slice(r.i);
  for (let k = 0; k < rest.length; k++) {
    const t = rest[k];
    if (t.t !== 'id' || t.quoted) continue;
    if (t.v === 'csv') format = 'csv';
    else if (t.v === 'binary') format = 'binary';
    else if (t.v === 'format') {
      const nx = rest[k + 1];
      if (nx && (nx.t === 'id' || nx.t === 's')) format = nx.v.toLowerCase() === 'csv' ? 'csv' : nx.v.toLowerCase() === 'binary' ? 'binary' : 'text';
    }
  }
  return { table, columns, format, fromStdin };
}

export interface InsertHeader {
  table: TableRef;
  columns?: string[];
}

/** `INSERT INTO schema.table [(a, b)] [OVERRIDING SYSTEM VALUE] VALUES` */
export function parseInsertHeader(sql: string, defaultSchema: string | undefined): InsertHeader | undefined {
  const r = new Reader(tokenize(sql));
  if (!r.keyword('insert') || !r.keyword('into')) return undefined;
  const table = r.qualifiedName(defaultSchema);
  if (!table) return undefined;
  if (r.keyword('as')) r.ident();
  const columns = r.peek()?.v === '(' ? r.columnList() : undefined;
  if (r.keyword('overriding')) {
    r.ident();
    r.keyword('value');
  }
  if (!r.keyword('values')) return undefined;
  return { table, columns };
}

/** `SET name = value;` / `SET name TO value;` → [name, value]; and set_config('search_path', ...). */
export function parseSetting(sql: string): [string, string] | undefined {
  const toks = tokenize(sql);
  const r = new Reader(toks);
  if (r.keyword('set')) {
    r.keyword('session');
    const name = r.ident();
    if (!name) return undefined;
    if (!r.punct('=') && !r.keyword('to')) return undefined;
    const vals = toks.slice(r.i).filter((t) => t.t !== 'p');
    return [name, vals.map((v) => v.v).join(',')];
  }
  if (r.keyword('select')) {
    r.keyword('pg_catalog');
    r.punct('.');
    if (!r.keyword('set_config') || !r.punct('(')) return undefined;
    const args = toks.slice(r.i).filter((t) => t.t === 's');
    if (args.length >= 2) return [args[0].v, args[1].v];
  }
  return undefined;
}
