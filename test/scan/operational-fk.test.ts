/**
 * Operational tables that kept tables reference by a foreign key: `scan` does not draft "truncate" for
 * them (the restore would break), a chain of operational tables is emptied together, and a rules file
 * that truncates a referenced table is warned about. Real pg_dump and mariadb-dump output.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithService } from '../integration/helpers/services.js';
import { restoreIntoFreshDb } from '../integration/helpers/pg.js';
import { dumpedPgDb } from '../integration/helpers/pg-dumped.js';
import { dump as mariaDump, sql } from '../integration/mysql/mariadb.js';
import { runVeil } from '../integration/helpers/veil.js';

type Rules = { tables: Record<string, { truncate?: boolean; columns?: Record<string, unknown> }> };

const PG_SCHEMA = `
CREATE TABLE sessions (id text PRIMARY KEY, user_id bigint, payload text NOT NULL, last_activity integer NOT NULL);
CREATE TABLE carts (id int PRIMARY KEY, session_id text REFERENCES sessions (id), total int);
CREATE TABLE oauth_access_tokens (id text PRIMARY KEY, user_id bigint, revoked boolean);
CREATE TABLE oauth_refresh_tokens (id text PRIMARY KEY, access_token_id text REFERENCES oauth_access_tokens (id), revoked boolean);
INSERT INTO sessions VALUES ('s1', 1, 'YTozOntz', 1700000000);
INSERT INTO carts VALUES (1, 's1', 4900);
INSERT INTO oauth_access_tokens VALUES ('at1', 1, false);
INSERT INTO oauth_refresh_tokens VALUES ('rt1', 'at1', false);
`;

describeWithService('PostgreSQL', 'operational tables referenced by foreign keys (pg_dump)', () => {
  const pg = dumpedPgDb('operational_fk', PG_SCHEMA);

  it('scan keeps a table that a kept table references, says why, and empties a chain of operational tables together', async () => {
    const rulesFile = join(pg.work, 'draft.json');
    const r = await runVeil(['scan', '-i', pg.dumpFile, '-o', rulesFile]);
    expect(r.code, r.stderr).toBe(0);
    const rules = JSON.parse(await readFile(rulesFile, 'utf8')) as Rules;
    expect(rules.tables['public.sessions'].truncate).toBeUndefined();
    expect(rules.tables['public.sessions'].columns).toBeDefined();
    expect(rules.tables['public.oauth_access_tokens']).toEqual({ truncate: true });
    expect(rules.tables['public.oauth_refresh_tokens']).toEqual({ truncate: true });
    expect(r.stderr).toContain('public.sessions\n    all rows → kept: NOT DRAFTED: truncate (holds sessions: live logins whose payloads hold personal data): public.carts references it by a foreign key');
    const masked = join(pg.work, 'masked.sql');
    const m = await runVeil([rulesFile, '-i', pg.dumpFile, '-o', masked, '--seed', 'fk']);
    expect(m.code, m.stderr).toBe(0);
    await restoreIntoFreshDb('operational_fk_draft', masked);
  });

  it('a rules file that truncates a referenced table is warned about, and its restore does fail', async () => {
    const rulesFile = join(pg.work, 'truncating.json');
    await writeFile(rulesFile, JSON.stringify({ tables: { 'public.sessions': { truncate: true } } }));
    const masked = join(pg.work, 'truncated.sql');
    const r = await runVeil([rulesFile, '-i', pg.dumpFile, '-o', masked, '--seed', 'fk']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('warning TRUNCATE_BREAKS_REFERENCE at $.tables["public.sessions"].truncate: public.sessions is truncated, but public.carts references it by a foreign key and keeps its rows: the restore fails on that constraint');
    const check = await runVeil(['check', rulesFile, '-i', pg.dumpFile]);
    expect(check.stdout.toString()).toContain('  ! breaks   public.carts keep rows that reference it by a foreign key');
    await expect(restoreIntoFreshDb('operational_fk_broken', masked)).rejects.toThrow(/carts_session_id_fkey/);
  });
});

describeWithService('MariaDB', 'operational tables referenced by foreign keys (mariadb-dump)', () => {
  const db = `veil_opfk_${process.pid}`;
  let work = '';
  let dumpFile = '';

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'veil-operational-fk-my-'));
    await sql(`DROP DATABASE IF EXISTS ${db}; CREATE DATABASE ${db}; USE ${db};
      CREATE TABLE sessions (id varchar(40) PRIMARY KEY, user_id bigint, payload text NOT NULL, last_activity int NOT NULL) ENGINE=InnoDB;
      CREATE TABLE carts (id int PRIMARY KEY, session_id varchar(40), total int, CONSTRAINT carts_session FOREIGN KEY (session_id) REFERENCES sessions (id)) ENGINE=InnoDB;
      CREATE TABLE failed_jobs (id bigint PRIMARY KEY, queue text, payload longtext, exception longtext, failed_at timestamp NULL) ENGINE=InnoDB;
      INSERT INTO sessions VALUES ('s1', 1, 'YTozOntz', 1700000000);
      INSERT INTO carts VALUES (1, 's1', 4900);
      INSERT INTO failed_jobs VALUES (1, 'mail', '{"to":"alan@shop.test"}', 'SMTP timeout', NULL);`);
    dumpFile = join(work, 'app.sql');
    await mariaDump('mariadb-dump', [], [db], dumpFile);
  });

  afterAll(async () => {
    await sql(`DROP DATABASE IF EXISTS ${db}`);
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('scan keeps the referenced sessions table and empties the failed jobs; truncating sessions anyway is warned about', async () => {
    const rulesFile = join(work, 'draft.json');
    const r = await runVeil(['scan', '-i', dumpFile, '-o', rulesFile]);
    expect(r.code, r.stderr).toBe(0);
    const rules = JSON.parse(await readFile(rulesFile, 'utf8')) as Rules;
    expect(rules.tables.sessions.truncate).toBeUndefined();
    expect(rules.tables.failed_jobs).toEqual({ truncate: true });
    expect(r.stderr).toContain('NOT DRAFTED: truncate (holds sessions: live logins whose payloads hold personal data): carts references it by a foreign key');
    const truncating = join(work, 'truncating.json');
    await writeFile(truncating, JSON.stringify({ tables: { sessions: { truncate: true } } }));
    const m = await runVeil([truncating, '-i', dumpFile, '-o', join(work, 'out.sql'), '--seed', 'fk']);
    expect(m.code, m.stderr).toBe(0);
    expect(m.stderr).toContain(`${db}.sessions is truncated, but ${db}.carts references it by a foreign key and keeps its rows: their references are left pointing to no row`);
  });
});
