import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateRules } from '../../../../src/rules/load.js';
import { NO_RULES, runChunks, runSized } from '../../../helpers/run.js';

/**
 * `mariadb-dump mysql column_stats` (MariaDB 10.11) after `ANALYZE TABLE veil_cs.u PERSISTENT FOR ALL`:
 * the engine-independent statistics of veil_cs.u, whose email row keeps the column's min and max
 * values ('alice@example.com', 'zed@example.com'). --all-databases dumps carry this table.
 */
const DUMP = readFileSync('test/unit/dialects/mysql/fixtures/column-stats.sql');
const masking = validateRules({ tables: { 'veil_cs.u': { columns: { email: 'email' } } } });
const opts = { rules: masking, secret: 'column-stats', dialect: 'mysql' as const, unusedRules: 'warn' as const };

describe('MariaDB column statistics (mysql.column_stats)', () => {
  it('the fixture holds a masked column\'s min and max values', () => {
    expect(DUMP.toString('latin1')).toContain("('veil_cs','u','email','alice@example.com','zed@example.com'");
  });

  it('drops its rows when the rules mask anything, with a notice, at any chunking', () => {
    const { output, summary } = runChunks(DUMP, opts, []);
    const text = output.toString('latin1');
    expect(text).not.toContain('example.com');
    expect(text).not.toContain('INSERT INTO `column_stats`');
    // everything else is the dump's: the INSERT statement (and its newline) is all that is gone
    const insert = /INSERT INTO `column_stats` VALUES\n[\s\S]*?\);\n/.exec(DUMP.toString('latin1'))![0];
    expect(text).toBe(DUMP.toString('latin1').replace(insert, ''));
    const notice = summary.diagnostics.find((d) => d.code === 'STATISTICS_DROPPED');
    expect(notice?.table).toBe('mysql.column_stats');
    expect(notice?.path).toBe('$.tables["mysql.column_stats"].truncate');
    expect(summary.tables.find((t) => t.table === 'mysql.column_stats')?.truncated).toBe(true);
    for (const size of [1, 13, 4096]) expect(runSized(DUMP, opts, size).output.equals(output), `chunks of ${size}`).toBe(true);
  });

  it('keeps them when the rules mask nothing, or say "truncate": false for the table', () => {
    expect(runChunks(DUMP, { ...opts, rules: NO_RULES }, []).output.equals(DUMP)).toBe(true);
    const keepOnly = validateRules({ tables: { 'veil_cs.u': { columns: { email: 'keep' } } } });
    expect(runChunks(DUMP, { ...opts, rules: keepOnly }, []).output.equals(DUMP)).toBe(true);
    const kept = validateRules({ tables: { 'veil_cs.u': { columns: { email: 'email' } }, 'mysql.column_stats': { truncate: false } } });
    const r = runChunks(DUMP, { ...opts, rules: kept }, []);
    expect(r.output.equals(DUMP)).toBe(true);
    expect(r.summary.diagnostics.some((d) => d.code === 'STATISTICS_DROPPED')).toBe(false);
  });
});
