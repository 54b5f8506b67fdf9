import { describe, expect, it } from 'vitest';
import { Sink } from '../../../../src/core/sink.js';
import { MysqlScanner } from '../../../../src/dialects/mysql/scanner.js';
import { Planner } from '../../../../src/rules/plan.js';
import { validateRules } from '../../../../src/rules/load.js';
import { Keyring } from '../../../../src/seed/keyring.js';

const HEAD = Buffer.from(
  '-- MariaDB dump 10.19\n/*!40101 SET NAMES utf8mb4 */;\nCREATE TABLE `big` (\n  `id` int(11) NOT NULL,\n  `email` varchar(100) NOT NULL,\n' +
    '  `bio` text,\n  PRIMARY KEY (`id`)\n);\nINSERT INTO `big` VALUES ',
);

/** Streams one INSERT line of `mb` megabytes (classic mysqldump layout) and returns the memory growth. */
function streamOneLine(mb: number, rules: object): { growthMB: number; outMB: number } {
  let out = 0;
  const sink = new Sink((b) => {
    out += b.length;
  });
  const planner = new Planner(validateRules(rules), new Keyring('memory'), 'mysql');
  const scanner = new MysqlScanner({ sink, planner, fieldCap: 1 << 24, diagnostics: [] });
  const pool: Buffer[] = [];
  for (let p = 0, i = 0; p < 8; p++) {
    let s = '';
    while (s.length < 65536) s += `${i ? ',' : ''}(${i},'user${i++}@example.com','it\\'s a \\"bio\\" \\\\ with é and \\n')`;
    pool.push(Buffer.from(s));
  }
  global.gc?.();
  const before = process.memoryUsage();
  scanner.feed(HEAD);
  let fed = 0;
  for (let k = 0; fed < mb * 1e6; k++) {
    scanner.feed(pool[k % pool.length]);
    fed += pool[k % pool.length].length;
  }
  scanner.feed(Buffer.from(';\n-- Dump completed\n'));
  scanner.end();
  const after = process.memoryUsage();
  const growth = after.heapUsed + after.arrayBuffers - (before.heapUsed + before.arrayBuffers);
  console.log(`streamed ${mb} MB on one line: heap+buffers grew ${(growth / 1e6).toFixed(1)} MB`);
  return { growthMB: growth / 1e6, outMB: out / 1e6 };
}

describe('MysqlScanner memory', () => {
  it('streams a 150 MB single-line INSERT of an unruled table in flat memory', () => {
    const r = streamOneLine(150, { tables: {} });
    expect(r.outMB).toBeGreaterThan(150);
    expect(r.growthMB).toBeLessThan(48);
  });
  it('masks a 30 MB single-line INSERT in flat memory (rows are assembled one at a time)', () => {
    const r = streamOneLine(30, { tables: { big: { columns: { email: 'email', bio: 'null' } } } });
    expect(r.outMB).toBeGreaterThan(20);
    expect(r.growthMB).toBeLessThan(48);
  });
});
