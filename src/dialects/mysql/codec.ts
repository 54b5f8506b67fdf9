import { isUtf8 } from 'node:buffer';
import { PEEK_DECODE, PEEK_EMPTY, PEEK_NULL, PEEK_RAW, type CodecSpec, type FieldCodec, type Peek, type RowFields } from '../../core/row.js';
import type { Sink } from '../../core/sink.js';
import { isNullWord } from '../../core/text.js';
import { utf8Valid } from '../../core/utf8.js';
import type { ColumnInfo } from '../../model.js';
import { stringToBytes, type MysqlCharset } from './charset.js';
import { decodeBytes, escapeString, fieldKind, introducer, unescapeString, type FieldKind } from './literal.js';
import { bytesToString } from './charset.js';
import { writeQuotedBytes, writeQuotedUtf8 } from './quoted-writer.js';

const GEOMETRY = /^(?:geometry|point|linestring|polygon|multipoint|multilinestring|multipolygon|geometrycollection|geomcollection)\b/i;

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const SQ = 0x27;
/** Rows up to this size are turned into one string for their ASCII fields (codec.asciiText). */
const ROW_TEXT_MAX = 1024;
/** Escaped fields up to this size are unescaped into a kept buffer (codec.escapedText). */
const SCRATCH_MAX = 1 << 16;
const BS = 0x5c;

/** Columns whose dumped values are raw bytes, not text in the dump's charset. */
export function isBinaryColumn(info: ColumnInfo | undefined): boolean {
  const t = info?.type;
  return t !== undefined && (t.kind === 'binary' || GEOMETRY.test(t.raw));
}

/**
 * The FieldCodec of a MySQL dump. Decodes a Field with the charset of the statement (character_set_client),
 * except for binary columns (BLOB, BINARY, VARBINARY, BIT, geometry; `_binary '..'` and 0x.. fields; and,
 * when the dump's DDL is missing, quoted bytes that are not valid UTF-8): those decode byte for byte to
 * U+0000..U+00FF, and a replacement is written as a 0x.. hex literal, which is ASCII in every charset.
 * Text replacements are written as '..' escaped like mysqldump, numbers bare where the original was bare.
 */
export class MysqlFieldCodec implements FieldCodec {
  encoding: BufferEncoding = 'utf8';
  rawStart = -1;
  rawEnd = -1;
  rawBuf: Buffer | undefined;
  private charset: MysqlCharset = 'utf8';
  private row: RowFields | undefined;
  private columns: ColumnInfo[] = [];
  private ruled: number[] = [];
  /** Per column of `columns`: 1 binary, 0 text, -1 unknown (no DDL). */
  private binary: Int8Array = new Int8Array(0);

  specKey(): string {
    return this.charset;
  }

  spec(): CodecSpec {
    return { kind: 'mysql', encoding: this.encoding, charset: this.charset };
  }

  setCharset(charset: MysqlCharset): void {
    this.charset = charset;
    this.encoding = charset === 'utf8' ? 'utf8' : 'latin1';
  }

  /** The Row being written and its table's columns (for per-column binary-ness). */
  bind(row: RowFields, columns: ColumnInfo[], ruled: number[]): void {
    this.row = row;
    this.ruled = ruled;
    this.lastStart = -1;
    this.rowText = null;
    if (columns !== this.columns) {
      this.columns = columns;
      this.binary = Int8Array.from(columns, (c) => (c.type === undefined ? -1 : isBinaryColumn(c) ? 1 : 0));
    }
  }

  /**
   * The bound row's bytes as latin1 text, made at its first ASCII field: its fields are then slices of
   * one string (one native call per row, not per field). Small rows only, as a slice may keep its
   * whole row alive (in a transformer's cache, say).
   */
  private rowText: string | null = null;

  // the last field looked up (decode and write ask for the same field in turn)
  private lastStart = -1;
  private lastKnown = -1;

  /** The column index of the field starting at `start` in the bound Row, or -1. */
  private indexAt(start: number): number {
    const row = this.row;
    if (!row) return -1;
    for (const k of this.ruled) if (k < row.count && row.starts[k] === start) return k;
    for (let k = 0; k < row.count; k++) if (row.starts[k] === start) return k;
    return -1;
  }

  /** Whether the column of the field at `start` is binary: 1 binary, 0 text, -1 unknown. */
  private knownBinary(start: number): number {
    if (start !== this.lastStart) {
      const k = this.indexAt(start);
      this.lastStart = start;
      this.lastKnown = k >= 0 && k < this.binary.length ? this.binary[k] : -1;
    }
    return this.lastKnown;
  }

  private binaryField(buf: Buffer, start: number, end: number, kind: FieldKind): boolean {
    const known = this.knownBinary(start);
    if (known === 1) return true;
    switch (kind) {
      case 'hex':
      case 'hexString':
      case 'bitString':
        return true;
      case 'introducer':
        return introducer(buf, start, end).name === 'binary';
      case 'string':
        // No DDL says what the column is: quoted bytes that are not UTF-8 can only be binary.
        return known === -1 && this.charset === 'utf8' && !isUtf8(decodeBytes(buf, start, end, kind)!);
      default:
        return false;
    }
  }

  decode(buf: Buffer, start: number, end: number): string | null | undefined {
    this.rawStart = -1; // set again below only for a plain field (a peek() may have set it)
    if (buf[start] === SQ && end - start >= 2 && buf[end - 1] === SQ && this.knownBinary(start) === 0) {
      const text = this.quotedText(buf, start + 1, end - 1);
      if (text !== undefined) return text;
    }
    const kind = fieldKind(buf, start, end);
    if (kind === 'other' || kind === 'default') return undefined;
    const bytes = decodeBytes(buf, start, end, kind);
    if (bytes === null) return null;
    if (this.binaryField(buf, start, end, kind)) return bytesToString(bytes, 'binary');
    if (kind === 'introducer') {
      const name = introducer(buf, start, end).name;
      if (name === 'latin1') return bytesToString(bytes, 'latin1');
      if (name.startsWith('utf8')) return bytesToString(bytes, 'utf8');
    }
    return bytesToString(bytes, this.charset);
  }

  /**
   * For the byte path: a '...' text field of a UTF-8 dump with no escapes is raw UTF-8; binary,
   * unknown (no DDL) and escaped fields need decode().
   */
  peek(buf: Buffer, start: number, end: number, column?: number): Peek {
    const n = end - start;
    if (buf[start] !== SQ || n < 2 || buf[end - 1] !== SQ) {
      return isNullWord(buf, start, end) ? PEEK_NULL : PEEK_DECODE;
    }
    if (this.charset !== 'utf8') return PEEK_DECODE;
    const binary = column === undefined ? this.knownBinary(start) : column < this.binary.length ? this.binary[column] : -1;
    if (binary !== 0) return PEEK_DECODE;
    if (n === 2) return PEEK_EMPTY;
    const last = end - 1;
    let high = 0;
    for (let i = start + 1; i < last; i++) {
      const c = buf[i];
      if (c === BS || c === SQ) return this.peekEscaped(buf, start + 1, last, i);
      high |= c;
    }
    // bytes that are not UTF-8 decode to U+FFFD: the string path hashes that, so it takes them
    if (high >= 0x80 && !utf8Valid(buf, start + 1, last)) return PEEK_DECODE;
    this.rawBuf = buf;
    this.rawStart = start + 1;
    this.rawEnd = last;
    return PEEK_RAW;
  }

  /** peek() of an escaped field: its value's UTF-8, unescaped into the scratch buffer (rawBuf). */
  private peekEscaped(buf: Buffer, from: number, to: number, k: number): Peek {
    const n = this.unescape(buf, from, to, k);
    if (n < 0 || !utf8Valid(this.scratch, 0, n)) return PEEK_DECODE;
    this.rawBuf = this.scratch;
    this.rawStart = 0;
    this.rawEnd = n;
    return PEEK_RAW;
  }

  /** '...' escaped like escapeString() (mysqldump's escapes), for a text field peek() found raw. */
  writeBytes(src: Uint8Array, s: number, e: number, sink: Sink): boolean {
    if (e - s > 4096) return false;
    writeQuotedBytes(sink, src, s, e);
    return true;
  }

  /**
   * The common field: '...' in a text column, content buf[from, to). Without escapes or doubled quotes
   * it is decoded without a copy, and in a UTF-8 dump its bytes are the value's UTF-8 (rawStart/rawEnd)
   * unless they are not valid UTF-8. undefined: not one string (the general path says why).
   */
  private quotedText(buf: Buffer, from: number, to: number): string | undefined {
    let high = 0;
    for (let k = from; k < to; k++) {
      const c = buf[k];
      if (c === BS || c === SQ) return this.escapedText(buf, from, to, k);
      high |= c;
    }
    if (high < 0x80) {
      if (this.charset === 'utf8') {
        this.rawStart = from;
        this.rawEnd = to;
      }
      return this.asciiText(buf, from, to);
    }
    if (this.charset !== 'utf8') return bytesToString(buf, this.charset, from, to);
    const s = buf.toString('utf8', from, to);
    if (!s.includes('\ufffd')) {
      this.rawStart = from;
      this.rawEnd = to;
    }
    return s;
  }

  /** Unescaped bytes of a '...' field, in a buffer kept for the next one (fields up to 64 KiB). */
  private scratch = Buffer.allocUnsafe(256);

  /**
   * Content buf[from, to) of a '...' field whose first backslash or quote is at k, unescaped as
   * literal.ts does; undefined when a quote ends the string early or a backslash escapes its end.
   */
  private escapedText(buf: Buffer, from: number, to: number, k: number): string | undefined {
    const n = this.unescape(buf, from, to, k);
    return n < 0 ? undefined : bytesToString(this.scratch, this.charset, 0, n);
  }

  /** Unescape content buf[from, to) (first backslash or quote at k) into the scratch; its length, or -1 (see escapedText). */
  private unescape(buf: Buffer, from: number, to: number, k: number): number {
    if (to - from > SCRATCH_MAX) return -1;
    if (this.scratch.length < to - from) this.scratch = Buffer.allocUnsafe(Math.max(to - from, this.scratch.length * 2));
    return unescapeString(buf, from, to, k, SQ, this.scratch);
  }

  /** ASCII bytes buf[from, to) of the bound row as a string. */
  private asciiText(buf: Buffer, from: number, to: number): string {
    const row = this.row;
    if (row === undefined || row.buf !== buf || from < row.rowStart || to > row.rowEnd || row.rowEnd - row.rowStart > ROW_TEXT_MAX) {
      return buf.toString('latin1', from, to);
    }
    this.rowText ??= buf.toString('latin1', row.rowStart, row.rowEnd);
    return this.rowText.slice(from - row.rowStart, to - row.rowStart);
  }

  /** Fused encode-and-write: a text replacement for a '...' text field is escaped straight into the sink. */
  write(value: string | null, sink: Sink, buf: Buffer, start: number, end: number): void {
    if (value !== null && this.charset === 'utf8' && buf[start] === SQ && this.knownBinary(start) === 0) {
      writeQuotedUtf8(sink, value);
      return;
    }
    sink.pushString(this.encode(value, buf, start, end), this.encoding);
  }

  encode(value: string | null, buf: Buffer, start: number, end: number): string {
    if (value === null) return 'NULL';
    const kind = fieldKind(buf, start, end);
    if (this.binaryField(buf, start, end, kind)) {
      if (value.length === 0) return "''";
      return `0x${stringToBytes(value, 'binary').toString('hex').toUpperCase()}`;
    }
    if ((kind === 'number' || kind === 'boolean') && NUMBER.test(value)) return value;
    const quoted = `'${escapeString(value)}'`;
    if (this.charset === 'utf8') return quoted;
    // The sink writes latin1 strings byte for byte: turn MySQL latin1 (cp1252) text into those bytes.
    return stringToBytes(quoted, this.charset).toString('latin1');
  }
}
