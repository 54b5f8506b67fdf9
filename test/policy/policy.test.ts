import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runVeil } from '../integration/helpers/veil.js';
import { exampleRules, file, generated, readJson, scratch } from '../cli/helpers.js';

const TYPICAL_PG = readJson('bench/rules/postgres-typical.json');
const PG_SHOP = 'examples/postgres/shop.sql';
const MY_SHOP = 'examples/mysql/shop.sql';

/** COPY data rows are tab-separated; pg_dump's DDL and comments never hold a tab. */
const hasCopyRows = (out: Buffer) => out.includes(9);

describe('rules that match nothing are an error by default', () => {
  const dump = generated('postgres', 'copy', '4MB');

  it('fails a pg_dump run on a column typo before any data row is written, naming the rule by its JSON path', async () => {
    const rules = structuredClone(TYPICAL_PG);
    rules.tables['public.users'].columns.emial = rules.tables['public.users'].columns.email;
    delete rules.tables['public.users'].columns.email;
    const r = await runVeil([file('typo-column.json', rules), '-i', dump.path, '--seed', 's']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error RULES_UNUSED');
    expect(r.stderr).toContain('$.tables["public.users"].columns.emial: table "public.users" has no column "emial" (did you mean "email"?)');
    expect(r.stderr).toContain('stopped before the first data row');
    expect(r.stderr).toContain('the output is incomplete');
    expect(hasCopyRows(r.stdout)).toBe(false);
    expect(r.stdout.toString('utf8')).not.toMatch(/FROM stdin;\n./);
    // the same run with the escape hatch writes the whole dump (so the assertion above means something)
    const allowed = await runVeil([file('typo-column.json', rules), '-i', dump.path, '--seed', 's', '--allow-unused-rules']);
    expect(allowed.code).toBe(0);
    expect(hasCopyRows(allowed.stdout)).toBe(true);
    expect(allowed.stderr).toContain('warning RULES_UNUSED_COLUMN at $.tables["public.users"].columns.emial');
  });

  it('fails on a table typo at the first data block and leaves no -o file', async () => {
    const rules = structuredClone(TYPICAL_PG);
    rules.tables['public.order'] = rules.tables['public.orders'];
    delete rules.tables['public.orders'];
    const out = join(scratch, 'never-typo.sql');
    const r = await runVeil([file('typo-table.json', rules), '-i', dump.path, '--seed', 's', '-o', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('$.tables["public.order"]: no table in the dump matches the rule for "public.order" (did you mean "public.orders"?)');
    expect(r.stderr).toContain(`${out} was not written`);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(scratch).filter((n) => n.includes('veil-tmp'))).toEqual([]);
  });

  it('fails on a real pg_dump dump (the bundled sample) with the same early stop', async () => {
    const rules = readJson('fixtures/pg-sample/rules.json');
    rules.tables['public.customers'].columns.phone_number = 'phone';
    const r = await runVeil([file('sample-typo.json', rules), '-i', 'fixtures/pg-sample/input.sql', '--seed', 's']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('$.tables["public.customers"].columns.phone_number');
    expect(hasCopyRows(r.stdout)).toBe(false);
  });

  it('in a MySQL dump (CREATE TABLE and INSERTs interleaved) stops at the table for a schema-qualified key', async () => {
    const my = generated('mysql', 'extended', '4MB');
    const rules = readJson('bench/rules/mysql-typical.json');
    const key = Object.keys(rules.tables).find((k) => k.endsWith('users'))!;
    rules.tables['shop.users'] = rules.tables[key];
    if (key !== 'shop.users') delete rules.tables[key];
    rules.tables['shop.users'].columns.phone2 = 'phone';
    const r = await runVeil([file('my-typo.json', rules), '-i', my.path, '--seed', 's']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('$.tables["shop.users"].columns.phone2: table "shop.users" has no column "phone2"');
    expect(r.stderr).toContain('stopped before the first data row');
    expect(r.stdout.toString('latin1')).not.toContain('INSERT INTO `users`');
  });

  it('in a MySQL dump a bare key is decided at the end: exit 1, no -o file', async () => {
    const my = generated('mysql', 'extended', '4MB');
    const rules = readJson('bench/rules/mysql-typical.json');
    rules.tables.userz = { columns: { email: 'email' } };
    const out = join(scratch, 'never-my.sql');
    const r = await runVeil([file('my-bare-typo.json', rules), '-i', my.path, '--seed', 's', '-o', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('$.tables.userz: no table in the dump matches the rule for "userz" (did you mean "users"?)');
    expect(existsSync(out)).toBe(false);
  });
});

describe('strict: every column needs a rule or keep', () => {
  const withoutPhone = exampleRules('postgres', (t) => delete t['public.customers'].columns.phone);

  it('check --strict fails on an uncovered column, and passes once it is covered or kept', async () => {
    const r = await runVeil(['check', file('no-phone.json', withoutPhone), '-i', PG_SHOP]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error RULES_UNCOVERED_COLUMN');
    expect(r.stderr).toContain('$.tables["public.customers"].columns.phone: public.customers.phone has no rule and looks like personal data');
    expect(r.stdout.toString()).toMatch(/public\.customers[^\n]*\n(?:.*\n)*?  uncovered  phone\n  ! PII\?     phone: /);

    const kept = exampleRules('postgres', (t) => (t['public.customers'].columns.phone = 'keep'));
    expect((await runVeil(['check', file('keep-phone.json', kept), '-i', PG_SHOP])).code).toBe(0);
    const covered = exampleRules('postgres', () => {});
    const ok = await runVeil(['check', file('all.json', covered), '-i', PG_SHOP, '--strict']);
    expect(ok.code).toBe(0);
    expect(ok.stdout.toString()).toContain('0 columns without a rule; strict: ok');
  });

  it('the rules file\'s "strict" and --strict fail a masking run before any data row; without either it is a warning', async () => {
    const loose = { ...withoutPhone, strict: false };
    const viaFlag = await runVeil([file('loose.json', loose), '-i', PG_SHOP, '--seed', 's', '--strict']);
    const viaFile = await runVeil([file('no-phone.json', withoutPhone), '-i', PG_SHOP, '--seed', 's']);
    for (const r of [viaFlag, viaFile]) {
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('$.tables["public.customers"].columns.phone');
      expect(hasCopyRows(r.stdout)).toBe(false);
    }
    const warned = await runVeil([file('loose.json', loose), '-i', PG_SHOP, '--seed', 's']);
    expect(warned.code).toBe(0);
    expect(warned.stderr).toContain('warning COLUMN_UNCOVERED: public.customers: 1 column without a rule: phone');
    expect(warned.stderr).toMatch(/warning COLUMN_PII_SUSPECT: public\.customers\.phone has no rule and looks like personal data: the column name "phone" suggests phone numbers; \d+ of \d+ sampled values are phone numbers/);
  });

  it('MySQL: check --strict names the uncovered column too', async () => {
    const rules = exampleRules('mysql', (t) => delete t.payments.columns.iban);
    const r = await runVeil(['check', file('my-no-iban.json', rules), '-i', MY_SHOP, '--json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout.toString());
    expect(report.ok).toBe(false);
    expect(report.error.issues.map((i: { path: string }) => i.path)).toEqual(['$.tables.payments.columns.iban']);
    const payments = report.tables.find((t: { table: string }) => t.table.endsWith('payments'));
    const iban = payments.columns.find((c: { column: string }) => c.column === 'iban');
    expect(iban.status).toBe('uncovered');
    expect(iban.pii.map((g: { by: string }) => g.by).sort()).toEqual(['name', 'values']);
  });
});

describe('PII suspects in any mode', () => {
  it('flags an uncovered column by its sampled values when its name says nothing', async () => {
    // rename orders.contact_email to "ref": only its values give it away
    const dump = readFileSync(PG_SHOP, 'utf8').replaceAll('contact_email', 'ref');
    const rules = exampleRules('postgres', (t) => delete t['public.orders'].columns.contact_email);
    const r = await runVeil([file('ref.json', { ...rules, strict: false }), '--seed', 's'], { input: dump });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/warning COLUMN_PII_SUSPECT: public\.orders\.ref has no rule and looks like personal data: 80 of 80 sampled values are email addresses/);
    const none = await runVeil([file('ref.json', { ...rules, strict: false }), '--seed', 's', '--sample-rows', '0'], { input: dump });
    expect(none.stderr).not.toContain('public.orders.ref has no rule and looks like');
  });

  it('keep marks a column as reviewed: covered, and its values pass unchanged', async () => {
    const kept = exampleRules('postgres', (t) => (t['public.customers'].columns.phone = 'keep'));
    const r = await runVeil([file('keep.json', kept), '-i', PG_SHOP, '--seed', 's', '-q']);
    expect(r.code).toBe(0);
    expect(r.stdout.toString()).toContain('+44 20 7946 0101');
    expect(r.stdout.toString()).not.toContain('customer1@mail.example');
  });
});
