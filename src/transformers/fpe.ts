/**
 * Keyed permutations (format-preserving encryption) for uniqueness by construction, with no seen-set:
 * - permuteInt: a bijection of [0, n) (balanced Feistel over Z_a × Z_b with cycle-walking),
 * - permuteDigits: a bijection of mixed-radix digit strings of one shape (digits stay digits,
 *   letters stay letters), so distinct originals of one shape always get distinct fakes.
 * The round function is SipHash-1-3-64 of (x, round) under a per-domain key and tweak, 10 rounds. The
 * rounds run in WebAssembly on native i64, all of a permutation's rounds in one call (feistel() in
 * src/seed/siphash-wasm.ts; ~85 ns per round in plain JS on 32-bit halves before).
 */

import { feistel } from '../seed/siphash-wasm.js';

const ROUNDS = 10;

/** Math.log2 of small radices, looked up (the same doubles: a digit string's split is unchanged). */
const LOG2 = Float64Array.from({ length: 256 }, (_, r) => Math.log2(r));
function log2(r: number): number {
  return r < 256 ? LOG2[r] : Math.log2(r);
}

export class KeyedPermutation {
  private readonly key: Uint32Array;

  /** `key`: 128 keyed bits of the consistency domain (copied). */
  constructor(key: Uint32Array) {
    this.key = Uint32Array.from(key.subarray(0, 4));
  }

  /** A bijection of [0, n) (n <= 2^52), keyed and tweaked. */
  permuteInt(x: number, n: number, tweak = 0): number {
    if (n <= 1) return 0;
    const a = Math.ceil(Math.sqrt(n));
    const b = Math.ceil(n / a);
    let y = x;
    do {
      const hi = Math.floor(y / b);
      const h = feistel(this.key, tweak, ROUNDS, a, b, hi, y - hi * b);
      y = h[0] * b + h[1];
    } while (y >= n); // cycle-walking: a*b < n + a, so this ends after ~1 step
    return y;
  }

  /**
   * A bijection of [0, n) for any n <= 2^104 (BigInt at the edges only; the halves, below
   * ceil(sqrt(n)) <= 2^52, stay Numbers, as the round function needs).
   */
  permuteBig(x: bigint, n: bigint, tweak = 0): bigint {
    if (n > 2n ** 104n) throw new RangeError('permuteBig: domain above 2^104');
    if (n <= 2n ** 52n) return BigInt(this.permuteInt(Number(x), Number(n), tweak));
    const a = sqrtCeil(n);
    const b = (n + a - 1n) / a;
    const an = Number(a);
    const bn = Number(b);
    let y = x;
    do {
      const h = feistel(this.key, tweak, ROUNDS, an, bn, Number(y / b), Number(y % b));
      y = BigInt(h[0]) * b + BigInt(h[1]);
    } while (y >= n);
    return y;
  }

  /**
   * Permute the digits d[0..len) in place, d[i] in [0, radix[i]): a bijection on all strings of this
   * shape. The product of the radices must stay below 2^100 (callers use keyed random draws above
   * 2^85, where collisions are negligible anyway). `at`: where the digits start in d (radix[i] is
   * still the radix of d[at + i]), so callers permute part of a buffer without a view of it.
   */
  permuteDigits(d: Int32Array | number[], radix: ArrayLike<number>, len: number, tweak = 0, at = 0): void {
    if (len === 0) return;
    // Split where the two halves' capacities are closest (in log2).
    let total = 0;
    for (let i = 0; i < len; i++) total += log2(radix[i]);
    let k = 0;
    let acc = 0;
    while (k < len - 1 && acc + log2(radix[k]) <= total / 2) acc += log2(radix[k++]);
    if (k === 0) k = 1;
    let sizeA = 1;
    let a = 0;
    for (let i = 0; i < k; i++) { a = a * radix[i] + d[at + i]; sizeA *= radix[i]; }
    let sizeB = 1;
    let b = 0;
    for (let i = k; i < len; i++) { b = b * radix[i] + d[at + i]; sizeB *= radix[i]; }
    if (sizeA > 2 ** 52 || sizeB > 2 ** 52) throw new RangeError('permuteDigits: shape too large for a Feistel half');
    const h = feistel(this.key, (tweak * 31 + len) >>> 0, ROUNDS, sizeA, sizeB, a, b);
    a = h[0];
    b = h[1];
    for (let i = len - 1; i >= k; i--) { const q = Math.floor(b / radix[i]); d[at + i] = b - q * radix[i]; b = q; }
    for (let i = k - 1; i >= 0; i--) { const q = Math.floor(a / radix[i]); d[at + i] = a - q * radix[i]; a = q; }
  }
}

function sqrtCeil(n: bigint): bigint {
  let x = BigInt(Math.ceil(Math.sqrt(Number(n))));
  while (x * x < n) x++;
  while (x > 1n && (x - 1n) * (x - 1n) >= n) x--;
  return x;
}

/** log2 of the number of strings of this shape (to choose between permutation and keyed draws). */
export function shapeBits(radix: ArrayLike<number>, len: number): number {
  let bits = 0;
  for (let i = 0; i < len; i++) bits += log2(radix[i]);
  return bits;
}

/** A per-domain permutation, built once per bound rule from the ctx's keyed bits. */
export function domainPermutation(): (ctx: { bitsOf(text: string): Uint32Array }) => KeyedPermutation {
  let last: unknown;
  let perm: KeyedPermutation | undefined;
  return (ctx) => {
    if (ctx !== last || !perm) {
      perm = new KeyedPermutation(ctx.bitsOf('\u0000veil-stream/permutation'));
      last = ctx;
    }
    return perm;
  };
}
