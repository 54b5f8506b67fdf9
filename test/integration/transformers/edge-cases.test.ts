/**
 * Edge cases found by the every-transformer restore suite (restore-all.test.ts), each through the real
 * dump tools and servers: the masked dump restores (or the rules are refused before any data), and
 * the restored values have the shape the column needs.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { dropOwnScratchDbs, query } from '../helpers/pg.js';
import { describeWithService } from '../helpers/services.js';
import { sql } from '../mysql/mariadb.js';
import { mariadbRoundTrips, pgRoundTrip } from './round-trip.js';

const EMAIL_RE = /^[a-z0-9]+\.[a-z0-9]+\.[a-kmnp-z2-9]{17}@example\.com$/;

describeWithService('PostgreSQL', 'edge cases on PostgreSQL: fakes the column type accepts', () => {
  afterAll(async () => {
    await dropOwnScratchDbs();
  });

  it('digits on a bigint column keeps 19-digit ids (snowflake ids, 2^63-1) inside the bigint range', async () => {
    const r = await pgRoundTrip(
      'bigint',
      `CREATE TABLE snow (id int PRIMARY KEY, flake bigint UNIQUE);
       INSERT INTO snow SELECT i, 1234567890123456789 + i * 1000003 FROM generate_series(1, 20) AS i;
       INSERT INTO snow VALUES (21, 9223372036854775807), (22, -9223372036854775808);`,
      { tables: { snow: { columns: { flake: { transformer: 'digits', unique: true } } } } },
    );
    expect(r.stderr).toBe('');
    expect(r.restoreError, 'the masked dump must restore').toBeUndefined();
    const rows = await query<{ id: number; flake: string }>(r.db!, 'SELECT id, flake::text AS flake FROM snow ORDER BY id');
    expect(rows).toHaveLength(22);
    for (const { id, flake } of rows) expect(flake).toMatch(id === 22 ? /^-\d{19}$/ : /^\d{19}$/);
    expect(rows.map((x) => x.flake)).not.toContain('9223372036854775807');
  });

  it('mac works on macaddr and macaddr8 columns (UNIQUE): same byte count, distinct fakes', async () => {
    const r = await pgRoundTrip(
      'macaddr',
      `CREATE TABLE dev (id int PRIMARY KEY, hw macaddr UNIQUE, hw8 macaddr8 UNIQUE);
       INSERT INTO dev VALUES (1, '08:00:2b:01:02:03', '08:00:2b:01:02:03:04:05'), (2, '08:00:2b:01:02:04', '08:00:2b:01:02:03:04:06'), (3, NULL, NULL);`,
      { tables: { dev: { columns: { hw: 'mac', hw8: 'mac' } } } },
    );
    expect(r.stderr).not.toContain('RULES_TYPE_MISMATCH');
    expect(r.code).toBe(0);
    expect(r.restoreError).toBeUndefined();
    const rows = await query<{ id: number; hw: string | null; hw8: string | null }>(r.db!, 'SELECT id, hw::text AS hw, hw8::text AS hw8 FROM dev ORDER BY id');
    expect(rows[2]).toEqual({ id: 3, hw: null, hw8: null });
    for (const row of rows.slice(0, 2)) {
      expect(row.hw).toMatch(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/);
      expect(row.hw8).toMatch(/^([0-9a-f]{2}:){7}[0-9a-f]{2}$/);
    }
    expect(rows[0].hw).not.toBe('08:00:2b:01:02:03');
    expect(rows[0].hw8).not.toBe('08:00:2b:01:02:03:04:05');
  });

  it('ipv4 on a cidr column writes networks (no bits right of the mask), so the dump restores', async () => {
    const r = await pgRoundTrip(
      'cidr',
      `CREATE TABLE nets (id int PRIMARY KEY, net cidr UNIQUE, host inet);
       INSERT INTO nets VALUES (1, '10.1.0.0/16', '10.1.2.3/16'), (2, '192.168.100.0/24', '192.168.100.7/24'),
         (3, '172.16.5.4/32', '172.16.5.4'), (4, '2001:db8::/32', '2001:db8::1/32'), (5, '10.2.0.0/16', NULL);`,
      { tables: { nets: { columns: { net: { transformer: 'ipv4', keepPrefix: 8 }, host: { transformer: 'ipv4', keepPrefix: 8 } } } } },
    );
    expect(r.code).toBe(0);
    expect(r.restoreError, 'the masked dump must restore').toBeUndefined();
    const rows = await query<{ id: number; net: string; len: number; host: string | null }>(r.db!, 'SELECT id, net::text AS net, masklen(net) AS len, host::text AS host FROM nets ORDER BY id');
    expect(rows.map((x) => x.len)).toEqual([16, 24, 32, 32, 16]);
    expect(rows[0].net).toMatch(/^10\.\d+\.0\.0\/16$/);
    expect(rows[1].net).toMatch(/^192\.\d+\.\d+\.0\/24$/);
    expect(rows[3].net).toMatch(/^20[0-9a-f]{2}(:[0-9a-f]{1,4})?::\/32$/);
    expect(rows[0].net).not.toBe(rows[4].net);
  });

  it("'' inside JSON and array values stays '' as it does in a column", async () => {
    const r = await pgRoundTrip(
      'nested_empty',
      `CREATE TABLE t (id int PRIMARY KEY, email text, j jsonb, a text[]);
       INSERT INTO t VALUES (1, '', '{"email": "", "other": "x@y.test"}', ARRAY['', 'x@y.test']);`,
      {
        tables: {
          t: {
            columns: {
              email: 'email',
              j: { transformer: 'json', paths: { '$.email': 'email', '$.other': 'email' } },
              a: { transformer: 'array', element: 'email' },
            },
          },
        },
      },
    );
    expect(r.restoreError).toBeUndefined();
    const [row] = await query<{ email: string; j: { email: string; other: string }; a: string[] }>(r.db!, 'SELECT email, j, a FROM t');
    expect(row.email).toBe('');
    expect(row.j.email).toBe('');
    expect(row.j.other).toMatch(EMAIL_RE);
    expect(row.a[0]).toBe('');
    expect(row.a[1]).toMatch(EMAIL_RE);
  });

  it.each(['ipv4', 'ipv6'])('%s on a macaddr column is a rules error that suggests mac, not a dump of IP addresses that fails at restore', async (transformer) => {
    const r = await pgRoundTrip(
      `macaddr_${transformer}`,
      `CREATE TABLE dev (id int PRIMARY KEY, hw macaddr);
       INSERT INTO dev VALUES (1, '08:00:2b:01:02:03');`,
      { tables: { dev: { columns: { hw: transformer } } } },
    );
    expect(r.restoreError, 'no masked dump that fails at restore').toBeUndefined();
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('RULES_TYPE_MISMATCH');
    expect(r.stderr).toContain('use mac');
  });
});

describeWithService('MariaDB', 'edge cases on MariaDB: fakes the column type accepts', () => {
  const my = mariadbRoundTrips(`vta_${process.pid}_edge_`);

  afterAll(async () => {
    await my.cleanup();
  });

  it('digits on BIGINT / BIGINT UNSIGNED keeps 19- and 20-digit ids inside the column range', async () => {
    const r = await my.roundTrip(
      `CREATE TABLE snow (id INT PRIMARY KEY, flake BIGINT UNIQUE, uflake BIGINT UNSIGNED UNIQUE);
       INSERT INTO snow SELECT seq, 1234567890123456789 + seq * 1000003, 12345678901234567890 + seq * 1000003 FROM seq_1_to_20;
       INSERT INTO snow VALUES (21, 9223372036854775807, 18446744073709551615);`,
      { tables: { snow: { columns: { flake: 'digits', uflake: 'digits' } } } },
    );
    expect(r.stderr).toBe('');
    expect(r.restoreError, 'the masked dump must restore in strict mode').toBeUndefined();
    const rows = await sql('SELECT flake, uflake FROM snow', r.db);
    expect(rows).toHaveLength(21);
    for (const [flake, uflake] of rows) {
      expect(flake).toMatch(/^\d{19}$/);
      expect(uflake).toMatch(/^\d{20}$/);
    }
  });

  describe('a template with {{tag}} on a narrow UNIQUE column: a rules error or distinct values, never a cut-off tag', () => {
    const setup = (width: number) =>
      `CREATE TABLE acct (id INT PRIMARY KEY, first_name VARCHAR(40), last_name VARCHAR(40), login VARCHAR(${width}) UNIQUE);
       INSERT INTO acct SELECT seq, CONCAT('F', seq), CONCAT('L', seq), CONCAT('login', seq) FROM seq_1_to_5000;`;
    const rules = {
      tables: {
        acct: {
          columns: {
            first_name: 'first-name',
            last_name: 'last-name',
            login: { transformer: 'template', template: '{{masked.first_name|slug}}.{{masked.last_name|slug}}.{{tag}}' },
          },
        },
      },
    };

    it('VARCHAR(16) cannot hold the 17-character tag: a rules error before any data', async () => {
      const r = await my.roundTrip(setup(16), rules);
      expect(r.restoreError, 'a masked dump that fails at restore').toBeUndefined();
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('RULES_TYPE_MISMATCH');
      expect(r.stderr).toContain('{{tag}} needs 17 characters');
    });

    it('VARCHAR(24): the names are shortened, the tag stays whole, the 5000 logins stay distinct', async () => {
      const r = await my.roundTrip(setup(24), rules);
      expect(r.code).toBe(0);
      expect(r.restoreError, 'a masked dump that fails at restore').toBeUndefined();
      const logins = (await sql('SELECT login FROM acct', r.db)).map(([login]) => login);
      expect(logins).toHaveLength(5000);
      expect(new Set(logins).size).toBe(5000);
      for (const login of logins) expect(login).toMatch(/^[a-z0-9]*\.[a-z0-9]*\.[a-kmnp-z2-9]{17}$/);
    });
  });
});
