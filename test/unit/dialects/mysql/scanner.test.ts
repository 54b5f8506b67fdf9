import fc from 'fast-check';
import { validateRules } from '../../../../src/rules/load.js';
import { runChunks } from '../../../helpers/run.js';
import { describe, expect, it } from 'vitest';
import type { VeilError } from '../../../../src/errors.js';
import { decode } from '../../../../src/dialects/mysql/literal.js';
import { DUMP_MODES, insertFields, readDump, type FieldSpan } from './fixtures.js';
import { maskMysql } from './harness.js';

const RULES = {
  tables: {
    people: { columns: { email: 'email', first_name: 'first-name', bio: { transformer: 'fixed', value: "it's a\ttab, a \\ and a\nnewline" } } },
    blobs: { columns: { data: { transformer: 'fixed', value: 'x' } } },
    docs: { columns: { secret: { transformer: 'fixed', value: 'hush' } } },
    'my table': { columns: { 'the value': { transformer: 'fixed', value: 'Zoë €' } } },
  },
};
const RULED: Record<string, number[]> = { people: [1, 2, 4], blobs: [1], docs: [7], 'my table': [1] };

const code = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    return (e as VeilError).code ?? String(e);
  }
  return 'no error';
};

function byTable(fields: FieldSpan[]): Map<string, FieldSpan[]> {
  const m = new Map<string, FieldSpan[]>();
  for (const f of fields) m.set(f.table, [...(m.get(f.table) ?? []), f]);
  return m;
}

describe('MysqlScanner without rules', () => {
  it.each(DUMP_MODES)('streams the real %s dump through byte for byte, however it is cut', (mode) => {
    const dump = readDump(mode);
    for (const size of [dump.length, 4096, 97, 7, 2]) {
      expect(maskMysql(dump, { tables: {} }, size).out.equals(dump), `chunks of ${size}`).toBe(true);
    }
  });
  it('streams through when rules name tables or columns the dump does not have', () => {
    const dump = readDump('default');
    const run = maskMysql(dump, { tables: { nope: { columns: { a: 'email' } }, people: { columns: { nope: 'email' } } } }, 1000);
    expect(run.out.equals(dump)).toBe(true);
  });
  it('survives 1-byte chunks', () => {
    const dump = readDump('compact');
    expect(maskMysql(dump, { tables: {} }, 1).out.equals(dump)).toBe(true);
  });
});

describe('MysqlScanner with rules', () => {
  it.each(DUMP_MODES.filter((m) => m !== 'no-data' && m !== 'no-create-info'))('changes only the ruled fields of the %s dump', (mode) => {
    const dump = readDump(mode);
    const out = maskMysql(dump, RULES, 4096).out;
    const before = byTable(insertFields(dump));
    const after = byTable(insertFields(out));
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [table, fields] of before) {
      const masked = after.get(table)!;
      expect(masked.length, table).toBe(fields.length);
      fields.forEach((f, k) => {
        const g = masked[k];
        const a = dump.subarray(f.start, f.end);
        const b = out.subarray(g.start, g.end);
        const ruled = RULED[table]?.includes(f.index) && a.toString() !== 'NULL';
        if (ruled) expect(b.equals(a), `${table} row ${f.row} field ${f.index} must change`).toBe(false);
        else expect(b.equals(a), `${table} row ${f.row} field ${f.index} must stay`).toBe(true);
      });
    }
    // masked values read back as written
    const bio = after.get('people')!.find((f) => f.index === 4 && f.row === 0)!;
    expect(decode(out, bio.start, bio.end)).toBe("it's a\ttab, a \\ and a\nnewline");
    const data = after.get('blobs')!.find((f) => f.index === 1 && f.row === 2)!;
    expect(out.toString('latin1', data.start, data.end)).toBe('0x78');
    const mt = after.get('my table')!.find((f) => f.index === 1 && f.row === 0)!;
    expect(decode(out, mt.start, mt.end)).toBe('Zoë €');
  });

  it('gives the same output however the input is cut', () => {
    const dump = readDump('default');
    const whole = maskMysql(dump, RULES, dump.length).out;
    for (const size of [4096, 333, 17, 3, 1]) expect(maskMysql(dump, RULES, size).out.equals(whole), `chunks of ${size}`).toBe(true);
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: dump.length - 1 }), { maxLength: 40 }), (cuts) => {
        expect(maskMysql(dump, RULES, [...cuts].sort((a, b) => a - b)).out.equals(whole)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('reads tuples laid out on one line (mysqldump, MySQL 8, older MariaDB)', () => {
    const dump = readDump('default');
    const oneLine = Buffer.from(dump.toString('latin1').replace(/ VALUES\n\(/g, ' VALUES (').replace(/\),\n\(/g, '),('), 'latin1');
    expect(oneLine.length).toBeLessThan(dump.length);
    const a = insertFields(maskMysql(dump, RULES).out);
    const outB = maskMysql(oneLine, RULES, 100).out;
    const b = insertFields(outB);
    expect(b.map((f) => [f.table, f.row, f.index])).toEqual(a.map((f) => [f.table, f.row, f.index]));
  });

  it('drops the INSERTs of a truncated table and nothing else', () => {
    const dump = readDump('default');
    const out = maskMysql(dump, { tables: { events_log: { truncate: true } } }, 512).out.toString('latin1');
    const text = dump.toString('latin1');
    const stmt = /INSERT INTO `events_log` VALUES\n[^;]*;\n/.exec(text)!;
    expect(out).toBe(text.slice(0, stmt.index) + text.slice(stmt.index + stmt[0].length));
  });

  it('keeps routines, triggers and events intact, though their bodies hold INSERT INTO people', () => {
    const dump = readDump('default');
    const out = maskMysql(dump, RULES, 256).out.toString('latin1');
    const text = dump.toString('latin1');
    for (const re of [/DELIMITER ;;\nCREATE DEFINER=`root`@`localhost` PROCEDURE `add_person`[^]*?\n;;\n/, /\/\*!50003 CREATE\*\/ [^]*?\*\/;;\n/, /PROCEDURE `tricky_comments`[^]*?\n;;\n/]) {
      const m = re.exec(text);
      expect(m, String(re)).not.toBeNull();
      expect(out).toContain(m![0]);
    }
  });

  it('qualifies tables by USE, or by the header database of a single-database dump', () => {
    const dbs = readDump('databases');
    const people = (out: Buffer) => insertFields(out).filter((f) => f.table === 'people' && f.index === 1).map((f) => decode(out, f.start, f.end));
    const original = people(dbs);
    const only2 = people(maskMysql(dbs, { tables: { 'veil_tricky2.people': { columns: { email: 'email' } } } }).out);
    expect(only2.slice(0, 7)).toEqual(original.slice(0, 7));
    expect(only2.slice(7)).not.toEqual(original.slice(7));
    const both = people(maskMysql(dbs, { tables: { people: { columns: { email: 'email' } } } }).out);
    both.forEach((e, k) => expect(e).not.toBe(original[k]));
    // the same original email in both databases gets the same fake
    expect(original[0]).toBe(original[8]);
    expect(both[0]).toBe(both[8]);
    const single = readDump('default');
    const run = maskMysql(single, { tables: { 'veil_tricky.people': { columns: { email: 'email' } } } });
    expect(people(run.out)).not.toEqual(people(single));
  });

  it('takes columns from the INSERT column list, which skips nothing invisible', () => {
    const dump = readDump('complete-insert');
    const out = maskMysql(dump, { tables: { versioned2: { columns: { v: { transformer: 'fixed', value: 'V' } } } } }).out;
    const v = insertFields(out).filter((f) => f.table === 'versioned2' && f.index === 1);
    expect(v.map((f) => decode(out, f.start, f.end))).toEqual(['V', 'V']);
  });

  it('needs a column list or the CREATE TABLE to mask (--no-create-info)', () => {
    const dump = readDump('no-create-info');
    expect(code(() => maskMysql(dump, { tables: { people: { columns: { email: 'email' } } } }))).toBe('DUMP_UNKNOWN_COLUMNS');
    // docs has INVISIBLE columns, so mariadb-dump always writes its column list
    const out = maskMysql(dump, { tables: { docs: { columns: { secret: { transformer: 'fixed', value: 's' } } } } }).out;
    expect(insertFields(out).filter((f) => f.table === 'docs' && f.index === 7).map((f) => out.toString('latin1', f.start, f.end))).toEqual(["'s'", "'s'", 'NULL', "'s'", "'s'"]);
  });
});

const LATIN1 = Buffer.concat([
  Buffer.from("/*!40101 SET NAMES latin1 */;\n/*!40101 SET @saved_cs_client     = @@character_set_client */;\n/*!40101 SET character_set_client = utf8mb4 */;\n"),
  Buffer.from('CREATE TABLE `caf\u00e9` (\n  `n\u00e4me` varchar(20) DEFAULT NULL,\n  `b` blob\n) ENGINE=InnoDB DEFAULT CHARSET=latin1;\n', 'utf8'),
  Buffer.from('/*!40101 SET character_set_client = @saved_cs_client */;\n'),
  Buffer.from("INSERT INTO `caf\xe9` VALUES ('\xe9t\xe9 \x80','\xff\x00'),(NULL,'');\n", 'latin1'),
]);

describe('MysqlScanner charsets and layouts', () => {
  it('reads DDL in utf8mb4 and data in latin1, as mariadb-dump --default-character-set=latin1 writes them', () => {
    const out = maskMysql(LATIN1, { tables: { café: { columns: { näme: { transformer: 'fixed', value: 'Zoë € 中' }, b: { transformer: 'fixed', value: '\u00ff' } } } } }).out;
    const insert = out.subarray(out.indexOf('INSERT'));
    expect(insert.toString('latin1')).toBe("INSERT INTO `caf\xe9` VALUES ('Zo\xeb \x80 ?',0xFF),(NULL,0xFF);\n");
  });

  it('reads MySQL 8 style _binary literals, one-line tuples and ON DUPLICATE KEY tails', () => {
    const dump = Buffer.from(
      "/*!40101 SET NAMES utf8mb4 */;\nCREATE TABLE `t` (\n  `id` int NOT NULL,\n  `b` varbinary(8) DEFAULT NULL,\n  `s` varchar(10) DEFAULT NULL,\n  PRIMARY KEY (`id`)\n);\n" +
        "INSERT INTO `t` VALUES (1,_binary '\\0\\'x',_utf8mb4'a'),(2,_binary '','b') ON DUPLICATE KEY UPDATE s = VALUES(s);\nINSERT INTO t (id, s, b) VALUE (3, 'c', NULL);\n",
    );
    const out = maskMysql(dump, { tables: { t: { columns: { b: { transformer: 'fixed', value: 'B' }, s: { transformer: 'fixed', value: "S'" } } } } }, 5).out.toString();
    expect(out.slice(out.indexOf('INSERT'))).toBe(
      "INSERT INTO `t` VALUES (1,0x42,'S\\''),(2,0x42,'S\\'') ON DUPLICATE KEY UPDATE s = VALUES(s);\nINSERT INTO t (id, s, b) VALUE (3, 'S\\'', NULL);\n",
    );
  });

  it('follows DELIMITER changes and a delimiter split across chunks', () => {
    const dump = Buffer.from("DELIMITER $$\nCREATE PROCEDURE p() BEGIN SELECT ';'; INSERT INTO t VALUES (1); END$$\nDELIMITER ;\nINSERT INTO t VALUES ('secret');\n");
    const rules = { tables: { t: { columns: { a: 'email' } } } };
    const withDdl = Buffer.concat([Buffer.from('CREATE TABLE t (a varchar(50));\n'), dump]);
    for (const size of [1, 2, 3, 1000]) {
      const out = maskMysql(withDdl, rules, size).out.toString();
      expect(out).toContain('INSERT INTO t VALUES (1); END$$\nDELIMITER ;\n');
      expect(out).not.toContain('secret');
    }
  });
});

describe('MysqlScanner errors', () => {
  it('reports a dump cut inside the values of a ruled table', () => {
    const dump = readDump('default');
    const cut = dump.subarray(0, dump.indexOf("'bob@example.com'") + 5);
    expect(code(() => maskMysql(cut, RULES))).toBe('DUMP_UNTERMINATED_STATEMENT');
    expect(code(() => maskMysql(cut, { tables: {} }))).toBe('DUMP_UNTERMINATED_STRING');
  });
  it('reports a dump that lost its footer', () => {
    const dump = readDump('default');
    const cut = dump.subarray(0, dump.indexOf('-- Dump completed'));
    expect(code(() => maskMysql(cut))).toBe('DUMP_TRUNCATED');
    expect(code(() => maskMysql(readDump('compact')))).toBe('no error'); // --compact has no header
  });
  it('says where: line and byte offset of the offending row, whatever the chunking', () => {
    const rules = { tables: { t: { columns: { a: 'email' } } } };
    const sql = "CREATE TABLE `t` (`a` varchar(80), `b` int);\n-- a comment; with 'quotes'\nINSERT INTO `t` VALUES\n('x\\n',1),\n('y');\n";
    for (const size of [1, 5, 1000]) {
      try {
        maskMysql(Buffer.from(sql), rules, size);
        expect.unreachable();
      } catch (e) {
        const err = e as VeilError;
        expect(err.code).toBe('DUMP_INSERT_FIELD_COUNT');
        expect(err.details.position?.line, `chunks of ${size}`).toBe(5);
        expect(err.details.position?.offset).toBe(sql.indexOf("('y')") + 5);
        expect(err.details.table).toBe('t');
      }
    }
  });
  it('places a bad literal in a masked field at its row, whatever the chunking', () => {
    const rules = { tables: { t: { columns: { a: 'hash' } } } };
    const sql = "CREATE TABLE `t` (`a` blob, `b` int);\nINSERT INTO `t` VALUES\n(0x00ff,1),\n(0x0\x00,2);\n";
    for (const size of [1, 5, 1000]) {
      try {
        maskMysql(Buffer.from(sql, 'latin1'), rules, size);
        expect.unreachable();
      } catch (e) {
        const err = e as VeilError;
        expect(err.code).toBe('DUMP_INSERT_SYNTAX');
        expect(err.details.excerpt).toBe('\\x00');
        expect(err.details.position?.line, `chunks of ${size}`).toBe(4);
        expect(err.details.position?.offset).toBe(sql.indexOf(',2)') + 3);
        expect(err.details.row).toBe(2);
      }
    }
  });
  it('reports rows that do not match the table, unsupported charsets and oversized rows', () => {
    const rules = { tables: { t: { columns: { a: 'email' } } } };
    const base = 'CREATE TABLE `t` (`a` varchar(80), `b` int);\n';
    expect(code(() => maskMysql(Buffer.from(`${base}INSERT INTO \`t\` VALUES ('x');\n`), rules))).toBe('DUMP_INSERT_FIELD_COUNT');
    expect(code(() => maskMysql(Buffer.from(`SET NAMES sjis;\n${base}INSERT INTO \`t\` VALUES ('x',1);\n`), rules))).toBe('DUMP_UNSUPPORTED_ENCODING');
    expect(code(() => maskMysql(Buffer.from(`${base}INSERT INTO \`t\` VALUES ('${'x'.repeat(5000)}',1);\n`), rules, 1000, 2048))).toBe('DUMP_FIELD_TOO_LARGE');
    expect(code(() => maskMysql(Buffer.from(`${base}INSERT INTO \`t\` SELECT 'x', 1;\n`), rules))).toBe('DUMP_INSERT_SYNTAX');
    expect(code(() => maskMysql(Buffer.from(`${base}INSERT INTO \`t\` VALUES (concat('x'),1);\n`), rules))).toBe('DUMP_VALUE_REJECTED');
  });
  it('streams a dump in an unsupported charset through when no rule needs its values (sampling never fails a run)', () => {
    const dump = Buffer.from("SET NAMES sjis;\nCREATE TABLE `t` (`a` varchar(80), `email` varchar(80));\nINSERT INTO `t` VALUES ('x','y@z.io');\n");
    // through the Masker, which samples the first rows of every table for the PII policy
    const out = runChunks(dump, { rules: validateRules({ tables: {} }), secret: 's', dialect: 'mysql' }, []);
    expect(out.output.equals(dump)).toBe(true);
  });
  it('refuses, when the table is declared, a rule whose fakes cannot fit the column', () => {
    const narrow = 'CREATE TABLE `t` (`a` varchar(10), `b` int);\n';
    expect(code(() => maskMysql(Buffer.from(`${narrow}INSERT INTO \`t\` VALUES ('x',1);\n`), { tables: { t: { columns: { a: 'email' } } } }))).toBe('RULES_TYPE_MISMATCH');
    expect(code(() => maskMysql(Buffer.from(`${narrow}INSERT INTO \`t\` VALUES ('x',1);\n`), { tables: { t: { columns: { b: 'email' } } } }))).toBe('RULES_TYPE_MISMATCH');
  });
});
