import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../integration/helpers/veil.js';

// bench/costs.mjs prices a rules file's transformers per GB of dump; RESULTS.md quotes it. This keeps
// it runnable against the built dist/ and checks that it prices every ruled column, not some.
describe('bench/costs.mjs', () => {
  it('prices every column of the heavy rules, and the total is their sum', () => {
    const r = spawnSync(process.execPath, ['bench/costs.mjs', '--size', '2MB', '--rounds', '1', '--sample', '500', '--json'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as {
      total: number;
      results: { column: string; transformer: string; nsPerValue: number; bytePathShare: number; valuesPerGB: number; cpuSecondsPerGB: number }[];
    };
    const rules = JSON.parse(readFileSync(join(REPO_ROOT, 'bench/rules/postgres-heavy.json'), 'utf8')) as { tables: Record<string, { columns: Record<string, unknown> }> };
    const expected = Object.entries(rules.tables).flatMap(([t, { columns }]) => Object.keys(columns).map((c) => `${t}.${c}`));
    expect(out.results.map((x) => x.column).sort()).toEqual(expected.sort());
    for (const x of out.results) {
      expect(x.nsPerValue).toBeGreaterThan(0);
      expect(x.valuesPerGB).toBeGreaterThan(0);
      expect(x.cpuSecondsPerGB).toBeCloseTo((x.valuesPerGB * x.nsPerValue) / 1e9, 9);
    }
    // the json rules take the byte path for every document of the generated dump
    expect(out.results.find((x) => x.column === 'public.users.profile')?.bytePathShare).toBe(1);
    expect(out.total).toBeCloseTo(out.results.reduce((s, x) => s + x.cpuSecondsPerGB, 0), 9);
  });
});
