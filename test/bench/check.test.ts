import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { mask } from '../../src/index.js';
import { validateRules } from '../../src/rules/load.js';
import { REPO_ROOT } from '../integration/helpers/veil.js';

// bench/check.mjs is run.mjs's --verify for masked runs: it must pass a correct masking of every
// layout gen.mjs writes, and name what is wrong in a damaged one.
const dir = mkdtempSync(join(tmpdir(), 'veil-check-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Report {
  ok: boolean;
  rows: number;
  problems: number;
  firstProblems: string[];
  tables: Record<string, { rows: number; json?: { docs: number; kept: number; ruledChanged: number } }>;
}

function check(rulesFile: string, original: string, masked: string): Report {
  const r = spawnSync(process.execPath, ['bench/check.mjs', '--json', '--rules', rulesFile, original, masked], { cwd: REPO_ROOT, encoding: 'utf8' });
  expect(r.stderr).toBe('');
  const report = JSON.parse(r.stdout) as Report;
  expect(r.status).toBe(report.ok ? 0 : 1);
  return report;
}

async function generateAndMask(dialect: string, layout: string, rulesName: string): Promise<{ rulesFile: string; original: string; masked: string; output: string }> {
  const original = join(dir, `${dialect}-${layout}.sql`);
  const g = spawnSync(process.execPath, ['bench/gen.mjs', '--dialect', dialect, '--layout', layout, '--size', '300KB', '-o', original], { cwd: REPO_ROOT, encoding: 'utf8' });
  expect(g.status).toBe(0);
  const rulesFile = join(REPO_ROOT, `bench/rules/${dialect}-${rulesName}.json`);
  const rules = validateRules(JSON.parse(readFileSync(rulesFile, 'utf8')));
  const { output } = await mask(readFileSync(original), { rules, secret: 'check' }, 7_777);
  const masked = join(dir, `${dialect}-${layout}-${rulesName}.masked.sql`);
  writeFileSync(masked, output);
  return { rulesFile, original, masked, output: output.toString('utf8') };
}

describe('bench/check.mjs', () => {
  it.each([
    ['postgres', 'copy', 'heavy'],
    ['postgres', 'inserts', 'heavy'],
    ['mysql', 'extended', 'heavy'],
    ['mysql', 'oneline', 'typical'],
  ])('passes a masked %s %s dump (%s rules), reading every row and JSON document', async (dialect, layout, rulesName) => {
    const { rulesFile, original, masked } = await generateAndMask(dialect, layout, rulesName);
    const report = check(rulesFile, original, masked);
    expect(report.firstProblems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.rows).toBeGreaterThan(500);
    if (rulesName === 'heavy') {
      const users = report.tables[dialect === 'postgres' ? 'public.users' : 'users'];
      expect(users.json!.docs).toBeGreaterThan(50);
      expect(users.json!.kept).toBeGreaterThan(0);
      expect(users.json!.ruledChanged).toBeGreaterThan(0);
    }
  });

  it('fails a damaged one, naming the row: an unruled JSON leaf, an unruled column, a NULL made a value, a lost row', async () => {
    const { rulesFile, original, masked, output } = await generateAndMask('postgres', 'copy', 'heavy');
    const lines = output.split('\n');
    const at = (re: RegExp) => lines.findIndex((l) => re.test(l));
    const ua = at(/"ua":"Mozilla/);
    lines[ua] = lines[ua].replace(/"ua":"[^"]*"/, '"ua":"10.1.2.3"');
    const paid = at(/\tt\t\d{4}-\d\d-\d\d [\d:.]+\+00$/); // an order's paid flag (no rule)
    lines[paid] = lines[paid].replace(/\tt\t(\d{4}-)/, '\tf\t$1');
    const nullNotes = at(/^\d+\t\d+\t[^\t]+\t[\d.]+\t[^\t]*\t[^\t]*\t[^\t]*\t\\N\t/); // orders.notes NULL
    lines[nullNotes] = lines[nullNotes].replace(/\t\\N\t/, '\tsomething\t');
    lines.splice(lines.lastIndexOf('\\.') - 1, 1); // the last row of the last table (users)
    const damaged = join(dir, 'damaged.sql');
    writeFileSync(damaged, lines.join('\n'));
    const report = check(rulesFile, original, damaged);
    expect(report.ok).toBe(false);
    const text = report.firstProblems.join('\n');
    expect(text).toMatch(/public\.audit_log row \d+ \(masked dump line \d+\): column payload: the unruled leaf ua changed/);
    expect(text).toMatch(/public\.orders row \d+ .*column paid has no rule but changed: "t" → "f"/);
    expect(text).toMatch(/column notes was NULL and became "something"/);
    expect(text).toMatch(/the masked dump ends early: public\.users row \d+ and more are missing/);
    expect(report.problems).toBe(4);
    expect(check(rulesFile, original, masked).ok).toBe(true);
  });
});
