import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { feistel } from '../../../src/seed/siphash-wasm.js';
import { KeyedPermutation, shapeBits } from '../../../src/transformers/fpe.js';

const KEY = Uint32Array.of(0x01234567, 0x89abcdef, 0xfedcba98, 0x76543210);

describe('KeyedPermutation', () => {
  it('permuteInt is a bijection of [0, n) for awkward sizes', () => {
    const p = new KeyedPermutation(KEY);
    for (const n of [1, 2, 3, 7, 10, 97, 1000, 4099]) {
      const seen = new Set<number>();
      for (let x = 0; x < n; x++) {
        const y = p.permuteInt(x, n);
        if (!(y >= 0 && y < n && Number.isInteger(y))) throw new Error(`out of range: ${y}`);
        seen.add(y);
      }
      expect(seen.size).toBe(n);
    }
  });

  it('depends on the key and the tweak', () => {
    const a = new KeyedPermutation(KEY);
    const b = new KeyedPermutation(Uint32Array.of(1, 2, 3, 4));
    const xs = Array.from({ length: 100 }, (_, i) => i);
    expect(xs.map((x) => a.permuteInt(x, 1e6))).not.toEqual(xs.map((x) => b.permuteInt(x, 1e6)));
    expect(xs.map((x) => a.permuteInt(x, 1e6, 1))).not.toEqual(xs.map((x) => a.permuteInt(x, 1e6, 2)));
  });

  it.each([2n ** 64n - 59n, 2n ** 84n, 2n ** 104n - 3n])('permuteBig stays in range for a domain of %s and is injective on a sample', (n) => {
    const p = new KeyedPermutation(KEY);
    const seen = new Set<bigint>();
    for (let i = 0n; i < 2000n; i++) {
      const y = p.permuteBig(n - 1n - i * 7919n, n);
      if (!(y >= 0n && y < n)) throw new Error(`out of range: ${y}`);
      seen.add(y);
    }
    expect(seen.size).toBe(2000);
  });

  it('permuteDigits is a bijection of mixed-radix strings', () => {
    const p = new KeyedPermutation(KEY);
    const radix = [10, 26, 10, 26];
    const seen = new Set<string>();
    const d = new Int32Array(4);
    for (let x = 0; x < 10 * 26 * 10 * 26; x++) {
      let r = x;
      for (let i = 3; i >= 0; i--) {
        d[i] = r % radix[i];
        r = Math.floor(r / radix[i]);
      }
      p.permuteDigits(d, radix, 4);
      for (let i = 0; i < 4; i++) if (d[i] < 0 || d[i] >= radix[i]) throw new Error(`digit out of range: ${d.join(',')}`);
      seen.add(d.join(','));
    }
    expect(seen.size).toBe(10 * 26 * 10 * 26);
  });

  it('permuteDigits at an offset permutes those digits as it would in an array of their own, and nothing around them', () => {
    const p = new KeyedPermutation(KEY);
    const radix = new Int32Array(8).fill(10);
    for (let x = 0; x < 500; x++) {
      const own = Int32Array.from(String(x * 7919 + 12345).padStart(8, '0').slice(-6), Number);
      const inBuffer = new Int32Array(12).fill(-1);
      inBuffer.set(own, 3);
      p.permuteDigits(own, radix, 6, 16);
      p.permuteDigits(inBuffer, radix, 6, 16, 3);
      expect([...inBuffer]).toEqual([-1, -1, -1, ...own, -1, -1, -1]);
    }
  });

  it('measures shapes in bits', () => {
    expect(shapeBits([10, 10, 10], 3)).toBeCloseTo(Math.log2(1000));
  });
});

/**
 * The Feistel network as it was first written, in plain JS (SipHash-1-3-64 on 32-bit halves): the
 * WebAssembly rounds must give the same permutation, or every keyed fake would change.
 */
class ReferencePermutation {
  private lo = 0;
  private hi = 0;
  constructor(private readonly k: Uint32Array) {}

  private sip(tweak: number, ml: number, mh: number): void {
    const k = this.k;
    let v0l = (k[0] ^ 0x70736575 ^ tweak) >>> 0, v0h = (k[1] ^ 0x736f6d65) >>> 0;
    let v1l = (k[2] ^ 0x6e646f6d) >>> 0, v1h = (k[3] ^ 0x646f7261) >>> 0;
    let v2l = (k[0] ^ 0x6e657261) >>> 0, v2h = (k[1] ^ 0x6c796765) >>> 0;
    let v3l = (k[2] ^ 0x79746573 ^ ml) >>> 0, v3h = (k[3] ^ 0x74656462 ^ mh) >>> 0;
    let s = 0, tl = 0, th = 0;
    for (let r = 0; r < 4; r++) {
      if (r === 1) { v0l = (v0l ^ ml) >>> 0; v0h = (v0h ^ mh) >>> 0; v2l = (v2l ^ 0xff) >>> 0; }
      s = v0l + v1l; v0l = s >>> 0; v0h = (v0h + v1h + (s > 0xffffffff ? 1 : 0)) >>> 0;
      tl = (v1l << 13) | (v1h >>> 19); th = (v1h << 13) | (v1l >>> 19);
      v1l = (tl ^ v0l) >>> 0; v1h = (th ^ v0h) >>> 0;
      tl = v0l; v0l = v0h; v0h = tl;
      s = v2l + v3l; v2l = s >>> 0; v2h = (v2h + v3h + (s > 0xffffffff ? 1 : 0)) >>> 0;
      tl = (v3l << 16) | (v3h >>> 16); th = (v3h << 16) | (v3l >>> 16);
      v3l = (tl ^ v2l) >>> 0; v3h = (th ^ v2h) >>> 0;
      s = v0l + v3l; v0l = s >>> 0; v0h = (v0h + v3h + (s > 0xffffffff ? 1 : 0)) >>> 0;
      tl = (v3l << 21) | (v3h >>> 11); th = (v3h << 21) | (v3l >>> 11);
      v3l = (tl ^ v0l) >>> 0; v3h = (th ^ v0h) >>> 0;
      s = v2l + v1l; v2l = s >>> 0; v2h = (v2h + v1h + (s > 0xffffffff ? 1 : 0)) >>> 0;
      tl = (v1l << 17) | (v1h >>> 15); th = (v1h << 17) | (v1l >>> 15);
      v1l = (tl ^ v2l) >>> 0; v1h = (th ^ v2h) >>> 0;
      tl = v2l; v2l = v2h; v2h = tl;
    }
    this.lo = (v0l ^ v1l ^ v2l ^ v3l) >>> 0;
    this.hi = (v0h ^ v1h ^ v2h ^ v3h) >>> 0;
  }

  private f(round: number, tweak: number, x: number, m: number): number {
    this.sip(tweak >>> 0, x >>> 0, ((Math.floor(x / 2 ** 32) & 0xfffff) | (round << 20)) >>> 0);
    return Math.floor((((this.hi >>> 11) * 2 ** 32 + this.lo) / 2 ** 53) * m);
  }

  feistel(tweak: number, sizeA: number, sizeB: number, a: number, b: number): [number, number] {
    for (let r = 0; r < 10; r++) {
      if ((r & 1) === 0) a = (a + this.f(r, tweak, b, sizeA)) % sizeA;
      else b = (b + this.f(r, tweak, a, sizeB)) % sizeB;
    }
    return [a, b];
  }
}

describe('the WebAssembly Feistel rounds', () => {
  it('give the same halves as the plain-JS reference, for halves of every size up to 2^52', () => {
    const keys = [KEY, Uint32Array.of(0xffffffff, 0, 0x80000000, 0x7fffffff)];
    fc.assert(
      fc.property(
        fc.constantFrom(...keys),
        fc.integer({ min: 1, max: 52 }),
        fc.integer({ min: 1, max: 52 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.oneof(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: -(2 ** 31), max: -1 })),
        (key, bitsA, bitsB, fa, fb, tweak) => {
          const sizeA = Math.max(1, Math.floor(2 ** bitsA * fa) || 2 ** bitsA);
          const sizeB = Math.max(1, Math.floor(2 ** bitsB * fb) || 2 ** bitsB);
          const a = Math.floor(fa * sizeA) % sizeA;
          const b = Math.floor(fb * sizeB) % sizeB;
          const h = feistel(key, tweak, 10, sizeA, sizeB, a, b);
          expect([h[0], h[1]]).toEqual(new ReferencePermutation(key).feistel(tweak, sizeA, sizeB, a, b));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('keep permuteInt, permuteDigits and permuteBig where the reference puts them', () => {
    const p = new KeyedPermutation(KEY);
    const ref = new ReferencePermutation(KEY);
    // permuteInt over 2^32 (ipv4): a = b = 65536
    for (let x = 0; x < 4_000_000_000; x += 99_991_003) {
      const [a, b] = ref.feistel(4, 65536, 65536, Math.floor(x / 65536), x % 65536);
      expect(p.permuteInt(x, 2 ** 32, 4)).toBe(a * 65536 + b);
    }
    // pinned from the plain-JS rounds
    expect([0, 1, 3232235796, 4294967295].map((x) => p.permuteInt(x, 2 ** 32, 4))).toEqual([1969238860, 400412012, 3248222247, 1241380677]);
    expect([0, 5, 999].map((x) => p.permuteInt(x, 1000, 7))).toEqual([155, 971, 658]);
    const d = Int32Array.from('4111111111111111', Number);
    p.permuteDigits(d, new Int32Array(16).fill(10), 16, 16);
    expect(d.join('')).toBe('3552707904397940');
    expect([0n, 2n ** 70n + 12345n].map((x) => p.permuteBig(x, 2n ** 84n, 6))).toEqual([3418967569601188793912244n, 6625248820300133522629150n]);
  });
});
