import { commonParams, defineTransformer, z, type ByteFn, type ValueCtx, type ValueFn } from './define.js';
import { domainPermutation } from './fpe.js';
import { reshape, reshapeBytes } from './shape.js';
import { fitLength } from './text-fit.js';

const SHAPE = { letters: false, keepFirst: 0, keepLast: 0 };

const FALLBACK_FORMAT = '(###) ###-####';

/** At least 4 digits and nothing but digits and phone punctuation (+ ( ) - . / space, x for extensions). */
function looksLikePhone(s: string): boolean {
  let digits = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if (!(c === 32 || c === 43 || c === 40 || c === 41 || c === 45 || c === 46 || c === 47 || c === 120 || c === 88)) return false;
  }
  return digits >= 4;
}

/**
 * Keeps the original's shape (separators, length, a leading +country code) and replaces the other
 * digits; or follows `format`, where every # becomes a digit. With `unique` (from the rule or a
 * UNIQUE/PRIMARY KEY column) the digits are permuted under a key, so distinct phones stay distinct.
 * Permuting costs ~2x a draw, so non-unique columns draw; a non-unique column that must map phones
 * exactly like a unique one (a join on phone numbers) sets "unique": true as well.
 */
export const phone = defineTransformer({
  name: 'phone',
  cache: true,
  category: 'person',
  summary: 'Same shape, new digits (permuted on unique columns): +1 (415) 555-0132 → +1 (982) 301-7746',
  example: { before: '+1 (415) 555-0132', after: '+1 (982) 301-7746' },
  params: z.object({
    ...commonParams,
    format: z.string().min(1).optional().describe('Pattern where each # is a random digit, e.g. "+44 #### ######". Default: the original\'s shape.'),
    keepCountryCode: z.boolean().default(true).describe('Keep the digits right after a leading "+" up to the first separator.'),
  }),
  accepts: ['text', 'other'],
  canBeUnique: (p) => p.format === undefined,
  uniqueModeOnly: true,
  check(params, column) {
    const max = column.type?.maxLength;
    if (params.format !== undefined && max !== undefined && params.format.length > max) {
      return `the phone format "${params.format}" is ${params.format.length} characters; the column holds ${max}`;
    }
    return undefined;
  },
  create(params, site) {
    const { format, keepCountryCode } = params;
    const max = site.column.type?.maxLength;
    const permOf = site.unique && format === undefined ? domainPermutation() : undefined;
    const fromPattern = (pattern: string, ctx: ValueCtx): string => {
      const rng = ctx.rng();
      let out = '';
      for (let i = 0; i < pattern.length; i++) {
        const ch = pattern[i];
        out += ch === '#' ? String.fromCharCode(48 + rng.int(10)) : ch;
      }
      return fitLength(out, max);
    };
    const fn: ValueFn = (value, ctx) => {
      if (format !== undefined) return fromPattern(format, ctx);
      // Free text in a phone column ("ask for Mary, ext 12", "null") has no shape worth keeping
      // and would leak its words: it gets a fresh number instead.
      if (!looksLikePhone(value)) return fromPattern(FALLBACK_FORMAT, ctx);
      let cc = 0;
      if (keepCountryCode && value.charCodeAt(0) === 43 /* + */) {
        cc = 1;
        while (cc < value.length && value.charCodeAt(cc) >= 48 && value.charCodeAt(cc) <= 57) cc++;
        if (cc === value.length) cc = 1; // "+14155550132": no separator, keep only the "+"
      }
      const perm = permOf?.(ctx);
      const rest = reshape(cc === 0 ? value : value.slice(cc), SHAPE, () => ctx.rng(), perm);
      return cc === 0 ? rest : value.slice(0, cc) + rest;
    };
    // The byte path: the same steps on the original's bytes (phone-like values are ASCII).
    const patternBytes = (pattern: string, ctx: ValueCtx, out: Uint8Array): number => {
      if ((max !== undefined && pattern.length > max) || pattern.length > out.length) return -1;
      const rng = ctx.rng();
      for (let i = 0; i < pattern.length; i++) {
        const ch = pattern.charCodeAt(i);
        if (ch >= 0x80) return -1;
        out[i] = ch === 35 ? 48 + rng.int(10) : ch;
      }
      return pattern.length;
    };
    const bytes: ByteFn = (src, s, e, ctx, out) => {
      if (format !== undefined) return patternBytes(format, ctx, out);
      if (!bytesLookLikePhone(src, s, e)) return patternBytes(FALLBACK_FORMAT, ctx, out);
      if (max !== undefined && e - s > max) return -1;
      let cc = 0;
      if (keepCountryCode && src[s] === 43) {
        cc = 1;
        while (s + cc < e && src[s + cc] >= 48 && src[s + cc] <= 57) cc++;
        if (s + cc === e) cc = 1;
      }
      if (e - s > out.length) return -1;
      for (let i = 0; i < cc; i++) out[i] = src[s + i];
      const perm = permOf?.(ctx);
      return reshapeBytes(src, s + cc, e, out, cc, SHAPE, () => ctx.rng(), perm);
    };
    return { fn, bytes };
  },
});

/** looksLikePhone() on bytes (a byte of a multi-byte character is never phone punctuation). */
function bytesLookLikePhone(src: Uint8Array, s: number, e: number): boolean {
  let digits = 0;
  for (let i = s; i < e; i++) {
    const c = src[i];
    if (c >= 48 && c <= 57) digits++;
    else if (!(c === 32 || c === 43 || c === 40 || c === 41 || c === 45 || c === 46 || c === 47 || c === 120 || c === 88)) return false;
  }
  return digits >= 4;
}
