import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runVeil } from '../integration/helpers/veil.js';
import { generated, readJson, scratch } from '../cli/helpers.js';

/** The 1 GB numbers are measured with bench dumps (see the README); here a few hundred MB keep the suite quick. */
describe.each([
  ['postgres', 'copy'],
  ['mysql', 'extended'],
] as const)('check and scan stay flat on a %s dump of a few hundred MB', (dialect, layout) => {
  const dump = generated(dialect, layout, '250MB');

  it('scan: peak RSS under 150 MB, and check --strict passes on its rules with peak RSS under 150 MB', async () => {
    const rules = join(scratch, `${dialect}-scan.json`);
    const report = join(scratch, `${dialect}-scan-report.json`);
    const scan = await runVeil(['scan', '-i', dump.path, '-o', rules, '--report', report, '-q']);
    expect(scan.code, scan.stderr).toBe(0);
    const s = readJson(report);
    expect(s.bytes).toBeGreaterThan(240e6);
    expect(s.peakRssBytes).toBeLessThan(150 * 1048576);
    const check = await runVeil(['check', rules, '-i', dump.path, '--strict', '--json']);
    expect(check.code, check.stderr).toBe(0);
    const c = JSON.parse(check.stdout.toString());
    expect(c.ok).toBe(true);
    expect(c.bytes).toBe(s.bytes);
    expect(c.peakRssBytes).toBeLessThan(150 * 1048576);
  }, 120_000);
});
