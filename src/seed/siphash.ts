/**
 * SipHash-2-4 (64- and 128-bit output) over bytes, in plain 32-bit JS arithmetic.
 * Keys are four little-endian u32 words (k0 = words 0,1; k1 = words 2,3). Outputs are written into a
 * caller-owned Uint32Array (little-endian words) so the hot path allocates nothing.
 *
 * The rounds are written out inline on local variables: a shared round() closure forced V8 to keep
 * the state in a context object and cost ~4x (measured in the COPY benchmark).
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
  const k0l = key[0] | 0, k0h = key[1] | 0, k1l = key[2] | 0, k1h = key[3] | 0;
  let v0l = k0l ^ 0x70736575, v0h = k0h ^ 0x736f6d65;
  let v1l = k1l ^ 0x6e646f6d, v1h = k1h ^ 0x646f7261;
  let v2l = k0l ^ 0x6e657261, v2h = k0h ^ 0x6c796765;
  let v3l = k1l ^ 0x79746573, v3h = k1h ^ 0x74656462;
  if (outWords === 4) v1l ^= 0xee;

  const len = end - start;
  const blocksEnd = start + (len - (len & 7));
  let ml = 0, mh = 0, s = 0, tl = 0, th = 0;
  // Blocks, then the last block (remaining bytes + length), then finalization rounds.
  // phase 0: blocks; phase 1: last block; phase 2: final-1; phase 3: final-2 (128-bit only)
  let i = start;
  for (let phase = 0; phase < 4; ) {
    let rounds: number;
    if (phase === 0) {
      if (i >= blocksEnd) {
        phase = 1;
        continue;
      }
      ml = data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24);
      mh = data[i + 4] | (data[i + 5] << 8) | (data[i + 6] << 16) | (data[i + 7] << 24);
      i += 8;
      v3l ^= ml;
      v3h ^= mh;
      rounds = 2;
    } else if (phase === 1) {
      ml = 0;
      mh = (len & 0xff) << 24;
      const rem = len & 7;
      for (let j = 0; j < rem; j++) {
        const b = data[blocksEnd + j];
        if (j < 4) ml |= b << (8 * j);
        else mh |= b << (8 * (j - 4));
      }
      v3l ^= ml;
      v3h ^= mh;
      rounds = 2;
    } else if (phase === 2) {
      v2l ^= outWords === 4 ? 0xee : 0xff;
      rounds = 4;
    } else {
      v1l ^= 0xdd;
      rounds = 4;
    }
    for (let r = 0; r < rounds; r++) {
      // v0 += v1; v1 = rotl(v1, 13); v1 ^= v0; v0 = rotl(v0, 32)
      s = (v0l >>> 0) + (v1l >>> 0);
      v0h = (v0h + v1h + (s > 0xffffffff ? 1 : 0)) | 0;
      v0l = s | 0;
      tl = (v1l << 13) | (v1h >>> 19);
      th = (v1h << 13) | (v1l >>> 19);
      v1l = tl ^ v0l;
      v1h = th ^ v0h;
      tl = v0l;
      v0l = v0h;
      v0h = tl;
      // v2 += v3; v3 = rotl(v3, 16); v3 ^= v2
      s = (v2l >>> 0) + (v3l >>> 0);
      v2h = (v2h + v3h + (s > 0xffffffff ? 1 : 0)) | 0;
      v2l = s | 0;
      tl = (v3l << 16) | (v3h >>> 16);
      th = (v3h << 16) | (v3l >>> 16);
      v3l = tl ^ v2l;
      v3h = th ^ v2h;
      // v0 += v3; v3 = rotl(v3, 21); v3 ^= v0
      s = (v0l >>> 0) + (v3l >>> 0);
      v0h = (v0h + v3h + (s > 0xffffffff ? 1 : 0)) | 0;
      v0l = s | 0;
      tl = (v3l << 21) | (v3h >>> 11);
      th = (v3h << 21) | (v3l >>> 11);
      v3l = tl ^ v0l;
      v3h = th ^ v0h;
      // v2 += v1; v1 = rotl(v1, 17); v1 ^= v2; v2 = rotl(v2, 32)
      s = (v2l >>> 0) + (v1l >>> 0);
      v2h = (v2h + v1h + (s > 0xffffffff ? 1 : 0)) | 0;
      v2l = s | 0;
      tl = (v1l << 17) | (v1h >>> 15);
      th = (v1h << 17) | (v1l >>> 15);
      v1l = tl ^ v2l;
      v1h = th ^ v2h;
      tl = v2l;
      v2l = v2h;
      v2h = tl;
    }
    if (phase <= 1) {
      v0l ^= ml;
      v0h ^= mh;
      if (phase === 1) phase = 2;
    } else if (phase === 2) {
      out[0] = v0l ^ v1l ^ v2l ^ v3l;
      out[1] = v0h ^ v1h ^ v2h ^ v3h;
      phase = outWords === 4 ? 3 : 4;
    } else {
      out[2] = v0l ^ v1l ^ v2l ^ v3l;
      out[3] = v0h ^ v1h ^ v2h ^ v3h;
      phase = 4;
    }
  }
}
