import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base32, base32Bytes, UNIQUE_TAG_CHARS } from '../../../src/transformers/text-fit.js';

describe('base32 of keyed bits: the byte writer and the string agree', () => {
  it('writes the same digits as base32() for any bits and length (the unrolled 17-character tag included)', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 0xffffffff }), { minLength: 4, maxLength: 4 }), fc.integer({ min: 1, max: 25 }), fc.nat({ max: 8 }), (words, chars, at) => {
        const bits = Uint32Array.from(words);
        const out = new Uint8Array(40).fill(0x21);
        const end = base32Bytes(bits, chars, out, at);
        expect(end).toBe(at + chars);
        expect(Buffer.from(out.subarray(at, end)).toString('latin1')).toBe(base32(bits, chars));
        expect(out[at - 1] ?? 0x21).toBe(0x21); // nothing written before `at`
        expect(out[end]).toBe(0x21); // nor after
      }),
      { numRuns: 3000 },
    );
  });

  it('reads the tag from the low bits first: all-ones words give one repeated digit, a single bit its place', () => {
    const ones = Uint32Array.of(0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff);
    expect(base32(ones, UNIQUE_TAG_CHARS)).toMatch(/^(.)\1{16}$/);
    const bit64 = Uint32Array.of(0, 0, 1, 0); // bit 64: digit 12 (bits 60-64), value 16
    const tag = base32(bit64, UNIQUE_TAG_CHARS);
    expect([...tag].map((c, i) => (c === tag[0] ? '' : i)).filter((x) => x !== '')).toEqual([12]);
  });
});
