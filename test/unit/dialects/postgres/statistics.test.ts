import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { statsTarget } from '../../../../src/dialects/postgres/stats.js';
import { Masker } from '../../../../src/mask.js';
import { validateRules } from '../../../../src/rules/load.js';
import { NO_RULES, runChunks, runSized } from '../../../helpers/run.js';

await Masker.prepare();

/**
 * pg_dump 18 --statistics writes each column's optimizer statistics, most common values and
 * histograms included: values of the column. See fixtures/README.md for how these dumps were made.
 */
const FULL = readFileSync('test/unit/dialects/postgres/fixtures/pg18-statistics.sql');
const ONLY = readFileSync('test/unit/dialects/postgres/fixtures/pg18-statistics-only.sql');
const RULES = validateRules({
  tables: { 'public.users': { columns: { email: 'email', name: 'full-name', id: 'keep', plan: 'keep' } }, 'public.sessions': { truncate: true } },
});
const opts = { rules: RULES, secret: 'statistics', unusedRules: 'warn' as const };

/** relname.attname (or .attnum) of every attribute statistics statement in a dump. */
function statsOf(dump: Buffer): string[] {
  const out: string[] = [];
  for (const m of dump.toString('utf8').matchAll(/pg_restore_attribute_stats\(\n(?:\t[^\n]*\n)*?\t'relname', '([^']+)',\n\t'(?:attname', '([^']+)'|attnum', '(\d+)')/g)) {
    out.push(`${m[1]}.${m[2] ?? m[3]}`);
  }
  return out;
}

describe('PostgreSQL 18 optimizer statistics', () => {
  it('the fixture has statistics with the originals in them', () => {
    expect(statsOf(FULL).sort()).toEqual(['sessions.id', 'sessions.token', 'user_emails.email', 'user_emails.n', 'users.email', 'users.id', 'users.name', 'users.plan', 'users_lower_email_idx.1']);
    expect(FULL.toString()).toMatch(/most_common_vals', '\{[^}]*user1@example\.com/);
  });

  it('drops the statistics of masked columns, truncated tables, their expression indexes and unknown relations', () => {
    const { output, summary } = runChunks(FULL, opts, []);
    expect(statsOf(output).sort()).toEqual(['users.id', 'users.plan']);
    const text = output.toString('utf8');
    expect(text).not.toMatch(/user\d+@example\.com/);
    expect(text).not.toMatch(/tok\d/);
    expect(text).not.toContain("Name O''");
    // the relation statistics (page and row counts) stay
    expect(text.match(/pg_restore_relation_stats\(/g)).toHaveLength(FULL.toString().match(/pg_restore_relation_stats\(/g)!.length);
    const d = summary.diagnostics.find((x) => x.code === 'STATISTICS_DROPPED');
    expect(d?.severity).toBe('notice');
    expect(d?.data).toEqual({ columns: 7 });
  });

  it('removes each dropped statement whole, with its line, and nothing else', () => {
    const { output } = runChunks(FULL, opts, []);
    const withoutData = (t: string) => t.replace(/^COPY [^\n]*\n(?:[^\n]*\n)*?\\\.\n/gm, '');
    const dropped = new Set(['sessions.id', 'sessions.token', 'user_emails.email', 'user_emails.n', 'users.email', 'users.name', 'users_lower_email_idx.1']);
    const expected = FULL.toString('utf8').replace(/SELECT \* FROM pg_catalog\.pg_restore_attribute_stats\(\n(?:\t[^\n]*\n)*?\);\n/g, (stmt) => {
      const [target] = statsOf(Buffer.from(stmt));
      return dropped.has(target) ? '' : stmt;
    });
    expect(withoutData(output.toString('utf8'))).toBe(withoutData(expected));
  });

  it('gives the same output at any chunking', () => {
    const whole = runChunks(FULL, opts, []).output;
    expect(runSized(FULL, opts, 1).output.equals(whole)).toBe(true);
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: FULL.length - 1 }), { maxLength: 20 }), (cuts) => {
        expect(runChunks(FULL, opts, [...cuts].sort((a, b) => a - b)).output.equals(whole)).toBe(true);
      }),
      { numRuns: 80 },
    );
  });

  it('copies every statistic when no rule masks anything', () => {
    expect(runChunks(FULL, { rules: NO_RULES, secret: 's' }, []).output.equals(FULL)).toBe(true);
    const keepAll = validateRules({ tables: { 'public.users': { columns: { email: 'keep' } } } });
    expect(runChunks(FULL, { rules: keepAll, secret: 's' }, []).output.equals(FULL)).toBe(true);
  });

  it('reads a --statistics-only dump by the rules alone: relations it cannot place are dropped', () => {
    const { output } = runChunks(ONLY, opts, []);
    // users and sessions are named by the rules; the index and the view are not declared anywhere
    expect(statsOf(output).sort()).toEqual(['users.id', 'users.plan']);
    expect(runChunks(ONLY, { rules: NO_RULES, secret: 's' }, []).output.equals(ONLY)).toBe(true);
  });

  it('lets a SELECT through that runs for over 1 MB before naming a function (held no further)', () => {
    const long = Buffer.from(FULL.toString('utf8').replace('SET row_security = off;\n', `SET row_security = off;\nSELECT '${'x'.repeat(1_500_000)}' AS big, pg_catalog.now();\n`));
    const { output } = runChunks(long, opts, []);
    expect(output.toString('utf8')).toContain(`SELECT '${'x'.repeat(1_500_000)}' AS big, pg_catalog.now();\n`);
    expect(runSized(long, opts, 65_536).output.equals(output)).toBe(true);
  });

  it('reads the relation and column of a statistics statement, quotes and all', () => {
    expect(statsTarget("SELECT * FROM pg_catalog.pg_restore_attribute_stats(\n\t'version', '180006'::integer,\n\t'schemaname', 'Sales''s',\n\t'relname', 'my table',\n\t'attname', 'E-Mail',\n\t'most_common_vals', '{a,b}'::text\n);")).toEqual({
      relation: { schema: "Sales's", name: 'my table' },
      column: 'E-Mail',
    });
    expect(statsTarget("SELECT * FROM pg_catalog.pg_restore_attribute_stats(\n\t'schemaname', 'public',\n\t'relname', 'i',\n\t'attnum', '1'::smallint\n);")).toEqual({ relation: { schema: 'public', name: 'i' }, column: undefined });
    expect(statsTarget('SELECT * FROM pg_catalog.pg_restore_attribute_stats();')).toBeUndefined();
  });
});
