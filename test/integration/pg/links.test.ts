/**
 * What a real pg_dump tells the restored copy to connect to: a postgres_fdw server, its user mapping
 * with a password, a logical-replication subscription. veil-stream copies them as they are and warns
 * of each (EXTERNAL_LINK), naming passwords without showing them; "links": "cut" takes the mapping
 * and the subscription out, and the masked dump restores.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createScratchDb, dropOwnScratchDbs, pgDump, psql, psqlExec, query, restoreIntoFreshDb } from '../helpers/pg.js';
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

  it('"links": "cut": the masked dump restores with no user mapping and no subscription, and its foreign table reaches nothing', async () => {
    const dumpFile = join(work, 'dump-cut.sql');
    const masked = join(work, 'masked-cut.sql');
    const rules = join(work, 'cut.json');
    await pgDump(source, [], dumpFile);
    await writeFile(rules, JSON.stringify({ links: 'cut', tables: {} }));
    const r = await runVeil([rules, '-i', dumpFile, '-o', masked, '--seed', 'links-seed', '--strict']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('LINKS_CUT');
    expect(r.stderr).not.toContain('EXTERNAL_LINK');
    const { db } = await restoreIntoFreshDb('links-cut', masked);
    expect(await query(db, 'SELECT srvname FROM pg_foreign_server')).toEqual([{ srvname: 'prod_srv' }]);
    expect(await query(db, 'SELECT count(*)::int AS n FROM pg_user_mappings')).toEqual([{ n: 0 }]);
    expect(await query(db, 'SELECT count(*)::int AS n FROM pg_subscription WHERE subdbid = (SELECT oid FROM pg_database WHERE datname = current_database())')).toEqual([{ n: 0 }]);
    await psqlExec(db, 'CREATE FOREIGN TABLE far (id int) SERVER prod_srv;');
    await expect(psql(db, ['-c', 'SELECT * FROM far'])).rejects.toThrow(/user mapping not found/);
  });
});
