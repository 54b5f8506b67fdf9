import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Rng } from '../../../src/seed/rng.js';

/** The textbook rejection sampler Rng.int must agree with, draw for draw. */
function referenceInt(next: () => number, n: number): number {
  if (n <= 1) return 0;
  const limit = 4294967296 - (4294967296 % n);
  let x = next();
  while (x >= limit) x = next();
  return x % n;
}

describe('Rng', () => {
  it('int(n) equals the modulo-based rejection sampler for any n up to 2^32 (same draws, same values)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 0xffffffff }), { minLength: 4, maxLength: 4 }), fc.integer({ min: 1, max: 2 ** 32 }), (seed, n) => {
        const a = new Rng().reset(Uint32Array.from(seed));
        const b = new Rng().reset(Uint32Array.from(seed));
        for (let i = 0; i < 20; i++) expect(a.int(n)).toBe(referenceInt(() => b.u32(), n));
      }),
      { numRuns: 2000 },
    );
  });

  it('int(n) stays in [0, n) and hits every value of a small range', () => {
    const rng = new Rng().reset(Uint32Array.from([1, 2, 3, 4]));
    const seen = new Set<number>();
    for (let i = 0; i < 1000; i++) {
      const v = rng.int(7);
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThan(7);
      seen.add(v);
    }
    expect(seen.size).toBe(7);
  });

  it('is deterministic for a seed and refuses faker.seed()', () => {
    const seed = Uint32Array.from([9, 8, 7, 6]);
    const a = new Rng().reset(seed);
    const b = new Rng().reset(seed);
    expect(Array.from({ length: 8 }, () => a.u32())).toEqual(Array.from({ length: 8 }, () => b.u32()));
    expect(() => a.seed(1)).toThrow(/seeded per value/);
  });
});
