import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runVeil } from '../integration/helpers/veil.js';
import { generated, readJson, scratch } from './helpers.js';

/** Per table of a COPY dump: rows, and non-NULL values per column (what the report must say). */
function copyFacts(dump: string): Map<string, { rows: number; nonNull: Record<string, number> }> {
  const facts = new Map<string, { rows: number; nonNull: Record<string, number> }>();
  const lines = dump.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^COPY (\S+) \(([^)]*)\) FROM stdin;$/.exec(lines[i]);
    if (!m) continue;
    const columns = m[2].split(', ');
    const t = { rows: 0, nonNull: Object.fromEntries(columns.map((c) => [c, 0])) as Record<string, number> };
    for (i++; lines[i] !== '\\.'; i++) {
      t.rows++;
      lines[i].split('\t').forEach((v, k) => {
        if (v !== '\\N' && v !== '') t.nonNull[columns[k]]++; // NULL and '' stay as they are
      });
    }
    facts.set(m[1], t);
  }
  return facts;
}

describe('--report', () => {
  it('matches the dump: bytes, rows of every table (also those without rules), values masked per column, rules hit', async () => {
    const dump = generated('postgres', 'copy', '3MB');
    const report = join(scratch, 'report-pg.json');
    const out = join(scratch, 'report-pg.sql');
    const r = await runVeil(['bench/rules/postgres-typical.json', '-i', dump.path, '-o', out, '--seed', 's', '--report', report]);
    expect(r.code, r.stderr).toBe(0);
    const rep = readJson(report);
    const facts = copyFacts(readFileSync(dump.path, 'utf8'));
    expect(rep.version).toBe(1);
    expect(rep.dialect).toBe('postgres');
    expect(rep.bytesIn).toBe(statSync(dump.path).size);
    expect(rep.inputBytes).toBe(statSync(dump.path).size);
    expect(rep.bytesOut).toBe(statSync(out).size);
    expect(rep.peakRssBytes).toBeGreaterThan(10 << 20);
    const rows = Object.fromEntries(rep.tables.map((t: { table: string; rows: number }) => [t.table, t.rows]));
    expect(rows).toEqual(Object.fromEntries([...facts].map(([k, f]) => [k, f.rows])));
    expect(rows).toEqual(Object.fromEntries(Object.entries(dump.rows).map(([k, n]) => [`public.${k}`, n])));
    const users = rep.tables.find((t: { table: string }) => t.table === 'public.users');
    const f = facts.get('public.users')!;
    expect(users.masked).toEqual({ email: f.nonNull.email, first_name: f.nonNull.first_name, last_name: f.nonNull.last_name, phone: f.nonNull.phone });
    expect(rep.rules.unused).toEqual([]);
    expect(rep.rules.hit).toEqual(expect.arrayContaining(['$.tables["public.users"]', '$.tables["public.users"].columns.email', '$.tables["public.orders"].columns.card_number']));
    const products = rep.coverage.find((t: { table: string }) => t.table === 'public.products');
    expect(products.rule).toEqual([]);
    expect(products.uncovered).toEqual(['id', 'sku', 'name', 'description', 'price']);
    expect(rep.warnings.map((w: { code: string; table?: string; column?: string }) => `${w.code} ${w.table}.${w.column ?? ''}`)).toEqual(
      expect.arrayContaining(['COLUMN_PII_SUSPECT public.users.birth_date', 'COLUMN_PII_SUSPECT public.orders.ip', 'COLUMN_UNCOVERED public.users.']),
    );
  });

  it('MySQL: rows of tables with rules, null where INSERTs of tables without rules were not counted', async () => {
    const dump = generated('mysql', 'extended', '2MB');
    const report = join(scratch, 'report-my.json');
    const r = await runVeil(['bench/rules/mysql-typical.json', '-i', dump.path, '--seed', 's', '--report', report, '-q']);
    expect(r.code, r.stderr).toBe(0);
    const rep = readJson(report);
    const rows = Object.fromEntries(rep.tables.map((t: { table: string; rows: number | null }) => [t.table.replace(/^shop\./, ''), t.rows]));
    expect(rows).toEqual({ audit_log: null, orders: dump.rows.orders, products: null, users: dump.rows.users });
    expect(rep.bytesOut).toBe(r.stdout.length);
  });

  it('--stats prints the one-screen summary on stderr; -q silences it', async () => {
    const r = await runVeil(['examples/postgres/rules.json', '-i', 'examples/postgres/shop.sql', '--seed', 's', '--stats']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^veil-stream: [\d.]+ kB in, [\d.]+ kB out, [\d.]+ s \([\d.]+ MB\/s\), peak RSS \d+ MiB$/m);
    expect(r.stderr).toContain('  public.customers: 40 rows; masked email 40, first_name 40');
    expect(r.stderr).toContain('  public.audit_log: truncated (50 rows)');
    expect(r.stderr).toContain('  rules: 70 matched, 0 unused; 0 columns without a rule');
    const q = await runVeil(['examples/postgres/rules.json', '-i', 'examples/postgres/shop.sql', '--seed', 's', '--stats', '-q']);
    expect(q.stderr).toBe('');
  });
});

describe('--report paths', () => {
  const SAMPLE = 'fixtures/pg-sample/input.sql';
  const RULES = 'fixtures/pg-sample/rules.json';

  it('a report that cannot be written fails before the dump is read: nothing on stdout, no -o file', async () => {
    const report = join(scratch, 'no-such-dir', 'report.json');
    const toStdout = await runVeil([RULES, '-i', SAMPLE, '--seed', 's', '--report', report]);
    expect(toStdout.code).toBe(1);
    expect(toStdout.stderr).toMatch(/^error IO_WRITE\n {2}cannot write .*report\.json: the directory .* does not exist\n {2}hint: check the --report path/);
    expect(toStdout.stdout.length).toBe(0);
    const out = join(scratch, 'never-report.sql');
    const toFile = await runVeil([RULES, '-i', SAMPLE, '--seed', 's', '--report', report, '-o', out]);
    expect(toFile.code).toBe(1);
    expect(existsSync(out)).toBe(false);
    const scan = await runVeil(['scan', '-i', SAMPLE, '--report', report]);
    expect(scan.code).toBe(1);
    expect(scan.stderr).toContain('error IO_WRITE');
    expect(scan.stdout.length).toBe(0);
  });

  it('a report that fails at the end (disk full) exits 1 but keeps the complete -o output, and says so', async () => {
    const expected = (await runVeil([RULES, '-i', SAMPLE, '--seed', 's'])).stdout;
    const out = join(scratch, 'kept.sql');
    const r = await runVeil([RULES, '-i', SAMPLE, '--seed', 's', '-q', '-o', out, '--report', '/dev/full']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error IO_WRITE');
    expect(r.stderr).toContain('cannot write /dev/full');
    expect(r.stderr).toContain(`the masked dump is complete: ${out} was written; only the report /dev/full is missing`);
    expect(r.stderr).not.toContain('incomplete');
    expect(readFileSync(out).equals(expected)).toBe(true);
    const rules = join(scratch, 'kept-rules.json');
    const scan = await runVeil(['scan', '-i', SAMPLE, '-q', '-o', rules, '--report', '/dev/full']);
    expect(scan.code).toBe(1);
    expect(scan.stderr).toContain(`${rules} was written; only the report /dev/full is missing`);
    expect(readJson(rules).tables).toBeDefined();
  });
});
