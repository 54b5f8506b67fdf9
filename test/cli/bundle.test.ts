import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runVeil } from '../integration/helpers/veil.js';
import { file, generated, scratch } from './helpers.js';

/**
 * The CLI run from the plain modules (dist/cli/main.js), not the bundle bin/ prefers. From a script
 * file, not `-e`: worker threads inherit the process's flags, and `--input-type` fails them.
 */
function runModules(args: string[]): { code: number | null; stdout: Buffer; stderr: string } {
  const main = pathToFileURL(join(REPO_ROOT, 'dist/cli/main.js')).href;
  const script = file('run-modules.mjs', `import { main } from ${JSON.stringify(main)};\nprocess.exitCode = await main(process.argv.slice(2));\n`);
  const r = spawnSync(process.execPath, [script, ...args], { cwd: REPO_ROOT, maxBuffer: 1 << 28 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr.toString() };
}

describe('the one-file bundle (scripts/bundle.mjs)', () => {
  it('is built beside the modules, for the CLI and the worker threads', () => {
    expect(existsSync(join(REPO_ROOT, 'dist/bundle/cli.js'))).toBe(true);
    expect(existsSync(join(REPO_ROOT, 'dist/bundle/worker.js'))).toBe(true);
  });

  it.each([
    ['postgres', 'copy', 'bench/rules/postgres-heavy.json', '0'],
    ['mysql', 'extended', 'bench/rules/mysql-heavy.json', '0'],
    ['mysql', 'extended', 'bench/rules/mysql-typical.json', '1'],
  ] as const)('%s %s (%s, --threads %s): writes the same bytes and report as the plain modules', async (dialect, layout, rules, threads) => {
    const dump = generated(dialect, layout, '8MB');
    const args = (report: string) => [rules, '-i', dump.path, '--seed', 'bundle', '-q', '--threads', threads, '--report', report];
    const viaBundle = await runVeil(args(join(scratch, `bundle-${dialect}-${threads}-b.json`)));
    const viaModules = runModules(args(join(scratch, `bundle-${dialect}-${threads}-m.json`)));
    expect(viaBundle.code, viaBundle.stderr).toBe(0);
    expect(viaModules.code, viaModules.stderr).toBe(0);
    expect(viaBundle.stdout.length).toBeGreaterThan(readFileSync(dump.path).length * 0.9);
    expect(viaBundle.stdout.equals(viaModules.stdout)).toBe(true);
    const report = (p: string) => {
      const r = JSON.parse(readFileSync(join(scratch, p), 'utf8')) as Record<string, unknown>;
      return { tables: r.tables, bytesOut: r.bytesOut, threads: r.threads };
    };
    expect(report(`bundle-${dialect}-${threads}-b.json`)).toEqual(report(`bundle-${dialect}-${threads}-m.json`));
  });

  it('reports errors the same way (exit code, message)', async () => {
    const viaBundle = await runVeil(['bench/rules/postgres-typical.json', '-i', 'no/such/dump.sql', '--seed', 's']);
    const viaModules = runModules(['bench/rules/postgres-typical.json', '-i', 'no/such/dump.sql', '--seed', 's']);
    expect(viaBundle.code).toBe(viaModules.code);
    expect(viaBundle.code).not.toBe(0);
    expect(viaBundle.stderr).toBe(viaModules.stderr);
    expect(viaBundle.stderr).toContain('cannot read the dump no/such/dump.sql');
  });
});
