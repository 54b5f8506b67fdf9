// Small seeded PRNG for the bench generator (never Math.random): sfc32 seeded via splitmix32.
// Deterministic for a given seed string/number; fast enough to draw several numbers per field.

/** 32-bit string hash (FNV-1a) used to turn any seed into a number. */
export function hashString(s) {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** splitmix32 step: good avalanche for seeding and for hashing integers. */
export function mix32(x) {
  x = (x + 0x9e3779b9) | 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/**
 * Returns a PRNG object: next() → uint32, int(n) → [0, n), chance(p) → boolean, pick(arr).
 * `stream` separates independent sequences derived from one seed.
 */
export function createRng(seed, stream = 0) {
  const base = typeof seed === 'number' ? seed >>> 0 : hashString(String(seed));
  let a = mix32(base ^ 0x1234567);
  let b = mix32(a ^ stream);
  let c = mix32(b + 0x51ed27);
  let d = 1;
  const next = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) next();
  return {
    next,
    /** Uniform integer in [0, n) for n < 2^32. */
    int: (n) => Math.floor((next() / 4294967296) * n),
    /** true with probability p. */
    chance: (p) => next() < p * 4294967296,
    pick: (arr) => arr[Math.floor((next() / 4294967296) * arr.length)],
  };
}
