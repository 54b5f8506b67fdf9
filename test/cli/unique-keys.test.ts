import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runVeil } from '../integration/helpers/veil.js';
import { phonesOf, staffDataOnly, staffDump, staffKeys, staffSchema } from '../helpers/key-dumps.js';
import { file, scratch } from './helpers.js';

const dump = file('staff.sql', staffDump(3000));
const schema = file('staff-schema.sql', staffSchema());
const rules = file('staff-rules.json', { tables: { 'public.staff': { columns: { phone: 'phone', nick: 'keep', email: 'email' } } } });
const PHONE = '$.tables["public.staff"].columns.phone';

describe('mask: a UNIQUE declared after the data, on a column masked without unique mode', () => {
  it('exits 1 with RULES_UNIQUE_UNDECLARED naming table, column, constraint, rule path and the fixes; -o is not written', async () => {
    const out = join(scratch, 'never-staff.sql');
    const r = await runVeil([rules, '-i', dump, '--seed', 's', '-o', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error RULES_UNIQUE_UNDECLARED');
    expect(r.stderr).toContain(`- ${PHONE}: public.staff.phone is in UNIQUE staff_phone_key (phone) (line `);
    expect(r.stderr).toContain('hint: add "unique": true to the rule, or pass --schema with a schema-only dump (pg_dump -s)');
    expect(r.stderr).toContain(`${out} was not written`);
    expect(existsSync(out)).toBe(false);
  });

  it('on stdout the data has gone out, but the exit code fails the pipeline', async () => {
    const r = await runVeil([rules, '-i', dump, '--seed', 's']);
    expect(r.code).toBe(1);
    expect(phonesOf(r.stdout.toString('utf8'))).toHaveLength(3000);
    expect(r.stderr).toContain('the output is incomplete');
  });

  it('passes with --schema FILE (pg_dump -s), and the phones are distinct', async () => {
    const out = join(scratch, 'staff-with-schema.sql');
    const r = await runVeil([rules, '-i', dump, '--schema', schema, '--seed', 's', '-o', out]);
    expect(r.stderr).not.toContain('RULES_UNIQUE_UNDECLARED');
    expect(r.code).toBe(0);
    const phones = phonesOf(readFileSync(out, 'utf8'));
    expect(phones).toHaveLength(3000);
    expect(new Set(phones).size).toBe(3000);
  });

  it('passes with "unique": true in the rule, with the same output as with --schema', async () => {
    const uniqueRules = file('staff-unique.json', { tables: { 'public.staff': { columns: { phone: { transformer: 'phone', unique: true }, nick: 'keep', email: 'email' } } } });
    const r = await runVeil([uniqueRules, '-i', dump, '--seed', 's']);
    expect(r.code).toBe(0);
    const withSchema = await runVeil([rules, '-i', dump, '--schema', schema, '--seed', 's']);
    expect(r.stdout.equals(withSchema.stdout)).toBe(true);
  });

  it('a data-only dump with --schema: unique mode from the schema file', async () => {
    const data = file('staff-data.sql', staffDataOnly(3000));
    const r = await runVeil([rules, '-i', data, '--schema', schema, '--seed', 's']);
    expect(r.code).toBe(0);
    expect(new Set(phonesOf(r.stdout.toString('utf8'))).size).toBe(3000);
  });

  it('a composite key that may collide is a warning on stderr; the run succeeds', async () => {
    const composite = file('staff-composite.sql', staffDump(50, '\nALTER TABLE ONLY public.staff\n    ADD CONSTRAINT staff_tenant_phone_key UNIQUE (tenant, phone);\n'));
    const r = await runVeil([rules, '-i', composite, '--seed', 's']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`warning RULE_KEY_MAY_COLLIDE at ${PHONE}: public.staff.phone is part of UNIQUE staff_tenant_phone_key (tenant, phone)`);
  });
});

describe('check reads the whole dump and reports the same finding', () => {
  it('exits 1 with the same error and the FAIL verdict, and passes with --schema', async () => {
    const r = await runVeil(['check', rules, '-i', dump]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error RULES_UNIQUE_UNDECLARED');
    expect(r.stderr).toContain(`- ${PHONE}: public.staff.phone is in UNIQUE staff_phone_key (phone)`);
    expect(r.stdout.toString('utf8')).toMatch(/FAIL \(1 masked column of a PRIMARY KEY \/ UNIQUE declared after the data can get duplicate fakes\)/);
    const ok = await runVeil(['check', rules, '-i', dump, '--schema', schema]);
    expect(ok.stderr).not.toContain('RULES_UNIQUE_UNDECLARED');
    expect(ok.code).toBe(0);
  });

  it('--json carries the error with its issues', async () => {
    const r = await runVeil(['check', rules, '-i', dump, '--json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout.toString('utf8'));
    expect(report.ok).toBe(false);
    expect(report.error.code).toBe('RULES_UNIQUE_UNDECLARED');
    expect(report.error.issues).toEqual([expect.objectContaining({ code: 'RULES_UNIQUE_UNDECLARED', path: PHONE })]);
  });

  it('a unique index on a column masked by a transformer that cannot be unique', async () => {
    const withIndex = file('staff-index.sql', staffDump(10, staffKeys('\nCREATE UNIQUE INDEX staff_nick ON public.staff USING btree (nick);\n')));
    const nickRules = file('staff-nick.json', { tables: { 'public.staff': { columns: { nick: 'first-name' } } } });
    const r = await runVeil(['check', nickRules, '-i', withIndex]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('$.tables["public.staff"].columns.nick: public.staff.nick is in unique index staff_nick (nick)');
    expect(r.stderr).toContain('use a transformer that can be unique');
  });
});

describe('scan sees the keys pg_dump writes after the data', () => {
  it('drafts "unique": true for a unique phone column, and the draft masks the dump without --schema', async () => {
    const draft = join(scratch, 'staff-draft.json');
    const s = await runVeil(['scan', '-i', dump, '-o', draft]);
    expect(s.code, s.stderr).toBe(0);
    const rules = JSON.parse(readFileSync(draft, 'utf8'));
    expect(rules.tables['public.staff'].columns.phone).toEqual({ transformer: 'phone', unique: true });
    const r = await runVeil([draft, '-i', dump, '--seed', 's']);
    expect(r.code, r.stderr).toBe(0);
    expect(new Set(phonesOf(r.stdout.toString('utf8'))).size).toBe(3000);
  });
});
