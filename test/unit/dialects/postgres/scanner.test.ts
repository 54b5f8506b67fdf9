import { describe, expect, it } from 'vitest';
import { Masker } from '../../../../src/mask.js';
import { validateRules } from '../../../../src/rules/load.js';
import { NO_RULES, runSized, veilErrorOf } from '../../../helpers/run.js';
import { PG_FOOTER, PG_HEADER, TRICKY_DUMP, TRICKY_RULES } from '../../../helpers/pg-dumps.js';

await Masker.prepare();
const rules = validateRules(TRICKY_RULES);
const opts = { rules, secret: 'unit-test-secret' };
const run = (dump: string, o = opts, size = 1 << 16) => runSized(Buffer.from(dump), o, size);
const text = (dump: string, o = opts) => run(dump, o).output.toString('utf8');

describe('PostgreSQL scanner', () => {
  const out = text(TRICKY_DUMP);

  it('masks ruled COPY columns and leaves every other byte as it was', () => {
    expect(out).not.toContain('ann@example.org');
    expect(out).toContain('\tsad\n');
    expect(out).toContain('3\t\\N\t');
    const before = TRICKY_DUMP.split('COPY public.users')[0];
    expect(out.startsWith(before)).toBe(true);
  });

  it('keeps NULL as NULL in COPY and INSERT', () => {
    expect(out).toMatch(/\n2\t[^\t]+@example\.com\t[^\t]+\t\\N\t\\N\n/);
    expect(out).toContain("'sad') ON CONFLICT DO NOTHING;");
  });

  it('does not treat COPY/INSERT text inside function bodies, comments or BEGIN ATOMIC as data', () => {
    expect(out).toContain("INSERT INTO public.users VALUES ('not data; inside a body');");
    expect(out).toContain("INSERT INTO public.users (id, email) VALUES (99, 'atomic@x.io');");
    expect(out).toContain("COMMENT ON TABLE public.users IS 'it''s; a \"table\" with E''scapes\\';");
  });

  it('masks INSERT values, including multi-row INSERTs and E-strings', () => {
    expect(out).not.toMatch(/carl@example|dee@example|eve@example/);
    expect(out).toMatch(/INSERT INTO public\.users VALUES \(4, '[^']+@example\.com', '[^']+', 'e\*+', 'ok'\);/);
    expect(out).toContain("'Dee'".length ? '(5, ' : '');
  });

  it('maps the same email to the same fake in every table, partitions included', () => {
    const fakes = [...out.matchAll(/\b1\t([^\t]+@example\.com)\t/g)].map((m) => m[1]);
    expect(fakes.length).toBe(2);
    expect(fakes[0]).toBe(fakes[1]);
    expect(out).toContain(`5\t${fakes[0]}\n`);
  });

  it('drops the rows of truncated tables but keeps their COPY block and statements around', () => {
    expect(out).toContain('COPY public.audit (id, payload) FROM stdin;\n\\.\n');
    expect(out).not.toContain('secret stuff');
    expect(out).not.toContain('more; secret');
    expect(out).toContain("SELECT pg_catalog.setval('public.seq', 42, true);");
  });

  it('reports per-table rows and masked values', () => {
    const { summary } = run(TRICKY_DUMP);
    const users = summary.tables.find((t) => t.table === 'public.users')!;
    expect(users.rows).toBe(6);
    expect(users.masked.email).toBe(5);
    expect(summary.tables.find((t) => t.table === 'public.events_1')?.masked.email).toBe(1);
  });

  it('reports rules that matched nothing', () => {
    const r = validateRules({ tables: { 'public.userz': { columns: { email: 'email' } }, 'public.users': { columns: { emial: 'email' } } } });
    const { summary } = run(TRICKY_DUMP, { rules: r, secret: 'unit-test-secret' });
    const codes = summary.diagnostics.map((d) => `${d.code} ${d.path}`);
    expect(codes).toContain('RULES_UNUSED_TABLE $.tables["public.userz"]');
    expect(codes).toContain('RULES_UNUSED_COLUMN $.tables["public.users"].columns.emial');
  });

  it('passes the dump through byte for byte when no rule applies', () => {
    expect(run(TRICKY_DUMP, { rules: NO_RULES, secret: 'x' }).output.toString('utf8')).toBe(TRICKY_DUMP);
  });
});

describe('PostgreSQL scanner errors', () => {
  const err = (dump: string) => veilErrorOf(() => run(dump));

  it('fails on COPY data without the end marker, naming the table and line', () => {
    const e = err(`${PG_HEADER}COPY public.t (a) FROM stdin;\n1\n2\n`);
    expect(e.code).toBe('DUMP_UNTERMINATED_COPY');
    expect(e.details.table).toBe('public.t');
    expect(e.details.position.line).toBeGreaterThan(10);
  });

  it('fails on a COPY row with the wrong number of fields', () => {
    const r = validateRules({ tables: { t: { columns: { a: 'email' } } } });
    const e = veilErrorOf(() => run(`${PG_HEADER}COPY public.t (a, b) FROM stdin;\nx\ty\nonly-one\n\\.\n${PG_FOOTER}`, { rules: r, secret: 's' }));
    expect(e.code).toBe('DUMP_COPY_FIELD_COUNT');
    expect(e.details.row).toBe(2);
    expect(e.details.position.line).toBe(12);
  });

  it('fails on an unterminated string', () => {
    expect(err(`${PG_HEADER}INSERT INTO public.x VALUES ('abc);\n`).code).toBe('DUMP_UNTERMINATED_STRING');
  });

  it('fails on a statement cut off before its semicolon', () => {
    expect(err(`${PG_HEADER}CREATE TABLE public.x (a int)`).code).toBe('DUMP_UNTERMINATED_STATEMENT');
  });

  it('fails on a pg_dump dump that lost its footer', () => {
    expect(err(`${PG_HEADER}CREATE TABLE public.x (a int);\n`).code).toBe('DUMP_TRUNCATED');
  });

  it('fails when a ruled INSERT has no column list and no CREATE TABLE was seen', () => {
    const r = validateRules({ tables: { t: { columns: { a: 'email' } } } });
    const e = veilErrorOf(() => run(`${PG_HEADER}INSERT INTO public.t VALUES ('x');\n${PG_FOOTER}`, { rules: r, secret: 's' }));
    expect(e.code).toBe('DUMP_UNKNOWN_COLUMNS');
    expect(e.details.table).toBe('public.t');
  });

  it('fails on an INSERT tuple with the wrong number of values', () => {
    const r = validateRules({ tables: { t: { columns: { a: 'email' } } } });
    const e = veilErrorOf(() => run(`${PG_HEADER}INSERT INTO public.t (a, b) VALUES ('x', 1), ('y');\n${PG_FOOTER}`, { rules: r, secret: 's' }));
    expect(e.code).toBe('DUMP_INSERT_FIELD_COUNT');
  });

  it('fails on CSV COPY data of a ruled table instead of guessing', () => {
    const r = validateRules({ tables: { t: { columns: { a: 'email' } } } });
    const e = veilErrorOf(() => run(`${PG_HEADER}COPY public.t (a) FROM stdin WITH (FORMAT csv);\nx\n\\.\n${PG_FOOTER}`, { rules: r, secret: 's' }));
    expect(e.code).toBe('DUMP_UNSUPPORTED_COPY_FORMAT');
  });

  it('fails on a row larger than the field cap', () => {
    const r = validateRules({ tables: { t: { columns: { a: 'email' } } } });
    const dump = `${PG_HEADER}COPY public.t (a) FROM stdin;\nsmall\n${'x'.repeat(300_000)}\n\\.\n${PG_FOOTER}`;
    const e = veilErrorOf(() => runSized(Buffer.from(dump), { rules: r, secret: 's', fieldCap: 100_000 }, 16_384));
    expect(e.code).toBe('DUMP_FIELD_TOO_LARGE');
    expect(e.details.table).toBe('public.t');
  });

  it('names the line and row of a value a transformer rejects (invalid JSON)', () => {
    const r = validateRules({ tables: { t: { columns: { doc: { transformer: 'json', paths: { '$.email': 'email' } } } } } });
    const dump = `${PG_HEADER}COPY public.t (id, doc) FROM stdin;\n1\t{"email": "a@b.c"}\n2\t{not json\n\\.\n${PG_FOOTER}`;
    const e = veilErrorOf(() => run(dump, { rules: r, secret: 's' }));
    expect(e.code).toBe('DUMP_VALUE_REJECTED');
    expect(e.details.position.line).toBe(12);
    expect(e.details.row).toBe(2);
    expect(e.details.column).toBe('doc');
  });

  it('refuses templates that read each other in a cycle', () => {
    const r = validateRules({
      tables: { t: { columns: { a: { transformer: 'template', template: '{{masked.b}}x' }, b: { transformer: 'template', template: '{{masked.a}}y' } } } },
    });
    const dump = `${PG_HEADER}COPY public.t (a, b) FROM stdin;\n1\t2\n\\.\n${PG_FOOTER}`;
    const e = veilErrorOf(() => run(dump, { rules: r, secret: 's' }));
    expect(e.code).toBe('RULES_INVALID');
    expect(e.message).toContain('cycle');
  });
});

