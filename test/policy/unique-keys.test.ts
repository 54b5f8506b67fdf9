import { describe, expect, it } from 'vitest';
import { Masker, type MaskOptions } from '../../src/mask.js';
import { validateRules } from '../../src/rules/load.js';
import { runChunks, runSized, veilErrorOf } from '../helpers/run.js';
import { phonesOf, shortPhone, staffDataOnly, staffDump, staffKeys, staffSchema } from '../helpers/key-dumps.js';

await Masker.prepare();
const secret = 'unique-keys-secret';
const PHONE = '$.tables["public.staff"].columns.phone';

const rulesWith = (columns: Record<string, unknown>, table = 'public.staff') => validateRules({ tables: { [table]: { columns } } });
const run = (dump: string, options: Omit<MaskOptions, 'secret'>) => runSized(Buffer.from(dump), { secret, ...options }, 4096);
const output = (dump: string, options: Omit<MaskOptions, 'secret'>) => run(dump, options).output.toString('utf8');

describe('a UNIQUE that pg_dump writes after the data, on a column masked without unique mode', () => {
  const dump = staffDump(3000);

  it('fails the run at the end with RULES_UNIQUE_UNDECLARED: table, column, constraint, line, rule path and hint', () => {
    const e = veilErrorOf(() => run(dump, { rules: rulesWith({ phone: 'phone' }) }));
    expect(e.code).toBe('RULES_UNIQUE_UNDECLARED');
    expect(e.details.path).toBe(PHONE);
    expect(e.details.hint).toContain('add "unique": true to the rule');
    expect(e.details.hint).toContain('--schema');
    expect(e.details.hint).toContain('pg_dump -s');
    const [issue, ...rest] = e.details.issues;
    expect(rest).toEqual([]);
    expect(issue.code).toBe('RULES_UNIQUE_UNDECLARED');
    expect(issue.path).toBe(PHONE);
    const line = dump.split('\n').findIndex((l) => l.startsWith('ALTER TABLE ONLY public.staff')) + 1;
    expect(issue.message).toContain(`public.staff.phone is in UNIQUE staff_phone_key (phone) (line ${line}), declared after the table's data`);
    expect(issue.message).toContain('"phone" without unique mode');
  });

  it('is not a false alarm: the fakes written before the key was read do collide', () => {
    const parts: Buffer[] = [];
    const m = new Masker({ rules: rulesWith({ phone: 'phone' }), secret }, (b) => parts.push(Buffer.from(b)));
    m.feed(Buffer.from(dump));
    expect(() => m.end()).toThrow();
    const phones = phonesOf(Buffer.concat(parts).toString('utf8'));
    expect(phones).toHaveLength(3000);
    expect(new Set(phones).size).toBeLessThan(3000);
  });

  it('is the same finding in a dry run that collects violations (check)', () => {
    const { summary } = run(dump, { rules: rulesWith({ phone: 'phone' }), dryRun: true, collectViolations: true, unusedRules: 'error' });
    expect(summary.violation?.code).toBe('RULES_UNIQUE_UNDECLARED');
    expect(summary.violation?.details.issues?.map((i) => i.path)).toEqual([PHONE]);
  });

  it('is the same however the dump is cut into chunks (1-byte chunks), for constraints and unique indexes', () => {
    const small = staffDump(20, staffKeys('\nCREATE UNIQUE INDEX staff_nick ON public.staff USING btree (nick);\n'));
    const bytes = Buffer.from(small);
    const rules = rulesWith({ phone: 'phone', nick: 'first-name' });
    const whole = veilErrorOf(() => runChunks(bytes, { rules, secret }, []));
    const cuts = Array.from({ length: bytes.length - 1 }, (_, i) => i + 1);
    const e = veilErrorOf(() => runChunks(bytes, { rules, secret }, cuts));
    expect(e.code).toBe('RULES_UNIQUE_UNDECLARED');
    expect(e.details.issues.map((i: { path: string }) => i.path)).toEqual([PHONE, '$.tables["public.staff"].columns.nick']);
    expect(e.details).toEqual(whole.details);
  });

  it('names the transformer-side fix when unique mode cannot help (first-name, phone with a format, a short hash)', () => {
    const nick = veilErrorOf(() => run(staffDump(10, staffKeys('\nCREATE UNIQUE INDEX staff_nick ON public.staff USING btree (nick);\n')), { rules: rulesWith({ nick: 'first-name' }) }));
    expect(nick.code).toBe('RULES_UNIQUE_UNDECLARED');
    expect(nick.details.issues[0].message).toContain('public.staff.nick is in unique index staff_nick (nick)');
    expect(nick.details.issues[0].hint).toContain('use a transformer that can be unique');
    for (const rule of [{ transformer: 'phone', format: '###-####' }, { transformer: 'hash', length: 16 }]) {
      const e = veilErrorOf(() => run(staffDump(10), { rules: rulesWith({ phone: rule }) }));
      expect(e.code).toBe('RULES_UNIQUE_UNDECLARED');
      expect(e.details.issues[0].hint).toContain('use a transformer that can be unique');
    }
  });

  it('reports every such column at once', () => {
    const keys = staffKeys('\nCREATE UNIQUE INDEX staff_nick ON public.staff USING btree (nick);\n');
    const e = veilErrorOf(() => run(staffDump(10, keys), { rules: rulesWith({ phone: 'phone', nick: 'first-name' }) }));
    expect(e.details.issues.map((i: { path: string }) => i.path)).toEqual([PHONE, '$.tables["public.staff"].columns.nick']);
    expect(e.message).toContain('2 masked columns');
  });

  it('names the other violations of the run beside it (an unused rule)', () => {
    const e = veilErrorOf(() => run(staffDump(10), { rules: rulesWith({ phone: 'phone', phnoe: 'phone' }), unusedRules: 'error', collectViolations: false }));
    // the unused rule stops the run at the first data block, before the key could be read
    expect(e.code).toBe('RULES_UNUSED');
    const { summary } = run(staffDump(10), { rules: rulesWith({ phone: 'phone', phnoe: 'phone' }), unusedRules: 'error', dryRun: true, collectViolations: true });
    expect(summary.violation?.code).toBe('RULES_UNUSED');
    expect(summary.violation?.details.issues?.map((i) => i.code)).toEqual(['RULES_UNUSED', 'RULES_UNIQUE_UNDECLARED']);
  });
});

describe('nothing to report when the column cannot collide', () => {
  const dump = staffDump(300, staffKeys('\nCREATE UNIQUE INDEX staff_email ON public.staff USING btree (email);\nCREATE INDEX staff_nick ON public.staff USING btree (nick);\n'));
  const clean = (columns: Record<string, unknown>, extra: Partial<MaskOptions> = {}) => {
    const { summary } = run(dump, { rules: rulesWith(columns), ...extra });
    expect(summary.violation).toBeUndefined();
    expect(summary.diagnostics.filter((d) => d.code === 'RULE_KEY_MAY_COLLIDE')).toEqual([]);
  };

  it('the rule says "unique": true (the digits are permuted)', () => {
    clean({ phone: { transformer: 'phone', unique: true } });
    const phones = phonesOf(output(staffDump(3000), { rules: rulesWith({ phone: { transformer: 'phone', unique: true } }) }));
    expect(new Set(phones).size).toBe(3000);
  });

  it('the rule says "unique": false (duplicates accepted)', () => clean({ phone: { transformer: 'phone', unique: false } }));

  it('transformers unique by construction: email, uuid, digits, format-preserving, hash of 32', () => {
    clean({ email: 'email', phone: 'digits' });
    clean({ email: 'uuid', phone: 'format-preserving' });
    clean({ email: 'hash' });
  });

  it('keep, no rule, a plain (non-unique) index, a truncated table', () => {
    clean({ phone: 'keep', nick: 'first-name' });
    const { summary } = run(dump, { rules: validateRules({ tables: { 'public.staff': { truncate: true, columns: { phone: 'phone' } } } }) });
    expect(summary.violation).toBeUndefined();
  });
});

describe('--schema: a schema-only dump gives the keys before the data', () => {
  const phoneRule = rulesWith({ phone: 'phone' });
  const uniqueRule = rulesWith({ phone: { transformer: 'phone', unique: true } });

  it('a data-only dump masks the UNIQUE column in unique mode: distinct fakes, the same as "unique": true', () => {
    const masked = output(staffDataOnly(3000), { rules: phoneRule, schema: Buffer.from(staffSchema()) });
    const phones = phonesOf(masked);
    expect(phones).toHaveLength(3000);
    expect(new Set(phones).size).toBe(3000);
    expect(phones.slice(0, 3)).not.toEqual([shortPhone(1), shortPhone(2), shortPhone(3)]);
    expect(masked).toBe(output(staffDataOnly(3000), { rules: uniqueRule, schema: Buffer.from(staffSchema()) }));
  });

  it('a full dump whose post-data section repeats the keys of the schema file: no finding', () => {
    const { summary, output: out } = run(staffDump(3000), { rules: phoneRule, schema: Buffer.from(staffSchema()) });
    expect(summary.violation).toBeUndefined();
    expect(new Set(phonesOf(out.toString('utf8'))).size).toBe(3000);
  });

  it('a CREATE UNIQUE INDEX and an expression index in the schema file count too', () => {
    const keys = `
CREATE UNIQUE INDEX staff_phone ON public.staff USING btree (phone);
CREATE UNIQUE INDEX staff_lower_nick ON public.staff USING btree (lower(nick));
`;
    const rules = rulesWith({ phone: 'phone', nick: { transformer: 'format-preserving' } });
    const masked = output(staffDataOnly(3000), { rules, schema: Buffer.from(staffSchema(keys)) });
    expect(new Set(phonesOf(masked)).size).toBe(3000);
    // first-name cannot be unique: known before the data, that is a rules error before any row
    const e = veilErrorOf(() => run(staffDataOnly(10), { rules: rulesWith({ nick: 'first-name' }), schema: Buffer.from(staffSchema(keys)) }));
    expect(e.code).toBe('RULES_TYPE_MISMATCH');
    expect(e.details.path).toBe('$.tables["public.staff"].columns.nick');
  });
});
