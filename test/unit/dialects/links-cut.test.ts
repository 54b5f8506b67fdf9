import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cutConnection } from '../../../src/dialects/mysql/links.js';
import { Masker, type MaskOptions } from '../../../src/mask.js';
import { validateRules } from '../../../src/rules/load.js';
import { runChunks, runSized, veilErrorOf } from '../../helpers/run.js';

await Masker.prepare();

/**
 * "links": "cut" against real dumps. links.sql (pg_dump 15.20): a postgres_fdw server with a COMMENT,
 * two user mappings (one with a password), a foreign table, a table whose rows say "subscription" and
 * "user mapping", and a subscription with its OWNER TO and COMMENT. federated.sql / servers.sql
 * (mariadb-dump 10.11): two FEDERATED tables (a URL with a password, a server name) and the
 * mysql.servers row of that server.
 */
const PG = readFileSync('test/unit/dialects/postgres/fixtures/links.sql');
const FEDERATED = readFileSync('test/unit/dialects/mysql/fixtures/federated.sql');
const SERVERS = readFileSync('test/unit/dialects/mysql/fixtures/servers.sql');

const pgRules = (extra: object = {}) => validateRules({ ...extra, tables: { 'public.notes': { columns: { id: 'keep', body: 'keep' } } } });
const pg = (extra: object = {}, o: Partial<MaskOptions> = {}) => runChunks(PG, { rules: pgRules(extra), secret: 'links-cut', ...o }, []);
const my = (dump: Buffer, extra: object = {}, o: Partial<MaskOptions> = {}) =>
  runChunks(dump, { rules: validateRules({ ...extra, tables: {} }), secret: 'links-cut', dialect: 'mysql', unusedRules: 'warn', ...o }, []);
const codes = (r: { summary: { diagnostics: { code: string }[] } }) => r.summary.diagnostics.map((d) => d.code).filter((c) => c === 'EXTERNAL_LINK' || c === 'LINKS_CUT');

/** The dump without the statements that start with one of `heads` (each with its line end). */
function without(dump: Buffer, heads: RegExp): string {
  const text = dump.toString('latin1');
  return text.replace(new RegExp(`^(?:${heads.source})[^;]*;\\n`, 'gm'), '');
}

describe('"links": "cut" on PostgreSQL', () => {
  const CUT = /CREATE USER MAPPING |CREATE SUBSCRIPTION |ALTER SUBSCRIPTION |COMMENT ON SUBSCRIPTION /;

  it('drops the user mappings and the subscription with the statements about it, and nothing else, at any chunking', () => {
    const { output, summary } = pg({ links: 'cut' }, { strict: true });
    expect(output.toString('latin1')).toBe(without(PG, CUT));
    const text = output.toString('latin1');
    expect(text).not.toContain('s3cret');
    expect(text).not.toContain('password=x');
    // the server, its COMMENT, the foreign table and the rows that name these words stay
    expect(text).toContain("CREATE SERVER prod_srv FOREIGN DATA WRAPPER postgres_fdw");
    expect(text).toContain("COMMENT ON SERVER prod_srv IS 'production, read-only';");
    expect(text).toContain('CREATE FOREIGN TABLE public.prod_customers');
    expect(text).toContain('1\tsubscription of the month\n2\tuser mapping; see wiki\n');
    const notice = summary.diagnostics.find((d) => d.code === 'LINKS_CUT');
    expect(notice?.data).toEqual({ userMappings: 2, subscriptions: 1, statements: 2, connections: 0, serversKept: 1, servers: false });
    expect(codes({ summary })).toEqual(['LINKS_CUT']);
    for (const size of [1, 9, 100, 4096]) {
      expect(runSized(PG, { rules: pgRules({ links: 'cut' }), secret: 'links-cut' }, size).output.equals(output), `chunks of ${size}`).toBe(true);
    }
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: PG.length - 1 }), { maxLength: 10 }), (cuts) => {
        expect(runChunks(PG, { rules: pgRules({ links: 'cut' }), secret: 'links-cut' }, cuts.sort((a, b) => a - b)).output.equals(output)).toBe(true);
      }),
      { numRuns: 50 },
    );
  });

  it('without a decision: copied, each link warned of; strict fails', () => {
    const r = pg();
    expect(r.output.equals(PG)).toBe(true);
    expect(codes(r)).toEqual(['EXTERNAL_LINK', 'EXTERNAL_LINK', 'EXTERNAL_LINK']);
    const e = veilErrorOf(() => pg({}, { strict: true }));
    expect(e.code).toBe('RULES_UNCOVERED_LINKS');
    expect(e.details.issues[0].path).toBe('$.links');
    expect(e.details.issues[0].message).toContain('server prod_srv, user-mapping postgres on prod_srv, user-mapping PUBLIC on prod_srv, subscription prod sub');
  });

  it('"keep": copied without a word, also under strict', () => {
    const r = pg({ links: 'keep' }, { strict: true });
    expect(r.output.equals(PG)).toBe(true);
    expect(codes(r)).toEqual([]);
  });

  it('holds CREATE / ALTER / COMMENT / SECURITY LABEL only until they are known not to be a link\'s', () => {
    const sql = Buffer.from(
      "SET client_encoding = 'UTF8';\nCOMMENT ON TABLE public.t IS 'on subscription day';\nCOMMENT ON COLUMN public.t.a IS 'x';\nSECURITY LABEL FOR dummy ON SUBSCRIPTION s IS 'x';\nSECURITY LABEL FOR dummy ON TABLE public.t IS 'subscription';\n" +
        'CREATE OR REPLACE FUNCTION public.f() RETURNS int LANGUAGE sql AS $$ SELECT 1; $$;\nALTER SUBSCRIPTION s OWNER TO x;\nALTER TABLE public.t OWNER TO x;\nCREATE USER app;\n',
    );
    const out = runChunks(sql, { rules: validateRules({ links: 'cut', tables: {} }), secret: 'links-cut', unusedRules: 'warn', dialect: 'postgres' }, []).output.toString();
    expect(out).toBe(sql.toString().replace('SECURITY LABEL FOR dummy ON SUBSCRIPTION s IS \'x\';\n', '').replace('ALTER SUBSCRIPTION s OWNER TO x;\n', ''));
  });
});

describe('"links": "cut" on MySQL/MariaDB', () => {
  it('makes FEDERATED tables local InnoDB tables without their CONNECTION, at any chunking', () => {
    const { output, summary } = my(FEDERATED, { links: 'cut' });
    const expected = FEDERATED.toString('latin1')
      .replace(/ENGINE=FEDERATED (DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci) CONNECTION='[^']*';/g, 'ENGINE=InnoDB $1;');
    expect(output.toString('latin1')).toBe(expected);
    expect(expected).not.toContain('FEDERATED');
    expect(summary.diagnostics.find((d) => d.code === 'LINKS_CUT')?.data).toMatchObject({ connections: 2 });
    expect(codes({ summary })).toEqual(['LINKS_CUT']);
    const opts = { rules: validateRules({ links: 'cut', tables: {} }), secret: 'links-cut', dialect: 'mysql' as const, unusedRules: 'warn' as const };
    for (const size of [1, 13, 4096]) expect(runSized(FEDERATED, opts, size).output.equals(output), `chunks of ${size}`).toBe(true);
  });

  it('drops the rows of mysql.servers', () => {
    const { output, summary } = my(SERVERS, { links: 'cut' });
    const insert = /INSERT INTO `servers` VALUES\n[\s\S]*?\);\n/.exec(SERVERS.toString('latin1'))![0];
    expect(output.toString('latin1')).toBe(SERVERS.toString('latin1').replace(insert, ''));
    expect(summary.diagnostics.find((d) => d.code === 'LINKS_CUT')?.message).toContain('the rows of mysql.servers dropped');
  });

  it('without a decision: copied and warned of; strict fails; "keep": copied without a word', () => {
    for (const dump of [FEDERATED, SERVERS]) {
      const r = my(dump);
      expect(r.output.equals(dump)).toBe(true);
      expect(codes(r).every((c) => c === 'EXTERNAL_LINK') && codes(r).length > 0).toBe(true);
      const kept = my(dump, { links: 'keep' });
      expect(kept.output.equals(dump)).toBe(true);
      expect(codes(kept)).toEqual([]);
    }
    // (strict: the tables' columns are covered, the links are what is left)
    const covered = validateRules({ tables: { fed: { columns: { id: 'keep', email: 'keep' } }, fed2: { columns: { id: 'keep', email: 'keep' } }, src: { columns: { id: 'keep', email: 'keep' } } } });
    const e = veilErrorOf(() => runChunks(FEDERATED, { rules: covered, secret: 's', dialect: 'mysql', strict: true }, []));
    expect(e.code).toBe('RULES_UNCOVERED_LINKS');
    expect(e.details.issues[0].message).toContain('table veil_fed.fed, table veil_fed.fed2');
  });

  it('cutConnection: FEDERATED only, with or without "=", CONNECTION before or after ENGINE', () => {
    const cut = (sql: string) => cutConnection(Buffer.from(sql, 'latin1'))?.toString('latin1');
    expect(cut("CREATE TABLE t (a int) ENGINE=FEDERATED CONNECTION='mysql://u:p@h/d/t'")).toBe('CREATE TABLE t (a int) ENGINE=InnoDB');
    expect(cut("CREATE TABLE t (a int) CONNECTION 'srv/t' ENGINE federated COMMENT 'x'")).toBe("CREATE TABLE t (a int) ENGINE InnoDB COMMENT 'x'");
    expect(cut("CREATE TABLE t (a int, b varchar(9) DEFAULT 'ENGINE=FEDERATED') ENGINE=FEDERATED CONNECTION='s'")).toBe("CREATE TABLE t (a int, b varchar(9) DEFAULT 'ENGINE=FEDERATED') ENGINE=InnoDB");
    expect(cut("CREATE TABLE t (a int) ENGINE=CONNECT TABLE_TYPE=MYSQL CONNECTION='mysql://u:p@h/d/t'")).toBeUndefined();
    expect(cut('CREATE TABLE t (a int) ENGINE=FEDERATED')).toBeUndefined();
  });

  it('"links" takes "keep" or "cut"', () => {
    const e = veilErrorOf(() => validateRules({ links: 'drop', tables: {} }));
    expect(e.details.issues[0].path).toBe('$.links');
    expect(validateRules({ links: 'cut', tables: {} }).links).toBe('cut');
  });
});
