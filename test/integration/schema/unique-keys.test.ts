import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createScratchDb, dropOwnScratchDbs, pgDump, psqlExec, query, restoreIntoFreshDb } from '../helpers/pg.js';
import { describeWithService } from '../helpers/services.js';
import { runVeil } from '../helpers/veil.js';
import { dump as myDump, loadFile, sql } from '../mysql/mariadb.js';

const dir = mkdtempSync(join(tmpdir(), 'veil-unique-'));
const at = (name: string) => join(dir, name);
const ROWS = 3000;

/**
 * pg_dump writes PRIMARY KEY / UNIQUE constraints and unique indexes after the data. Phones of five
 * digits ("12-345") leave 10^5 fakes: 3000 phones masked without unique mode collide (about 45 pairs),
 * so a run that did not know the column is unique would write a dump that fails at restore.
 */
describeWithService('PostgreSQL', 'UNIQUE columns in pg_dump dumps (keys after the data): masked fakes stay distinct', () => {
  let db = '';
  const rules = (phone: unknown) => {
    const path = at(`rules-${JSON.stringify(phone).replace(/\W+/g, '_')}.json`);
    writeFileSync(
      path,
      JSON.stringify({
        tables: {
          'public.staff': { columns: { phone, name: 'full-name' } },
          'Sales.Contacts': { columns: { Mobile: phone } },
        },
      }),
    );
    return path;
  };

  beforeAll(async () => {
    db = await createScratchDb('unique');
    await psqlExec(
      db,
      `CREATE TABLE staff (id int PRIMARY KEY, phone varchar(12) UNIQUE, name text);
       INSERT INTO staff SELECT i, substr(lpad(i::text, 5, '0'), 1, 2) || '-' || substr(lpad(i::text, 5, '0'), 3), 'Person ' || i
         FROM generate_series(1, ${ROWS}) AS i;
       CREATE SCHEMA "Sales";
       CREATE TABLE "Sales"."Contacts" ("Id" int PRIMARY KEY, "Mobile" text);
       CREATE UNIQUE INDEX "Contacts_Mobile_idx" ON "Sales"."Contacts" ("Mobile");
       INSERT INTO "Sales"."Contacts" SELECT i, '0' || (1000 + i)::text FROM generate_series(1, 200) AS i;`,
    );
    await pgDump(db, [], at('full.sql'));
    await pgDump(db, ['-s'], at('schema.sql'));
    await pgDump(db, ['-a'], at('data.sql'));
  });

  afterAll(async () => {
    await dropOwnScratchDbs();
  });

  const distinctPhones = async (target: string) => {
    const [row] = await query<{ n: number; distinct: number; kept: number }>(
      target,
      `SELECT count(*)::int AS n, count(DISTINCT phone)::int AS distinct,
              count(*) FILTER (WHERE phone = substr(lpad(id::text, 5, '0'), 1, 2) || '-' || substr(lpad(id::text, 5, '0'), 3))::int AS kept
         FROM staff`,
    );
    return row;
  };

  it('the dump really has its keys after the data', () => {
    const full = readFileSync(at('full.sql'), 'utf8');
    expect(full.indexOf('ADD CONSTRAINT staff_phone_key UNIQUE (phone)')).toBeGreaterThan(full.indexOf('COPY public.staff'));
    expect(full.indexOf('CREATE UNIQUE INDEX "Contacts_Mobile_idx" ON "Sales"."Contacts"')).toBeGreaterThan(full.indexOf('COPY "Sales"."Contacts"'));
  });

  it('(a) with --schema from pg_dump -s, the masked dump restores with ON_ERROR_STOP and the phones are distinct', async () => {
    const out = at('masked-schema.sql');
    const r = await runVeil([rules('phone'), '-i', at('full.sql'), '--schema', at('schema.sql'), '--seed', 's', '-q', '-o', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const { db: target } = await restoreIntoFreshDb('unique-schema', out);
    expect(await distinctPhones(target)).toEqual({ n: ROWS, distinct: ROWS, kept: expect.any(Number) });
    expect((await distinctPhones(target)).kept).toBeLessThan(ROWS / 100);
    const [mobiles] = await query<{ n: number; distinct: number }>(target, 'SELECT count(*)::int AS n, count(DISTINCT "Mobile")::int AS distinct FROM "Sales"."Contacts"');
    expect(mobiles).toEqual({ n: 200, distinct: 200 });
  });

  it('(a) a data-only dump masked with --schema loads into the schema (constraints already in place)', async () => {
    const out = at('masked-data.sql');
    const r = await runVeil([rules('phone'), '-i', at('data.sql'), '--schema', at('schema.sql'), '--seed', 's', '-q', '-o', out]);
    expect(r.code).toBe(0);
    const target = await createScratchDb('unique-data');
    await psqlExec(target, readFileSync(at('schema.sql'), 'utf8'));
    await psqlExec(target, readFileSync(out, 'utf8'));
    expect((await distinctPhones(target)).distinct).toBe(ROWS);
  });

  it('(b) without --schema the run fails with RULES_UNIQUE_UNDECLARED, and the output it would have written does not restore', async () => {
    const out = at('masked-none.sql');
    const r = await runVeil([rules('phone'), '-i', at('full.sql'), '--seed', 's', '-o', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error RULES_UNIQUE_UNDECLARED');
    expect(r.stderr).toContain('$.tables["public.staff"].columns.phone: public.staff.phone is in UNIQUE staff_phone_key (phone)');
    expect(r.stderr).toContain('$.tables["Sales.Contacts"].columns.Mobile: Sales.Contacts.Mobile is in unique index Contacts_Mobile_idx (Mobile)');
    expect(r.stderr).toContain('pg_dump -s');
    expect(r.stderr).toContain(`${out} was not written`);
    // the same run on stdout: the dump it writes fails at restore on the duplicate key
    const stdout = await runVeil([rules('phone'), '-i', at('full.sql'), '--seed', 's']);
    expect(stdout.code).toBe(1);
    const file = at('masked-none-stdout.sql');
    writeFileSync(file, stdout.stdout);
    await expect(restoreIntoFreshDb('unique-none', file)).rejects.toThrow(/could not create unique index "staff_phone_key"/);
  });

  it('(b) check reads the whole dump and fails the same way', async () => {
    const r = await runVeil(['check', rules('phone'), '-i', at('full.sql')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error RULES_UNIQUE_UNDECLARED');
  });

  it('(c) with "unique": true in the rules the dump restores without --schema', async () => {
    const out = at('masked-unique.sql');
    const r = await runVeil([rules({ transformer: 'phone', unique: true }), '-i', at('full.sql'), '--seed', 's', '-q', '-o', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const { db: target } = await restoreIntoFreshDb('unique-rule', out);
    expect((await distinctPhones(target)).distinct).toBe(ROWS);
  });
});

describeWithService('MariaDB', 'UNIQUE columns in mariadb-dump dumps (keys inside CREATE TABLE, before the data)', () => {
  const database = `veil_it_unique_${process.pid}`;
  beforeAll(async () => {
    await sql(`DROP DATABASE IF EXISTS ${database}; CREATE DATABASE ${database}`);
    await sql(
      `CREATE TABLE staff (id int PRIMARY KEY, tenant int NOT NULL, phone varchar(12), UNIQUE KEY phone (phone), UNIQUE KEY tenant_phone (tenant, phone));
       INSERT INTO staff SELECT seq, seq % 7, CONCAT(SUBSTR(LPAD(seq, 5, '0'), 1, 2), '-', SUBSTR(LPAD(seq, 5, '0'), 3)) FROM seq_1_to_${ROWS};`,
      database,
    );
    await myDump('mariadb-dump', [], [database], at('my-full.sql'), true);
  });
  afterAll(async () => {
    await sql(`DROP DATABASE IF EXISTS ${database}; DROP DATABASE IF EXISTS ${database}_r`);
  });

  it('a plain "phone" rule masks in unique mode: no finding, and the dump restores with distinct phones', async () => {
    const rulesFile = at('my-rules.json');
    writeFileSync(rulesFile, JSON.stringify({ tables: { staff: { columns: { phone: 'phone' } } } }));
    const out = at('my-masked.sql');
    const r = await runVeil([rulesFile, '-i', at('my-full.sql'), '--seed', 's', '-q', '-o', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    await sql(`CREATE DATABASE ${database}_r`);
    await loadFile(out, `${database}_r`);
    const [[n, distinct, kept]] = await sql(
      "SELECT COUNT(*), COUNT(DISTINCT phone), SUM(phone = CONCAT(SUBSTR(LPAD(id, 5, '0'), 1, 2), '-', SUBSTR(LPAD(id, 5, '0'), 3))) FROM staff",
      `${database}_r`,
    );
    expect([Number(n), Number(distinct)]).toEqual([ROWS, ROWS]);
    expect(Number(kept)).toBeLessThan(ROWS / 100);
  });
});
