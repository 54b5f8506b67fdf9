import { PEEK_DECODE, PEEK_EMPTY, PEEK_NULL, PEEK_RAW, type CodecSpec, type FieldCodec, type Peek } from '../../core/row.js';
import type { Sink } from '../../core/sink.js';
import { decodeText, isNullWord } from '../../core/text.js';

const Q = 0x27;
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * PostgreSQL SQL literals as pg_dump --inserts writes them: 'standard strings' (quotes doubled),
 * E'escape strings', NULL, bare numbers and booleans, DEFAULT (generated columns; left as it is).
 */
export class PgLiteralCodec implements FieldCodec {
  /** `SET standard_conforming_strings = off` makes backslashes escapes inside plain '...' too. */
  standardStrings = true;

  constructor(readonly encoding: BufferEncoding) {}

  specKey(): string {
    return this.standardStrings ? this.encoding : `${this.encoding}/escapes`;
  }

  spec(): CodecSpec {
    return { kind: 'pg-literal', encoding: this.encoding, standardStrings: this.standardStrings };
  }

  rawStart = -1;
  rawEnd = -1;

  decode(buf: Buffer, start: number, end: number): string | null | undefined {
    this.rawStart = -1;
    const first = buf[start];
    if (first === Q) return this.decodeQuoted(buf, start + 1, end, !this.standardStrings);
    if ((first === 0x45 || first === 0x65) && buf[start + 1] === Q) return this.decodeQuoted(buf, start + 2, end, true);
    const text = buf.toString(this.encoding, start, end);
    const upper = text.toUpperCase();
    if (upper === 'NULL' || upper === 'DEFAULT') return null;
    if (NUMBER.test(text) || upper === 'TRUE' || upper === 'FALSE') return text;
    // B'0101' / X'1F' bit strings
    if ((upper.startsWith("B'") || upper.startsWith("X'")) && text.endsWith("'")) return text.slice(2, -1);
    return undefined;
  }

  /** Content of a quoted literal starting after the opening quote; undefined if it is an expression. */
  private decodeQuoted(buf: Buffer, from: number, end: number, escapes: boolean): string | undefined {
    if (end - from < 1 || buf[end - 1] !== Q) return undefined;
    const last = end - 1;
    let k = from;
    while (k < last && buf[k] !== Q && !(escapes && buf[k] === 0x5c)) k++;
    if (k === last) {
      if (this.encoding === 'utf8') {
        this.rawStart = from;
        this.rawEnd = last;
      }
      return decodeText(buf, from, last, this.encoding);
    }
    const out = Buffer.allocUnsafe(last - from);
    let n = 0;
    for (let i = from; i < last; i++) {
      const c = buf[i];
      if (c === Q) {
        if (buf[i + 1] !== Q || i + 1 >= last) return undefined;
        out[n++] = Q;
        i++;
      } else if (c === 0x5c && escapes && i + 1 < last) {
        const r = unescapeC(buf, i + 1, last, out, n);
        i = r.next - 1;
        n = r.n;
      } else out[n++] = c;
    }
    return out.toString(this.encoding, 0, n);
  }

  /** A plain '...' literal without doubled quotes (or backslashes, where they escape) is raw. */
  peek(buf: Buffer, start: number, end: number): Peek {
    if (buf[start] !== Q || this.encoding !== 'utf8' || end - start < 2 || buf[end - 1] !== Q) {
      return isNullWord(buf, start, end) ? PEEK_NULL : PEEK_DECODE;
    }
    const last = end - 1;
    if (last === start + 1) return PEEK_EMPTY;
    const escapes = !this.standardStrings;
    for (let k = start + 1; k < last; k++) if (buf[k] === Q || (escapes && buf[k] === 0x5c)) return PEEK_DECODE;
    this.rawStart = start + 1;
    this.rawEnd = last;
    return PEEK_RAW;
  }

  /** '...' with quotes doubled, as encode() writes a string for a quoted original. */
  writeBytes(src: Uint8Array, s: number, e: number, sink: Sink, buf: Buffer, start: number): boolean {
    const n = e - s;
    if (n > 4096 || buf[start] !== Q) return false;
    if (!this.standardStrings) for (let i = s; i < e; i++) if (src[i] === 0x5c) return false;
    const out = sink.reserve(n * 2 + 2);
    let len = sink.length;
    out[len++] = Q;
    for (let i = s; i < e; i++) {
      const c = src[i];
      if (c === Q) out[len++] = Q;
      out[len++] = c;
    }
    out[len++] = Q;
    sink.commit(len);
    return true;
  }

  encode(value: string | null, buf: Buffer, start: number, end: number): string {
    if (value === null) return 'NULL';
    const first = buf[start];
    if (first !== Q && first !== 0x45 && first !== 0x65 && NUMBER.test(value)) {
      const orig = buf.toString('latin1', start, end);
      if (NUMBER.test(orig)) return value;
    }
    if (!this.standardStrings && value.includes('\\')) return `E'${value.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
    return `'${value.replace(/'/g, "''")}'`;
  }
}

const C_ESC: Record<number, number> = { 0x62: 8, 0x66: 12, 0x6e: 10, 0x72: 13, 0x74: 9 };

function unescapeC(buf: Buffer, i: number, end: number, out: Buffer, n: number): { next: number; n: number } {
  const d = buf[i];
  if (C_ESC[d] !== undefined) {
    out[n++] = C_ESC[d];
    return { next: i + 1, n };
  }
  if (d >= 0x30 && d <= 0x37) {
    let v = 0;
    let k = i;
    while (k < end && k < i + 3 && buf[k] >= 0x30 && buf[k] <= 0x37) v = v * 8 + (buf[k++] - 0x30);
    out[n++] = v & 0xff;
    return { next: k, n };
  }
  if (d === 0x78) {
    let v = 0;
    let k = i + 1;
    while (k < end && k < i + 3 && /[0-9a-fA-F]/.test(String.fromCharCode(buf[k]))) v = v * 16 + parseInt(String.fromCharCode(buf[k++]), 16);
    out[n++] = v;
    return { next: k, n };
  }
  if (d === 0x75 || d === 0x55) {
    const len = d === 0x75 ? 4 : 8;
    const hex = buf.toString('latin1', i + 1, i + 1 + len);
    if (/^[0-9a-fA-F]+$/.test(hex) && hex.length === len) {
      const b = Buffer.from(String.fromCodePoint(parseInt(hex, 16)), 'utf8');
      b.copy(out, n);
      return { next: i + 1 + len, n: n + b.length };
    }
  }
  out[n++] = d;
  return { next: i + 1, n };
}
