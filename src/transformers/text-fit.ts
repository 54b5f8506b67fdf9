/** Helpers that make fakes fit their column. */

/** Truncate to at most `max` characters (code points), never splitting a surrogate pair. */
export function fitLength(value: string, max: number | undefined): string {
  if (max === undefined || value.length <= max) return value;
  const cps = Array.from(value);
  return cps.length <= max ? value : cps.slice(0, max).join('');
}

/**
 * Join `parts` into at most `max` code points, cutting by rank: rank 0 parts (values of other columns)
 * are shortened first, rank 1 parts (fixed text) only when the rank 0 parts are empty, rank 2 parts (a
 * unique tag) never. Within a rank the room is shared evenly: parts shorter than their share stay
 * whole, the others get the share (earlier parts one more character while room is left) and lose their
 * end. If the rank 2 parts alone exceed `max`, the joined text is cut at the end.
 */
export function fitParts(parts: readonly string[], rank: readonly (0 | 1 | 2)[], max: number): string {
  const cps = parts.map((p) => Array.from(p));
  const lengths = cps.map((c) => c.length);
  let over = lengths.reduce((a, b) => a + b, 0) - max;
  for (let r = 0; r < 2 && over > 0; r++) {
    const idx = lengths.flatMap((_, i) => (rank[i] === r ? [i] : []));
    const have = idx.reduce((a, i) => a + lengths[i], 0);
    const room = Math.max(0, have - over);
    const fitted = shareRoom(idx.map((i) => lengths[i]), room);
    idx.forEach((i, k) => (lengths[i] = fitted[k]));
    over -= have - room;
  }
  const out = cps.map((c, i) => (lengths[i] < c.length ? c.slice(0, lengths[i]).join('') : parts[i])).join('');
  return over > 0 ? fitLength(out, max) : out;
}

/** Lengths that add up to at most `room`: an even share, short parts whole, the remainder to the earliest long parts. */
function shareRoom(lengths: readonly number[], room: number): number[] {
  const out = lengths.slice();
  const order = lengths.map((_, i) => i).sort((a, b) => lengths[a] - lengths[b] || a - b);
  let rest = room;
  for (let j = 0; j < order.length; j++) {
    const left = order.length - j;
    const share = Math.floor(rest / left);
    if (lengths[order[j]] <= share) {
      rest -= lengths[order[j]];
      continue;
    }
    // every part from here on is longer than the share
    let extra = rest - share * left;
    for (const i of order.slice(j).sort((a, b) => a - b)) {
      out[i] = share + (extra > 0 ? 1 : 0);
      extra--;
    }
    break;
  }
  return out;
}

/** Length in code points (what varchar(n) counts in PostgreSQL and MySQL utf8mb4). */
export function charLength(value: string): number {
  let n = value.length;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) n--;
  }
  return n;
}

/** Lower-case ASCII letters and digits only (for email local parts and usernames). */
export function asciiSlug(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .replace(/[æÆ]/g, 'ae')
    .replace(/[øØ]/g, 'o')
    .replace(/[łŁ]/g, 'l')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

export const BASE32 = 'abcdefghijkmnpqrstuvwxyz23456789'; // no l, o, 0, 1

/**
 * `chars` base-32 characters (5 bits each, up to 25 = 125 bits) from keyed bits: a tag that carries
 * 5 * chars keyed bits (17 chars = 85 bits: collisions below 1e-9 at 1e8 distinct originals).
 */
export function base32(bits: Uint32Array, chars: number): string {
  let out = '';
  for (let i = 0; i < chars; i++) out += BASE32[base32Digit(bits, i)];
  return out;
}

/** The i-th 5-bit digit of the keyed bits (bits 5i..5i+4, crossing words where needed). */
function base32Digit(bits: Uint32Array, i: number): number {
  const off = i * 5;
  const w = off >>> 5;
  const sh = off & 31;
  let v = bits[w & 3] >>> sh;
  if (sh > 27) v |= bits[(w + 1) & 3] << (32 - sh);
  return v & 31;
}

const BASE32_CODES = Uint8Array.from(BASE32, (c) => c.charCodeAt(0));

/**
 * base32(bits, chars) as ASCII bytes written into out at n; returns the new end. The unique tag (every
 * email) is unrolled (measured: 55 → 22 ns); other lengths take base32Digit, as base32() does.
 */
export function base32Bytes(bits: Uint32Array, chars: number, out: Uint8Array, n: number): number {
  if (chars === UNIQUE_TAG_CHARS) return tagBytes(bits, out, n);
  for (let i = 0; i < chars; i++) out[n++] = BASE32_CODES[base32Digit(bits, i)];
  return n;
}

/** base32Bytes of the 17-character unique tag (every email), unrolled: bits 0-84 of the first three words. */
function tagBytes(bits: Uint32Array, out: Uint8Array, n: number): number {
  const C = BASE32_CODES;
  const a = bits[0];
  const b = bits[1];
  const c = bits[2];
  out[n] = C[a & 31];
  out[n + 1] = C[(a >>> 5) & 31];
  out[n + 2] = C[(a >>> 10) & 31];
  out[n + 3] = C[(a >>> 15) & 31];
  out[n + 4] = C[(a >>> 20) & 31];
  out[n + 5] = C[(a >>> 25) & 31];
  out[n + 6] = C[((a >>> 30) | (b << 2)) & 31];
  out[n + 7] = C[(b >>> 3) & 31];
  out[n + 8] = C[(b >>> 8) & 31];
  out[n + 9] = C[(b >>> 13) & 31];
  out[n + 10] = C[(b >>> 18) & 31];
  out[n + 11] = C[(b >>> 23) & 31];
  out[n + 12] = C[((b >>> 28) | (c << 4)) & 31];
  out[n + 13] = C[(c >>> 1) & 31];
  out[n + 14] = C[(c >>> 6) & 31];
  out[n + 15] = C[(c >>> 11) & 31];
  out[n + 16] = C[(c >>> 16) & 31];
  return n + 17;
}

/** Bits of keyed randomness a unique text value must carry (collisions < 1e-9 at 1e8 rows). */
export const UNIQUE_BITS = 85;
/** Base-32 characters for UNIQUE_BITS. */
export const UNIQUE_TAG_CHARS = 17;

const HEX_BYTE: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Lower-case hex of the 4 words (32 characters), most significant byte of each word first. Number#toString(16) is ~10x slower. */
export function hex128(bits: Uint32Array): string {
  let s = '';
  for (let i = 0; i < 4; i++) {
    const w = bits[i];
    s += HEX_BYTE[w >>> 24] + HEX_BYTE[(w >>> 16) & 255] + HEX_BYTE[(w >>> 8) & 255] + HEX_BYTE[w & 255];
  }
  return s;
}

const HEX_CODES = Uint8Array.from('0123456789abcdef', (c) => c.charCodeAt(0));

/** The first `length` characters of hex128(bits) as ASCII bytes in out; returns `length`. */
export function hex128Bytes(bits: Uint32Array, length: number, out: Uint8Array): number {
  for (let i = 0; i < length; i++) out[i] = HEX_CODES[(bits[i >>> 3] >>> (28 - 4 * (i & 7))) & 15];
  return length;
}
