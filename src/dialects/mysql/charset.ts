/**
 * Character sets of a MySQL/MariaDB dump, as far as veil-stream decodes them.
 *
 * Only charsets in which the bytes 0x00-0x7f always stand for themselves are supported: there a byte-wise
 * scan for quotes and backslashes is exact. (In sjis, big5, gbk, cp932 and gb18030 the trailing byte of a
 * multibyte character may be 0x5c or 0x27, and mysqldump leaves it unescaped; utf16/utf32/ucs2 are never a
 * connection charset.) A dump's charset is the one of `SET NAMES x`, not the table's: the server converts
 * text to the connection charset when dumping, while binary columns (BLOB, BINARY, VARBINARY, BIT,
 * geometry) arrive as their raw bytes.
 */

export type MysqlCharset = 'utf8' | 'latin1' | 'ascii' | 'binary';

/** The charset names a user may give for a dump that does not say its own (`--charset`). */
export const CHARSET_NAMES = ['utf8mb4', 'utf8mb3', 'utf8', 'latin1', 'ascii', 'binary'] as const;

/** Is `name` one of CHARSET_NAMES (any case)? */
export function isCharsetName(name: string): boolean {
  return (CHARSET_NAMES as readonly string[]).includes(name.toLowerCase());
}

/** Map a MySQL charset or collation name (`utf8mb4`, `utf8mb3_general_ci`, `latin1`) to a supported charset. */
export function charsetFromName(name: string): MysqlCharset | undefined {
  const n = name.trim().toLowerCase().replace(/^['"`]|['"`]$/g, '');
  // No charset name contains '_', so a collation's charset is what comes before the first one.
  switch (n.split('_')[0]) {
    case 'utf8':
    case 'utf8mb3':
    case 'utf8mb4':
      return 'utf8';
    case 'latin1':
      return 'latin1';
    case 'ascii':
      return 'ascii';
    case 'binary':
      return 'binary';
    default:
      return undefined;
  }
}

// MySQL's latin1 is Windows-1252, except that the five bytes cp1252 leaves undefined (0x81, 0x8d, 0x8f,
// 0x90, 0x9d) map to the C1 controls U+0081... (measured: CONVERT(0x80 USING latin1) is U+20AC).
const CP1252_HIGH = [
  0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152,
  0x008d, 0x017d, 0x008f, 0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122,
  0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178,
];
const CP1252_ENCODE = new Map<number, number>(CP1252_HIGH.map((cp, i) => [cp, 0x80 + i]));
const C1_RANGE = /[\x80-\x9f]/;
const C1_ALL = /[\x80-\x9f]/g;
const QUESTION = 0x3f;

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Turn bytes into a string. `binary` maps each byte to U+0000..U+00FF, so any bytes survive a round trip. */
export function bytesToString(bytes: Uint8Array, charset: MysqlCharset, start = 0, end = bytes.length): string {
  const b = asBuffer(bytes);
  switch (charset) {
    case 'utf8':
      return b.toString('utf8', start, end);
    case 'binary':
    case 'ascii':
      return b.toString('latin1', start, end);
    case 'latin1': {
      const s = b.toString('latin1', start, end);
      return C1_RANGE.test(s) ? s.replace(C1_ALL, (c) => String.fromCharCode(CP1252_HIGH[c.charCodeAt(0) - 0x80])) : s;
    }
  }
}

/**
 * Turn a string into bytes of `charset`. Characters the charset cannot hold become `?`, as the server
 * does. For `binary`, a string of U+0000..U+00FF is taken as bytes (what bytesToString produced); any
 * other string is a replacement text and is written as UTF-8.
 */
export function stringToBytes(s: string, charset: MysqlCharset): Buffer {
  switch (charset) {
    case 'utf8':
      return Buffer.from(s, 'utf8');
    case 'binary':
      return isByteString(s) ? Buffer.from(s, 'latin1') : Buffer.from(s, 'utf8');
    case 'ascii':
      // Bytes 0x80-0xff of an ascii dump (not valid ascii, but present) are kept as they came.
      return Buffer.from(isByteString(s) ? s : replaceUnencodable(s, (c) => c <= 0xff), 'latin1');
    case 'latin1':
      if (isByteString(s) && !C1_RANGE.test(s)) return Buffer.from(s, 'latin1');
      return latin1Bytes(s);
  }
}

function isByteString(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0xff) return false;
  return true;
}

function latin1Bytes(s: string): Buffer {
  const out = Buffer.allocUnsafe(s.length);
  let n = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80 || (cp >= 0xa0 && cp <= 0xff)) out[n++] = cp;
    else out[n++] = CP1252_ENCODE.get(cp) ?? QUESTION;
  }
  return out.subarray(0, n);
}

function replaceUnencodable(s: string, ok: (cp: number) => boolean): string {
  let out = '';
  for (const ch of s) out += ok(ch.codePointAt(0)!) ? ch : '?';
  return out;
}
