import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, VEIL_BIN } from '../integration/helpers/veil.js';

const RULES = 'fixtures/pg-sample/rules.json';
const SAMPLE = 'fixtures/pg-sample/input.sql';

/** Run the CLI with a terminal (a pseudo-terminal from Python's pty module) as its stdin. */
function withTerminalStdin(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const py = [
    'import os, pty, subprocess, sys',
    'master, slave = pty.openpty()',
    'p = subprocess.run(sys.argv[1:], stdin=slave, capture_output=True, timeout=20)',
    'sys.stdout.write(str(p.returncode) + "\\n" + p.stdout.decode() + "\\0" + p.stderr.decode())',
  ].join('\n');
  const r = spawnSync('python3', ['-c', py, process.execPath, VEIL_BIN, ...args], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`python3 failed: ${r.stderr}`);
  const nl = r.stdout.indexOf('\n');
  const [stdout, stderr] = r.stdout.slice(nl + 1).split('\0');
  return { code: Number(r.stdout.slice(0, nl)), stdout, stderr };
}

describe('a terminal on stdin and no -i', () => {
  for (const [name, args, hint] of [
    ['mask', [RULES], 'pipe a dump in (pg_dump db | veil-stream rules.json) or pass -i FILE'],
    ['check', ['check', RULES], 'pg_dump db | veil-stream check rules.json, or pass -i FILE'],
    ['scan', ['scan'], 'pg_dump db | veil-stream scan -o rules.json, or pass -i FILE'],
  ] as const) {
    it(`${name}: help and a usage error naming how to give a dump, exit 2, nothing read or written`, () => {
      const r = withTerminalStdin([...args]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('error CLI_USAGE\n  no dump on stdin\n');
      expect(r.stderr).toContain(`hint: ${hint}\n`);
      expect(r.stdout).toBe('');
    });
  }

  it('with -i the terminal is not read: the dump is masked', () => {
    const r = withTerminalStdin([RULES, '-i', SAMPLE, '--seed', 's', '--quiet']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('COPY ');
  });
});
