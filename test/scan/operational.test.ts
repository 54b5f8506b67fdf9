/**
 * Operational tables on a real pg_dump (a Laravel-style app): `scan` drafts "truncate" for its job
 * queue, failed jobs, sessions, tokens and cache, the masked dump restores with those tables empty and
 * the others whole, and a masking run whose rules copy such a table warns.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { describeWithService } from '../integration/helpers/services.js';
import { queryValue, restoreIntoFreshDb } from '../integration/helpers/pg.js';
import { dumpedPgDb } from '../integration/helpers/pg-dumped.js';
import { runVeil } from '../integration/helpers/veil.js';

const SCHEMA = `
CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL, email text NOT NULL UNIQUE, password text NOT NULL);
CREATE TABLE jobs (id bigserial PRIMARY KEY, queue text NOT NULL, payload text NOT NULL, attempts smallint NOT NULL,
  reserved_at integer, available_at integer NOT NULL, created_at integer NOT NULL);
CREATE TABLE failed_jobs (id bigserial PRIMARY KEY, uuid text UNIQUE, connection text, queue text, payload text, exception text, failed_at timestamp);
CREATE TABLE sessions (id text PRIMARY KEY, user_id bigint, ip_address text, user_agent text, payload text NOT NULL, last_activity integer NOT NULL);
CREATE TABLE personal_access_tokens (id bigserial PRIMARY KEY, tokenable_id bigint, name text, token text UNIQUE, abilities text);
CREATE TABLE cache (key text PRIMARY KEY, value text NOT NULL, expiration integer NOT NULL);
CREATE TABLE cache_locks (key text PRIMARY KEY, owner text NOT NULL, expiration integer NOT NULL);
CREATE TABLE billing_tasks (id bigserial PRIMARY KEY, handler text NOT NULL, run_at timestamptz NOT NULL, attempts int NOT NULL DEFAULT 0, locked_at timestamptz);
CREATE SCHEMA board;
CREATE TABLE board.jobs (id int PRIMARY KEY, title text, company text, salary int);
INSERT INTO users VALUES (1, 'Ada Byron', 'ada@shop.test', '$2y$10$abc'), (2, 'Alan Turing', 'alan@shop.test', '$2y$10$def');
INSERT INTO jobs (queue, payload, attempts, available_at, created_at)
  VALUES ('default', '{"job":"ChargeSubscription","data":{"user":"ada@shop.test","amount":4900}}', 0, 1700000000, 1700000000);
INSERT INTO failed_jobs (uuid, connection, queue, payload, exception, failed_at)
  VALUES ('0b5e', 'redis', 'mail', '{"to":"alan@shop.test"}', 'SMTP timeout', now());
INSERT INTO sessions VALUES ('s1', 1, '203.0.113.7', 'Mozilla/5.0', 'YTozOntzOjY6Il90b2tlbiI7', 1700000000);
INSERT INTO personal_access_tokens (tokenable_id, name, token) VALUES (1, 'cli', 'f3b1c9d2e8');
INSERT INTO cache VALUES ('user.1.profile', 's:9:"Ada Byron";', 1700000000);
INSERT INTO billing_tasks (handler, run_at) VALUES ('RenewSubscription:{"customer":"ada@shop.test"}', '2023-11-15 10:00+00');
INSERT INTO board.jobs VALUES (1, 'Barista', 'Cafe Nero', 24000), (2, 'Engineer', 'Acme', 90000);
`;

const OPERATIONAL = ['public.jobs', 'public.failed_jobs', 'public.sessions', 'public.personal_access_tokens', 'public.cache', 'public.cache_locks', 'public.billing_tasks'];

describeWithService('PostgreSQL', 'operational tables (job queues, sessions, tokens, caches) on a real pg_dump', () => {
  const pg = dumpedPgDb('operational', SCHEMA);
  /** The draft the first test writes and the others read. */
  const rulesFile = (): string => join(pg.work, 'draft.json');

  it('scan drafts "truncate" for them, with the reason, and column rules for the rest', async () => {
    const r = await runVeil(['scan', '-i', pg.dumpFile, '-o', rulesFile()]);
    expect(r.code, r.stderr).toBe(0);
    const rules = JSON.parse(await readFile(rulesFile(), 'utf8')) as { tables: Record<string, { truncate?: boolean; columns?: Record<string, unknown> }> };
    for (const t of OPERATIONAL) expect(rules.tables[t], t).toEqual({ truncate: true });
    expect(rules.tables['board.jobs'].columns).toBeDefined();
    expect(rules.tables['public.users'].columns?.email).not.toBe('keep');
    expect(r.stderr).toContain('public.jobs\n    all rows → truncate: a job queue: pending jobs would run again in staging');
    expect(r.stderr).toContain('public.billing_tasks\n    all rows → truncate: a job queue (by its columns handler, run_at, attempts): pending jobs');
  });

  it('check --strict passes on the draft, and the masked dump restores with those tables empty', async () => {
    const check = await runVeil(['check', rulesFile(), '-i', pg.dumpFile, '--strict']);
    expect(check.code, check.stderr).toBe(0);
    const masked = join(pg.work, 'masked.sql');
    const r = await runVeil([rulesFile(), '-i', pg.dumpFile, '-o', masked, '--seed', 'ops']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('TABLE_OPERATIONAL_KEPT');
    const text = await readFile(masked, 'utf8');
    for (const secret of ['ChargeSubscription', 'RenewSubscription', 'SMTP timeout', 'YTozOntzOjY6Il90b2tlbiI7', 'f3b1c9d2e8', 'Ada Byron']) expect(text).not.toContain(secret);
    const { db } = await restoreIntoFreshDb('operational_restore', masked);
    for (const t of OPERATIONAL) expect(Number(await queryValue(db, `SELECT count(*) FROM ${t}`)), t).toBe(0);
    expect(Number(await queryValue(db, 'SELECT count(*) FROM public.users'))).toBe(2);
    expect(await queryValue(db, 'SELECT string_agg(title, \',\' ORDER BY id) FROM board.jobs')).toBe('Barista,Engineer');
  });

  it('a masking run whose rules copy one warns, unless the rules say "truncate": false', async () => {
    const draft = JSON.parse(await readFile(rulesFile(), 'utf8')) as { strict: boolean; tables: Record<string, unknown> };
    const keep = (...cols: string[]) => ({ columns: Object.fromEntries(cols.map((c) => [c, 'keep'])) });
    const copying = {
      ...draft,
      tables: {
        ...draft.tables,
        'public.sessions': keep('id', 'user_id', 'ip_address', 'user_agent', 'payload', 'last_activity'),
        'public.cache_locks': keep('key', 'owner', 'expiration'), // empty: copied empty, nothing to warn about
      },
    };
    const f = join(pg.work, 'copying.json');
    await writeFile(f, JSON.stringify(copying));
    const r = await runVeil([f, '-i', pg.dumpFile, '-o', join(pg.work, 'copied.sql'), '--seed', 'ops']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('TABLE_OPERATIONAL_KEPT');
    expect(r.stderr).toContain('public.sessions looks like it holds sessions: live logins');
    expect(r.stderr).not.toContain('public.cache_locks looks like');
    const check = await runVeil(['check', f, '-i', pg.dumpFile]);
    expect(check.code, check.stderr).toBe(0);
    expect(check.stdout.toString()).toContain('public.sessions  (1 rows; rules: public.sessions)\n  keep       id, user_id, ip_address, user_agent, payload, last_activity\n  ! copied   holds sessions: live logins');
    expect(check.stderr).not.toContain('TABLE_OPERATIONAL_KEPT');
    const reviewed = { ...copying, tables: { ...copying.tables, 'public.sessions': { ...(copying.tables['public.sessions'] as object), truncate: false } } };
    await writeFile(f, JSON.stringify(reviewed));
    const quiet = await runVeil([f, '-i', pg.dumpFile, '-o', join(pg.work, 'copied.sql'), '--seed', 'ops']);
    expect(quiet.code, quiet.stderr).toBe(0);
    expect(quiet.stderr).not.toContain('TABLE_OPERATIONAL_KEPT');
  });
});
