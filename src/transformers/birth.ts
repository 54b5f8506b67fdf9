import type { Rng } from '../seed/rng.js';
import { commonParams, defineTransformer, z, type ByteFn, type ValueFn } from './define.js';
import { civilFromDays, daysFromCivil, daysInMonth, formatDate, parseDate } from './dates.js';

/**
 * Birth dates: a fake day that keeps the year (default), the age band (e.g. the 5-year band of birth
 * years, so age groups survive), or nothing (any day between minYear and maxYear). The literal's
 * layout after the date (a time part) is kept. Independent of the run date: outputs never drift.
 */
export const dateOfBirth = defineTransformer({
  name: 'date-of-birth',
  cache: true,
  category: 'person',
  summary: 'A fake birth date in the same year (or age band): 1984-07-12 → 1984-02-03',
  example: { before: '1984-07-12', after: '1984-02-03' },
  params: z
    .object({
      ...commonParams,
      keep: z.enum(['year', 'band', 'none']).default('year').describe('year: same year; band: same bandYears-wide band of birth years (1980-1984); none: any day between minYear and maxYear.'),
      bandYears: z.number().int().min(2).max(100).default(5).describe('Width of the age band, in years (keep: band).'),
      minYear: z.number().int().min(1).max(9999).default(1940).describe('Earliest year (keep: none, or when the original is not a date).'),
      maxYear: z.number().int().min(1).max(9999).default(2005).describe('Latest year (keep: none, or when the original is not a date).'),
    })
    .refine((p) => p.minYear <= p.maxYear, { message: '"minYear" must not exceed "maxYear"', path: ['minYear'] }),
  accepts: ['date', 'timestamp', 'text', 'other'],
  create(p, site) {
    const max = site.column.type?.maxLength;
    /** The fake day for an original of year y (undefined: not a date). */
    const fakeDay = (y: number | undefined, rng: Rng): { y: number; m: number; d: number } => {
      let fromY = p.minYear;
      let toY = p.maxYear;
      if (y !== undefined && p.keep === 'year') fromY = toY = y;
      else if (y !== undefined && p.keep === 'band') {
        fromY = Math.max(1, Math.floor(y / p.bandYears) * p.bandYears);
        toY = Math.min(9999, fromY + p.bandYears - 1);
      }
      const first = daysFromCivil(fromY, 1, 1);
      const last = daysFromCivil(toY, 12, 31);
      return civilFromDays(first + rng.int(last - first + 1));
    };
    const fn: ValueFn = (value, ctx) => {
      const d = parseDate(value);
      const c = fakeDay(d?.y, ctx.rng());
      return formatDate(c.y, c.m, c.d, d?.yearWidth ?? 4) + (d?.rest ?? '');
    };
    // The byte path: a plain YYYY-MM-DD (a date column); anything else takes the string path.
    const bytes: ByteFn = (src, s, e, ctx, out) => {
      if (e - s !== 10 || src[s + 4] !== 0x2d || src[s + 7] !== 0x2d || out.length < 10 || (max !== undefined && max < 10)) return -1;
      const y = digits(src, s, 4);
      const m = digits(src, s + 5, 2);
      const d = digits(src, s + 8, 2);
      if (y < 1 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return -1;
      const c = fakeDay(y, ctx.rng());
      putDigits(c.y, 4, out, 0);
      out[4] = 0x2d;
      putDigits(c.m, 2, out, 5);
      out[7] = 0x2d;
      putDigits(c.d, 2, out, 8);
      return 10;
    };
    return { fn, bytes };
  },
});

/** The decimal number of n ASCII digits at src[at]; -1 if one is not a digit. */
function digits(src: Uint8Array, at: number, n: number): number {
  let v = 0;
  for (let i = at; i < at + n; i++) {
    const c = src[i] - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/** v as n digits, zero-padded, at out[at] (v < 10^n). */
function putDigits(v: number, n: number, out: Uint8Array, at: number): void {
  for (let i = at + n - 1; i >= at; i--) {
    out[i] = 48 + (v % 10);
    v = Math.floor(v / 10);
  }
}
