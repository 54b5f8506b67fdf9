import { commonParams, defineTransformer, z } from './define.js';
import { civilFromDays, daysFromCivil, formatDate, parseDate } from './dates.js';

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
  create(p) {
    return (value, ctx) => {
      const d = parseDate(value);
      let fromY = p.minYear;
      let toY = p.maxYear;
      if (d && p.keep === 'year') fromY = toY = d.y;
      else if (d && p.keep === 'band') {
        fromY = Math.max(1, Math.floor(d.y / p.bandYears) * p.bandYears);
        toY = Math.min(9999, fromY + p.bandYears - 1);
      }
      const first = daysFromCivil(fromY, 1, 1);
      const last = daysFromCivil(toY, 12, 31);
      const rng = ctx.rng();
      const c = civilFromDays(first + rng.int(last - first + 1));
      return formatDate(c.y, c.m, c.d, d?.yearWidth ?? 4) + (d?.rest ?? '');
    };
  },
});
