import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runVeil } from '../integration/helpers/veil.js';
import { generated, readJson, scratch } from './helpers.js';

describe('--threads', () => {
  it.each([
    ['postgres', 'copy', 'bench/rules/postgres-heavy.json'],
    ['mysql', 'extended', 'bench/rules/mysql-heavy.json'],
  ] as const)('%s %s: the same bytes and counts with 2 worker threads as with none, and the report says how many ran', async (dialect, layout, rules) => {
    const dump = generated(dialect, layout, '12MB');
    const run = async (threads: number) => {
      const report = join(scratch, `threads-${dialect}-${threads}.json`);
      const r = await runVeil([rules, '-i', dump.path, '--seed', 'threads', '-q', '--threads', String(threads), '--report', report]);
      expect(r.code, r.stderr).toBe(0);
      return { out: r.stdout, report: readJson(report) as { threads: number; tables: unknown; bytesOut: number } };
    };
    const [none, two] = [await run(0), await run(2)];
    expect(none.report.threads).toBe(0);
    expect(two.report.threads).toBe(2);
    expect(two.out.equals(none.out)).toBe(true);
    expect(two.out.length).toBeGreaterThan(readFileSync(dump.path).length * 0.9);
    expect(two.report.tables).toEqual(none.report.tables);
    expect(two.report.bytesOut).toBe(none.report.bytesOut);
  });

  it.each(['-1', '1.5', 'many'])('--threads %s is a usage error (exit 2)', async (n) => {
    const dump = generated('postgres', 'copy', '1MB');
    const r = await runVeil(['bench/rules/postgres-typical.json', '-i', dump.path, '--seed', 's', '--threads', n]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--threads must be a whole number from 0 to 64');
    expect(r.stdout.length).toBe(0);
  });
});
