import { describe, expect, it } from 'vitest';
import * as js from '../../../src/seed/siphash.js';
import * as wasm from '../../../src/seed/siphash-wasm.js';
import { SIP_WASM_CAP } from '../../../src/seed/siphash-wasm.generated.js';
import { VECTORS_SIP128, VECTORS_SIP64 } from './siphash-vectors.js';

const KEY = js.sipKeyFromBytes(Uint8Array.from({ length: 16 }, (_, i) => i));
const MSG = Uint8Array.from({ length: 64 }, (_, i) => i);

function hex(out: Uint32Array, words: number): string {
  const b = Buffer.alloc(words * 4);
  for (let i = 0; i < words; i++) b.writeUInt32LE(out[i], i * 4);
  return b.toString('hex');
}

describe.each([
  ['JS', js],
  ['wasm', wasm],
])('SipHash-2-4 (%s)', (_name, impl) => {
  it('matches the 64-bit reference vectors for every length 0..63', () => {
    const out = new Uint32Array(2);
    for (let n = 0; n < 64; n++) {
      impl.siphash(KEY, MSG, 0, n, out, 2);
      expect(hex(out, 2), `length ${n}`).toBe(VECTORS_SIP64[n]);
    }
  });

  it('matches the 128-bit reference vectors for every length 0..63', () => {
    const out = new Uint32Array(4);
    for (let n = 0; n < 64; n++) {
      impl.siphash(KEY, MSG, 0, n, out, 4);
      expect(hex(out, 4), `length ${n}`).toBe(VECTORS_SIP128[n]);
    }
  });
});

describe('SipHash-2-4 in wasm', () => {
  const out = new Uint32Array(4), ref = new Uint32Array(4);
  const big = Buffer.alloc(3 * SIP_WASM_CAP + 100);
  for (let i = 0; i < big.length; i++) big[i] = (i * 2654435761) >>> 24;

  it('agrees with JS around the streaming block size, at every byte alignment', () => {
    const C = SIP_WASM_CAP;
    for (const len of [C - 1, C, C + 1, C + 7, C + 8, 2 * C, 2 * C + 5, 3 * C]) {
      for (let start = 0; start < 4; start++) {
        for (const words of [2, 4] as const) {
          js.siphash(KEY, big, start, start + len, ref, words);
          wasm.siphash(KEY, big, start, start + len, out, words);
          expect([...out], `length ${len}, start ${start}, ${words * 32} bits`).toEqual([...ref]);
        }
      }
    }
  });

  it('reads only [start, end): the bytes around the input do not change the hash', () => {
    const a = Buffer.alloc(64, 0xaa), b = Buffer.alloc(64, 0x55);
    for (let len = 0; len <= 20; len++) {
      for (let start = 0; start < 8; start++) {
        a.fill(0xaa).set(MSG.subarray(0, len), start);
        b.fill(0x55).set(MSG.subarray(0, len), start);
        wasm.sip128(KEY, a, start, start + len, out);
        wasm.sip128(KEY, b, start, start + len, ref);
        expect([...out]).toEqual([...ref]);
      }
    }
  });

  it('hashes inputs that end at the very end of their buffer, in small and odd-sized buffers', () => {
    for (let size = 0; size <= 40; size++) {
      const buf = new Uint8Array(size).map((_, i) => i * 37 + size);
      for (let start = 0; start <= size; start++) {
        js.sip128(KEY, buf, start, size, ref);
        wasm.sip128(KEY, buf, start, size, out);
        expect([...out], `size ${size}, start ${start}`).toEqual([...ref]);
      }
    }
  });

  it('hashes a string like the UTF-8 bytes of it (ASCII, accented, astral, lone surrogates, long)', () => {
    const strings = ['', 'a', 'abcd', 'abcdé', 'éabc', 'x'.repeat(31) + 'é', 'x'.repeat(32), 'x'.repeat(33), '😀 ok',
      '\ud800abc', 'a\udc00', 'é'.repeat(SIP_WASM_CAP / 3), 'é'.repeat(SIP_WASM_CAP / 3 + 1), 'a'.repeat(2 * SIP_WASM_CAP + 3)];
    for (const s of strings) {
      const bytes = Buffer.from(s, 'utf8');
      js.sip128(KEY, bytes, 0, bytes.length, ref);
      wasm.sip128Utf8(KEY, s, out);
      expect([...out], JSON.stringify(s.slice(0, 12)) + ` (${s.length})`).toEqual([...ref]);
    }
  });
});
