import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Masker, type MaskOptions } from '../../src/mask.js';
import { validateRules } from '../../src/rules/load.js';
import { InsertSkipper } from '../../src/scan/insert-skip.js';
import { NO_RULES, runChunks, runSized, veilErrorOf } from '../helpers/run.js';
import { PG_FOOTER, PG_HEADER, TRICKY_BODY, TRICKY_DUMP, TRICKY_RULES } from '../helpers/pg-dumps.js';

await Masker.prepare();
const secret = 'policy-unit-secret';
const withTypo = validateRules({ tables: { ...TRICKY_RULES.tables, 'public.users': { columns: { ...TRICKY_RULES.tables['public.users'].columns, emial: 'email' } } } });

/** Feed a dump and return what was emitted before the Masker threw (or all of it). */
function emittedUntilError(dump: string, options: MaskOptions): { out: string; error?: { code: string; details: Record<string, any> } } {
  const parts: Buffer[] = [];
  const m = new Masker(options, (b) => parts.push(Buffer.from(b)));
  try {
    const buf = Buffer.from(dump);
    for (let i = 0; i < buf.length; i += 512) m.feed(buf.subarray(i, i + 512));
    m.end();
    return { out: Buffer.concat(parts).toString() };
  } catch (e) {
    return { out: Buffer.concat(parts).toString(), error: e as { code: string; details: Record<string, any> } };
  }
}

describe('the policy in the core', () => {
  it('API default: unused rules are warnings in the summary', () => {
    const { summary } = runSized(Buffer.from(TRICKY_DUMP), { rules: withTypo, secret }, 4096);
    expect(summary.diagnostics.map((d) => `${d.severity} ${d.code} ${d.path}`)).toContain('warning RULES_UNUSED_COLUMN $.tables["public.users"].columns.emial');
    expect(summary.rules.unused).toEqual([{ path: '$.tables["public.users"].columns.emial', table: 'public.users', column: 'emial' }]);
    expect(summary.rules.hit).toContain('$.tables["public.users"].columns.email');
  });

  it('unusedRules "error" on a pg_dump dump: throws at the first data block, before any data row reaches the output', () => {
    const { out, error } = emittedUntilError(TRICKY_DUMP, { rules: withTypo, secret, unusedRules: 'error' });
    expect(error?.code).toBe('RULES_UNUSED');
    expect(error?.details.issues.map((i: { path: string }) => i.path)).toEqual(['$.tables["public.users"].columns.emial']);
    expect(out).not.toContain('ann@example.org');
    expect(out).not.toContain('\t');
    // placed where the run stopped: the first COPY's line
    const firstCopy = TRICKY_DUMP.split('\n').findIndex((l) => l.startsWith('COPY ')) + 1;
    expect(error?.details.position?.line).toBe(firstCopy);
  });

  it('a dump without the pg_dump header may declare tables after data: table typos wait for the end', () => {
    const rules = validateRules({ tables: { ...TRICKY_RULES.tables, 'public.late': { columns: { x: 'null' } } } });
    const handWritten = `SET client_encoding = 'UTF8';\n${TRICKY_BODY}\nCREATE TABLE public.late (x text);\nCOPY public.late (x) FROM stdin;\nv\n\\.\n`;
    const { error } = emittedUntilError(handWritten, { rules, secret, unusedRules: 'error' });
    expect(error).toBeUndefined();
    const typo = validateRules({ tables: { ...TRICKY_RULES.tables, 'public.lat': { columns: { x: 'null' } } } });
    const late = emittedUntilError(handWritten, { rules: typo, secret, unusedRules: 'error' });
    expect(late.error?.code).toBe('RULES_UNUSED');
    expect(late.out).toContain('\t'); // the data went out: the verdict came at the end
  });

  it('strict: uncovered columns fail at the first data block; keep covers a column without masking it', () => {
    const strict = emittedUntilError(TRICKY_DUMP, { rules: validateRules(TRICKY_RULES), secret, strict: true });
    expect(strict.error?.code).toBe('RULES_UNCOVERED_COLUMN');
    expect(strict.error?.details.position?.line).toBe(TRICKY_DUMP.split('\n').findIndex((l) => l.startsWith('COPY ')) + 1);
    const paths = strict.error?.details.issues.map((i: { path: string }) => i.path);
    expect(paths).toContain('$.tables["public.users"].columns.id');
    expect(paths).toContain('$.tables.order.columns.total');
    expect(strict.out).not.toContain('\t');
    const kept = validateRules({
      strict: true,
      tables: {
        ...TRICKY_RULES.tables,
        'public.users': { columns: { ...TRICKY_RULES.tables['public.users'].columns, id: 'keep', mood: 'keep' } },
        order: { columns: { contact_email: 'email', id: 'keep', total: 'keep' } },
        'public.events': { columns: { email: 'email', id: 'keep' } },
      },
    });
    const { summary, output } = runSized(Buffer.from(TRICKY_DUMP), { rules: kept, secret }, 4096);
    expect(summary.tables.find((t) => t.table === 'public.users')?.masked).not.toHaveProperty('id');
    const users = summary.coverage.find((t) => t.table === 'public.users')!;
    expect(users.columns.find((c) => c.column === 'id')?.status).toBe('keep');
    expect(output.toString()).toContain('\n2\t');
  });

  it('collects violations instead of throwing for check', () => {
    const { summary } = runChunks(Buffer.from(TRICKY_DUMP), { rules: withTypo, secret, dryRun: true, unusedRules: 'error', strict: true, collectViolations: true }, []);
    expect(summary.violation?.code).toBe('RULES_UNUSED');
    expect(summary.violation?.details.issues?.length).toBeGreaterThan(3);
    expect(summary.bytesOut).toBe(0);
  });

  it('sampling never changes the output: no rules → byte for byte, whatever the chunking', () => {
    const dump = Buffer.from(PG_HEADER + TRICKY_BODY + PG_FOOTER);
    fc.assert(
      fc.property(fc.array(fc.nat(dump.length), { maxLength: 12 }), (cuts) => {
        const { output } = runChunks(dump, { rules: NO_RULES, secret, sampleRows: 2 }, [...cuts].sort((a, b) => a - b));
        return output.equals(dump);
      }),
      { numRuns: 60 },
    );
    for (const f of ['default', 'skip-extended-insert', 'databases']) {
      const my = readFileSync(`test/unit/dialects/mysql/fixtures/dumps/mariadb-10.11.${f}.sql`);
      // (sampling ends inside a statement of several tuples: the rest of it streams through)
      fc.assert(
        fc.property(fc.array(fc.nat(my.length), { maxLength: 8 }), fc.integer({ min: 0, max: 4 }), (cuts, sampleRows) => {
          const { output } = runChunks(my, { rules: NO_RULES, secret, sampleRows }, [...cuts].sort((a, b) => a - b));
          return output.equals(my);
        }),
        { numRuns: 40 },
      );
    }
  });

  it('a table without rules is read only while it is sampled, also inside one INSERT holding the whole table', () => {
    // classic mysqldump writes a table's rows as one statement: past the sample it streams through, as
    // later statements do in mariadb-dump's layout (so the damaged 4th tuple is not read there)
    const my = Buffer.from(
      "/*!40101 SET NAMES utf8mb4 */;\nCREATE TABLE `t` (`id` int, `email` varchar(50));\nINSERT INTO `t` VALUES (1,'a@x.io'),(2,'b@x.io'),(3,'c@x.io'),(4),(5,'e@x.io');\n",
    );
    const opts = { rules: NO_RULES, secret, dialect: 'mysql' as const, database: 'd' };
    for (const size of [7, 64, my.length]) expect(runSized(my, { ...opts, sampleRows: 2 }, size).output.equals(my)).toBe(true);
    const e = veilErrorOf(() => runSized(my, { ...opts, sampleRows: 10 }, 64));
    expect(e.code).toBe('DUMP_INSERT_FIELD_COUNT');
  });

  it('dry runs count COPY rows of tables without rules, and sample their values', () => {
    const { summary } = runSized(Buffer.from(TRICKY_DUMP), { rules: NO_RULES, secret, dryRun: true, sampleAll: true, collectViolations: true }, 100);
    expect(Object.fromEntries(summary.tables.map((t) => [t.table, t.rows]))).toMatchObject({ 'public.users': 3, 'public.order': 2, 'public.audit': 1 });
    const order = summary.coverage.find((t) => t.table === 'public.order')!;
    expect(order.columns.find((c) => c.column === 'contact_email')?.pii.map((g) => g.by)).toEqual(['name', 'values']);
  });

  it('a rule for a table the dump lacks is RULES_UNUSED through the API too', () => {
    const e = veilErrorOf(() => runSized(Buffer.from(TRICKY_DUMP), { rules: validateRules({ tables: { nope: { truncate: true } } }), secret, unusedRules: 'error' }, 4096));
    expect(e.code).toBe('RULES_UNUSED');
  });
});

describe('InsertSkipper (check/scan fast path over mysqldump output)', () => {
  const dumps = ['default', 'skip-extended-insert', 'databases', 'complete-insert'].map((f) => readFileSync(`test/unit/dialects/mysql/fixtures/dumps/mariadb-10.11.${f}.sql`));
  const run = (dump: Buffer, cuts: number[], finished: (t: string) => boolean) => {
    const s = new InsertSkipper(finished);
    const parts: Buffer[] = [];
    let prev = 0;
    for (const c of [...cuts, dump.length]) {
      if (c > prev) s.push(dump.subarray(prev, c), (p) => parts.push(Buffer.from(p)));
      prev = Math.max(prev, c);
    }
    return Buffer.concat(parts);
  };

  it('applies only to mysqldump / mariadb-dump output', () => {
    expect(dumps.every((d) => InsertSkipper.applies(d))).toBe(true);
    expect(InsertSkipper.applies(Buffer.from(TRICKY_DUMP))).toBe(false);
    expect(InsertSkipper.applies(readFileSync('test/unit/dialects/mysql/fixtures/dumps/mariadb-10.11.compact.sql'))).toBe(false);
  });

  it('keeps everything while no table is finished, and the first INSERT of every table always', () => {
    for (const d of dumps) {
      expect(run(d, [], () => false).equals(d)).toBe(true);
      const out = run(d, [], () => true).toString('latin1');
      const tables = new Set([...d.toString('latin1').matchAll(/^INSERT INTO `([^`]+)`/gm)].map((m) => m[1]));
      for (const t of tables) expect(out).toContain(`INSERT INTO \`${t}\``);
      // what is left still holds every DDL statement and ends the same way
      expect(out.match(/CREATE TABLE/g)?.length).toBe(d.toString('latin1').match(/CREATE TABLE/g)?.length);
      expect(out.endsWith(d.toString('latin1').slice(-200))).toBe(true);
    }
  });

  it('drops whole INSERT statements only, the same way however the input is cut', () => {
    for (const d of dumps) {
      const whole = run(d, [], () => true);
      expect(whole.length).toBeLessThanOrEqual(d.length);
      fc.assert(
        fc.property(fc.array(fc.nat(d.length), { maxLength: 20 }), (cuts) => run(d, [...cuts].sort((a, b) => a - b), () => true).equals(whole)),
        { numRuns: 100 },
      );
      for (const size of [1, 3, 7, 64]) {
        const cuts: number[] = [];
        for (let i = size; i < d.length; i += size) cuts.push(i);
        expect(run(d, cuts, () => true).equals(whole)).toBe(true);
      }
      const dropped = d.toString('latin1').split('\n').filter((l) => !whole.toString('latin1').split('\n').includes(l));
      for (const l of dropped) expect(l).toMatch(/^(INSERT INTO `[^`]+` (\(.*\) )?VALUES|\().*$/);
    }
  });
});
