/**
 * SipHash-2-4 (64- and 128-bit output) over bytes, in plain 32-bit JS arithmetic.
 * Keys are four little-endian u32 words (k0 = words 0,1; k1 = words 2,3). Outputs are written into a
 * caller-owned Uint32Array (little-endian words) so the hot path allocates nothing.
 */

export type SipKey = Uint32Array; // length 4

export function sipKeyFromBytes(bytes: Uint8Array): SipKey {
  if (bytes.length < 16) throw new RangeError('SipHash key needs 16 bytes');
  const k = new Uint32Array(4);
  for (let i = 0; i < 4; i++) {
    k[i] = (bytes[i * 4] | (bytes[i * 4 + 1] << 8) | (bytes[i * 4 + 2] << 16) | (bytes[i * 4 + 3] << 24)) >>> 0;
  }
  return k;
}

/**
 * Hash `data[start, end)` with `key`. `out` receives 2 words (outWords = 2, SipHash-2-4-64) or
 * 4 words (outWords = 4, SipHash-2-4-128).
 */
export function siphash(key: SipKey, data: Uint8Array, start: number, end: number, out: Uint32Array, outWords: 2 | 4): void {
  const k0l = key[0], k0h = key[1], k1l = key[2], k1h = key[3];
  let v0l = (k0l ^ 0x70736575) >>> 0, v0h = (k0h ^ 0x736f6d65) >>> 0;
  let v1l = (k1l ^ 0x6e646f6d) >>> 0, v1h = (k1h ^ 0x646f7261) >>> 0;
  let v2l = (k0l ^ 0x6e657261) >>> 0, v2h = (k0h ^ 0x6c796765) >>> 0;
  let v3l = (k1l ^ 0x79746573) >>> 0, v3h = (k1h ^ 0x74656462) >>> 0;
  if (outWords === 4) v1l = (v1l ^ 0xee) >>> 0;

  let s = 0, tl = 0, th = 0;
  // One SipRound, inlined via a local closure-free macro pattern (kept as a function for clarity;
  // V8 inlines it).
  const round = (): void => {
    // v0 += v1; v1 = rotl(v1, 13); v1 ^= v0; v0 = rotl(v0, 32)
    s = v0l + v1l; v0l = s >>> 0; v0h = (v0h + v1h + (s > 0xffffffff ? 1 : 0)) >>> 0;
    tl = (v1l << 13) | (v1h >>> 19); th = (v1h << 13) | (v1l >>> 19);
    v1l = (tl ^ v0l) >>> 0; v1h = (th ^ v0h) >>> 0;
    tl = v0l; v0l = v0h; v0h = tl;
    // v2 += v3; v3 = rotl(v3, 16); v3 ^= v2
    s = v2l + v3l; v2l = s >>> 0; v2h = (v2h + v3h + (s > 0xffffffff ? 1 : 0)) >>> 0;
    tl = (v3l << 16) | (v3h >>> 16); th = (v3h << 16) | (v3l >>> 16);
    v3l = (tl ^ v2l) >>> 0; v3h = (th ^ v2h) >>> 0;
    // v0 += v3; v3 = rotl(v3, 21); v3 ^= v0
    s = v0l + v3l; v0l = s >>> 0; v0h = (v0h + v3h + (s > 0xffffffff ? 1 : 0)) >>> 0;
    tl = (v3l << 21) | (v3h >>> 11); th = (v3h << 21) | (v3l >>> 11);
    v3l = (tl ^ v0l) >>> 0; v3h = (th ^ v0h) >>> 0;
    // v2 += v1; v1 = rotl(v1, 17); v1 ^= v2; v2 = rotl(v2, 32)
    s = v2l + v1l; v2l = s >>> 0; v2h = (v2h + v1h + (s > 0xffffffff ? 1 : 0)) >>> 0;
    tl = (v1l << 17) | (v1h >>> 15); th = (v1h << 17) | (v1l >>> 15);
    v1l = (tl ^ v2l) >>> 0; v1h = (th ^ v2h) >>> 0;
    tl = v2l; v2l = v2h; v2h = tl;
  };

  const len = end - start;
  const blocksEnd = start + (len - (len & 7));
  let ml = 0, mh = 0;
  for (let i = start; i < blocksEnd; i += 8) {
    ml = (data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24)) >>> 0;
    mh = (data[i + 4] | (data[i + 5] << 8) | (data[i + 6] << 16) | (data[i + 7] << 24)) >>> 0;
    v3l = (v3l ^ ml) >>> 0; v3h = (v3h ^ mh) >>> 0;
    round(); round();
    v0l = (v0l ^ ml) >>> 0; v0h = (v0h ^ mh) >>> 0;
  }
  // Last block: remaining bytes, length in the top byte.
  ml = 0; mh = ((len & 0xff) << 24) >>> 0;
  const rem = len & 7;
  for (let j = 0; j < rem; j++) {
    const b = data[blocksEnd + j];
    if (j < 4) ml |= b << (8 * j);
    else mh |= b << (8 * (j - 4));
  }
  ml >>>= 0; mh >>>= 0;
  v3l = (v3l ^ ml) >>> 0; v3h = (v3h ^ mh) >>> 0;
  round(); round();
  v0l = (v0l ^ ml) >>> 0; v0h = (v0h ^ mh) >>> 0;

  v2l = (v2l ^ (outWords === 4 ? 0xee : 0xff)) >>> 0;
  round(); round(); round(); round();
  out[0] = (v0l ^ v1l ^ v2l ^ v3l) >>> 0;
  out[1] = (v0h ^ v1h ^ v2h ^ v3h) >>> 0;
  if (outWords === 4) {
    v1l = (v1l ^ 0xdd) >>> 0;
    round(); round(); round(); round();
    out[2] = (v0l ^ v1l ^ v2l ^ v3l) >>> 0;
    out[3] = (v0h ^ v1h ^ v2h ^ v3h) >>> 0;
  }
}
