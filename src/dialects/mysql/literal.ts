import { VeilError, visible } from '../../errors.js';
import { bytesToString, stringToBytes, type MysqlCharset } from './charset.js';

/**
 * The MySQL value codec: one Field of an INSERT tuple (bytes between the separators) ↔ its value.
 *
 * What the dump tools write (measured on mariadb-dump 10.11, read from MySQL 8.0 mysqldump.cc):
 *   NULL · bare numbers (`-1.5e-300`, `18446744073709551615`, zero-filled `0042`) · '...' strings escaped
 *   by mysql_real_escape_string (\0 \n \r \\ \' \" \Z; tab and \b stay raw) · `0x4142` for binary
 *   columns with --hex-blob · `_binary '...'` for binary columns in MySQL 8 dumps.
 * Decoding also accepts what a hand-written dump may hold: '' doubling, "..." strings, N'...', x'..',
 * b'..', 0b101, other introducers (_utf8mb4'...'), TRUE/FALSE.
 */

export type FieldKind =
  | 'null'
  | 'string' // '...', "...", N'...'
  | 'number'
  | 'boolean' // TRUE / FALSE
  | 'hex' // 0x4142
  | 'hexString' // x'4142'
  | 'bitString' // b'0101', 0b0101
  | 'introducer' // _binary '...', _utf8mb4 0x41
  | 'default' // the DEFAULT keyword
  | 'other'; // an expression: not a literal

/** How a replacement value is written: like mysqldump writes that kind of field. */
export type EncodeStyle = 'quoted' | 'number' | 'hex' | '_binary';

const SQ = 0x27;
const DQ = 0x22;
const BS = 0x5c;

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0c;
}
function isHexDigit(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x66);
}
function isIdentChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) || c === 0x5f || c >= 0x80;
}
function trimStart(buf: Uint8Array, start: number, end: number): number {
  while (start < end && isSpace(buf[start])) start++;
  return start;
}
function trimEnd(buf: Uint8Array, start: number, end: number): number {
  while (end > start && isSpace(buf[end - 1])) end--;
  return end;
}
function wordIs(buf: Uint8Array, start: number, end: number, upper: string): boolean {
  if (end - start !== upper.length) return false;
  for (let i = 0; i < upper.length; i++) if ((buf[start + i] & 0xdf) !== upper.charCodeAt(i)) return false;
  return true;
}

/**
 * Index just past the closing quote of the string whose opening quote is at `open`, or -1 if the string
 * does not end before `end`. A backslash escapes the next byte; a doubled quote is a quote. A quote that is
 * the last byte before `end` is ambiguous (it may be the first of a doubled pair) unless `complete` says no
 * more bytes follow: then -1 is returned, so a streaming caller waits for one more byte.
 */
export function skipString(buf: Uint8Array, open: number, end: number, complete = false): number {
  const q = buf[open];
  let i = open + 1;
  while (i < end) {
    const c = buf[i];
    if (c === BS) i += 2;
    else if (c === q) {
      if (i + 1 < end) {
        if (buf[i + 1] === q) i += 2;
        else return i + 1;
      } else return complete ? i + 1 : -1;
    } else i++;
  }
  return -1;
}

/** Classify one field from its first bytes. Leading and trailing whitespace is ignored. */
export function fieldKind(buf: Uint8Array, start: number, end: number): FieldKind {
  start = trimStart(buf, start, end);
  end = trimEnd(buf, start, end);
  if (start >= end) return 'other';
  const c = buf[start];
  const c1 = start + 1 < end ? buf[start + 1] : -1;
  if (c === SQ || c === DQ) return 'string';
  if ((c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2b || c === 0x2e) {
    if (c === 0x30 && (c1 === 0x78 || c1 === 0x58) && start + 2 < end) return 'hex';
    if (c === 0x30 && c1 === 0x62 && start + 2 < end) return 'bitString';
    return 'number';
  }
  const lc = c | 0x20;
  if (c1 === SQ) {
    if (lc === 0x78) return 'hexString';
    if (lc === 0x62) return 'bitString';
    if (lc === 0x6e) return 'string';
  }
  if (c === 0x5f) return 'introducer';
  if (wordIs(buf, start, end, 'NULL')) return 'null';
  if (wordIs(buf, start, end, 'TRUE') || wordIs(buf, start, end, 'FALSE')) return 'boolean';
  if (wordIs(buf, start, end, 'DEFAULT')) return 'default';
  return 'other';
}

/** No position: buf may be a chunk or a field's copy; the scanner places the error at its row. */
function syntax(buf: Uint8Array, start: number, end: number, what: string): VeilError {
  return new VeilError('DUMP_INSERT_SYNTAX', `${what}: ${visible(buf.subarray(start, Math.min(end, start + 60)))}`, {
    excerpt: visible(buf.subarray(start, Math.min(end, start + 60))),
  });
}

/** The byte a backslash escape stands for; MySQL keeps the backslash of \% and \_ (LIKE patterns). */
export function unescapeByte(c: number): number {
  switch (c) {
    case 0x30: return 0x00; // \0
    case 0x62: return 0x08; // \b
    case 0x6e: return 0x0a; // \n
    case 0x72: return 0x0d; // \r
    case 0x74: return 0x09; // \t
    case 0x5a: return 0x1a; // \Z
    default: return c; // \\ \' \" and any unknown \x → x
  }
}

/**
 * Undo the escapes of a quoted string's content buf[from, to) (its quote is q; the first backslash or
 * quote is at k) into out, which holds at least to - from bytes: backslash escapes (the backslash of
 * \% and \_ kept) and doubled quotes. Returns the length, or -1 where the content is not one string
 * (a lone quote, or a backslash escaping the closing quote).
 */
export function unescapeString(buf: Uint8Array, from: number, to: number, k: number, q: number, out: Uint8Array): number {
  let n = 0;
  for (let i = from; i < k; i++) out[n++] = buf[i];
  let i = k;
  while (i < to) {
    const c = buf[i];
    if (c === BS) {
      if (i + 1 >= to) return -1;
      const e = buf[i + 1];
      if (e === 0x25 || e === 0x5f) out[n++] = BS;
      out[n++] = unescapeByte(e);
      i += 2;
    } else if (c === q) {
      if (i + 1 >= to || buf[i + 1] !== q) return -1;
      out[n++] = q;
      i += 2;
    } else {
      out[n++] = c;
      i++;
    }
  }
  return n;
}

/** The bytes of a quoted string whose quotes sit at `open` and `close - 1` (checked by skipString). */
function stringBytes(buf: Uint8Array, open: number, close: number): Uint8Array {
  const q = buf[open];
  const from = open + 1;
  const to = close - 1;
  let i = from;
  while (i < to && buf[i] !== BS && buf[i] !== q) i++;
  if (i === to) return buf.subarray(from, to); // fast path: nothing to undo
  const out = new Uint8Array(to - from);
  const n = unescapeString(buf, from, to, i, q, out);
  if (n < 0) throw syntax(buf, open, close, 'not one quoted string');
  return out.subarray(0, n);
}

function quotedBytes(buf: Uint8Array, start: number, end: number): Uint8Array {
  const q = buf[start];
  if ((q !== SQ && q !== DQ) || skipString(buf, start, end, true) !== end) {
    throw syntax(buf, start, end, 'not one quoted string');
  }
  return stringBytes(buf, start, end);
}

function hexBytes(buf: Uint8Array, from: number, to: number, what: string): Uint8Array {
  const digits = to - from;
  const out = new Uint8Array((digits + 1) >> 1);
  let n = 0;
  let i = from;
  if (digits & 1) {
    out[n++] = hexValue(buf, i++, what);
  }
  for (; i < to; i += 2) out[n++] = (hexValue(buf, i, what) << 4) | hexValue(buf, i + 1, what);
  return out;
}
function hexValue(buf: Uint8Array, i: number, what: string): number {
  const c = buf[i];
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const l = c | 0x20;
  if (l >= 0x61 && l <= 0x66) return l - 0x57;
  throw syntax(buf, i, i + 1, `bad digit in ${what}`);
}
function bitBytes(buf: Uint8Array, from: number, to: number): Uint8Array {
  const bits = to - from;
  const out = new Uint8Array((bits + 7) >> 3);
  for (let i = from; i < to; i++) {
    const c = buf[i];
    if (c !== 0x30 && c !== 0x31) throw syntax(buf, i, i + 1, 'bad digit in bit literal');
    const k = to - 1 - i; // bit index from the right
    if (c === 0x31) out[out.length - 1 - (k >> 3)] |= 1 << (k & 7);
  }
  return out;
}

/**
 * The raw bytes a field stands for (null for NULL). Numbers and booleans give their ASCII text.
 * Throws DUMP_INSERT_SYNTAX for DEFAULT, expressions and malformed literals.
 */
export function decodeBytes(buf: Uint8Array, start: number, end: number, kind?: FieldKind): Uint8Array | null {
  start = trimStart(buf, start, end);
  end = trimEnd(buf, start, end);
  kind ??= fieldKind(buf, start, end);
  switch (kind) {
    case 'null':
      return null;
    case 'string':
      return quotedBytes(buf, (buf[start] | 0x20) === 0x6e ? start + 1 : start, end);
    case 'number':
      return buf.subarray(start, end);
    case 'boolean':
      return Uint8Array.of((buf[start] | 0x20) === 0x74 ? 0x31 : 0x30);
    case 'hex':
      return hexBytes(buf, start + 2, end, 'hex literal');
    case 'hexString':
      if (buf[end - 1] !== SQ || ((end - start - 3) & 1) !== 0) throw syntax(buf, start, end, 'bad hex string');
      return hexBytes(buf, start + 2, end - 1, 'hex string');
    case 'bitString':
      if (buf[start + 1] === SQ) {
        if (buf[end - 1] !== SQ) throw syntax(buf, start, end, 'bad bit string');
        return bitBytes(buf, start + 2, end - 1);
      }
      return bitBytes(buf, start + 2, end);
    case 'introducer': {
      const { valueStart } = introducer(buf, start, end);
      const k = fieldKind(buf, valueStart, end);
      if (k !== 'string' && k !== 'hex' && k !== 'hexString' && k !== 'bitString') {
        throw syntax(buf, start, end, 'introducer without a literal');
      }
      return decodeBytes(buf, valueStart, end, k);
    }
    case 'default':
      throw syntax(buf, start, end, 'DEFAULT has no value in the dump');
    case 'other':
      throw syntax(buf, start, end, 'not a literal');
  }
}

/** `_binary '..'` → the charset name (`binary`) and where the literal starts. */
export function introducer(buf: Uint8Array, start: number, end: number): { name: string; valueStart: number } {
  let i = start + 1;
  while (i < end && isIdentChar(buf[i])) i++;
  const name = Buffer.from(buf.buffer, buf.byteOffset + start + 1, i - start - 1).toString('latin1').toLowerCase();
  return { name, valueStart: trimStart(buf, i, end) };
}

/**
 * Decode one field to a string with `charset` (the dump's charset, or `binary` for a binary column, which
 * maps bytes 1:1 to U+0000..U+00FF). An introducer (`_binary`, `_latin1`) overrides `charset`.
 */
export function decode(
  buf: Uint8Array,
  start: number,
  end: number,
  kind?: FieldKind,
  charset: MysqlCharset = 'utf8',
): string | null {
  start = trimStart(buf, start, end);
  end = trimEnd(buf, start, end);
  kind ??= fieldKind(buf, start, end);
  if (kind === 'introducer') {
    const name = introducer(buf, start, end).name;
    charset = name === 'binary' ? 'binary' : name === 'latin1' ? 'latin1' : name.startsWith('utf8') ? 'utf8' : charset;
  }
  const bytes = decodeBytes(buf, start, end, kind);
  return bytes === null ? null : bytesToString(bytes, charset);
}

// ---- encoding ------------------------------------------------------------------------------------------

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const NULL_BYTES = Buffer.from('NULL', 'latin1');

/** Escape like mysql_real_escape_string: \0 \n \r \\ \' \" and 0x1a as \Z; everything else stays raw. */
export function escapeString(s: string): string {
  let out = '';
  let last = 0;
  for (let i = 0; i < s.length; i++) {
    let e: string;
    switch (s.charCodeAt(i)) {
      case 0x00: e = '\\0'; break;
      case 0x0a: e = '\\n'; break;
      case 0x0d: e = '\\r'; break;
      case 0x5c: e = '\\\\'; break;
      case 0x27: e = "\\'"; break;
      case 0x22: e = '\\"'; break;
      case 0x1a: e = '\\Z'; break;
      default: continue;
    }
    out += s.slice(last, i) + e;
    last = i + 1;
  }
  return last === 0 ? s : out + s.slice(last);
}

/**
 * Bytes of a literal that restores to `value`, written the way mysqldump writes such a field:
 * `quoted` '...', `number` bare when the value is a number (else quoted), `hex` 0x... (empty → ''),
 * `_binary` _binary '...' (empty → ''). null → NULL.
 */
export function encode(value: string | null, charset: MysqlCharset = 'utf8', style: EncodeStyle = 'quoted'): Buffer {
  if (value === null) return NULL_BYTES;
  if (style === 'number' && NUMBER.test(value)) return Buffer.from(value, 'latin1');
  if (style === 'hex' && value.length > 0) {
    return Buffer.from(`0x${stringToBytes(value, charset).toString('hex').toUpperCase()}`, 'latin1');
  }
  const prefix = style === '_binary' && value.length > 0 ? '_binary ' : '';
  if (charset === 'utf8') return Buffer.from(`${prefix}'${escapeString(value)}'`, 'utf8');
  // Escaped characters are ASCII, so escaping before the charset conversion is exact.
  const body = stringToBytes(escapeString(value), charset);
  const out = Buffer.allocUnsafe(prefix.length + body.length + 2);
  out.write(prefix, 0, 'latin1');
  out[prefix.length] = SQ;
  body.copy(out, prefix.length + 1);
  out[out.length - 1] = SQ;
  return out;
}

/** The style to write a replacement in, so it looks like the field it replaces. */
export function styleOf(buf: Uint8Array, start: number, end: number, kind?: FieldKind): EncodeStyle {
  start = trimStart(buf, start, end);
  kind ??= fieldKind(buf, start, end);
  switch (kind) {
    case 'number':
    case 'boolean':
      return 'number';
    case 'hex':
    case 'hexString':
      return 'hex';
    case 'introducer':
      return introducer(buf, start, end).name === 'binary' ? '_binary' : 'quoted';
    default:
      return 'quoted';
  }
}
