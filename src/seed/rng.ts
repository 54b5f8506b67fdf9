/**
 * Rng: xoshiro128** seeded with 128 keyed bits. It doubles as Faker's Randomizer (next() in [0, 1)),
 * so one instance, re-seeded per value, drives every faker call without faker.seed().
 */
export class Rng {
  private a = 1;
  private b = 2;
  private c = 3;
  private d = 4;

  /** Start the stream from four 32-bit words (the per-value keyed seed). */
  reset(w: Uint32Array): this {
    this.a = w[0] | 0;
    this.b = w[1] | 0;
    this.c = w[2] | 0;
    this.d = w[3] | 0;
    if ((this.a | this.b | this.c | this.d) === 0) this.d = 0x9e3779b9 | 0;
    return this;
  }

  /** Next unsigned 32-bit integer. */
  u32(): number {
    const r = Math.imul(rotl(Math.imul(this.b, 5), 7), 9);
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return r >>> 0;
  }

  /** Float in [0, 1) with 32 bits of randomness (Faker's Randomizer.next). */
  next(): number {
    return this.u32() / 4294967296;
  }

  /** Integer in [0, n) without modulo bias, n <= 2^32. */
  int(n: number): number {
    if (n <= 1) return 0;
    // The same values as 2^32 - (2^32 % n) and x % n, without the double-precision `%` (a libc fmod
    // call in V8, ~30 ns): floor(x / n) is exact in doubles for x < 2^32, since the quotient's rounding
    // error (< 2^-21 / n) is smaller than its distance to the next integer (>= 1 / n).
    const limit = Math.floor(4294967296 / n) * n;
    let x = this.u32();
    while (x >= limit) x = this.u32();
    return x - Math.floor(x / n) * n;
  }

  /** Pick one element. */
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  /** Faker's Randomizer.seed: deliberately unsupported; seeding is keyed per value. */
  seed(_seed: number | number[]): void {
    throw new Error('veil-stream Rng is seeded per value from the secret; faker.seed() is not used');
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
