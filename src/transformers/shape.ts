import type { Rng } from '../seed/rng.js';
import type { KeyedPermutation } from './fpe.js';
import { UNIQUE_BITS } from './text-fit.js';

/**
 * Shape-preserving replacement: digits stay digits, ASCII letters stay letters of the same case,
 * everything else (separators, spaces, other scripts) is kept. With a permutation, the replacement is
 * a keyed bijection on all strings of one shape (unique by construction); shapes with at least 85 bits
 * of room use keyed draws instead (collisions negligible), which is also what happens without one.
 */
export interface ShapeOptions {
  letters: boolean;
  /** Slots (digits/letters, not separators) kept at the start and end. */
  keepFirst: number;
  keepLast: number;
}

const slots = new Int32Array(256);
const digits = new Int32Array(256);
const radix = new Int32Array(256);

const codes = new Int32Array(256);

/**
 * The new digit values of the slots whose characters are in codes[0, len): into `digits`, each in
 * its slot's radix (10 for digits, 26 for letters). A keyed permutation of the whole shape when one
 * is given and the shape has fewer than UNIQUE_BITS of room; keyed draws otherwise.
 */
function replaceDigits(len: number, rngOf: () => Rng, perm: KeyedPermutation | undefined, tweak: number): void {
  let bits = 0;
  let shapeKey = 0;
  for (let j = 0; j < len; j++) {
    const c = codes[j];
    if (c <= 57) { radix[j] = 10; digits[j] = c - 48; bits += 3.3219280948873622; }
    else if (c <= 90) { radix[j] = 26; digits[j] = c - 65; bits += 4.700439718141092; shapeKey = (shapeKey * 3 + 1) | 0; }
    else { radix[j] = 26; digits[j] = c - 97; bits += 4.700439718141092; shapeKey = (shapeKey * 3 + 2) | 0; }
    if (c <= 57) shapeKey = (shapeKey * 3) | 0;
  }
  if (perm && bits < UNIQUE_BITS) {
    perm.permuteDigits(digits, radix, len, (tweak * 7919 + shapeKey) >>> 0);
  } else {
    const rng = rngOf();
    for (let j = 0; j < len; j++) digits[j] = rng.int(radix[j]);
  }
}

export function reshape(value: string, opt: ShapeOptions, rngOf: () => Rng, perm?: KeyedPermutation, tweak = 0): string {
  const n = value.length;
  if (n > slots.length) return reshapeDraw(value, opt, rngOf());
  let count = 0;
  for (let i = 0; i < n; i++) {
    const c = value.charCodeAt(i);
    if (c >= 48 && c <= 57) slots[count++] = i;
    else if (opt.letters && ((c >= 65 && c <= 90) || (c >= 97 && c <= 122))) slots[count++] = i;
  }
  const from = Math.min(opt.keepFirst, count);
  const to = Math.max(from, count - opt.keepLast);
  const len = to - from;
  if (len <= 0) return value;
  for (let j = 0; j < len; j++) codes[j] = value.charCodeAt(slots[from + j]);
  replaceDigits(len, rngOf, perm, tweak);
  let out = value.slice(0, slots[from]);
  for (let j = 0; j < len; j++) {
    const i = slots[from + j];
    const c = value.charCodeAt(i);
    out += c <= 57 ? DIGIT_CH[digits[j]] : c <= 90 ? UPPER_CH[digits[j]] : LOWER_CH[digits[j]];
    const next = j + 1 < len ? slots[from + j + 1] : n;
    // separators between slots, one character at a time (cheaper than slice for the usual 0-1 chars)
    for (let k = i + 1; k < next; k++) out += value[k];
  }
  return out;
}

/**
 * reshape() on ASCII bytes, for the byte path: the same output as reshape(value.slice(...)) for the
 * value whose bytes are src[s, e) (all below 0x80), written into out at o. Returns the new end, or -1
 * where reshape() would take its long-value path.
 */
export function reshapeBytes(src: Uint8Array, s: number, e: number, out: Uint8Array, o: number, opt: ShapeOptions, rngOf: () => Rng, perm?: KeyedPermutation, tweak = 0): number {
  const n = e - s;
  if (n > slots.length || o + n > out.length) return -1;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const c = src[s + i];
    if (c >= 48 && c <= 57) slots[count++] = i;
    else if (opt.letters && ((c >= 65 && c <= 90) || (c >= 97 && c <= 122))) slots[count++] = i;
  }
  for (let i = 0; i < n; i++) out[o + i] = src[s + i];
  const from = Math.min(opt.keepFirst, count);
  const to = Math.max(from, count - opt.keepLast);
  const len = to - from;
  if (len <= 0) return o + n;
  for (let j = 0; j < len; j++) codes[j] = src[s + slots[from + j]];
  replaceDigits(len, rngOf, perm, tweak);
  for (let j = 0; j < len; j++) {
    const i = slots[from + j];
    const c = src[s + i];
    out[o + i] = (c <= 57 ? 48 : c <= 90 ? 65 : 97) + digits[j];
  }
  return o + n;
}

const DIGIT_CH = Array.from({ length: 10 }, (_, i) => String.fromCharCode(48 + i));
const UPPER_CH = Array.from({ length: 26 }, (_, i) => String.fromCharCode(65 + i));
const LOWER_CH = Array.from({ length: 26 }, (_, i) => String.fromCharCode(97 + i));

/** For very long values: keyed draws per slot, no permutation (they have far more than 85 bits). */
function reshapeDraw(value: string, opt: ShapeOptions, rng: Rng): string {
  const chars = value.split('');
  const idx: number[] = [];
  for (let i = 0; i < chars.length; i++) {
    const c = value.charCodeAt(i);
    if ((c >= 48 && c <= 57) || (opt.letters && ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)))) idx.push(i);
  }
  const to = Math.max(opt.keepFirst, idx.length - opt.keepLast);
  for (let j = Math.min(opt.keepFirst, idx.length); j < to; j++) {
    const i = idx[j];
    const c = value.charCodeAt(i);
    chars[i] = c <= 57 ? String.fromCharCode(48 + rng.int(10)) : String.fromCharCode((c <= 90 ? 65 : 97) + rng.int(26));
  }
  return chars.join('');
}
