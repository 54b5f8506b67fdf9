import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createScratchDb, dropScratchDb, pgDump, psqlExec, query } from '../helpers/pg.js';
import { describeWithService } from '../helpers/services.js';
import { runVeil } from '../helpers/veil.js';
import { dump, loadFile, sql } from '../mysql/mariadb.js';

const dir = mkdtempSync(join(tmpdir(), 'veil-schema-'));
const file = (name: string, content: string): string => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};

describeWithService('PostgreSQL', '--schema: a data-only pg_dump masked with the schema from pg_dump -s', () => {
  let db = '';
  const dbs: string[] = [];
  beforeAll(async () => {
    db = await createScratchDb('schema');
    await psqlExec(
      db,
      `CREATE TABLE base (id int PRIMARY KEY, email text);
       CREATE TABLE child (tier int) INHERITS (base);
       CREATE TABLE ev (id int, email text) PARTITION BY RANGE (id);
       CREATE TABLE ev1 PARTITION OF ev FOR VALUES FROM (0) TO (100);
       INSERT INTO base VALUES (1, 'a@x.io'); INSERT INTO child VALUES (2, 'b@x.io', 1); INSERT INTO ev VALUES (5, 'c@x.io');`,
    );
    await pgDump(db, ['-a', '--inserts'], join(dir, 'data.sql'));
    await pgDump(db, ['-s'], join(dir, 'schema.sql'));
  });
  afterAll(async () => {
    for (const d of [db, ...dbs]) if (d) await dropScratchDb(d);
  });

  const rules = file('pg-rules.json', JSON.stringify({ tables: { base: { columns: { email: 'email' } }, ev: { columns: { email: 'email' } } } }));

  it('fails without the schema, naming the table whose columns it cannot place', async () => {
    const r = await runVeil([rules, '-i', join(dir, 'data.sql'), '--seed', 's']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('DUMP_UNKNOWN_COLUMNS');
    expect(r.stderr).toContain('public.base');
  });

  it('masks the parent, its inheritance child and its partition with the schema, and the result restores', async () => {
    const out = join(dir, 'masked.sql');
    const r = await runVeil([rules, '-i', join(dir, 'data.sql'), '--schema', join(dir, 'schema.sql'), '--seed', 's', '-q', '-o', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const masked = readFileSync(out, 'utf8');
    for (const original of ['a@x.io', 'b@x.io', 'c@x.io']) expect(masked).not.toContain(original);
    const target = await createScratchDb('schema-restore');
    dbs.push(target);
    await psqlExec(target, readFileSync(join(dir, 'schema.sql'), 'utf8'));
    await psqlExec(target, masked);
    const rows = await query<{ email: string }>(target, 'SELECT email FROM base UNION ALL SELECT email FROM ev ORDER BY 1');
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(row.email).toMatch(/@example\.com$/);
  });
});

describeWithService('MariaDB', '--schema: a --no-create-info mariadb-dump masked with the schema from --no-data', () => {
  const database = `veil_it_schema_${process.pid}`;
  beforeAll(async () => {
    await sql(`DROP DATABASE IF EXISTS ${database}; CREATE DATABASE ${database}`);
    await sql("CREATE TABLE people (id int PRIMARY KEY, email varchar(100), note text); INSERT INTO people VALUES (1, 'a@x.io', 'n1'), (2, 'b@x.io', NULL);", database);
    await dump('mariadb-dump', ['--no-create-info'], [database], join(dir, 'my-data.sql'), true);
    await dump('mariadb-dump', ['--no-data'], [database], join(dir, 'my-schema.sql'), true);
  });
  afterAll(async () => {
    await sql(`DROP DATABASE IF EXISTS ${database}; DROP DATABASE IF EXISTS ${database}_r`);
  });

  const rules = file('my-rules.json', JSON.stringify({ tables: { people: { columns: { email: 'email' } } } }));

  it('fails without the schema and masks with it; the result restores', async () => {
    const without = await runVeil([rules, '-i', join(dir, 'my-data.sql'), '--seed', 's']);
    expect(without.code).toBe(1);
    expect(without.stderr).toContain('DUMP_UNKNOWN_COLUMNS');
    const out = join(dir, 'my-masked.sql');
    const r = await runVeil([rules, '-i', join(dir, 'my-data.sql'), '--schema', join(dir, 'my-schema.sql'), '--seed', 's', '-q', '-o', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    await sql(`CREATE DATABASE ${database}_r`);
    await loadFile(join(dir, 'my-schema.sql'), `${database}_r`);
    await loadFile(out, `${database}_r`);
    const rows = await sql('SELECT email, note FROM people ORDER BY id', `${database}_r`);
    expect(rows.map((r) => r[1])).toEqual(['n1', 'NULL']);
    for (const [email] of rows) expect(email).toMatch(/@example\.com$/);
  });
});
