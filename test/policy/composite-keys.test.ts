import { describe, expect, it } from 'vitest';
import { Masker, type MaskOptions } from '../../src/mask.js';
import { validateRules } from '../../src/rules/load.js';
import { runSized, veilErrorOf } from '../helpers/run.js';
import { PG_FOOTER, PG_HEADER } from '../helpers/pg-dumps.js';
import { mariadbDump, phonesOf, shortPhone, staffDataOnly, staffDump, staffSchema } from '../helpers/key-dumps.js';

await Masker.prepare();
const secret = 'composite-keys-secret';
const path = (column: string, table = 'public.staff') => `$.tables["${table}"].columns.${column}`;
const rulesWith = (columns: Record<string, unknown>, table = 'public.staff') => validateRules({ tables: { [table]: { columns } } });
const run = (dump: string, options: Omit<MaskOptions, 'secret'>) => runSized(Buffer.from(dump), { secret, ...options }, 4096);
const key = (sql: string) => `\n${sql}\n`;
const mayCollide = (options: Parameters<typeof run>[1], dump: string) =>
  run(dump, options).summary.diagnostics.filter((d) => d.code === 'RULE_KEY_MAY_COLLIDE');

describe('a composite key: unique as a tuple', () => {
  const tenantPhone = key('ALTER TABLE ONLY public.staff\n    ADD CONSTRAINT staff_tenant_phone_key UNIQUE (tenant, phone);');
  const nickPhone = key('ALTER TABLE ONLY public.staff\n    ADD CONSTRAINT staff_nick_phone_key UNIQUE (nick, phone);');

  it('after the data, a part masked without unique mode beside a part left as it is: a warning, the run succeeds', () => {
    const { summary } = run(staffDump(50, tenantPhone), { rules: rulesWith({ phone: 'phone' }) });
    expect(summary.violation).toBeUndefined();
    const [d, ...rest] = summary.diagnostics.filter((x) => x.code === 'RULE_KEY_MAY_COLLIDE');
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ severity: 'warning', path: path('phone'), table: 'public.staff', column: 'phone' });
    expect(d.message).toContain('UNIQUE staff_tenant_phone_key (tenant, phone)');
    expect(d.message).toContain('two rows that share tenant');
    expect(d.message).toContain('add "unique": true');
  });

  it('after the data, every part masked by a rule that can collide: RULES_UNIQUE_UNDECLARED for each part', () => {
    const e = veilErrorOf(() => run(staffDump(50, nickPhone), { rules: rulesWith({ phone: 'phone', nick: 'first-name' }) }));
    expect(e.code).toBe('RULES_UNIQUE_UNDECLARED');
    expect(e.details.issues.map((i: { path: string }) => i.path)).toEqual([path('nick'), path('phone')]);
  });

  it('before the data (--schema), a part whose transformer can be unique gets unique mode: no finding, the same fakes as "unique": true', () => {
    const schema = Buffer.from(staffSchema(tenantPhone));
    const plain = run(staffDataOnly(3000), { rules: rulesWith({ phone: 'phone' }), schema });
    expect(plain.summary.diagnostics.filter((d) => d.code === 'RULE_KEY_MAY_COLLIDE')).toEqual([]);
    const unique = run(staffDataOnly(3000), { rules: rulesWith({ phone: { transformer: 'phone', unique: true } }), schema });
    expect(plain.output.equals(unique.output)).toBe(true);
    expect(new Set(phonesOf(plain.output.toString('utf8'))).size).toBe(3000);
  });

  it('before the data, a part whose transformer cannot be unique: a warning naming what keeps rows apart', () => {
    const schema = Buffer.from(staffSchema(nickPhone));
    const [d, ...rest] = mayCollide({ rules: rulesWith({ phone: 'phone', nick: 'first-name' }), schema }, staffDataOnly(20));
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ path: path('nick'), column: 'nick' });
    expect(d.message).toContain('two rows that share phone');
    expect(d.message).toContain('use a transformer that can be unique');
    // the line is one of the schema file's, and says so
    const line = staffSchema(nickPhone).split('\n').findIndex((l) => l.startsWith('ALTER TABLE ONLY public.staff')) + 1;
    expect(d.message).toContain(`UNIQUE staff_nick_phone_key (nick, phone) (--schema file, line ${line})`);
    // "unique": false says duplicates are fine
    expect(mayCollide({ rules: rulesWith({ phone: 'phone', nick: { transformer: 'first-name', unique: false } }), schema }, staffDataOnly(20))).toEqual([]);
  });

  it('before the data, no part can keep rows apart: RULES_TYPE_MISMATCH before the first data row', () => {
    const schema = Buffer.from(staffSchema(key('ALTER TABLE ONLY public.staff\n    ADD CONSTRAINT staff_nick_email_key UNIQUE (nick, email);')));
    const parts: Buffer[] = [];
    const m = new Masker({ rules: rulesWith({ nick: 'first-name', email: { transformer: 'mask', keepFirst: 2 } }), secret, schema }, (b) => parts.push(Buffer.from(b)));
    const e = veilErrorOf(() => {
      m.feed(Buffer.from(staffDataOnly(20)));
      m.end();
    });
    expect(e.code).toBe('RULES_TYPE_MISMATCH');
    expect(e.message).toContain('cannot keep its UNIQUE staff_nick_email_key (nick, email) unique');
    expect(e.details.path).toBe(path('nick'));
    expect(Buffer.concat(parts).toString('utf8')).not.toContain('\t');
  });

  it('a schema-only dump under check (no data at all) gets the same warnings', () => {
    const { summary } = run(staffSchema(nickPhone), { rules: rulesWith({ phone: 'phone', nick: 'first-name' }), dryRun: true, collectViolations: true });
    expect(summary.violation).toBeUndefined();
    expect(summary.diagnostics.filter((d) => d.code === 'RULE_KEY_MAY_COLLIDE').map((d) => d.path)).toEqual([path('nick')]);
  });
});

describe('partitions and NULLS NOT DISTINCT', () => {
  it('a partitioned table holds no rows: its partitions\' own keys are judged, once each', () => {
    const dump = `${PG_HEADER}
CREATE TABLE public.ev (
    phone text NOT NULL
)
PARTITION BY RANGE (phone);

CREATE TABLE public.ev1 (
    phone text NOT NULL
);

ALTER TABLE ONLY public.ev ATTACH PARTITION public.ev1 FOR VALUES FROM ('0') TO ('9');

COPY public.ev1 (phone) FROM stdin;
${Array.from({ length: 30 }, (_, i) => shortPhone(i + 1)).join('\n')}
\\.

ALTER TABLE ONLY public.ev
    ADD CONSTRAINT ev_pkey PRIMARY KEY (phone);

ALTER TABLE ONLY public.ev1
    ADD CONSTRAINT ev1_pkey PRIMARY KEY (phone);

ALTER INDEX public.ev_pkey ATTACH PARTITION public.ev1_pkey;
${PG_FOOTER}`;
    const e = veilErrorOf(() => run(dump, { rules: rulesWith({ phone: 'phone' }, 'public.ev') }));
    expect(e.code).toBe('RULES_UNIQUE_UNDECLARED');
    expect(e.details.issues).toHaveLength(1);
    expect(e.details.issues[0].path).toBe(path('phone', 'public.ev'));
    expect(e.details.issues[0].message).toContain('public.ev1.phone is in PRIMARY KEY ev1_pkey (phone)');
  });

  it('"null" on UNIQUE NULLS NOT DISTINCT collides (NULLs are equal there), on a plain UNIQUE it does not', () => {
    const nnd = key('ALTER TABLE ONLY public.staff\n    ADD CONSTRAINT staff_nick_key UNIQUE NULLS NOT DISTINCT (nick);');
    const e = veilErrorOf(() => run(staffDump(5, nnd), { rules: rulesWith({ nick: 'null' }) }));
    expect(e.code).toBe('RULES_UNIQUE_UNDECLARED');
    expect(e.details.issues[0].message).toContain('UNIQUE staff_nick_key (nick) NULLS NOT DISTINCT');
    expect(e.details.issues[0].hint).toContain('use a transformer that can be unique');
    const plain = key('ALTER TABLE ONLY public.staff\n    ADD CONSTRAINT staff_nick_key UNIQUE (nick);');
    expect(run(staffDump(5, plain), { rules: rulesWith({ nick: 'null' }) }).summary.violation).toBeUndefined();
  });
});

describe('MySQL dumps declare their keys before the data', () => {
  const rows = Array.from({ length: 3000 }, (_, i) => `(${i + 1},${i % 7},'${shortPhone(i + 1)}')`).join(',');
  const insert = `INSERT INTO \`staff\` VALUES ${rows};`;
  const table = (keys: string) =>
    `CREATE TABLE \`staff\` (\n  \`id\` int(11) NOT NULL,\n  \`tenant\` int(11) NOT NULL,\n  \`phone\` varchar(12) DEFAULT NULL,\n${keys}\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;`;
  const phones = (out: Buffer) => [...out.toString('utf8').matchAll(/\(\d+,\d+,'([^']*)'\)/g)].map((m) => m[1]);
  const rules = validateRules({ tables: { staff: { columns: { phone: 'phone' } } } });
  const uniqueRules = validateRules({ tables: { staff: { columns: { phone: { transformer: 'phone', unique: true } } } } });

  it('a UNIQUE KEY on the column: unique mode, distinct fakes, no finding', () => {
    const dump = mariadbDump(table('  PRIMARY KEY (`id`),\n  UNIQUE KEY `phone` (`phone`)'), insert);
    const { output, summary } = run(dump, { rules });
    expect(summary.violation).toBeUndefined();
    expect(summary.diagnostics.filter((d) => d.code === 'RULE_KEY_MAY_COLLIDE')).toEqual([]);
    expect(phones(output)).toHaveLength(3000);
    expect(new Set(phones(output)).size).toBe(3000);
    expect(output.equals(run(dump, { rules: uniqueRules }).output)).toBe(true);
  });

  it('a composite UNIQUE KEY: the masked part gets unique mode', () => {
    const dump = mariadbDump(table('  PRIMARY KEY (`id`),\n  UNIQUE KEY `tp` (`tenant`,`phone`)'), insert);
    const { output, summary } = run(dump, { rules });
    expect(summary.diagnostics.filter((d) => d.code === 'RULE_KEY_MAY_COLLIDE')).toEqual([]);
    expect(output.equals(run(dump, { rules: uniqueRules }).output)).toBe(true);
  });

  it('a composite PRIMARY KEY part whose transformer cannot be unique: a warning, not a rules error', () => {
    const dump = mariadbDump(table('  PRIMARY KEY (`id`,`phone`)'), insert);
    const d = mayCollide({ rules: validateRules({ tables: { staff: { columns: { phone: { transformer: 'mask', keepLast: 2 } } } } }) }, dump);
    expect(d.map((x) => [x.path, x.column])).toEqual([['$.tables.staff.columns.phone', 'phone']]);
    expect(d[0].message).toContain('PRIMARY KEY (id, phone)');
  });
});
