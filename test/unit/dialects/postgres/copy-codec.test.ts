import { describe, expect, it } from 'vitest';
import { CopyTextCodec, decodeCopyEscapes, escapeCopy } from '../../../../src/dialects/postgres/copy-codec.js';

const codec = new CopyTextCodec('utf8');
const dec = (s: string) => {
  const b = Buffer.from(s, 'utf8');
  return codec.decode(b, 0, b.length);
};

describe('COPY text codec', () => {
  it('reads \\N as NULL and an empty field as the empty string', () => {
    expect(dec('\\N')).toBeNull();
    expect(dec('')).toBe('');
  });

  it('undoes backslash escapes, octal and hex escapes', () => {
    expect(dec('a\\tb\\nc\\\\d\\re')).toBe('a\tb\nc\\d\re');
    expect(dec('\\101\\x42\\x4')).toBe('AB\x04');
    expect(dec('\\b\\f\\v')).toBe('\b\f\v');
    expect(dec('\\q')).toBe('q');
  });

  it('writes NULL as \\N and escapes what would break a COPY line', () => {
    expect(codec.encode(null)).toBe('\\N');
    expect(codec.encode('a\tb\nc\\d\re')).toBe('a\\tb\\nc\\\\d\\re');
    expect(escapeCopy('plain')).toBe('plain');
  });

  it('keeps multibyte text intact', () => {
    expect(dec('Émilie 😀')).toBe('Émilie 😀');
    expect(codec.encode('Émilie 😀')).toBe('Émilie 😀');
  });

  it('decodes escapes producing raw bytes', () => {
    const b = Buffer.from('\\377\\000', 'latin1');
    expect([...decodeCopyEscapes(b, 0, b.length)]).toEqual([0xff, 0]);
  });
});
