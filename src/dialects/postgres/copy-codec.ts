import { PEEK_DECODE, PEEK_EMPTY, PEEK_NULL, PEEK_RAW, type CodecSpec, type FieldCodec, type Peek } from '../../core/row.js';
import type { Sink } from '../../core/sink.js';
import { decodeText } from '../../core/text.js';
import { utf8Valid } from '../../core/utf8.js';

/** PostgreSQL COPY text format: \N is NULL; backslash escapes; tab-separated fields. */
/** Largest escaped field peek() unescapes for the byte path (longer ones are decoded). */
const SCRATCH_MAX = 1 << 16;

export class CopyTextCodec implements FieldCodec {
  rawStart = -1;
  rawEnd = -1;
  rawBuf: Buffer | undefined;
  /** Unescaped bytes of the last escaped field peek() read, kept for the next one. */
  private scratch = Buffer.allocUnsafe(256);

  constructor(readonly encoding: BufferEncoding) {}

  specKey(): string {
    return this.encoding;
  }

  spec(): CodecSpec {
    return { kind: 'pg-copy', encoding: this.encoding };
  }

  decode(buf: Buffer, start: number, end: number): string | null {
    this.rawStart = -1;
    if (end - start === 2 && buf[start] === 0x5c && buf[start + 1] === 0x4e) return null;
    // bounded scan: an indexOf would run past the field to the next backslash in the chunk
    let i = start;
    while (i < end && buf[i] !== 0x5c) i++;
    if (i === end) {
      if (this.encoding === 'utf8') {
        this.rawStart = start;
        this.rawEnd = end;
      }
      return decodeText(buf, start, end, this.encoding);
    }
    return decodeCopyEscapes(buf, start, end).toString(this.encoding);
  }

  peek(buf: Buffer, start: number, end: number): Peek {
    if (end === start) return PEEK_EMPTY;
    if (end - start === 2 && buf[start] === 0x5c && buf[start + 1] === 0x4e) return PEEK_NULL;
    if (this.encoding !== 'utf8') return PEEK_DECODE;
    for (let i = start; i < end; i++) if (buf[i] === 0x5c) return this.peekEscaped(buf, start, end);
    this.rawBuf = buf;
    this.rawStart = start;
    this.rawEnd = end;
    return PEEK_RAW;
  }

  /** peek() of a field with escapes: its value's UTF-8, unescaped into the scratch buffer (rawBuf). */
  private peekEscaped(buf: Buffer, start: number, end: number): Peek {
    if (end - start > SCRATCH_MAX) return PEEK_DECODE;
    if (this.scratch.length < end - start) this.scratch = Buffer.allocUnsafe(Math.max(end - start, this.scratch.length * 2));
    const n = unescapeCopy(buf, start, end, this.scratch);
    // bytes that are not UTF-8 (octal or \x escapes) decode to U+FFFD: the string path takes them
    if (!utf8Valid(this.scratch, 0, n)) return PEEK_DECODE;
    this.rawBuf = this.scratch;
    this.rawStart = 0;
    this.rawEnd = n;
    return PEEK_RAW;
  }

  /** COPY escapes of UTF-8 bytes (multi-byte sequences never hold bytes below 0x80). */
  writeBytes(src: Uint8Array, s: number, e: number, sink: Sink): boolean {
    const n = e - s;
    if (n > 4096) return false;
    const out = sink.reserve(n * 2);
    let len = sink.length;
    for (let i = s; i < e; i++) {
      const c = src[i];
      if ((c >= 8 && c <= 13) || c === 92) {
        out[len++] = 92;
        out[len++] = COPY_ESCAPE_LETTER[c];
      } else out[len++] = c;
    }
    sink.commit(len);
    return true;
  }

  encode(value: string | null): string {
    return value === null ? '\\N' : escapeCopy(value);
  }

  /** Escape and write in one pass (ASCII fast path); falls back to encode() for other text. */
  write(value: string | null, sink: Sink): void {
    if (value === null || value.length > 256 || this.encoding !== 'utf8') {
      sink.pushString(this.encode(value), this.encoding);
      return;
    }
    const n = value.length;
    const out = sink.reserve(n * 2);
    const start = sink.length;
    let len = start;
    for (let i = 0; i < n; i++) {
      const c = value.charCodeAt(i);
      if (c >= 0x80) {
        sink.pushString(escapeCopy(value), this.encoding);
        return;
      }
      if ((c >= 8 && c <= 13) || c === 92) {
        out[len++] = 92;
        out[len++] = COPY_ESCAPE_LETTER[c];
      } else out[len++] = c;
    }
    sink.commit(len);
  }
}

/** The letter after the backslash for each byte COPY escapes. */
const COPY_ESCAPE_LETTER: Record<number, number> = { 8: 0x62, 9: 0x74, 10: 0x6e, 11: 0x76, 12: 0x66, 13: 0x72, 92: 92 };

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
  return out.subarray(0, unescapeCopy(buf, start, end, out));
}

/** decodeCopyEscapes into `out` (at least end - start bytes); returns the length. */
function unescapeCopy(buf: Buffer, start: number, end: number, out: Buffer): number {
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
  return n;
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
