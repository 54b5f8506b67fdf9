/**
 * What a real pg_dump tells the restored copy to connect to: a postgres_fdw server, its user mapping
 * with a password, a logical-replication subscription. veil-stream copies them as they are and warns
 * of each (EXTERNAL_LINK), naming passwords without showing them.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createScratchDb, dropOwnScratchDbs, pgDump, psqlExec } from '../helpers/pg.js';
import { describeWithService } from '../helpers/services.js';
import { runVeil } from '../helpers/veil.js';

describeWithService('PostgreSQL', 'links to other servers in a real pg_dump', () => {
  let work = '';
  let source = '';

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'veil-it-links-'));
    source = await createScratchDb('links');
    await psqlExec(
      source,
      `CREATE EXTENSION postgres_fdw;
       CREATE SERVER prod_srv FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host 'db.prod.example', dbname 'shop');
       CREATE USER MAPPING FOR CURRENT_USER SERVER prod_srv OPTIONS (user 'app', password 's3cret');
       SET client_min_messages = error;
       CREATE SUBSCRIPTION veil_sub CONNECTION 'host=db.prod.example dbname=shop password=x' PUBLICATION pub WITH (connect = false, slot_name = NONE);`,
    );
  });

  afterAll(async () => {
    // (a database with a subscription cannot be dropped)
    if (source) await psqlExec(source, 'DROP SUBSCRIPTION IF EXISTS veil_sub;');
    await dropOwnScratchDbs();
    if (work && !process.env.KEEP) await rm(work, { recursive: true, force: true });
  });

  it('warns of the server, the mapping\'s password and the subscription, and copies them as they are', async () => {
    const dumpFile = join(work, 'dump.sql');
    await pgDump(source, [], dumpFile);
    const r = await runVeil(['check', 'test/integration/pg/no-rules.json', '-i', dumpFile]);
    const warnings = r.stderr.split('\n').filter((l) => l.includes('EXTERNAL_LINK'));
    expect(warnings).toHaveLength(3);
    expect(warnings[0]).toContain('foreign server prod_srv (postgres_fdw: host=db.prod.example dbname=shop)');
    expect(warnings[1]).toContain('holds a password');
    expect(warnings[2]).toContain('subscription veil_sub (host=db.prod.example dbname=shop)');
    expect(r.stderr).not.toContain('s3cret');
    const masked = await runVeil(['test/integration/pg/no-rules.json', '-i', dumpFile, '--seed', 'links-seed', '-q']);
    expect(masked.code).toBe(0);
    expect(masked.stdout.toString()).toContain("CREATE SUBSCRIPTION veil_sub CONNECTION 'host=db.prod.example dbname=shop password=x'");
  });
});
