import { describe, expect, it } from 'vitest';
import { PgLiteralCodec } from '../../src/dialects/postgres/literal-codec.js';
import { CopyTextCodec } from '../../src/dialects/postgres/copy-codec.js';
import { Masker } from '../../src/mask.js';
import { BatchError, BatchMasker } from '../../src/parallel/batch-masker.js';
import { codecFromSpec } from '../../src/parallel/codecs.js';
import { MysqlFieldCodec } from '../../src/dialects/mysql/codec.js';
import { validateRules } from '../../src/rules/load.js';
import { Keyring } from '../../src/seed/keyring.js';
import { runChunks } from '../helpers/run.js';

const SOURCE = { tables: { 'public.t': { columns: { email: 'email', doc: { transformer: 'json', paths: { '$.a': 'email' } } } } } };
const rules = validateRules(SOURCE);
const pathOf = (column: string) => rules.tables.get('public.t')!.columns.get(column)!.path;
const SECRET = 'batch-secret';

await Masker.prepare(rules);

function masker(): BatchMasker {
  const m = new BatchMasker({ rules: SOURCE, master: new Keyring(SECRET).exportMaster(), dialect: 'postgres', locales: [] });
  m.definePlan(0, {
    table: { schema: 'public', name: 't' },
    columns: [{ name: 'email' }, { name: 'doc' }, { name: 'id' }],
    ruled: [
      { index: 0, name: 'email', path: pathOf('email'), info: { name: 'email' } },
      { index: 1, name: 'doc', path: pathOf('doc'), info: { name: 'doc' } },
    ],
  });
  m.defineCodec(0, new CopyTextCodec('utf8').spec());
  return m;
}

/** A batch: `gap` untouched bytes, then COPY rows, listed as protocol.ts describes. */
function batch(gap: string, rows: string[]): { buf: Buffer; rows: Int32Array } {
  const text = gap + rows.map((r) => `${r}\n`).join('');
  const meta: number[] = [];
  let at = Buffer.byteLength(gap);
  for (const r of rows) {
    const end = at + Buffer.byteLength(r);
    const fields: number[] = [];
    let s = at;
    for (const part of r.split('\t')) {
      const e = s + Buffer.byteLength(part);
      fields.push(s, e);
      s = e + 1;
    }
    meta.push(0, 0, at, end, fields.length / 2, ...fields);
    at = end + 1;
  }
  return { buf: Buffer.from(text), rows: Int32Array.from(meta) };
}

const ROWS = ['jane@acme.io\t{"a":"jane@acme.io","b":1}\t1', 'bob@acme.io\t\\N\t2', '\\N\t{"a":null}\t3'];

describe('BatchMasker (the worker side, in this thread)', () => {
  it('writes the rows as a one-thread run does, and every other byte as it was', () => {
    const gap = `-- ${'x'.repeat(40_000)}\n`; // larger than the Sink's direct-write size
    const { buf, rows } = batch(gap, ROWS);
    const slot = Buffer.alloc(1 << 20);
    const { outLen, overflow, counts } = masker().run(buf, buf.length, rows, ROWS.length, slot);
    expect(overflow).toEqual([]);
    const dump = Buffer.from(`COPY public.t (email, doc, id) FROM stdin;\n${ROWS.map((r) => `${r}\n`).join('')}\\.\n`);
    const one = runChunks(dump, { rules, secret: SECRET, dialect: 'postgres', sampleRows: 0 }, []).output.toString();
    const expected = one.split('\n').slice(1, 1 + ROWS.length).map((l) => `${l}\n`).join('');
    const got = slot.toString('utf8', 0, outLen);
    expect(got.slice(0, gap.length)).toBe(gap);
    expect(got.slice(gap.length)).toBe(expected);
    expect(expected).not.toContain('acme.io');
    expect(counts).toEqual([0, 0, 2, 0, 1, 2]); // plan 0: email masked twice, doc twice
  });

  it('writes into the slot while it fits, then into buffers it may transfer: its own, never the input nor a pooled one', () => {
    const gap = `${'y'.repeat(40_000)}\n`;
    const { buf, rows } = batch(gap, ROWS);
    const whole = Buffer.alloc(1 << 20);
    const all = masker().run(buf, buf.length, rows, ROWS.length, whole);
    for (const size of [0, 100, 39_000, 40_010]) {
      const slot = Buffer.alloc(size);
      const { outLen, overflow } = masker().run(buf, buf.length, rows, ROWS.length, slot);
      expect(Buffer.concat([slot.subarray(0, outLen), ...overflow]).equals(whole.subarray(0, all.outLen)), `slot of ${size}`).toBe(true);
      for (const c of overflow) {
        expect(c.buffer).not.toBe(buf.buffer);
        expect(c.byteOffset).toBe(0);
        expect(c.buffer.byteLength).toBe(c.length);
      }
      expect(new Set(overflow.map((c) => c.buffer)).size).toBe(overflow.length);
    }
  });

  it('names the failing row of a batch (its index), with the VeilError as plain data', () => {
    const { buf, rows } = batch('', [ROWS[0], 'x@y.z\t{"a": nope\t9']);
    let error: unknown;
    try {
      masker().run(buf, buf.length, rows, 2, Buffer.alloc(1 << 16));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BatchError);
    const { row, code, details } = (error as BatchError).error;
    expect(row).toBe(1);
    expect(code).toBe('DUMP_VALUE_REJECTED');
    expect(details?.column).toBe('doc');
  });

  it('rebuilds codecs in the state they were sent in (codecFromSpec)', () => {
    const lit = new PgLiteralCodec('latin1');
    lit.standardStrings = false;
    const my = new MysqlFieldCodec();
    my.setCharset('latin1');
    for (const c of [new CopyTextCodec('utf8'), new CopyTextCodec('latin1'), new PgLiteralCodec('utf8'), lit, new MysqlFieldCodec(), my]) {
      const copy = codecFromSpec(c.spec());
      expect(copy.constructor).toBe(c.constructor);
      expect(copy.specKey!()).toBe(c.specKey());
      expect(copy.encoding).toBe(c.encoding);
    }
    expect(new Set([lit, new PgLiteralCodec('latin1')].map((c) => c.specKey())).size).toBe(2);
  });
});
