/**
 * Keyed permutations (format-preserving encryption) for uniqueness by construction, with no seen-set:
 * - permuteInt: a bijection of [0, n) (balanced Feistel over Z_a × Z_b with cycle-walking),
 * - permuteDigits: a bijection of mixed-radix digit strings of one shape (digits stay digits,
 *   letters stay letters), so distinct originals of one shape always get distinct fakes.
 * The round function is SipHash-1-3-64 of (x, round) under a per-domain key and tweak, written without
 * closures so it stays in registers.
 */

const ROUNDS = 10;
const TWO32 = 4294967296;

let outLo = 0;
let outHi = 0;

/**
 * SipHash-1-3-64 (as Rust's HashMap uses) of one 64-bit block (lo, hi) under `k`, with the tweak
 * folded into the initial state; result in outLo/outHi. Inputs are fixed-length, so no length block.
 */
function sip8(k: Uint32Array, tweak: number, ml: number, mh: number): void {
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
  outLo = (v0l ^ v1l ^ v2l ^ v3l) >>> 0;
  outHi = (v0h ^ v1h ^ v2h ^ v3h) >>> 0;
}

/** x mod m for 0 <= x < 2^53 and a 64-bit hash (hi, lo): an (almost uniform) value in [0, m). */
function below(m: number): number {
  // 53 bits of the hash as a fraction in [0, 1): floor(frac * m) < m for every m <= 2^53.
  const frac = ((outHi >>> 11) * TWO32 + outLo) / 9007199254740992;
  return Math.floor(frac * m);
}

export class KeyedPermutation {
  private readonly key: Uint32Array;

  /** `key`: 128 keyed bits of the consistency domain (copied). */
  constructor(key: Uint32Array) {
    this.key = Uint32Array.from(key.subarray(0, 4));
  }

  /** Round function: a value in [0, m) from (round, tweak, x). x < 2^53. */
  private f(round: number, tweak: number, x: number, m: number): number {
    // x < 2^52: 20 high bits, then the round number in the top 12 bits of the block.
    sip8(this.key, tweak >>> 0, x >>> 0, ((Math.floor(x / TWO32) & 0xfffff) | (round << 20)) >>> 0);
    return below(m);
  }

  /** A bijection of [0, n) (n <= 2^52), keyed and tweaked. */
  permuteInt(x: number, n: number, tweak = 0): number {
    if (n <= 1) return 0;
    const a = Math.ceil(Math.sqrt(n));
    const b = Math.ceil(n / a);
    let y = x;
    do {
      let hi = Math.floor(y / b);
      let lo = y - hi * b;
      for (let r = 0; r < ROUNDS; r++) {
        if ((r & 1) === 0) hi = (hi + this.f(r, tweak, lo, a)) % a;
        else lo = (lo + this.f(r, tweak, hi, b)) % b;
      }
      y = hi * b + lo;
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
      let hi = Number(y / b);
      let lo = Number(y % b);
      for (let r = 0; r < ROUNDS; r++) {
        if ((r & 1) === 0) hi = (hi + this.f(r, tweak, lo, an)) % an;
        else lo = (lo + this.f(r, tweak, hi, bn)) % bn;
      }
      y = BigInt(hi) * b + BigInt(lo);
    } while (y >= n);
    return y;
  }

  /**
   * Permute the digits d[0..len) in place, d[i] in [0, radix[i]): a bijection on all strings of this
   * shape. The product of the radices must stay below 2^100 (callers use keyed random draws above
   * 2^85, where collisions are negligible anyway).
   */
  permuteDigits(d: Int32Array | number[], radix: ArrayLike<number>, len: number, tweak = 0): void {
    if (len === 0) return;
    // Split where the two halves' capacities are closest (in log2).
    let total = 0;
    for (let i = 0; i < len; i++) total += Math.log2(radix[i]);
    let k = 0;
    let acc = 0;
    while (k < len - 1 && acc + Math.log2(radix[k]) <= total / 2) acc += Math.log2(radix[k++]);
    if (k === 0) k = 1;
    let sizeA = 1;
    let a = 0;
    for (let i = 0; i < k; i++) { a = a * radix[i] + d[i]; sizeA *= radix[i]; }
    let sizeB = 1;
    let b = 0;
    for (let i = k; i < len; i++) { b = b * radix[i] + d[i]; sizeB *= radix[i]; }
    if (sizeA > 2 ** 52 || sizeB > 2 ** 52) throw new RangeError('permuteDigits: shape too large for a Feistel half');
    const t = (tweak * 31 + len) >>> 0;
    for (let r = 0; r < ROUNDS; r++) {
      if ((r & 1) === 0) a = (a + this.f(r, t, b, sizeA)) % sizeA;
      else b = (b + this.f(r, t, a, sizeB)) % sizeB;
    }
    for (let i = len - 1; i >= k; i--) { const q = Math.floor(b / radix[i]); d[i] = b - q * radix[i]; b = q; }
    for (let i = k - 1; i >= 0; i--) { const q = Math.floor(a / radix[i]); d[i] = a - q * radix[i]; a = q; }
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
  for (let i = 0; i < len; i++) bits += Math.log2(radix[i]);
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
