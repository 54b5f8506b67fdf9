/**
 * "rolePasswords": "drop" on a real `pg_dumpall --roles-only`: a login role with a password, dumped,
 * masked, dropped and restored from the masked dump (its own statements only: the dump also alters
 * the server's other roles) comes back able to log in, without a password hash.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { pgConnection, psqlExec, query } from '../helpers/pg.js';
import { runOk } from '../helpers/proc.js';
import { describeWithService } from '../helpers/services.js';
import { runVeil } from '../helpers/veil.js';

const ROLE = `veil_rp_${process.pid}`;

describeWithService('PostgreSQL', 'pg_dumpall role passwords dropped by "rolePasswords": "drop"', () => {
  let work = '';

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'veil-it-roles-'));
    await psqlExec('postgres', `DROP ROLE IF EXISTS ${ROLE}; CREATE ROLE ${ROLE} LOGIN PASSWORD 'production-secret';`);
  });

  afterAll(async () => {
    await psqlExec('postgres', `DROP ROLE IF EXISTS ${ROLE};`);
    if (work && !process.env.KEEP) await rm(work, { recursive: true, force: true });
  });

  it('restores the role without its password hash, its other attributes kept', async () => {
    const { host, port, user } = pgConnection();
    const dump = join(work, 'roles.sql');
    const masked = join(work, 'masked.sql');
    const rules = join(work, 'rules.json');
    await runOk('pg_dumpall', ['-h', host, '-p', port, '-U', user, '--roles-only'], { stdoutFile: dump });
    const ours = (text: string) => text.split('\n').filter((l) => new RegExp(`^(CREATE|ALTER) ROLE ${ROLE}\\b`).test(l));
    expect(ours(await readFile(dump, 'utf8')).join('\n')).toMatch(/LOGIN .*PASSWORD 'SCRAM-SHA-256\$/);

    await writeFile(rules, JSON.stringify({ rolePasswords: 'drop', tables: {} }));
    const r = await runVeil([rules, '-i', dump, '-o', masked, '--seed', 'roles-seed', '--strict']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('ROLE_PASSWORDS_DROPPED');
    const statements = ours(await readFile(masked, 'utf8'));
    expect(statements).toHaveLength(2);
    expect(statements.join('\n')).not.toContain('PASSWORD');

    await psqlExec('postgres', `DROP ROLE ${ROLE};`);
    await psqlExec('postgres', statements.join('\n'));
    expect(await query('postgres', `SELECT rolpassword IS NULL AS no_password, rolcanlogin FROM pg_authid WHERE rolname = '${ROLE}'`)).toEqual([
      { no_password: true, rolcanlogin: true },
    ]);
  });
});
