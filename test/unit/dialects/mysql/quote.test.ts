import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { closeQuote, OPEN, OPEN_ESCAPE } from '../../../../src/dialects/mysql/quote.js';

/** The byte loop closeQuote replaces: a backslash escapes the next byte. */
function reference(chunk: Buffer, from: number, q: number): number {
  for (let j = from; j < chunk.length; j++) {
    if (chunk[j] === 0x5c) {
      if (j + 1 >= chunk.length) return OPEN_ESCAPE;
      j++;
    } else if (chunk[j] === q) return j;
  }
  return OPEN;
}

const bytes = fc.array(fc.constantFrom(0x5c, 0x27, 0x22, 0x61, 0x0a, 0xe9, 0x00), { maxLength: 40 }).map((a) => Buffer.from(a));

describe('closeQuote', () => {
  it('finds the first unescaped quote like a byte loop', () => {
    fc.assert(
      fc.property(bytes, fc.nat(), fc.constantFrom(0x27, 0x22), (chunk, f, q) => {
        const from = chunk.length === 0 ? 0 : f % (chunk.length + 1);
        const expected = reference(chunk, from, q);
        expect(closeQuote(chunk, from, q)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('reads escapes from the point where nothing is escaped', () => {
    const chunk = Buffer.from("\\\\\\'x'\\\\'");
    expect(closeQuote(chunk, 0, 0x27)).toBe(5);
    expect(closeQuote(chunk, 1, 0x27)).toBe(3); // from 1: `\\` then '
    expect(closeQuote(chunk, 6, 0x27)).toBe(8);
    expect(closeQuote(Buffer.from('ab\\'), 0, 0x27)).toBe(OPEN_ESCAPE);
    expect(closeQuote(Buffer.from('ab\\\\'), 0, 0x27)).toBe(OPEN);
  });
});
