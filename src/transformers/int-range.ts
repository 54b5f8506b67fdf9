import { intBounds, numericLimit } from './column.js';
import { commonParams, defineTransformer, z } from './define.js';
import { domainPermutation } from './fpe.js';

const INT4_MAX = 2147483647n;

/**
 * Integers in [min, max]. An original inside the range is mapped by a keyed permutation of the range
 * (balanced Feistel network with cycle-walking): a bijection, so unique columns stay unique, with no
 * seen-set. Other originals (outside the range, not integers) get a keyed draw inside the range.
 */
export const intRange = defineTransformer({
  name: 'int-range',
  cache: true,
  category: 'generic',
  summary: 'An integer in [min, max]; a keyed bijection of the range, unique by construction: 48213 → 1730552',
  example: { before: '48213', after: '1730552', params: { min: 1, max: 9999999 } },
  params: z
    .object({
      ...commonParams,
      min: z.number().int().optional().describe('Smallest value (default 1, or the column\'s minimum when that is larger).'),
      max: z.number().int().optional().describe("Largest value (default: the column's maximum; 2147483647 when unknown). Columns that share a mapping (e.g. a key and its foreign keys) need the same range."),
    })
    .refine((p) => p.min === undefined || p.max === undefined || p.min <= p.max, { message: '"min" must not exceed "max"', path: ['min'] }),
  accepts: ['integer', 'numeric', 'text', 'other'],
  canBeUnique: true,
  check(p, column) {
    const b = intBounds(column.type);
    if (b && p.min !== undefined && BigInt(p.min) < b.min) return `min ${p.min} is below the column's minimum ${b.min}`;
    if (b && p.max !== undefined && BigInt(p.max) > b.max) return `max ${p.max} is above the column's maximum ${b.max}`;
    return undefined;
  },
  create(p, site) {
    const type = site.column.type;
    const b = type?.kind === 'integer' ? intBounds(type) : undefined;
    const lim = type?.kind === 'numeric' ? numericLimit(type) : undefined;
    let min = p.min !== undefined ? BigInt(p.min) : 1n;
    let max = p.max !== undefined ? BigInt(p.max) : (b?.max ?? INT4_MAX);
    if (b) {
      if (min < b.min) min = b.min;
      if (max > b.max) max = b.max;
    }
    if (lim) {
      const top = 10n ** BigInt(Math.max(0, (type!.precision ?? 1) - lim.scale)) - 1n;
      if (max > top) max = top;
      if (min < -top) min = -top;
    }
    if (max < min) max = min;
    const size = max - min + 1n;
    const small = size <= 2n ** 52n && min >= BigInt(Number.MIN_SAFE_INTEGER) && max <= BigInt(Number.MAX_SAFE_INTEGER);
    const minN = Number(min);
    const sizeN = Number(size);
    const permOf = domainPermutation();
    return (value, ctx) => {
      const perm = permOf(ctx);
      const v = value.trim();
      if (/^[+-]?[0-9]{1,18}$/.test(v) && small) {
        const x = Number(v);
        if (x >= minN && x - minN < sizeN) return String(minN + perm.permuteInt(x - minN, sizeN));
      } else if (/^[+-]?[0-9]+$/.test(v)) {
        const x = BigInt(v);
        if (x >= min && x <= max) return String(min + perm.permuteBig(x - min, size));
      }
      // Not an integer in the range: a keyed draw.
      const rng = ctx.rng();
      if (small) return String(minN + Math.min(sizeN - 1, Math.floor(((rng.u32() * 4294967296 + rng.u32()) / 18446744073709551616) * sizeN)));
      const r = (BigInt(rng.u32()) << 96n) | (BigInt(rng.u32()) << 64n) | (BigInt(rng.u32()) << 32n) | BigInt(rng.u32());
      return String(min + (r % size));
    };
  },
});
