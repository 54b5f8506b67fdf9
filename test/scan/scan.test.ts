/**
 * `veil-stream scan` on real dumps of the purpose-built test databases (test/integration/{pg,mysql}/tricky.sql):
 * a rule for every column holding personal data, `check --strict` passes on the draft, and the draft
 * masks the dump into one that restores.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithService } from '../integration/helpers/services.js';
import { createScratchDb, dropOwnScratchDbs, pgDump, psqlFile, restoreIntoFreshDb } from '../integration/helpers/pg.js';
import { dump as mariaDump, loadFile, sql } from '../integration/mysql/mariadb.js';
import { runVeil } from '../integration/helpers/veil.js';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/** Columns of tricky.sql (PostgreSQL) that hold personal data; rules of partitions and INHERITS children live on the parent. */
const PG_PII: Record<string, string[]> = {
  'public.users': ['email', 'first_name', 'last_name', 'phone', 'notes'],
  'public.Users': ['EmailAddress', 'FirstName'],
  'crm.users': ['email', 'first_name', 'phone'],
  'public.order': ['contact_email', 'shipping_address'],
  'Ünïcode.Customer Accounts': ['E-Mail', 'Full Name', 'Phone Number'],
  'Ünïcode.Kontakt-Person': ['Vorname', 'Nachname', 'E-Mail', 'Straße'],
  'public.Customer Accounts': ['E-Mail', 'Full Name', 'Phone Number'],
  'public.events': ['user_email'],
  'public.contacts_base': ['email', 'name', 'city'],
  'public.tricky_values': ['secret_code'],
  'public.audit_log': ['actor_email'],
};

/** The same for the MariaDB database (`a`) and its second database (`b`). */
const MY_PII: Record<string, string[]> = {
  'a.people': ['email', 'first_name', 'last_name', 'bio', 'note', 'phone', 'born'],
  'a.docs': ['doc', 'secret'],
  'a.net': ['ip6', 'ip4'],
  'a.orders': ['email'],
  'b.people': ['email', 'first_name'],
};

type Rules = { strict: boolean; tables: Record<string, { columns: Record<string, unknown> }> };

function missingRules(rules: Rules, expected: Record<string, string[]>, key = (k: string) => k): string[] {
  const missing: string[] = [];
  for (const [table, columns] of Object.entries(expected)) {
    for (const c of columns) {
      const rule = rules.tables[key(table)]?.columns[c];
      if (rule === undefined || rule === 'keep') missing.push(`${table}.${c} → ${JSON.stringify(rule)}`);
    }
  }
  return missing;
}

describeWithService('PostgreSQL', 'scan on a pg_dump of the purpose-built PostgreSQL database', () => {
  let work = '';
  let dumpFile = '';
  let rulesFile = '';
  let scan = { code: -1, stderr: '' };

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'veil-scan-pg-'));
    const db = await createScratchDb('scan');
    await psqlFile(db, here('../integration/pg/tricky.sql'));
    dumpFile = join(work, 'tricky.sql');
    rulesFile = join(work, 'draft.json');
    await pgDump(db, [], dumpFile);
    const r = await runVeil(['scan', '-i', dumpFile, '-o', rulesFile, '--report', join(work, 'scan.json')]);
    scan = { code: r.code, stderr: r.stderr };
  });

  afterAll(async () => {
    await dropOwnScratchDbs();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('suggests a rule for every column holding personal data, with its reasons', async () => {
    expect(scan.code, scan.stderr).toBe(0);
    const rules = JSON.parse(await readFile(rulesFile, 'utf8')) as Rules;
    expect(rules.strict).toBe(true);
    expect(missingRules(rules, PG_PII)).toEqual([]);
    // partitions and INHERITS children get the parent's rules, not rules of their own for those columns
    expect(rules.tables['public.events_2023']).toBeUndefined();
    expect(rules.tables['public.contacts_vip']?.columns).toEqual({ tier: 'keep' });
    expect(rules.tables['public.users'].columns.id).toBe('keep');
    const report = JSON.parse(await readFile(join(work, 'scan.json'), 'utf8'));
    const email = report.suggestions.find((s: { table: string; column: string }) => s.table === 'public.users' && s.column === 'email');
    expect(email.reasons.join(' ')).toMatch(/column name "email".*sampled values are email addresses/);
    expect(scan.stderr).toContain('public.users');
  });

  it('check --strict passes on the draft', async () => {
    const r = await runVeil(['check', rulesFile, '-i', dumpFile, '--strict']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.toString()).toContain('0 columns without a rule; strict: ok');
  });

  it('masks the dump with the draft into one that restores', async () => {
    const masked = join(work, 'masked.sql');
    const r = await runVeil([rulesFile, '-i', dumpFile, '-o', masked, '--seed', 'scan', '-q']);
    expect(r.code, r.stderr).toBe(0);
    const text = await readFile(masked, 'utf8');
    expect(text).not.toContain('user1@corp-1.test');
    await restoreIntoFreshDb('scan_restore', masked);
  });
});

describeWithService('MariaDB', 'scan on a mariadb-dump of the purpose-built MariaDB databases', () => {
  const a = `veil_scan_${process.pid}_a`;
  const b = `veil_scan_${process.pid}_b`;
  let work = '';
  let dumpFile = '';
  let rulesFile = '';
  let scan = { code: -1, stderr: '' };

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'veil-scan-my-'));
    // the suite's own database names, so it never races the restore suite over veil_tricky
    const source = (await readFile(here('../integration/mysql/tricky.sql'), 'utf8')).replace(/\bveil_tricky2\b/g, b).replace(/\bveil_tricky\b/g, a);
    const loaded = join(work, 'tricky.sql');
    await writeFile(loaded, source);
    await loadFile(loaded);
    dumpFile = join(work, 'tricky-dump.sql');
    rulesFile = join(work, 'draft.json');
    await mariaDump('mariadb-dump', ['--databases'], [a, b], dumpFile);
    const r = await runVeil(['scan', '-i', dumpFile, '-o', rulesFile]);
    scan = { code: r.code, stderr: r.stderr };
  });

  afterAll(async () => {
    await sql(`DROP DATABASE IF EXISTS \`${a}\`; DROP DATABASE IF EXISTS \`${b}\`; DROP DATABASE IF EXISTS \`${a}_r\`; DROP DATABASE IF EXISTS \`${b}_r\`;`);
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('suggests a rule for every column holding personal data', async () => {
    expect(scan.code, scan.stderr).toBe(0);
    const rules = JSON.parse(await readFile(rulesFile, 'utf8')) as Rules;
    expect(missingRules(rules, MY_PII, (k) => k.replace(/^a\./, `${a}.`).replace(/^b\./, `${b}.`))).toEqual([]);
    const doc = rules.tables[`${a}.docs`].columns.doc as { transformer: string; paths: Record<string, string> };
    expect(doc.transformer).toBe('json');
    expect(doc.paths['$.email']).toBe('email');
  });

  it('check --strict passes on the draft', async () => {
    const r = await runVeil(['check', rulesFile, '-i', dumpFile, '--strict']);
    expect(r.code, r.stderr).toBe(0);
  });

  it('masks the dump with the draft into one that restores', async () => {
    const masked = join(work, 'masked.sql');
    const r = await runVeil([rulesFile, '-i', dumpFile, '-o', masked, '--seed', 'scan', '-q']);
    expect(r.code, r.stderr).toBe(0);
    const text = (await readFile(masked, 'latin1')).replace(new RegExp(`\\b${b}\\b`, 'g'), `${b}_r`).replace(new RegExp(`\\b${a}\\b`, 'g'), `${a}_r`);
    expect(text).not.toContain('alice@example.com');
    const restore = join(work, 'restore.sql');
    await writeFile(restore, text, 'latin1');
    await loadFile(restore);
    const [[n]] = await sql(`SELECT COUNT(*) FROM \`${a}_r\`.orders`);
    expect(Number(n)).toBe(3000);
  });
});
