import { describe, expect, it } from 'vitest';
import { bind } from './helpers.js';

/**
 * Uniqueness by construction: distinct originals → distinct fakes, with no seen-set inside the
 * transformers. Keyed-bit transformers (≥ 85 bits) run over 1e6 inputs; the keyed permutations are
 * bijections by construction (and exhaustively tested on small domains in fpe.test.ts), so a smaller
 * sample keeps this file fast.
 */
function distinct(spec: unknown, n: number, make: (i: number) => string, opts: Parameters<typeof bind>[1] = {}): number {
  const f = bind(spec, { unique: true, ...opts });
  const seen = new Set<string>();
  for (let i = 0; i < n; i++) {
    const out = f(make(i));
    if (out === null) throw new Error('NULL from a unique transformer');
    seen.add(out);
  }
  return seen.size;
}

const M = 1_000_000;

describe('unique transformers give 0 collisions', () => {
  it('email over 1e6 addresses', () => {
    expect(distinct('email', M, (i) => `user${i}@example.org`)).toBe(M);
  });

  it('uuid over 1e6 ids', () => {
    expect(distinct('uuid', M, (i) => `id-${i}`)).toBe(M);
  });

  it('int-range over 1e6 integers of an int column', () => {
    expect(distinct('int-range', M, (i) => String(i + 1), { type: { kind: 'integer', raw: 'integer' } })).toBe(M);
  });

  it('username and hash over 3e5 values', () => {
    expect(distinct('username', 300_000, (i) => `u${i}`)).toBe(300_000);
    expect(distinct('hash', 300_000, (i) => `h${i}`)).toBe(300_000);
  });

  it('digits, phone, format-preserving, ipv4 and credit-card over 1e5 values of one shape', () => {
    const n = 100_000;
    expect(distinct('digits', n, (i) => `NI-${String(i).padStart(6, '0')}`)).toBe(n);
    expect(distinct('phone', n, (i) => `+1 555 ${String(i).padStart(7, '0')}`)).toBe(n);
    expect(distinct('format-preserving', n, (i) => `AB${String(i).padStart(5, '0')}`)).toBe(n);
    expect(distinct('ipv4', n, (i) => `10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`)).toBe(n);
    expect(
      distinct('credit-card', n, (i) => {
        const body = `400000${String(i).padStart(9, '0')}`;
        let sum = 0;
        for (let k = 0; k < 15; k++) {
          let d = Number(body[14 - k]);
          if (k % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
          sum += d;
        }
        return body + ((10 - (sum % 10)) % 10);
      }),
    ).toBe(n);
  });
});
