import { describe, expect, it } from 'vitest';
import { PgLiteralCodec } from '../../../../src/dialects/postgres/literal-codec.js';

const codec = new PgLiteralCodec('utf8');
const dec = (s: string) => {
  const b = Buffer.from(s, 'utf8');
  return codec.decode(b, 0, b.length);
};
const enc = (v: string | null, orig: string) => {
  const b = Buffer.from(orig, 'utf8');
  return codec.encode(v, b, 0, b.length);
};

describe('PostgreSQL literal codec', () => {
  it('reads standard strings with doubled quotes, keeping backslashes literal', () => {
    expect(dec("'O''Neil'")).toBe("O'Neil");
    expect(dec("'a\\nb'")).toBe('a\\nb');
    expect(dec("''")).toBe('');
    expect(dec("'line\nbreak\r\n'")).toBe('line\nbreak\r\n');
  });

  it('reads E-strings with C escapes', () => {
    expect(dec("E'a\\nb\\t\\\\c\\'d'")).toBe("a\nb\t\\c'd");
    expect(dec("E'\\u00e9\\x41\\101'")).toBe('éAA');
  });

  it('reads NULL, DEFAULT, numbers and booleans', () => {
    expect(dec('NULL')).toBeNull();
    expect(dec('DEFAULT')).toBeNull();
    expect(dec('-12.50')).toBe('-12.50');
    expect(dec('true')).toBe('true');
  });

  it('refuses an expression instead of guessing', () => {
    expect(dec("'a'::text || 'b'")).toBeUndefined();
    expect(dec('now()')).toBeUndefined();
  });

  it('writes strings quoted with quotes doubled, numbers bare where the original was bare', () => {
    expect(enc("it's", "'x'")).toBe("'it''s'");
    expect(enc('42', '7')).toBe('42');
    expect(enc('42', "'7'")).toBe("'42'");
    expect(enc('abc', '7')).toBe("'abc'");
    expect(enc(null, "'x'")).toBe('NULL');
  });

  it('writes E-strings when standard_conforming_strings is off and the value has a backslash', () => {
    const off = new PgLiteralCodec('utf8');
    off.standardStrings = false;
    const b = Buffer.from("'x'");
    expect(off.encode('a\\b', b, 0, b.length)).toBe("E'a\\\\b'");
    const q = Buffer.from("'a\\'b'");
    expect(off.decode(q, 0, q.length)).toBe("a'b");
  });
});
