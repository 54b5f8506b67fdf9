import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VEIL_BIN } from '../integration/helpers/veil.js';

const dir = mkdtempSync(join(tmpdir(), 'veil-mem-'));

/** Stream a generated dump of `size` through the CLI; returns the run report (peak RSS included). */
function maskGenerated(dialect: string, layout: string, size: string, rules: string): Promise<{ peakRssBytes: number; bytesIn: number }> {
  const report = join(dir, `${dialect}-${layout}-${size}.json`);
  return new Promise((resolve, reject) => {
    const gen = spawn(process.execPath, ['bench/gen.mjs', '--dialect', dialect, '--layout', layout, '--size', size, '--seed', '7'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const veil = spawn(process.execPath, [VEIL_BIN, rules, '--seed', 'mem', '-q', '--report', report], { stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    veil.stderr.on('data', (d) => (stderr += d));
    gen.stdout.pipe(veil.stdin);
    veil.on('close', (code) => {
      if (code !== 0) reject(new Error(`veil-stream exited ${code}: ${stderr}`));
      else resolve(JSON.parse(readFileSync(report, 'utf8')));
    });
  });
}

describe('memory stays flat whatever the dump size', () => {
  it('keeps peak RSS flat from 30 MB to 300 MB of PostgreSQL COPY data with rules', async () => {
    const small = await maskGenerated('postgres', 'copy', '30MB', 'bench/rules/postgres-typical.json');
    const large = await maskGenerated('postgres', 'copy', '300MB', 'bench/rules/postgres-typical.json');
    expect(large.bytesIn).toBeGreaterThan(9 * small.bytesIn);
    expect(large.peakRssBytes).toBeLessThan(200 * 1048576);
    expect(large.peakRssBytes).toBeLessThan(small.peakRssBytes * 1.35);
  }, 300_000);
});
