import { isUtf8 } from 'node:buffer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { utf8Valid } from '../../src/core/utf8.js';

/** Bytes near the edges of UTF-8's rules: lead bytes, continuation bytes, overlong and surrogate starts. */
const edgy = fc.constantFrom(0x00, 0x41, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xe1, 0xec, 0xed, 0xee, 0xef, 0xf0, 0xf1, 0xf3, 0xf4, 0xf5, 0xff);
const bytes = fc.oneof(
  fc.uint8Array({ maxLength: 80 }),
  fc.array(edgy, { maxLength: 12 }).map((a) => Uint8Array.from(a)),
  fc.string({ unit: 'binary', maxLength: 40 }).map((s) => Buffer.from(s, 'utf8')),
  fc.tuple(fc.string({ unit: 'binary', maxLength: 20 }), fc.array(edgy, { maxLength: 4 }), fc.string({ maxLength: 20 })).map(([a, b, c]) =>
    Buffer.concat([Buffer.from(a, 'utf8'), Uint8Array.from(b), Buffer.from(c, 'utf8')]),
  ),
);

describe('utf8Valid', () => {
  it('judges any byte range as isUtf8 does, short ranges in JS and long ones natively', () => {
    fc.assert(
      fc.property(bytes, fc.nat(8), fc.nat(8), (b, lead, trail) => {
        const padded = new Uint8Array(lead + b.length + trail).fill(0xff);
        padded.set(b, lead);
        expect(utf8Valid(padded, lead, lead + b.length)).toBe(isUtf8(b));
      }),
      { numRuns: 5000 },
    );
  });

  it('takes every code point at each length boundary and refuses overlong forms, surrogates and U+110000', () => {
    for (const cp of [0x7f, 0x80, 0x7ff, 0x800, 0xd7ff, 0xe000, 0xffff, 0x10000, 0x10ffff]) {
      const b = Buffer.from(String.fromCodePoint(cp), 'utf8');
      expect(utf8Valid(b, 0, b.length)).toBe(true);
    }
    for (const bad of [[0xc0, 0x80], [0xe0, 0x9f, 0xbf], [0xed, 0xa0, 0x80], [0xf0, 0x8f, 0xbf, 0xbf], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82], [0x80]]) {
      expect(utf8Valid(Uint8Array.from(bad), 0, bad.length)).toBe(false);
    }
  });
});
