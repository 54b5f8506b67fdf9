import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runVeil } from '../integration/helpers/veil.js';

const DUMPS = ['default', 'skip-extended-insert', 'databases', 'complete-insert', 'hex-blob'].map((f) => `test/unit/dialects/mysql/fixtures/dumps/mariadb-10.11.${f}.sql`);

describe('check and scan skip the INSERTs of finished tables in mysqldump output without changing their findings', () => {
  it.each(DUMPS)('%s', async (dump) => {
    // a blank first line hides the mariadb-dump header, so the same dump is read without the fast path
    const slow = Buffer.concat([Buffer.from('\n'), readFileSync(dump)]);
    for (const rows of ['1', '2', '5']) {
      const fast = await runVeil(['scan', '-i', dump, '--sample-rows', rows, '-q']);
      const plain = await runVeil(['scan', '--dialect', 'mysql', '--sample-rows', rows, '-q'], { input: slow });
      expect(fast.code, fast.stderr).toBe(0);
      expect(fast.stdout.toString()).toBe(plain.stdout.toString());
    }
  });
});
