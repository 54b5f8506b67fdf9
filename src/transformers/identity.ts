import { intBounds } from './column.js';
import { commonParams, defineTransformer, z } from './define.js';
import { domainPermutation } from './fpe.js';
import { reshape } from './shape.js';
import { hex128 } from './text-fit.js';

const HEX = '0123456789abcdef';

/**
 * Keyed UUID: a version-4 UUID whose 122 random bits are the value's keyed bits, so the same original
 * always maps to the same UUID and distinct originals collide with odds around 2^-122 per pair.
 * The original's style (upper case, no hyphens, braces) is kept.
 */
export const uuid = defineTransformer({
  name: 'uuid',
  cache: true,
  category: 'identity',
  summary: 'Keyed version-4 UUID, same style as the original: 1b4e28ba-2fa1-11d2-883f-0016d3cca427 → 9f1c2e7a-04b3-4d5e-a1f2-6c7d8e9f0a1b',
  example: { before: '1b4e28ba-2fa1-11d2-883f-0016d3cca427', after: '9f1c2e7a-04b3-4d5e-a1f2-6c7d8e9f0a1b' },
  params: z.object({ ...commonParams }),
  accepts: ['uuid', 'text', 'other'],
  canBeUnique: true,
  check(_p, column) {
    const max = column.type?.maxLength;
    return max !== undefined && max < 32 ? `a UUID needs 32 to 38 characters; the column holds ${max}` : undefined;
  },
  create(_p, site) {
    const max = site.column.type?.maxLength;
    return (value, ctx) => {
      const b = ctx.bits();
      let hex = hex128(b);
      // version 4 and the RFC 4122 variant (10xx in the top bits of the 17th hex digit)
      hex = `${hex.slice(0, 12)}4${hex.slice(13, 16)}${HEX[8 + ((b[2] >>> 28) & 3)]}${hex.slice(17)}`;
      // The original's style: 32 bare hex digits, upper case, {braces}; the usual lower-case
      // 36-character form takes the fast path.
      let hyphens = max === undefined || max >= 36;
      let upper = false;
      let braces = false;
      if (value.length !== 36 || value.charCodeAt(8) !== 45) {
        const v = value.trim();
        hyphens = hyphens && v.length !== 32;
        braces = v.startsWith('{') && v.endsWith('}') && (max === undefined || max >= (hyphens ? 38 : 34));
        upper = /[A-F]/.test(v) && !/[a-f]/.test(v);
      } else {
        upper = /^[^a-f]*[A-F]/.test(value) && !/[a-f]/.test(value);
      }
      let out = hyphens ? `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}` : hex;
      if (upper) out = out.toUpperCase();
      if (braces) out = `{${out}}`;
      return out;
    };
  },
});

const shapeParams = {
  ...commonParams,
  keepFirst: z.number().int().min(0).default(0).describe('Digits/letters kept at the start (separators do not count).'),
  keepLast: z.number().int().min(0).default(0).describe('Digits/letters kept at the end (separators do not count).'),
};

/**
 * Digits replaced, everything else kept: a keyed permutation of all values of one shape, so distinct
 * originals stay distinct (national ids, order numbers). On an integer column the number keeps its
 * digit count and stays inside the column's range.
 */
export const digits = defineTransformer({
  name: 'digits',
  cache: true,
  category: 'identity',
  summary: 'New digits, same shape, unique by construction: 078-05-1120 → 531-92-4476',
  example: { before: '078-05-1120', after: '531-92-4476' },
  params: z.object(shapeParams),
  accepts: ['text', 'other', 'integer'],
  canBeUnique: true,
  create(params, site) {
    const permOf = domainPermutation();
    const opt = { letters: false, keepFirst: params.keepFirst, keepLast: params.keepLast };
    const bounds = site.column.type?.kind === 'integer' ? intBounds(site.column.type) : undefined;
    return (value, ctx) => {
      const perm = permOf(ctx);
      if (bounds && /^-?[0-9]+$/.test(value)) return permuteInteger(value, bounds, perm);
      return reshape(value, opt, () => ctx.rng(), perm);
    };
  },
});

/**
 * Integers: a keyed permutation of the numbers with the same digit count and sign that the column
 * holds, [10^(n-1), min(10^n - 1, column limit)] (BigInt: 64-bit columns go to 2^63-1 / 2^64-1), so the
 * fake always fits and distinct originals stay distinct. A value outside the column's range (it
 * cannot come from the column) is kept: it is outside the permuted domain, so it collides with none.
 */
function permuteInteger(value: string, bounds: { min: bigint; max: bigint }, perm: ReturnType<ReturnType<typeof domainPermutation>>): string {
  const neg = value.startsWith('-');
  const abs = BigInt(neg ? value.slice(1) : value);
  const n = abs.toString().length;
  const lo = n === 1 ? 0n : 10n ** BigInt(n - 1);
  let hi = 10n ** BigInt(n) - 1n;
  const limit = neg ? -bounds.min : bounds.max;
  if (limit < hi) hi = limit;
  if (abs < lo || abs > hi) return value;
  const y = lo + perm.permuteBig(abs - lo, hi - lo + 1n, n + (neg ? 64 : 0));
  return `${neg ? '-' : ''}${y}`;
}

export const formatPreserving = defineTransformer({
  name: 'format-preserving',
  cache: true,
  category: 'identity',
  summary: 'Digits stay digits, letters stay letters (same case), separators kept; unique by construction: AB-1234-x → QZ-8071-k',
  example: { before: 'AB-1234-x', after: 'QZ-8071-k' },
  params: z.object(shapeParams),
  accepts: ['text', 'other'],
  canBeUnique: true,
  create(params) {
    const permOf = domainPermutation();
    const opt = { letters: true, keepFirst: params.keepFirst, keepLast: params.keepLast };
    return (value, ctx) => {
      const perm = permOf(ctx);
      return reshape(value, opt, () => ctx.rng(), perm);
    };
  },
});
