import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VeilError } from '../../../../src/errors.js';
import { bytesToString, charsetFromName, stringToBytes } from '../../../../src/dialects/mysql/charset.js';
import {
  decode, decodeBytes, encode, escapeString, fieldKind, skipString, styleOf, type FieldKind,
} from '../../../../src/dialects/mysql/literal.js';
import { DUMP_MODES, insertFields, readDump } from './fixtures.js';

const b = (s: string) => Buffer.from(s, 'utf8');
const lat = (s: string) => Buffer.from(s, 'latin1');
const dec = (s: string, charset: Parameters<typeof decode>[4] = 'utf8') => decode(b(s), 0, b(s).length, undefined, charset);
const kind = (s: string) => fieldKind(b(s), 0, b(s).length);
const code = (f: () => unknown) => {
  try { f(); } catch (e) { return (e as VeilError).code; }
  return 'no error';
};

describe('fieldKind', () => {
  it.each<[string, FieldKind]>([
    ["'x'", 'string'], ['"x"', 'string'], ["N'x'", 'string'], ['NULL', 'null'], ['null', 'null'],
    ['42', 'number'], ['-1.5e-300', 'number'], ['.5', 'number'], ['+3', 'number'], ['00000042', 'number'],
    ['0x41', 'hex'], ['0X41', 'hex'], ["x'41'", 'hexString'], ["X'41'", 'hexString'], ["b'101'", 'bitString'],
    ['0b101', 'bitString'], ["_binary '\\0'", 'introducer'], ["_utf8mb4'x'", 'introducer'], ['TRUE', 'boolean'],
    ['false', 'boolean'], ['DEFAULT', 'default'], ['now()', 'other'], ['NULLX', 'other'], ['0', 'number'],
    ['  NULL \n', 'null'],
  ])('classifies %j as %s', (field, expected) => {
    expect(kind(field)).toBe(expected);
  });
});

describe('decode', () => {
  it('undoes every backslash escape MySQL knows, keeping the backslash of \\% and \\_', () => {
    expect(dec(String.raw`'\0\'\"\b\n\r\t\Z\\\%\_\q'`)).toBe('\0\'"\b\n\r\t\x1a\\\\%\\_q');
  });
  it('undoes doubled quotes in single- and double-quoted strings', () => {
    expect(dec("'it''s'")).toBe("it's");
    expect(dec('"say ""hi"" \'x\'"')).toBe('say "hi" \'x\'');
    expect(dec("''''")).toBe("'");
    expect(dec("''")).toBe('');
  });
  it('returns the slice as is when nothing is escaped, and keeps multibyte text', () => {
    expect(dec("'Zoë 😀 中文'")).toBe('Zoë 😀 中文');
    expect(dec("N'national'")).toBe('national');
  });
  it('gives null for NULL and the literal text for numbers and booleans', () => {
    expect(dec('NULL')).toBeNull();
    expect(dec('-1.5e-300')).toBe('-1.5e-300');
    expect(dec('18446744073709551615')).toBe('18446744073709551615');
    expect(dec('00000000000000000042')).toBe('00000000000000000042');
    expect(dec('TRUE')).toBe('1');
    expect(dec('false')).toBe('0');
  });
  it('decodes hex, x-strings, bit strings and introducers to bytes', () => {
    expect(decodeBytes(b('0x00FFab'), 0, 8)).toEqual(Uint8Array.of(0, 255, 0xab));
    expect(decodeBytes(b('0xABC'), 0, 5)).toEqual(Uint8Array.of(0x0a, 0xbc));
    expect(decodeBytes(b("x'4142'"), 0, 7)).toEqual(Uint8Array.of(0x41, 0x42));
    expect(decodeBytes(b("b'101'"), 0, 6)).toEqual(Uint8Array.of(5));
    expect(decodeBytes(b("b'1111111111'"), 0, 13)).toEqual(Uint8Array.of(3, 255));
    expect(decodeBytes(b("b''"), 0, 3)).toEqual(new Uint8Array(0));
    expect(decodeBytes(b('0b100000001'), 0, 11)).toEqual(Uint8Array.of(1, 1));
    expect(dec("_binary '\\0\\Z\xff'")).toBe('\0\x1a\u00c3\u00bf'); // bytes, not UTF-8 text
    expect(dec("_utf8mb4'\xff'", 'latin1')).toBe('\xff');
    expect(dec("_latin1 0x80E9", 'utf8')).toBe('€é');
    expect(dec('0x414243')).toBe('ABC');
  });
  it('decodes with the charset it is given: latin1 is Windows-1252 as in MySQL, binary keeps bytes', () => {
    expect(decode(lat("'caf\xe9 \x80'"), 0, 8, 'string', 'latin1')).toBe('café €');
    expect(decode(lat("'\x81\x9d'"), 0, 4, 'string', 'latin1')).toBe('\x81\x9d');
    expect(decode(Uint8Array.of(0x27, 0xff, 0x00, 0xc3, 0x27), 0, 5, 'string', 'binary')).toBe('\xff\0\xc3');
  });
  it('ignores whitespace around a field and accepts a plain Uint8Array', () => {
    const u = new Uint8Array(b(" 'a\\nb' "));
    expect(decode(u, 0, u.length)).toBe('a\nb');
  });
  it('rejects what is not one literal with DUMP_INSERT_SYNTAX', () => {
    for (const bad of ["'open", "'a' 'b'", "'a'x", 'DEFAULT', 'now()', '0xZZ', "x'414'", "b'102'", '_binary', "'a\\'"]) {
      expect(code(() => dec(bad)), bad).toBe('DUMP_INSERT_SYNTAX');
    }
  });
});

describe('skipString', () => {
  it('finds the closing quote past escapes and doubled quotes', () => {
    const s = b("'a\\'b''c',rest");
    expect(skipString(s, 0, s.length)).toBe(9);
  });
  it('reports -1 while a string may still continue in the next chunk', () => {
    expect(skipString(b("'abc"), 0, 4)).toBe(-1);
    expect(skipString(b("'ab\\"), 0, 4)).toBe(-1);
    expect(skipString(b("'ab'"), 0, 4)).toBe(-1); // could be the first quote of ''
    expect(skipString(b("'ab'"), 0, 4, true)).toBe(4);
  });
});

describe('encode', () => {
  it('escapes exactly what mysqldump escapes: \\0 \\n \\r \\\\ \\\' \\" and 0x1a', () => {
    expect(encode('\0\n\r\\\'"\x1a\t\b%_', 'utf8').toString('latin1')).toBe("'\\0\\n\\r\\\\\\'\\\"\\Z\t\b%_'");
    expect(escapeString('plain')).toBe('plain');
  });
  it('writes NULL for null and UTF-8 for utf8', () => {
    expect(encode(null).toString()).toBe('NULL');
    expect(encode('Zoë 😀')).toEqual(b("'Zoë 😀'"));
  });
  it('writes numbers bare only when asked and when the value is a number', () => {
    expect(encode('-12.5e3', 'utf8', 'number').toString()).toBe('-12.5e3');
    expect(encode('12', 'utf8').toString()).toBe("'12'");
    expect(encode('n/a', 'utf8', 'number').toString()).toBe("'n/a'");
  });
  it('writes hex and _binary like mysqldump, with an empty value as an empty string', () => {
    expect(encode('AB\0', 'binary', 'hex').toString()).toBe('0x414200');
    expect(encode('', 'binary', 'hex').toString()).toBe("''");
    expect(encode('\0\xff', 'binary', '_binary')).toEqual(lat("_binary '\\0\xff'"));
    expect(encode('', 'binary', '_binary').toString()).toBe("''");
  });
  it('writes latin1 as Windows-1252 and turns what latin1 cannot hold into ?', () => {
    expect(encode("café € 'x'", 'latin1')).toEqual(lat("'caf\xe9 \x80 \\'x\\''"));
    expect(encode('中😀', 'latin1').toString('latin1')).toBe("'??'");
    expect(encode('中', 'ascii').toString('latin1')).toBe("'?'");
  });
  it('writes a binary value that is not a byte string as UTF-8', () => {
    expect(encode('€', 'binary')).toEqual(b("'€'"));
  });
  it('picks the style of the field it replaces', () => {
    const s = (f: string) => styleOf(b(f), 0, b(f).length);
    expect([s('1'), s("'a'"), s('0x41'), s("_binary 'a'"), s("_utf8mb4'a'"), s('NULL')]).toEqual(
      ['number', 'quoted', 'hex', '_binary', 'quoted', 'quoted'],
    );
  });
});

const special = fc.constantFrom('\t', '\n', '\r', '\\', "'", '"', '\0', '\x1a', '%', '_', '\\%', "''", '\b', ';', ',', ')');
const tricky = fc.array(fc.oneof(special, fc.string({ unit: 'binary', maxLength: 8 })), { maxLength: 12 }).map((a) => a.join(''));

describe('codec properties', () => {
  it('decode(encode(s)) === s for any string in utf8', () => {
    fc.assert(fc.property(tricky, (s) => {
      const e = encode(s, 'utf8');
      expect(decode(e, 0, e.length, undefined, 'utf8')).toBe(s);
    }), { numRuns: 2000 });
  });
  it('decode(encode(s)) === s for any bytes through latin1 and binary', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), fc.constantFrom('latin1', 'binary', 'ascii'), fc.constantFrom('quoted', 'hex', '_binary'), (bytes, cs, style) => {
      const charset = cs as 'latin1' | 'binary' | 'ascii';
      const s = bytesToString(bytes, charset);
      expect(stringToBytes(s, charset)).toEqual(Buffer.from(bytes));
      const e = encode(s, charset, (style === '_binary' && charset !== 'binary' ? 'quoted' : style) as 'quoted');
      expect(decode(e, 0, e.length, undefined, charset)).toBe(s);
    }), { numRuns: 2000 });
  });
  it('an encoded string is one field: it ends where skipString says', () => {
    fc.assert(fc.property(tricky, (s) => {
      const e = Buffer.concat([encode(s), b(',next')]);
      expect(skipString(e, 0, e.length)).toBe(e.length - 5);
    }));
  });
});

describe('charsetFromName', () => {
  it('maps charset and collation names', () => {
    expect(['utf8mb4', 'UTF8MB3', 'utf8', 'utf8mb4_unicode_ci', 'latin1_swedish_ci', 'binary', 'ascii'].map(charsetFromName))
      .toEqual(['utf8', 'utf8', 'utf8', 'utf8', 'latin1', 'binary', 'ascii']);
    expect(['sjis', 'gbk', 'big5', 'utf16', 'cp1251'].map(charsetFromName)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });
});

describe('on real mariadb-dump output', () => {
  it.each(DUMP_MODES.filter((m) => m !== 'no-data'))('re-encoding every field of the %s dump gives its exact bytes', (mode) => {
    const dump = readDump(mode);
    const fields = insertFields(dump);
    expect(fields.length).toBeGreaterThan(50);
    for (const f of fields) {
      const k = fieldKind(dump, f.start, f.end);
      expect(['null', 'string', 'number', 'hex']).toContain(k);
      const original = dump.subarray(f.start, f.end);
      // binary: byte-exact for any field; utf8: for fields whose bytes are valid UTF-8.
      const asBinary = encode(decode(dump, f.start, f.end, k, 'binary'), 'binary', styleOf(dump, f.start, f.end, k));
      expect(asBinary.equals(original), `${f.table} row ${f.row} field ${f.index}`).toBe(true);
      const text = decode(dump, f.start, f.end, k, 'utf8');
      if (text !== null && !text.includes('\ufffd')) {
        expect(encode(text, 'utf8', styleOf(dump, f.start, f.end, k)).equals(original)).toBe(true);
      }
    }
  });
  it('reads the BLOB holding all 256 byte values back exactly', () => {
    const dump = readDump('default');
    const f = insertFields(dump).find((x) => x.table === 'blobs' && x.row === 2 && x.index === 1)!;
    const s = decode(dump, f.start, f.end, undefined, 'binary')!;
    expect(Buffer.from(s, 'latin1')).toEqual(Buffer.from(Array.from({ length: 256 }, (_, i) => i)));
    const hex = readDump('hex-blob');
    const h = insertFields(hex).find((x) => x.table === 'blobs' && x.row === 2 && x.index === 1)!;
    expect(decode(hex, h.start, h.end, undefined, 'binary')).toBe(s);
  });
  it('reads escaped text the way the server stored it', () => {
    const dump = readDump('default');
    const fields = insertFields(dump).filter((x) => x.table === 'people');
    const get = (row: number, index: number) => {
      const f = fields.find((x) => x.row === row && x.index === index)!;
      return decode(dump, f.start, f.end);
    };
    expect(get(1, 4)).toBe('tab\there, newline\nthere, cr\rthere');
    expect(get(2, 4)).toBe('nul\0byte and ctrl-z\x1aend');
    expect(get(2, 5)).toBe('emoji 😀🎉 and 中文 and ﷽');
    expect(get(4, 4)).toBe('literal backslash-percent \\% and \\_ and %_ bare');
    expect(get(5, 6)).toBe("x'),('y");
  });
});
