/**
 * The codec against the real server: what encode writes, MariaDB stores as exactly the original value,
 * in utf8mb4, latin1 and binary columns.
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { encode } from '../../../src/dialects/mysql/literal.js';
import { describeWithService } from '../helpers/services.js';
import { runOk } from '../helpers/proc.js';
import { bytesToString, stringToBytes } from '../../../src/dialects/mysql/charset.js';

const DB = `veil_literal_${process.pid}`;
const special = fc.constantFrom('\t', '\n', '\r', '\\', "'", '"', '\0', '\x1a', '%', '_', '\\%', "''", '\b', ';', '*/', '😀', 'é€');

async function sql(input: Buffer, db = DB): Promise<string> {
  const r = await runOk('mariadb', ['--batch', '--skip-column-names', db], { input });
  return r.stdout.toString('latin1');
}

describeWithService('MariaDB', 'mysql literal codec against MariaDB', () => {
  it('restores encoded strings and bytes exactly', async () => {
    await runOk('mariadb', ['-e', `DROP DATABASE IF EXISTS ${DB}; CREATE DATABASE ${DB}`]);
    try {
      const texts = fc.sample(fc.array(fc.oneof(special, fc.string({ unit: 'binary', maxLength: 6 })), { maxLength: 10 }).map((a) => a.join('')), { numRuns: 300, seed: 7 });
      const blobs = fc.sample(fc.uint8Array({ maxLength: 40 }), { numRuns: 300, seed: 8 }).map((u) => bytesToString(u, 'binary'));
      const latin = fc.sample(fc.array(fc.constantFrom('a', "'", '\\', '\0', 'é', '€', 'Ÿ', '\x81', '\n', 'ÿ'), { maxLength: 10 }).map((a) => a.join('')), { numRuns: 300, seed: 9 });
      const parts: Buffer[] = [Buffer.from(
        'SET NAMES utf8mb4;\nCREATE TABLE t (id INT PRIMARY KEY, txt LONGTEXT CHARACTER SET utf8mb4, bin LONGBLOB, num DOUBLE);\n' +
        'CREATE TABLE l (id INT PRIMARY KEY, txt TEXT CHARACTER SET latin1);\nINSERT INTO t VALUES\n')];
      texts.forEach((s, i) => {
        parts.push(Buffer.from(`${i ? ',\n' : ''}(${i},`), encode(s, 'utf8'), Buffer.from(','), encode(blobs[i], 'binary'),
          Buffer.from(','), encode(String(i * 1.5), 'utf8', 'number'), Buffer.from(')'));
      });
      parts.push(Buffer.from(';\nSET NAMES latin1;\nINSERT INTO l VALUES\n'));
      latin.forEach((s, i) => parts.push(Buffer.from(`${i ? ',\n' : ''}(${i},`), encode(s, 'latin1'), Buffer.from(')')));
      parts.push(Buffer.from(';\n'));
      await sql(Buffer.concat(parts));
      const rows = (await sql(Buffer.from('SELECT id, HEX(txt), HEX(bin), num FROM t ORDER BY id'))).trim().split('\n');
      expect(rows).toHaveLength(texts.length);
      for (const row of rows) {
        const [id, txt, bin, num] = row.split('\t');
        const i = Number(id);
        expect(Buffer.from(txt, 'hex').toString('utf8'), `text ${i}`).toBe(texts[i]);
        expect(Buffer.from(bin, 'hex'), `blob ${i}`).toEqual(stringToBytes(blobs[i], 'binary'));
        expect(Number(num)).toBe(i * 1.5);
      }
      const lrows = (await sql(Buffer.from('SELECT id, HEX(txt) FROM l ORDER BY id'))).trim().split('\n');
      for (const row of lrows) {
        const [id, hex] = row.split('\t');
        expect(bytesToString(Buffer.from(hex, 'hex'), 'latin1'), `latin1 ${id}`).toBe(latin[Number(id)]);
      }
    } finally {
      await runOk('mariadb', ['-e', `DROP DATABASE IF EXISTS ${DB}`]);
    }
  });
});
