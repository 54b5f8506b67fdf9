// Rows of a plain SQL dump, read on their own (no veil-stream code): an independent reader for
// bench/check.mjs. It knows what bench/gen.mjs, pg_dump and mysqldump write for data:
//   COPY t (a, b) FROM stdin; … \.          (PostgreSQL text format, one row per line)
//   INSERT INTO t [(a, b)] VALUES (…),(…);   (PostgreSQL or MySQL literals, any line layout)
// and the column order of CREATE TABLE blocks, for INSERTs without a column list. Everything else is
// skipped. Reads a file descriptor synchronously in chunks: memory stays bounded by the longest row.

import fs from 'node:fs';

const CHUNK = 1 << 20;

export class DumpRows {
  /** `mysql`: string literals take backslash escapes (mysqldump); else only doubled quotes (pg_dump). */
  constructor(fd, { mysql = false } = {}) {
    this.fd = fd;
    this.mysql = mysql;
    this.buf = Buffer.alloc(0);
    this.pos = 0;
    this.eof = false;
    this.line = 0;
    /** Bytes read so far. */
    this.bytes = 0;
    /** table → column names, from CREATE TABLE */
    this.columns = new Map();
    this.mode = 'sql';
    this.table = null;
    this.cols = null;
  }

  /** More bytes, keeping buf[from…]; false at the end of the file. */
  more(from) {
    if (this.eof) return false;
    const chunk = Buffer.allocUnsafe(CHUNK);
    const n = readSome(this.fd, chunk);
    this.bytes += n;
    if (n === 0) {
      this.eof = true;
      return false;
    }
    this.buf = Buffer.concat([this.buf.subarray(from), chunk.subarray(0, n)]);
    this.pos -= from;
    return true;
  }

  /** The next line (without its \n), or null at the end. */
  readLine() {
    for (;;) {
      const nl = this.buf.indexOf(10, this.pos);
      if (nl >= 0) {
        const s = this.buf.toString('utf8', this.pos, nl);
        this.pos = nl + 1;
        this.line++;
        return s;
      }
      if (!this.more(this.pos)) {
        if (this.pos >= this.buf.length) return null;
        const s = this.buf.toString('utf8', this.pos);
        this.pos = this.buf.length;
        return s;
      }
    }
  }

  /** The next data row: { table, columns, fields } (fields: raw literal text, or null for NULL), or null. */
  next() {
    for (;;) {
      if (this.mode === 'copy') {
        const l = this.readLine();
        if (l === null) throw new Error(`line ${this.line}: the dump ends inside COPY ${this.table}`);
        if (l === '\\.') {
          this.mode = 'sql';
          continue;
        }
        return { table: this.table, columns: this.cols, fields: l.split('\t').map(copyField) };
      }
      if (this.mode === 'values') {
        const row = this.tuple();
        if (row) return { table: this.table, columns: this.cols, fields: row };
        this.mode = 'sql';
        continue;
      }
      // an INSERT's line may hold a whole table (mysqldump --extended-insert without line breaks):
      // read its head only, and its tuples one by one
      const head = this.insertHead();
      if (head) {
        const m = /^INSERT INTO (\S+) (?:\((.*?)\) )?VALUES$/.exec(head);
        if (!m) throw new Error(`line ${this.line + 1}: cannot read the INSERT head ${head.slice(0, 80)}`);
        this.table = unquote(m[1]);
        this.cols = m[2] ? m[2].split(/,\s*/).map(unquote) : this.columns.get(this.table);
        if (!this.cols) throw new Error(`line ${this.line + 1}: INSERT INTO ${this.table} before its CREATE TABLE`);
        this.mode = 'values';
        continue;
      }
      const l = this.readLine();
      if (l === null) return null;
      let m = /^COPY (\S+) \((.*)\) FROM stdin;$/.exec(l);
      if (m) {
        this.mode = 'copy';
        this.table = unquote(m[1]);
        this.cols = m[2].split(', ').map(unquote);
        continue;
      }
      m = /^CREATE TABLE (\S+) \($/.exec(l);
      if (m) this.createTable(unquote(m[1]));
    }
  }

  /** At a line that starts an INSERT: its text up to VALUES (pos moves past it); else null. */
  insertHead() {
    if (!this.ensure(12) || this.buf.toString('latin1', this.pos, this.pos + 12) !== 'INSERT INTO ') return null;
    this.ensure(1 << 16);
    const v = this.buf.indexOf(' VALUES', this.pos);
    if (v < 0 || v - this.pos > 1 << 16) throw new Error(`line ${this.line + 1}: no VALUES in the first 64 KiB of an INSERT`);
    const head = this.buf.toString('utf8', this.pos, v + 7);
    this.pos = v + 7;
    return head;
  }

  /** At least n bytes from pos in buf, or as many as are left; false when none are. */
  ensure(n) {
    while (this.buf.length - this.pos < n && this.more(this.pos));
    return this.pos < this.buf.length;
  }

  createTable(name) {
    const cols = [];
    for (;;) {
      const l = this.readLine();
      if (l === null || /^\)/.test(l)) break;
      const m = /^\s+(`[^`]+`|"[^"]+"|[A-Za-z_][\w$]*)\s/.exec(l);
      if (!m || /^(PRIMARY|KEY|UNIQUE|CONSTRAINT|CHECK|INDEX|FULLTEXT|SPATIAL|FOREIGN)$/i.test(m[1])) continue;
      cols.push(unquote(m[1]));
    }
    this.columns.set(name, cols);
  }

  /** The next tuple of the current INSERT, or null after its ';'. */
  tuple() {
    let c = this.skipSpace();
    if (c === 0x2c) {
      this.pos++;
      c = this.skipSpace();
    }
    if (c === 0x3b) {
      this.pos++;
      return null;
    }
    if (c !== 0x28) throw new Error(`line ${this.line}: expected ( in INSERT INTO ${this.table}, got ${c < 0 ? 'the end' : String.fromCharCode(c)}`);
    this.pos++;
    const fields = [];
    for (;;) {
      this.skipSpace();
      fields.push(this.value());
      const d = this.skipSpace();
      this.pos++;
      if (d === 0x29) return fields;
      if (d !== 0x2c) throw new Error(`line ${this.line}: expected , or ) in INSERT INTO ${this.table}`);
    }
  }

  /** The byte at pos (reading on, keeping nothing before pos), or -1 at the end. */
  peek() {
    while (this.pos >= this.buf.length) if (!this.more(this.pos)) return -1;
    return this.buf[this.pos];
  }

  skipSpace() {
    for (;;) {
      const c = this.peek();
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
        if (c === 0x0a) this.line++;
        this.pos++;
        continue;
      }
      return c;
    }
  }

  /** One literal: a quoted string's value (doubled quotes; MySQL's backslash escapes), NULL as null, or the bare text. */
  value() {
    // parts are views of buffers that are never written again (more() makes a new one)
    const parts = [];
    if (this.peek() === 0x27) {
      this.pos++;
      let from = this.pos;
      for (;;) {
        if (this.pos >= this.buf.length) {
          parts.push(this.buf.subarray(from, this.pos));
          if (!this.more(this.pos)) throw new Error(`line ${this.line}: the dump ends inside a string`);
          from = this.pos;
        }
        const b = this.buf[this.pos];
        if (b === 0x5c && this.mysql) {
          parts.push(this.buf.subarray(from, this.pos));
          this.pos++;
          const e = this.peek();
          parts.push(Buffer.from([MYSQL_ESCAPES[e] ?? e]));
          this.pos++;
          from = this.pos;
          continue;
        }
        if (b === 0x27) {
          parts.push(this.buf.subarray(from, this.pos));
          this.pos++;
          if (this.peek() === 0x27) {
            parts.push(Buffer.from("'"));
            this.pos++;
            from = this.pos;
            continue;
          }
          return Buffer.concat(parts).toString('utf8');
        }
        if (b === 0x0a) this.line++;
        this.pos++;
      }
    }
    let from = this.pos;
    for (;;) {
      if (this.pos >= this.buf.length) {
        parts.push(this.buf.subarray(from, this.pos));
        const more = this.more(this.pos);
        from = this.pos;
        if (!more) break;
      }
      const d = this.buf[this.pos];
      if (d === 0x2c || d === 0x29) break;
      this.pos++;
    }
    parts.push(this.buf.subarray(from, this.pos));
    const text = Buffer.concat(parts).toString('utf8').trim();
    return text === 'NULL' ? null : text;
  }
}

/** readSync that waits on a non-blocking pipe (EAGAIN) instead of failing. */
function readSome(fd, chunk) {
  for (;;) {
    try {
      return fs.readSync(fd, chunk, 0, chunk.length, null);
    } catch (e) {
      if (e.code !== 'EAGAIN') throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2);
    }
  }
}

const MYSQL_ESCAPES = { 0x30: 0, 0x62: 8, 0x6e: 10, 0x72: 13, 0x74: 9, 0x5a: 26 };

const COPY_ESCAPES = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

/** A COPY text field's value (octal and hex escapes are not written by the generator; kept as read). */
function copyField(s) {
  if (s === '\\N') return null;
  return s.indexOf('\\') < 0 ? s : s.replace(/\\(.)/g, (_, c) => COPY_ESCAPES[c] ?? c);
}

function unquote(name) {
  return name
    .split('.')
    .map((p) => p.replace(/^[`"](.*)[`"]$/, '$1'))
    .join('.');
}
