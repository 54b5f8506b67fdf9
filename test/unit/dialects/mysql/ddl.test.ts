import { describe, expect, it } from 'vitest';
import type { VeilError } from '../../../../src/errors.js';
import { parseCreateTable, type MysqlColumnInfo, type MysqlTableSchema } from '../../../../src/dialects/mysql/ddl.js';
import { readFixture } from './fixtures.js';

/** Statements of a fixture file: blocks introduced by `-- db: <name> (<label>)`. */
function statements(file: string): { db: string; label: string; sql: Buffer }[] {
  const bytes = readFixture(file);
  const text = bytes.toString('latin1');
  const out: { db: string; label: string; sql: Buffer }[] = [];
  const re = /^-- db: (\S+) \(([^)]*)\)\n/gm;
  const heads = [...text.matchAll(re)];
  heads.forEach((m, i) => {
    const from = m.index! + m[0].length;
    const to = i + 1 < heads.length ? heads[i + 1].index! : text.length;
    out.push({ db: m[1], label: m[2], sql: bytes.subarray(from, to) });
  });
  return out;
}

const real = statements('mariadb-10.11-create-table.sql');
const mysql8 = statements('mysql-8-style-create-table.sql');

function table(list: typeof real, name: string, label = 'default', db?: string): MysqlTableSchema {
  const s = list.find((x) => x.label === label && (db === undefined || x.db === db) && parseCreateTable(x.sql).table.name === name);
  if (!s) throw new Error(`no fixture ${name} (${label})`);
  return parseCreateTable(s.sql, { schema: s.db });
}
function col(t: MysqlTableSchema, name: string): MysqlColumnInfo {
  const c = t.columns.find((x) => x.name === name);
  if (!c) throw new Error(`no column ${name}`);
  return c;
}
const names = (t: MysqlTableSchema) => t.columns.map((c) => c.name);

describe('parseCreateTable on real mariadb-dump 10.11 output', () => {
  it('parses every captured statement', () => {
    expect(real.length).toBeGreaterThanOrEqual(17);
    for (const s of real) expect(parseCreateTable(s.sql).columns.length, s.sql.toString().slice(0, 40)).toBeGreaterThan(0);
  });

  it('lists columns in order and unquotes keyword, space, backtick and non-ASCII names', () => {
    const t = table(real, 'order');
    expect(t.table).toEqual({ schema: 'veil_tricky', name: 'order' });
    expect(names(t)).toEqual(['select', 'from', 'my col', 'we`ird', 'ünï']);
    expect(col(t, 'select').unique).toBe(true);
    expect(table(real, 'my table').table.name).toBe('my table');
    expect(names(table(real, 'my table'))).toEqual(['id', 'the value']);
  });

  it('reads the same names from --compatible=ansi and --skip-quote-names dumps', () => {
    expect(names(table(real, 'order', '--compatible=ansi'))).toEqual(['select', 'from', 'my col', 'we`ird', 'ünï']);
    expect(names(table(real, 'people', '--skip-quote-names'))).toEqual(names(table(real, 'people', 'default', 'veil_tricky')));
    expect(names(table(real, 'periods', '--skip-quote-names'))).toEqual(['id', 'period', 's', 'e']);
  });

  it('gives types, lengths, integer ranges, precision and not-null', () => {
    const p = table(real, 'people', 'default', 'veil_tricky');
    expect(col(p, 'id')).toMatchObject({ unique: true, notNull: true, type: { raw: 'int(10) unsigned', kind: 'integer', min: 0, max: 4294967295 } });
    expect(col(p, 'email')).toMatchObject({ unique: true, notNull: true, type: { raw: 'varchar(120)', kind: 'text', maxLength: 120 } });
    expect(col(p, 'last_name').type).toMatchObject({ raw: 'char(30)', maxLength: 30 });
    expect(col(p, 'first_name').notNull).toBeUndefined();
    expect(col(p, 'age').type).toMatchObject({ kind: 'integer', min: 0, max: 255 });
    expect(col(p, 'score').type).toMatchObject({ kind: 'integer', min: -32768, max: 32767 });
    expect(col(p, 'med').type).toMatchObject({ min: -8388608, max: 8388607 });
    expect(col(p, 'big').type).toMatchObject({ min: 0, max: 18446744073709551615n });
    expect(col(p, 'balance').type).toMatchObject({ kind: 'numeric', precision: 12, scale: 2 });
    expect(col(p, 'ratio').type?.kind).toBe('float');
    expect(col(p, 'weight').type).toMatchObject({ kind: 'float', precision: 7, scale: 3 });
    expect([col(p, 'born'), col(p, 'created'), col(p, 'updated'), col(p, 'wakes')].map((c) => c.type?.kind))
      .toEqual(['date', 'timestamp', 'timestamp', 'time']);
    expect(col(p, 'yr').type).toMatchObject({ kind: 'integer', min: 1901, max: 2155 });
    expect(col(p, 'bio').type).toEqual({ raw: 'text', kind: 'text' });
    expect(col(p, 'note').type?.raw).toBe('mediumtext');
  });

  it('marks binary kinds: blob, binary, varbinary and bit', () => {
    const b = table(real, 'blobs');
    expect(b.columns.map((c) => c.type?.kind)).toEqual(['integer', 'binary', 'binary', 'binary', 'binary', 'binary', 'binary', 'binary']);
    expect(col(b, 'small').type?.maxLength).toBe(16);
    expect(col(b, 'bits').type?.raw).toBe('bit(10)');
  });

  it('sees JSON behind MariaDB longtext CHECK (json_valid(..)), enum/set labels, generated and invisible columns', () => {
    const d = table(real, 'docs');
    expect(col(d, 'doc').type).toMatchObject({ raw: 'longtext', kind: 'json' });
    expect(col(d, 'kind').type).toMatchObject({ kind: 'enum', labels: ['a', "b's", 'c,d', 'e"f', 'g\\h', ''] });
    expect(col(d, 'tags').type).toMatchObject({ kind: 'enum', labels: ['x', "y'z", 'w'] });
    expect(d.columns.filter((c) => c.generated).map((c) => c.name)).toEqual(['doc_name', 'name_len', 'upper_kind']);
    expect(d.columns.filter((c) => c.invisible).map((c) => c.name)).toEqual(['secret']);
    const v = table(real, 'versioned2');
    expect(v.columns.map((c) => [c.name, !!c.generated, !!c.invisible])).toEqual([
      ['id', false, false], ['v', false, false], ['rs', true, true], ['re', true, true],
    ]);
  });

  it('handles inet6/inet4/uuid, Aria PAGE_CHECKSUM, PARTITION BY and periods', () => {
    expect(table(real, 'net').columns.map((c) => c.type?.kind)).toEqual(['integer', 'inet', 'inet', 'uuid']);
    const e = table(real, 'events_log');
    expect(names(e)).toEqual(['id', 'happened', 'msg']);
    // a composite key is unique as a tuple: its parts are not unique on their own
    expect(col(e, 'happened')).toMatchObject({ notNull: true });
    expect(col(e, 'happened').unique).toBeUndefined();
    expect(e.keys).toEqual([{ kind: 'primary key', columns: ['id', 'happened'] }]);
    const p = table(real, 'periods');
    expect(names(p)).toEqual(['id', 'period', 's', 'e']);
    expect(col(p, 'id').unique).toBeUndefined(); // UNIQUE (id, period) has two parts
    expect(p.keys).toEqual([{ kind: 'unique', name: 'u', columns: ['id', 'period'] }]);
  });

  it('lists every PRIMARY KEY and UNIQUE key with its name; plain KEYs are not keys', () => {
    const z = table(real, 'ddl_zoo');
    expect(z.keys?.map((k) => [k.kind, k.name ?? null, k.columns])).toEqual([
      ['unique', 's', ['s']],
      ['unique', 'comma,col', ['comma,col']],
      ['unique', 'uq_pair', ['t1', 't2']],
    ]);
  });

  it('only marks single-column UNIQUE keys unique', () => {
    const o = table(real, 'orders');
    expect(o.columns.filter((c) => c.unique).map((c) => c.name)).toEqual(['id', 'code']);
  });

  it('is not fooled by commas, parens, quotes and comments in names, defaults, comments and checks', () => {
    const z = table(real, 'ddl_zoo');
    expect(names(z)).toEqual([
      'id', 's', 'c1', 'c2', 'c3', 'bin_text', 'g', 'p', 'd1', 'd2', 'd3', 'f1', 'ts1', 'ts2', 'dt', 'u1', 'n1', 't1',
      't2', 'bt', 'lvc', 'nc', 'tt', 'mt', 'lt', 'tb', 'mb', 'dd', 'comma,col', 'paren(col',
    ]);
    expect(col(z, 'c1')).toMatchObject({ notNull: true, type: { raw: 'varchar(255)', maxLength: 255 } });
    expect(col(z, 'c2').type?.raw).toBe('text'); // /*M!100301 COMPRESSED*/ is not part of the type
    expect(col(z, 'id').type).toMatchObject({ raw: 'bigint(20) unsigned zerofill', min: 0 });
    expect(col(z, 's')).toMatchObject({ unique: true, notNull: true });
    expect(col(z, 'comma,col').unique).toBe(true);
    expect(col(z, 'd3').type).toMatchObject({ precision: 10, scale: 0 });
    expect(col(z, 'g').type?.kind).toBe('other');
    expect(col(z, 'dd').generated).toBe(true);
    expect(col(z, 't1').unique).toBeUndefined();
  });
});

describe('parseCreateTable on MySQL-style DDL (hand-written, see the fixture header)', () => {
  it('reads MySQL 8 spellings', () => {
    const u = table(mysql8, 'users', 'mysql 8.0');
    expect(names(u)).toEqual(['id', 'email', 'profile', 'uid', 'created_at', 'updated_at', 'secret', 'full', 'first', 'last', 'loc', 'flags', 'status']);
    expect(col(u, 'id').type).toMatchObject({ raw: 'bigint unsigned', kind: 'integer', min: 0 });
    expect(col(u, 'profile').type?.kind).toBe('json');
    expect(col(u, 'secret').invisible).toBe(true);
    expect(col(u, 'full').generated).toBe(true);
    expect(u.columns.filter((c) => c.unique).map((c) => c.name)).toEqual(['id', 'email', 'uid']);
    expect(col(u, 'status').type?.labels).toEqual(['active', 'disabled']);
    expect(col(u, 'updated_at').notNull).toBeUndefined();
  });
  it('skips partitioning inside an executable comment and reads 5.7 widths', () => {
    expect(names(table(mysql8, 'log', 'mysql 8.0'))).toEqual(['id', 'ts', 'msg']);
    const t = table(mysql8, 't57', 'mysql 5.7');
    expect(col(t, 'tiny').type).toMatchObject({ raw: 'tinyint(4) unsigned zerofill', min: 0, max: 255 });
    expect(col(t, 'v').generated).toBe(true);
    expect(col(t, 'data').type?.kind).toBe('json');
  });
});

describe('parseCreateTable on hand-written DDL', () => {
  it('takes inline keys, aliases, IF NOT EXISTS and qualified names', () => {
    const t = parseCreateTable(
      'CREATE TABLE IF NOT EXISTS shop.items (id SERIAL, sku CHAR(8) UNIQUE KEY, price DOUBLE PRECISION, n INT KEY,\n' +
        '  name NATIONAL VARCHAR(20) NOT NULL, flag BOOLEAN DEFAULT FALSE, note LONG VARCHAR, `key` INT -- comment, with x INT\n' +
        ') # trailing comment',
    );
    expect(t.table).toEqual({ schema: 'shop', name: 'items' });
    expect(names(t)).toEqual(['id', 'sku', 'price', 'n', 'name', 'flag', 'note', 'key']);
    expect(t.columns.filter((c) => c.unique).map((c) => c.name)).toEqual(['id', 'sku', 'n']);
    expect(col(t, 'price').type?.kind).toBe('float');
    expect(col(t, 'name').type).toMatchObject({ kind: 'text', maxLength: 20 });
    expect(col(t, 'flag').type).toMatchObject({ kind: 'integer', min: -128, max: 127 });
    expect(col(t, 'note').type?.kind).toBe('text');
  });
  it('reads WITHOUT OVERLAPS keys as multi-part', () => {
    const t = parseCreateTable(
      'CREATE TABLE `p` (\n  `id` int(11) DEFAULT NULL,\n  `s` date NOT NULL,\n  `e` date NOT NULL,\n  PERIOD FOR `app` (`s`, `e`),\n  UNIQUE KEY `u` (`id`,`app` WITHOUT OVERLAPS)\n) ENGINE=InnoDB',
    );
    expect(names(t)).toEqual(['id', 's', 'e']);
    expect(t.columns.some((c) => c.unique)).toBe(false);
  });
  it('lists the tables its FOREIGN KEYs reference (as mysqldump writes them), in the database in use unless qualified', () => {
    const t = parseCreateTable(
      'CREATE TABLE `carts` (\n  `id` int NOT NULL,\n  `session_id` varchar(40) DEFAULT NULL,\n  `owner` int DEFAULT NULL,\n  PRIMARY KEY (`id`),\n' +
        '  KEY `carts_session` (`session_id`),\n  CONSTRAINT `carts_session` FOREIGN KEY (`session_id`) REFERENCES `sessions` (`id`) ON DELETE CASCADE,\n' +
        '  CONSTRAINT `carts_owner` FOREIGN KEY (`owner`) REFERENCES `crm`.`people` (`id`)\n) ENGINE=InnoDB',
      { schema: 'shop' },
    );
    expect(names(t)).toEqual(['id', 'session_id', 'owner']);
    expect(t.references).toEqual([{ schema: 'shop', name: 'sessions' }, { schema: 'crm', name: 'people' }]);
    expect(parseCreateTable('CREATE TABLE t (a int)').references).toBeUndefined();
  });
  it('uses the database in use for an unqualified table, and decodes bytes with the given charset', () => {
    const t = parseCreateTable(Buffer.from('CREATE TABLE `caf\xe9` (`\xe9` int)', 'latin1'), { schema: 'db', charset: 'latin1' });
    expect(t.table).toEqual({ schema: 'db', name: 'café' });
    expect(names(t)).toEqual(['é']);
  });
  it('adds the invisible row_start / row_end of WITH SYSTEM VERSIONING (mariadb-dump --dump-history names them)', () => {
    const implicit = parseCreateTable('CREATE TABLE `u` (`id` int(11) NOT NULL, `email` varchar(100) DEFAULT NULL, PRIMARY KEY (`id`)) ENGINE=InnoDB WITH SYSTEM VERSIONING;');
    expect(implicit.columns.map((c) => [c.name, c.generated ?? false, c.invisible ?? false])).toEqual([
      ['id', false, false], ['email', false, false], ['row_start', true, true], ['row_end', true, true],
    ]);
    const explicit = parseCreateTable('CREATE TABLE v (id INT, rs TIMESTAMP(6) GENERATED ALWAYS AS ROW START INVISIBLE, re TIMESTAMP(6) GENERATED ALWAYS AS ROW END INVISIBLE, PERIOD FOR SYSTEM_TIME(rs, re)) WITH SYSTEM VERSIONING');
    expect(explicit.columns.map((c) => c.name)).toEqual(['id', 'rs', 're']);
    expect(parseCreateTable("CREATE TABLE w (id INT) COMMENT='WITH SYSTEM VERSIONING'").columns.map((c) => c.name)).toEqual(['id']);
  });

  it('rejects what it cannot read with a code and an excerpt', () => {
    const code = (sql: string) => {
      try { parseCreateTable(sql); } catch (e) { return [(e as VeilError).code, (e as VeilError).details.excerpt !== undefined]; }
      return 'no error';
    };
    expect(code('CREATE TABLE t LIKE u')).toEqual(['DUMP_DDL_SYNTAX', true]);
    expect(code('CREATE TABLE t (a int')).toEqual(['DUMP_DDL_SYNTAX', true]);
    expect(code("CREATE TABLE t (a int DEFAULT 'x)")).toEqual(['DUMP_DDL_SYNTAX', true]);
    expect(code('CREATE VIEW v AS SELECT 1')).toEqual(['DUMP_DDL_SYNTAX', true]);
    expect(code('CREATE TABLE t (a)')).toEqual(['DUMP_DDL_SYNTAX', true]);
  });
});
