import { describe, expect, it } from 'vitest';
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

  it('measures shapes in bits', () => {
    expect(shapeBits([10, 10, 10], 3)).toBeCloseTo(Math.log2(1000));
  });
});
