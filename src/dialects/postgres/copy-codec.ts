import type { FieldCodec } from '../../core/row.js';

/** PostgreSQL COPY text format: \N is NULL; backslash escapes; tab-separated fields. */
export class CopyTextCodec implements FieldCodec {
  constructor(readonly encoding: BufferEncoding) {}

  decode(buf: Buffer, start: number, end: number): string | null {
    if (end - start === 2 && buf[start] === 0x5c && buf[start + 1] === 0x4e) return null;
    const bs = buf.indexOf(0x5c, start);
    if (bs < 0 || bs >= end) return buf.toString(this.encoding, start, end);
    return decodeCopyEscapes(buf, start, end).toString(this.encoding);
  }

  encode(value: string | null): string {
    return value === null ? '\\N' : escapeCopy(value);
  }
}

const SIMPLE: Record<number, number> = { 0x62: 8, 0x66: 12, 0x6e: 10, 0x72: 13, 0x74: 9, 0x76: 11 };

function isOct(c: number): boolean {
  return c >= 0x30 && c <= 0x37;
}

function hexVal(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  return -1;
}

/** Undo COPY text escapes into raw bytes (octal and \x hex may produce any byte). */
export function decodeCopyEscapes(buf: Buffer, start: number, end: number): Buffer {
  const out = Buffer.allocUnsafe(end - start);
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = buf[i];
    if (c !== 0x5c || i + 1 >= end) {
      out[n++] = c;
      continue;
    }
    const d = buf[++i];
    const simple = SIMPLE[d];
    if (simple !== undefined) out[n++] = simple;
    else if (isOct(d)) {
      let v = d - 0x30;
      if (i + 1 < end && isOct(buf[i + 1])) v = v * 8 + (buf[++i] - 0x30);
      if (i + 1 < end && isOct(buf[i + 1])) v = v * 8 + (buf[++i] - 0x30);
      out[n++] = v & 0xff;
    } else if (d === 0x78 && i + 1 < end && hexVal(buf[i + 1]) >= 0) {
      let v = hexVal(buf[++i]);
      if (i + 1 < end && hexVal(buf[i + 1]) >= 0) v = v * 16 + hexVal(buf[++i]);
      out[n++] = v;
    } else out[n++] = d;
  }
  return out.subarray(0, n);
}

const ESCAPE_ALL = /[\\\t\n\r\b\f\v]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r', '\b': '\\b', '\f': '\\f', '\v': '\\v' };

export function escapeCopy(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // \b \t \n \v \f \r are 8..13; backslash is 92
    if ((c >= 8 && c <= 13) || c === 92) return s.replace(ESCAPE_ALL, (ch) => ESCAPES[ch]);
  }
  return s;
}
