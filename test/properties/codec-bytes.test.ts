import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PEEK_DECODE, PEEK_EMPTY, PEEK_NULL, PEEK_RAW, RowFields, type FieldCodec } from '../../src/core/row.js';
import { Sink } from '../../src/core/sink.js';
import { CopyTextCodec } from '../../src/dialects/postgres/copy-codec.js';
import { PgLiteralCodec } from '../../src/dialects/postgres/literal-codec.js';
import { MysqlFieldCodec } from '../../src/dialects/mysql/codec.js';

/**
 * The codecs' byte path: peek() tells NULL / '' / raw UTF-8 (in the field, or unescaped into rawBuf) /
 * needs-decoding without decoding, and agrees with decode(); writeBytes() writes exactly the bytes encode() would for the same value.
 */
const tricky = fc.string({ unit: fc.constantFrom('a', 'é', '😀', '\t', '\n', '\r', '\\', "'", '"', '\0', ' ', 'N', '.', '\b', '\f', '\v', '\x1a', ',', ')') });
const anyText = fc.oneof(tricky, fc.string({ unit: 'grapheme' }), fc.string()).map((s) => s.toWellFormed());

function written(codec: FieldCodec, value: string, field: Buffer): string | undefined {
  const out: Buffer[] = [];
  const sink = new Sink((b) => out.push(Buffer.from(b)), { size: 1 << 16 });
  const bytes = Buffer.from(value, 'utf8');
  if (!codec.writeBytes!(bytes, 0, bytes.length, sink, field, 0, field.length)) return undefined;
  sink.flush();
  return Buffer.concat(out).toString('utf8');
}

/** A MySQL codec bound to a one-column text table, the field at offset 0. */
function mysqlCodec(field: Buffer): MysqlFieldCodec {
  const c = new MysqlFieldCodec();
  const row = new RowFields();
  row.buf = field;
  row.add(0, field.length);
  c.bind(row, [{ name: 'c', type: { raw: 'varchar(255)', kind: 'text', maxLength: 255 } }], [0]);
  return c;
}

const cases: { name: string; make: (field: Buffer) => FieldCodec; field: (v: string) => string }[] = [
  { name: 'COPY text', make: () => new CopyTextCodec('utf8'), field: (v) => new CopyTextCodec('utf8').encode(v.replace(/\0/g, '')) },
  { name: 'PostgreSQL literal', make: () => new PgLiteralCodec('utf8'), field: (v) => `'${v.replace(/\0/g, '').replace(/'/g, "''")}'` },
  { name: 'MySQL literal', make: mysqlCodec, field: (v) => `'${v.replace(/[\0\n\r\\'"\x1a]/g, (c) => ({ '\0': '\\0', '\n': '\\n', '\r': '\\r', '\\': '\\\\', "'": "\\'", '"': '\\"', '\x1a': '\\Z' })[c]!)}'` },
];

describe('codec byte path', () => {
  for (const c of cases) {
    it(`${c.name}: peek agrees with decode, and raw means the field's bytes are the value's UTF-8`, () => {
      fc.assert(
        fc.property(anyText, (v) => {
          const field = Buffer.from(c.field(v), 'utf8');
          const codec = c.make(field);
          const kind = codec.peek!(field, 0, field.length);
          // the plan passes the field's column index: the same answer as the codec's own lookup
          expect(codec.peek!(field, 0, field.length, 0)).toBe(kind);
          const decoded = codec.decode(field, 0, field.length);
          if (kind === PEEK_EMPTY) expect(decoded).toBe('');
          if (kind === PEEK_NULL) expect(decoded).toBeNull();
          if (kind === PEEK_RAW) {
            codec.peek!(field, 0, field.length); // decode() may reuse the buffer an escaped field was unescaped into
            expect((codec.rawBuf ?? field).toString('utf8', codec.rawStart, codec.rawEnd)).toBe(decoded);
          }
          expect([PEEK_NULL, PEEK_EMPTY, PEEK_RAW, PEEK_DECODE]).toContain(kind);
        }),
        { numRuns: 1500 },
      );
    });

    it(`${c.name}: writeBytes writes what encode writes`, () => {
      fc.assert(
        fc.property(anyText, anyText, (original, value) => {
          const field = Buffer.from(c.field(original), 'utf8');
          const codec = c.make(field);
          const v = c.name === 'MySQL literal' ? value : value.replace(/\0/g, '');
          const got = written(codec, v, field);
          if (got !== undefined) expect(got).toBe(codec.encode(v, field, 0, field.length));
        }),
        { numRuns: 1500 },
      );
    });
  }

  it('escaped fields peek as raw UTF-8, unescaped into rawBuf (not when the bytes are not UTF-8)', () => {
    const copy = new CopyTextCodec('utf8');
    const f = Buffer.from('Zoë\\nline 2\\t{"a":1}');
    expect(copy.peek(f, 0, f.length)).toBe(PEEK_RAW);
    expect(copy.rawBuf!.toString('utf8', copy.rawStart, copy.rawEnd)).toBe('Zoë\nline 2\t{"a":1}');
    const bad = Buffer.from('a\\377b');
    expect(copy.peek(bad, 0, bad.length)).toBe(PEEK_DECODE);
    const m = Buffer.from(`'{\\"email\\": \\"o\\'k\\"}'`);
    const mysql = mysqlCodec(m);
    expect(mysql.peek(m, 0, m.length)).toBe(PEEK_RAW);
    expect(mysql.rawBuf!.toString('utf8', mysql.rawStart, mysql.rawEnd)).toBe(`{"email": "o'k"}`);
  });

  it('NULL peeks as NULL in every codec', () => {
    expect(new CopyTextCodec('utf8').peek(Buffer.from('\\N'), 0, 2)).toBe(PEEK_NULL);
    expect(new PgLiteralCodec('utf8').peek(Buffer.from('NULL'), 0, 4)).toBe(PEEK_NULL);
    const f = Buffer.from('null');
    expect(mysqlCodec(f).peek(f, 0, 4)).toBe(PEEK_NULL);
  });

  it('fields that are not plain UTF-8 text are left to decode()', () => {
    const latin = new CopyTextCodec('latin1');
    expect(latin.peek(Buffer.from('abc'), 0, 3)).toBe(PEEK_DECODE);
    const esc = Buffer.from("E'a\\tb'");
    expect(new PgLiteralCodec('utf8').peek(esc, 0, esc.length)).toBe(PEEK_DECODE);
    const hex = Buffer.from('0x414243');
    expect(mysqlCodec(hex).peek(hex, 0, hex.length)).toBe(PEEK_DECODE);
    const blob = Buffer.from("'abc'");
    const bin = new MysqlFieldCodec();
    const row = new RowFields();
    row.buf = blob;
    row.add(0, blob.length);
    bin.bind(row, [{ name: 'b', type: { raw: 'blob', kind: 'binary' } }], [0]);
    expect(bin.peek(blob, 0, blob.length)).toBe(PEEK_DECODE);
    expect(bin.peek(blob, 0, blob.length, 0)).toBe(PEEK_DECODE);
    // a column the codec has no type for (no DDL) is not taken as text either
    expect(bin.peek(blob, 0, blob.length, 5)).toBe(PEEK_DECODE);
  });
});
