/**
 * Random rows (fast-check) → MariaDB → mariadb-dump → veil-stream → restore. Whatever the stored text
 * and bytes, every unmasked column restores exactly and every masked one as the rule wrote it. The
 * rows are drawn from a fixed seed (FUZZ_SEED=N for another draw), so a failure is reproducible.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bytesToString } from '../../../src/dialects/mysql/charset.js';
import { encode } from '../../../src/dialects/mysql/literal.js';
import { runOk } from '../helpers/proc.js';
import { describeWithService } from '../helpers/services.js';
import { dump, loadFile, mask, snapshot, sql, tables, values, type TableMeta } from './mariadb.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20261124);
const ROWS = 400;
const SOURCE = `veil_rand_${process.pid}`;
const NOTE = "it's\ta \\ fake;\n),(";
const RULES = { tables: { r: { columns: { email: 'email', note: { transformer: 'fixed', value: NOTE } } } } };
const MODES = [[], ['--skip-extended-insert'], ['--hex-blob', '--complete-insert'], ['--net-buffer-length=4096']];

const special = fc.constantFrom('\t', '\n', '\r', '\\', "'", '"', '\0', '\x1a', '%', '_', ';', '),(', '*/', '😀', 'é€', '\\N');
const text = fc.array(fc.oneof(special, fc.string({ unit: 'binary', maxLength: 8 })), { maxLength: 12 }).map((a) => a.join(''));
const latin1 = fc.array(fc.constantFrom('a', "'", '\\', '\0', 'é', 'ÿ', '\n', ',', ')'), { maxLength: 10 }).map((a) => a.join(''));
const row = fc.record({
  txt: fc.option(text, { freq: 8 }),
  bin: fc.option(fc.uint8Array({ maxLength: 40 }), { freq: 8 }),
  lat: latin1,
  email: fc.option(fc.oneof(fc.emailAddress(), text), { freq: 5 }),
  note: fc.option(text, { freq: 5 }),
});

function literal(v: string | Uint8Array | null, charset: 'utf8' | 'binary' | 'latin1'): Buffer {
  if (v === null) return Buffer.from('NULL');
  const quoted = encode(typeof v === 'string' ? v : bytesToString(v, 'binary'), charset);
  // (the session is utf8mb4: an introducer says what the bytes of a latin1 literal are)
  return charset === 'latin1' ? Buffer.concat([Buffer.from('_latin1'), quoted]) : quoted;
}

describeWithService('MariaDB', 'random rows through mariadb-dump, veil-stream and a restore', () => {
  let work = '';
  let meta: TableMeta;
  const rows = fc.sample(row, { numRuns: ROWS, seed: SEED });

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'veil-it-rand-'));
    await sql(`DROP DATABASE IF EXISTS ${SOURCE}; CREATE DATABASE ${SOURCE}`);
    const parts: Buffer[] = [
      Buffer.from(
        'SET NAMES utf8mb4;\nCREATE TABLE r (id INT PRIMARY KEY, txt LONGTEXT CHARACTER SET utf8mb4, bin LONGBLOB, ' +
          'lat TEXT CHARACTER SET latin1 NOT NULL, email VARCHAR(255), note TEXT);\nINSERT INTO r VALUES\n',
      ),
    ];
    rows.forEach((r, i) => {
      parts.push(Buffer.from(`${i ? ',\n' : ''}(${i},`), literal(r.txt, 'utf8'), Buffer.from(','), literal(r.bin, 'binary'), Buffer.from(','));
      parts.push(literal(r.lat, 'latin1'), Buffer.from(','), literal(r.email, 'utf8'), Buffer.from(','), literal(r.note, 'utf8'), Buffer.from(')'));
    });
    parts.push(Buffer.from(';\n'));
    await runOk('mariadb', ['--default-character-set=utf8mb4', SOURCE], { input: Buffer.concat(parts) });
    [meta] = await tables(SOURCE);
  });

  afterAll(async () => {
    if (process.env.KEEP) return;
    const dbs = await sql(`SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE '${SOURCE}%'`);
    for (const [db] of dbs) await sql(`DROP DATABASE \`${db}\``);
    if (work && !process.env.KEEP) await rm(work, { recursive: true, force: true });
  });

  it.each(MODES.map((flags, n) => [flags.join(' ') || 'default', flags, n] as const))('%s: unmasked columns restore exactly, masked ones as the rules wrote them', async (_name, flags, n) => {
    const dumpFile = join(work, `${n}.sql`);
    const maskedFile = join(work, `${n}.masked.sql`);
    const rulesFile = join(work, 'rules.json');
    await writeFile(rulesFile, JSON.stringify(RULES));
    await dump('mariadb-dump', flags, [SOURCE], dumpFile, true);
    await mask(dumpFile, maskedFile, RULES, rulesFile, 'random-rows');
    const target = `${SOURCE}_${n}`;
    await sql(`CREATE DATABASE \`${target}\``);
    await loadFile(maskedFile, target);

    const before = await snapshot(meta);
    const after = await snapshot(meta, target);
    expect(after.rows).toBe(ROWS);
    for (const column of ['id', 'txt', 'bin', 'lat']) expect(after.columns.get(column), column).toBe(before.columns.get(column));

    const emails = await values(meta, 'email', target);
    const originals = await values(meta, 'email');
    originals.forEach((v, i) => {
      if (v === null || v === '') expect(emails[i], `email of row ${i}`).toBe(v); // (nothing to hide in '')
      else expect(emails[i], `email of row ${i}`).not.toBe(v);
    });
    const notes = new Map((await sql("SELECT id, IFNULL(HEX(note), '~') FROM r", target)).map(([id, hex]) => [Number(id), hex]));
    const noteHex = Buffer.from(NOTE).toString('hex').toUpperCase();
    rows.forEach((r, i) => expect(notes.get(i), `note of row ${i}`).toBe(r.note === null ? '~' : noteHex));
  });
});
