/**
 * A partitioned job queue on a real pg_dump, laid out as pg-boss 10 lays out its own: the jobs live in
 * partitions of pgboss.job named by a hash, and the parent itself holds no row. A run that copies them
 * warns for each partition (pointing at the parent's rule), `scan` drafts "truncate" once, on the
 * parent, and the masked dump restores with every partition empty.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { describeWithService } from '../integration/helpers/services.js';
import { queryValue, restoreIntoFreshDb } from '../integration/helpers/pg.js';
import { dumpedPgDb } from '../integration/helpers/pg-dumped.js';
import { runVeil } from '../integration/helpers/veil.js';

const SCHEMA = `
CREATE SCHEMA pgboss;
CREATE TABLE pgboss.job (id uuid NOT NULL, name text NOT NULL, data jsonb, state text NOT NULL DEFAULT 'created',
  retry_count int NOT NULL DEFAULT 0, start_after timestamptz NOT NULL DEFAULT now()) PARTITION BY LIST (name);
CREATE TABLE pgboss.j3f1c0a PARTITION OF pgboss.job FOR VALUES IN ('renewals');
CREATE TABLE pgboss.j9b27e4 PARTITION OF pgboss.job FOR VALUES IN ('newsletter');
CREATE TABLE pgboss.j5d5d5d PARTITION OF pgboss.job FOR VALUES IN ('idle');
CREATE TABLE customers (id int PRIMARY KEY, email text NOT NULL);
INSERT INTO customers VALUES (1, 'ada@shop.test');
INSERT INTO pgboss.job (id, name, data) VALUES
  ('8e0c5a0e-98d4-4d9c-9d43-5b7c8f3f0a01', 'renewals', '{"customer":"ada@shop.test","amount":4900}'),
  ('8e0c5a0e-98d4-4d9c-9d43-5b7c8f3f0a02', 'newsletter', '{"to":"ada@shop.test"}');
`;

describeWithService('PostgreSQL', 'a partitioned job queue (pg-boss 10 layout) on a real pg_dump', () => {
  const pg = dumpedPgDb('queue_partitions', SCHEMA);

  it('a run that copies the partitions warns for each one that has rows, at the path of the parent', async () => {
    const rules = join(pg.work, 'copying.json');
    await writeFile(rules, JSON.stringify({ tables: { 'public.customers': { columns: { email: 'email' } } } }));
    const reportFile = join(pg.work, 'report.json');
    const r = await runVeil([rules, '-i', pg.dumpFile, '-o', join(pg.work, 'copied.sql'), '--seed', 'q', '--report', reportFile]);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(await readFile(reportFile, 'utf8')) as { diagnostics: { code: string; table?: string; path?: string; message: string }[] };
    const kept = report.diagnostics.filter((d) => d.code === 'TABLE_OPERATIONAL_KEPT');
    expect(kept.map((d) => d.table).sort()).toEqual(['pgboss.j3f1c0a', 'pgboss.j9b27e4']); // (the idle partition and the parent hold no row)
    for (const d of kept) {
      expect(d.path).toBe('$.tables["pgboss.job"].truncate');
      expect(d.message).toContain('looks like a job queue (part of pgboss.job): pending jobs would run again');
      expect(d.message).toContain('add "truncate": true to the table rule of pgboss.job');
    }
    // reviewed on the parent: no warning for its partitions
    await writeFile(rules, JSON.stringify({ tables: { 'public.customers': { columns: { email: 'email' } }, 'pgboss.job': { truncate: false } } }));
    const reviewed = await runVeil([rules, '-i', pg.dumpFile, '-o', join(pg.work, 'copied.sql'), '--seed', 'q']);
    expect(reviewed.code, reviewed.stderr).toBe(0);
    expect(reviewed.stderr).not.toContain('TABLE_OPERATIONAL_KEPT');
  });

  it('scan drafts "truncate" on the parent only, and the masked dump restores with every partition empty', async () => {
    const draft = join(pg.work, 'draft.json');
    const r = await runVeil(['scan', '-i', pg.dumpFile, '-o', draft]);
    expect(r.code, r.stderr).toBe(0);
    const rules = JSON.parse(await readFile(draft, 'utf8')) as { tables: Record<string, unknown> };
    expect(rules.tables['pgboss.job']).toEqual({ truncate: true });
    for (const p of ['pgboss.j3f1c0a', 'pgboss.j9b27e4', 'pgboss.j5d5d5d']) expect(rules.tables[p], p).toBeUndefined();
    const masked = join(pg.work, 'masked.sql');
    const m = await runVeil([draft, '-i', pg.dumpFile, '-o', masked, '--seed', 'q']);
    expect(m.code, m.stderr).toBe(0);
    expect(m.stderr).not.toContain('TABLE_OPERATIONAL_KEPT');
    expect(await readFile(masked, 'utf8')).not.toContain('4900');
    const { db } = await restoreIntoFreshDb('queue_partitions_restore', masked);
    expect(Number(await queryValue(db, 'SELECT count(*) FROM pgboss.job'))).toBe(0);
    expect(Number(await queryValue(db, 'SELECT count(*) FROM public.customers'))).toBe(1);
  });
});

describeWithService('PostgreSQL', 'a partitioned job queue that a kept table references (pg_dump)', () => {
  const pg = dumpedPgDb('queue_partitions_fk', `
CREATE SCHEMA pgboss;
CREATE TABLE pgboss.job (id uuid NOT NULL, name text NOT NULL, data jsonb, retry_count int NOT NULL DEFAULT 0,
  start_after timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (name, id)) PARTITION BY LIST (name);
CREATE TABLE pgboss.j3f1c0a PARTITION OF pgboss.job FOR VALUES IN ('renewals');
CREATE TABLE receipts (id int PRIMARY KEY, job_name text, job_id uuid, FOREIGN KEY (job_name, job_id) REFERENCES pgboss.job (name, id));
INSERT INTO pgboss.job (id, name, data) VALUES ('8e0c5a0e-98d4-4d9c-9d43-5b7c8f3f0a01', 'renewals', '{"amount":4900}');
INSERT INTO receipts VALUES (1, 'renewals', '8e0c5a0e-98d4-4d9c-9d43-5b7c8f3f0a01');
`);

  it('scan empties neither the parent nor its partitions, says why once, and the draft restores', async () => {
    const draft = join(pg.work, 'draft.json');
    const r = await runVeil(['scan', '-i', pg.dumpFile, '-o', draft]);
    expect(r.code, r.stderr).toBe(0);
    const rules = JSON.parse(await readFile(draft, 'utf8')) as { tables: Record<string, { truncate?: boolean }> };
    expect(rules.tables['pgboss.job']?.truncate).toBeUndefined();
    expect(rules.tables['pgboss.j3f1c0a']?.truncate).toBeUndefined();
    expect(r.stderr).toContain('NOT DRAFTED: truncate (a job queue');
    expect(r.stderr.match(/NOT DRAFTED/g)).toHaveLength(1);
    const masked = join(pg.work, 'masked.sql');
    const m = await runVeil([draft, '-i', pg.dumpFile, '-o', masked, '--seed', 'q']);
    expect(m.code, m.stderr).toBe(0);
    const { db } = await restoreIntoFreshDb('queue_partitions_fk_restore', masked);
    expect(Number(await queryValue(db, 'SELECT count(*) FROM public.receipts'))).toBe(1);
  });
});
