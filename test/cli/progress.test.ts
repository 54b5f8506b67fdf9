import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runVeil, VEIL_BIN } from '../integration/helpers/veil.js';
import { generated, scratch } from './helpers.js';

const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;

/** Run veil-stream with stderr (and stdout) on a pseudo-terminal, via util-linux `script`; returns what the terminal showed. */
function inTerminal(args: string[]): { code: number | null; screen: string } {
  const command = ['node', VEIL_BIN, ...args].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
  const r = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, COLUMNS: '160' } });
  return { code: r.status, screen: r.stdout };
}

describe.skipIf(!hasScript)('progress on a terminal', () => {
  const dump = generated('postgres', 'copy', '60MB');
  const args = ['bench/rules/postgres-heavy.json', '-i', dump.path, '-o', join(scratch, 'progress-out.sql'), '--seed', 's'];

  it('draws a live line on a TTY stderr (bytes, %, MB/s, ETA, the current table), redrawn in place and cleared at the end', () => {
    const { code, screen } = inTerminal(args);
    expect(code).toBe(0);
    const frames = screen.split('\r\x1b[K').filter((f) => f.startsWith('veil-stream  '));
    expect(frames.length).toBeGreaterThan(0);
    // (under load the first frame may come before 1 MB is read: it then says kB)
    expect(frames[0]).toMatch(/^veil-stream {2}[\d.]+ [kM]B {2}of [\d.]+ MB [\d.]+% {2}[\d.]+ MB\/s {2}ETA \d+:\d\d {2}public\.\w+$/);
    // the line is cleared before anything else is written (diagnostics, the end-of-run summary)
    const last = screen.lastIndexOf('veil-stream  ');
    expect(screen.slice(last).indexOf('\r\x1b[K')).toBeGreaterThan(0);
    // on a terminal the one-screen summary comes at the end without --stats
    expect(screen).toMatch(/veil-stream: [\d.]+ MB in, [\d.]+ MB out/);
    expect(screen).not.toContain('COPY public.'); // no SQL on the terminal: -o takes it
  });

  it('--no-progress turns it off on a terminal', () => {
    const { code, screen } = inTerminal([...args, '--no-progress']);
    expect(code).toBe(0);
    expect(screen).not.toContain('\x1b[K');
    expect(screen).not.toContain('ETA');
  });

  it('is absent when stderr is not a terminal', async () => {
    const r = await runVeil(args);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain('\r');
    expect(r.stderr).not.toContain('ETA');
    expect(r.stderr).not.toContain('MB/s');
    expect(r.stdout.length).toBe(0);
  });
});
