/**
 * --database and --charset: what a MySQL/MariaDB dump without `USE` and `SET NAMES` (mysqldump --compact,
 * --skip-set-charset, a one-database dump) leaves unsaid, given on the command line.
 */
import { describe, expect, it } from 'vitest';
import { bytesToString, stringToBytes } from '../../src/dialects/mysql/charset.js';
import { runVeil } from '../integration/helpers/veil.js';
import { file, readJson, scratch } from './helpers.js';
import { join } from 'node:path';

const TABLE = (name: string) => `CREATE TABLE \`${name}\` (
  \`id\` int NOT NULL,
  \`name\` varchar(50) DEFAULT NULL,
  \`email\` varchar(100) DEFAULT NULL,
  PRIMARY KEY (\`id\`)
);
`;

/** What `mysqldump --compact shop` writes: no header, no USE, no SET NAMES. */
const COMPACT = `/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
${TABLE('users')}/*!40101 SET character_set_client = @saved_cs_client */;
INSERT INTO \`users\` VALUES (1,'Jane','jane@acme.io'),(2,'Bob','bob@acme.io');
`;

const emailRules = (key: string) => file(`rules-${key}.json`, { tables: { [key]: { columns: { email: 'email' }, } } });

describe('--database', () => {
  const dump = file('compact.sql', COMPACT);

  it('without it, rules keyed db.table match nothing in a dump without USE: an unused-rule error', async () => {
    const r = await runVeil([emailRules('shop.users'), '-i', dump, '--seed', 's']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('RULES_UNUSED');
    expect(r.stderr).toContain('$.tables["shop.users"]');
  });

  it('names the database of unqualified tables, so rules keyed db.table mask them', async () => {
    const r = await runVeil([emailRules('shop.users'), '-i', dump, '--seed', 's', '--database', 'shop']);
    expect(r.code, r.stderr).toBe(0);
    const out = r.stdout.toString('utf8');
    expect(out).not.toContain('jane@acme.io');
    expect(out).not.toContain('bob@acme.io');
    expect(out).toContain("(1,'Jane','");
    expect(out.slice(0, out.indexOf('INSERT'))).toBe(COMPACT.slice(0, COMPACT.indexOf('INSERT')));
  });

  it('keeps bare table keys matching', async () => {
    const r = await runVeil([emailRules('users'), '-i', dump, '--seed', 's', '--database', 'shop']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.toString('utf8')).not.toContain('jane@acme.io');
  });

  it('holds only until the dump says USE: a later USE switches databases as before', async () => {
    const two = file('two-dbs.sql', `${COMPACT}USE \`other\`;\n${TABLE('users')}INSERT INTO \`users\` VALUES (1,'Jane','jane@acme.io');\n`);
    const rules = file('rules-two.json', {
      tables: { 'shop.users': { columns: { email: 'email' } }, 'other.users': { columns: { name: { transformer: 'fixed', value: 'Other' } } } },
    });
    const r = await runVeil([rules, '-i', two, '--seed', 's', '--database', 'shop']);
    expect(r.code, r.stderr).toBe(0);
    const [shop, other] = r.stdout.toString('utf8').split('USE `other`;');
    expect(shop).toContain("(1,'Jane','");
    expect(shop).not.toContain('jane@acme.io');
    expect(other).toContain("(1,'Other','jane@acme.io')");
    // the database named on the command line is not where `other`'s tables go
    const wrong = await runVeil([rules, '-i', two, '--seed', 's', '--database', 'other']);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('$.tables["shop.users"]');
  });

  it('is taken by check and scan too', async () => {
    const without = await runVeil(['check', emailRules('shop.users'), '-i', dump]);
    expect(without.code).toBe(1);
    const ok = await runVeil(['check', emailRules('shop.users'), '-i', dump, '--database', 'shop']);
    expect(ok.code, ok.stderr).toBe(0);
    // scan drafts bare keys for a one-database dump; with two, the tables before USE get --database's
    const two = file('two-dbs-scan.sql', `${COMPACT}USE \`other\`;\n${TABLE('users')}`);
    const draft = join(scratch, 'draft.json');
    const scan = await runVeil(['scan', '-i', two, '--database', 'shop', '-o', draft, '-q']);
    expect(scan.code, scan.stderr).toBe(0);
    expect(Object.keys(readJson(draft).tables).sort()).toEqual(['other.users', 'shop.users']);
  });
});

describe('--charset', () => {
  /** A --compact dump written in latin1 (mysqldump --default-character-set=latin1 --skip-set-charset). */
  const latin1Dump = (rows: [string, string][], tail = '') =>
    Buffer.concat([
      stringToBytes(`${TABLE('people')}INSERT INTO \`people\` VALUES ${rows.map(([n, e], i) => `(${i + 1},'${n}','${e}')`).join(',')};\n`, 'latin1'),
      Buffer.from(tail, 'utf8'),
    ]);
  const input = file('latin1.sql', latin1Dump([['Éva', 'ëlla@acme.io'], ['Zürich ÿ', 'x']]));
  const rules = file('rules-latin1.json', {
    tables: { people: { columns: { name: { transformer: 'fixed', value: 'Zoë €' }, email: { transformer: 'mask', keepFirst: 1 } } } },
  });
  const ZOE_LATIN1 = Buffer.from([0x5a, 0x6f, 0xeb, 0x20, 0x80]); // 'Zoë €' in latin1 (MySQL's cp1252)

  it('reads and writes masked values in the given charset, and leaves every other byte as it was', async () => {
    const r = await runVeil([rules, '-i', input, '--seed', 's', '--charset', 'latin1']);
    expect(r.code, r.stderr).toBe(0);
    // 'ëlla@acme.io' decoded as latin1 keeps its first character ë (0xeb)
    const expected = latin1Dump([['Zoë €', 'ë***********'], ['Zoë €', 'x']]);
    expect(r.stdout.toString('hex')).toBe(expected.toString('hex'));
    expect(r.stdout.includes(ZOE_LATIN1)).toBe(true);
    expect(bytesToString(r.stdout, 'latin1')).toContain("(1,'Zoë €','ë***********')");
    expect(r.stderr).not.toContain('DUMP_ENCODING_ASSUMED');
  });

  it('keeps unmasked latin1 bytes byte-identical', async () => {
    const emailOnly = file('rules-email-only.json', { tables: { people: { columns: { email: { transformer: 'fixed', value: 'é@€.io' } } } } });
    const r = await runVeil([emailOnly, '-i', input, '--seed', 's', '--charset', 'latin1']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.toString('hex')).toBe(latin1Dump([['Éva', 'é@€.io'], ['Zürich ÿ', 'é@€.io']]).toString('hex'));
  });

  it('without it, the same dump is read and written as utf8mb4 (the default)', async () => {
    const r = await runVeil([rules, '-i', input, '--seed', 's']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.includes(Buffer.from('Zoë €', 'utf8'))).toBe(true);
    expect(r.stdout.includes(ZOE_LATIN1)).toBe(false);
    expect(r.stderr).toContain('DUMP_ENCODING_ASSUMED');
  });

  it('holds only until a SET NAMES in the dump', async () => {
    const tail = `/*!40101 SET NAMES utf8mb4 */;\nINSERT INTO \`people\` VALUES (3,'Ünal','u@acme.io');\n`;
    const dump = file('latin1-then-utf8.sql', latin1Dump([['Éva', 'e@acme.io']], tail));
    const r = await runVeil([rules, '-i', dump, '--seed', 's', '--charset', 'LATIN1']);
    expect(r.code, r.stderr).toBe(0);
    const at = r.stdout.indexOf('SET NAMES');
    expect(r.stdout.subarray(0, at).includes(ZOE_LATIN1)).toBe(true);
    expect(r.stdout.subarray(at).toString('utf8')).toContain("(3,'Zoë €','u********')");
  });
});

describe('bad values are usage errors', () => {
  const dump = file('compact-usage.sql', COMPACT);

  it('an unsupported --charset names the supported ones (exit 2)', async () => {
    const r = await runVeil([emailRules('users'), '-i', dump, '--charset', 'sjis']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('CLI_USAGE');
    expect(r.stderr).toContain('utf8mb4, utf8mb3, utf8, latin1, ascii, binary');
    expect(r.stdout.length).toBe(0);
    const check = await runVeil(['check', emailRules('users'), '-i', dump, '--charset', 'utf16']);
    expect(check.code).toBe(2);
  });

  it('an empty --database or --charset (exit 2)', async () => {
    for (const args of [['--database', ''], ['--charset', ''], ['--database']]) {
      const r = await runVeil([emailRules('users'), '-i', dump, ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain('CLI_USAGE');
    }
  });

  it('either option on a PostgreSQL dump (exit 2): it names its schemas and encoding itself', async () => {
    const pg = 'fixtures/pg-sample/input.sql';
    const rules = 'fixtures/pg-sample/rules.json';
    const detected = await runVeil([rules, '-i', pg, '--seed', 's', '--database', 'shop']);
    expect(detected.code).toBe(2);
    expect(detected.stderr).toContain('--database applies to MySQL/MariaDB dumps only; this dump is PostgreSQL');
    expect(detected.stdout.length).toBe(0);
    const forced = await runVeil(['check', rules, '-i', pg, '--dialect', 'postgres', '--charset', 'latin1']);
    expect(forced.code).toBe(2);
    expect(forced.stderr).toContain('--charset applies to MySQL/MariaDB dumps only');
  });
});
