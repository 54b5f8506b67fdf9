import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as js from '../../src/seed/siphash.js';
import * as wasm from '../../src/seed/siphash-wasm.js';
import { SIP_WASM_CAP } from '../../src/seed/siphash-wasm.generated.js';

const key = fc.uint8Array({ minLength: 16, maxLength: 16 }).map((b) => js.sipKeyFromBytes(b));
const words = fc.constantFrom(2 as const, 4 as const);

/** Bytes with a sub-range in it; the array may sit at an odd offset inside a larger buffer. */
const slice = (maxLength: number) =>
  fc
    .tuple(fc.uint8Array({ maxLength }), fc.nat(7), fc.nat(), fc.nat())
    .map(([bytes, pad, a, b]) => {
      const host = new Uint8Array(bytes.length + pad + 8).fill(0xa5);
      host.set(bytes, pad);
      const data = host.subarray(pad, pad + bytes.length);
      const start = bytes.length ? a % (bytes.length + 1) : 0;
      const end = start + (bytes.length ? b % (bytes.length - start + 1) : 0);
      return { data, start, end };
    });

function agree(k: js.SipKey, s: { data: Uint8Array; start: number; end: number }, w: 2 | 4): void {
  const a = new Uint32Array(4), b = new Uint32Array(4);
  js.siphash(k, s.data, s.start, s.end, a, w);
  wasm.siphash(k, s.data, s.start, s.end, b, w);
  expect([...b]).toEqual([...a]);
}

describe('SipHash-2-4: wasm == JS', () => {
  it('for arbitrary short bytes, sub-ranges, alignments and keys', () => {
    fc.assert(fc.property(key, slice(300), words, (k, s, w) => agree(k, s, w)), { numRuns: 3000 });
  });

  it('for inputs longer than the wasm input area (hashed in blocks)', () => {
    const long = fc
      .tuple(fc.integer({ min: SIP_WASM_CAP - 16, max: 3 * SIP_WASM_CAP + 16 }), fc.nat(7), fc.nat(255))
      .map(([len, pad, seed]) => {
        const data = new Uint8Array(len + pad).map((_, i) => (i * 2654435761 + seed) >>> 24);
        return { data, start: pad, end: pad + len };
      });
    fc.assert(fc.property(key, long, words, (k, s, w) => agree(k, s, w)), { numRuns: 40 });
  });

  it('for arbitrary strings hashed as UTF-8', () => {
    const text = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), fc.string({ maxLength: 40 }));
    fc.assert(
      fc.property(key, text, (k, s) => {
        const bytes = Buffer.from(s, 'utf8');
        const a = new Uint32Array(4), b = new Uint32Array(4);
        js.sip128(k, bytes, 0, bytes.length, a);
        wasm.sip128Utf8(k, s, b);
        expect([...b]).toEqual([...a]);
      }),
      { numRuns: 3000 },
    );
  });
});
