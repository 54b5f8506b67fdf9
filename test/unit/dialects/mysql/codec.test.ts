import { isUtf8 } from 'node:buffer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RowFields } from '../../../../src/core/row.js';
import { Sink } from '../../../../src/core/sink.js';
import { MysqlFieldCodec } from '../../../../src/dialects/mysql/codec.js';
import { decode } from '../../../../src/dialects/mysql/literal.js';
import type { MysqlCharset } from '../../../../src/dialects/mysql/charset.js';
import type { ColumnInfo } from '../../../../src/model.js';

const COLUMNS: ColumnInfo[] = [
  { name: 'text', type: { raw: 'varchar(255)', kind: 'text' } },
  { name: 'blob', type: { raw: 'blob', kind: 'binary' } },
  { name: 'unknown' },
];
const TEXT = 0;
const BLOB = 1;
const UNKNOWN = 2;

/** A codec bound to a one-field row holding `field` in column `column` (its row has 3 columns). */
function bound(field: Buffer, column: number, charset: MysqlCharset = 'utf8', pad = 0): { codec: MysqlFieldCodec; buf: Buffer; start: number; end: number } {
  const buf = Buffer.concat([Buffer.from('(1,'), field, Buffer.from(`,2${' '.repeat(pad)})`)]);
  const row = new RowFields();
  const spans = [[1, 2], [1, 2], [1, 2]];
  spans[column] = [3, 3 + field.length];
  if (column !== 0) spans[0] = [buf.length - 2, buf.length - 1];
  for (const [s, e] of spans) row.add(s, e);
  row.buf = buf;
  row.rowEnd = buf.length;
  const codec = new MysqlFieldCodec();
  codec.setCharset(charset);
  codec.bind(row, COLUMNS, [column]);
  return { codec, buf, start: 3, end: 3 + field.length };
}

/** What write() puts in the sink. */
function written(codec: MysqlFieldCodec, value: string | null, buf: Buffer, start: number, end: number): Buffer {
  const parts: Buffer[] = [];
  const sink = new Sink((b) => parts.push(Buffer.from(b)), { size: 1024 * 1024 });
  codec.write(value, sink, buf, start, end);
  sink.flush();
  return Buffer.concat(parts);
}

/** Bytes of a '...' body without backslashes or quotes (the fields the fast path reads). */
const plainBody = fc.uint8Array({ maxLength: 40 }).map((a) => Buffer.from(a.filter((c) => c !== 0x5c && c !== 0x27)));
const text = fc.string({ unit: 'binary', maxLength: 40 });

describe('MysqlFieldCodec decode', () => {
  it('reads a plain quoted field like the literal decoder, and points at its bytes when they are its UTF-8', () => {
    fc.assert(
      fc.property(plainBody, fc.constantFrom<MysqlCharset>('utf8', 'latin1'), fc.constantFrom(0, 2000), (body, charset, pad) => {
        const field = Buffer.concat([Buffer.from("'"), body, Buffer.from("'")]);
        const { codec, buf, start, end } = bound(field, TEXT, charset, pad);
        const v = codec.decode(buf, start, end);
        expect(v).toBe(decode(field, 0, field.length, undefined, charset));
        if (codec.rawStart >= 0) {
          expect(charset).toBe('utf8');
          expect(buf.subarray(codec.rawStart, codec.rawEnd).equals(Buffer.from(v!, 'utf8'))).toBe(true);
        } else if (charset === 'utf8') expect(!isUtf8(body) || body.includes(Buffer.from('\ufffd'))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('reads any quoted field of a text column like the literal decoder, escapes, doubled quotes and errors alike', () => {
    const body = fc.array(fc.constantFrom(0x5c, 0x27, 0x25, 0x5f, 0x6e, 0x30, 0x5a, 0x61, 0xc3, 0xa9, 0x22), { maxLength: 30 }).map((a) => Buffer.from(a));
    const outcome = (f: () => unknown) => {
      try {
        return f();
      } catch (e) {
        return (e as { code?: string }).code ?? String(e);
      }
    };
    fc.assert(
      fc.property(body, fc.constantFrom<MysqlCharset>('utf8', 'latin1'), (content, charset) => {
        const field = Buffer.concat([Buffer.from("'"), content, Buffer.from("'")]);
        const { codec, buf, start, end } = bound(field, TEXT, charset);
        expect(outcome(() => codec.decode(buf, start, end))).toEqual(outcome(() => decode(field, 0, field.length, undefined, charset)));
      }),
      { numRuns: 3000 },
    );
  });

  it('reads escaped, binary and unknown-column fields without pointing at their bytes', () => {
    const esc = bound(Buffer.from("'it\\'s'"), TEXT);
    expect(esc.codec.decode(esc.buf, esc.start, esc.end)).toBe("it's");
    expect(esc.codec.rawStart).toBe(-1);
    const blob = bound(Buffer.from("'\xe9'", 'latin1'), BLOB);
    expect(blob.codec.decode(blob.buf, blob.start, blob.end)).toBe('\xe9');
    expect(blob.codec.rawStart).toBe(-1);
    const unknown = bound(Buffer.from("'\xff\x00'", 'latin1'), UNKNOWN);
    expect(unknown.codec.decode(unknown.buf, unknown.start, unknown.end)).toBe('\xff\x00');
    const ok = bound(Buffer.from("'Zoë'"), UNKNOWN);
    expect(ok.codec.decode(ok.buf, ok.start, ok.end)).toBe('Zoë');
  });
});

describe('MysqlFieldCodec write', () => {
  it('writes the bytes encode() gives, for any value and any kind of field', () => {
    const fields = ["'x'", "'a\\'b'", '42', 'NULL', '0x41', "_binary 'x'", '"x"', "x'41'"];
    fc.assert(
      fc.property(fc.option(text, { nil: null }), fc.constantFrom(...fields), fc.constantFrom(TEXT, BLOB, UNKNOWN), fc.constantFrom<MysqlCharset>('utf8', 'latin1'), (value, field, column, charset) => {
        const { codec, buf, start, end } = bound(Buffer.from(field), column, charset);
        const expected = Buffer.from(codec.encode(value, buf, start, end), codec.encoding);
        expect(written(codec, value, buf, start, end).equals(expected)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('escapes every special byte and long values', () => {
    const { codec, buf, start, end } = bound(Buffer.from("'x'"), TEXT);
    const all = '\0\n\r\\\'"\x1a\t\b%_ é€😀 \0\'';
    expect(written(codec, all, buf, start, end).toString()).toBe("'\\0\\n\\r\\\\\\'\\\"\\Z\t\b%_ é€😀 \\0\\''");
    const long = 'a\'é'.repeat(5000);
    expect(written(codec, long, buf, start, end).equals(Buffer.from(codec.encode(long, buf, start, end)))).toBe(true);
    expect(decode(written(codec, long, buf, start, end), 0, 5000 * 5 + 2)).toBe(long);
  });
});
