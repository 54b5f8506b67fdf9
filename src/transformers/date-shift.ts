import { commonParams, defineTransformer, z } from './define.js';
import { MAX_DAY, MIN_DAY, civilFromDays, daysFromCivil, formatDate, parseDate } from './dates.js';

/**
 * Move a date by ±1..N days, keyed per value: the time of day, fractional seconds, time zone and
 * the literal's exact layout ('2024-01-31', '2024-01-31 10:22:33.123+02', MySQL '2024-01-31 10:22:33',
 * ISO 'T…Z') are kept byte for byte; only the Y-M-D part changes. Zero dates, infinities, BC dates
 * and text that is not a date are kept.
 */
export const dateShift = defineTransformer({
  name: 'date-shift',
  cache: true,
  category: 'generic',
  summary: 'Shift by ±1..N days, keyed per value; time of day and literal layout kept: 2024-01-31 10:22:33+02 → 2024-02-17 10:22:33+02',
  example: { before: '2024-01-31 10:22:33+02', after: '2024-02-17 10:22:33+02', params: { days: 30 } },
  params: z
    .object({
      ...commonParams,
      days: z.number().int().min(1).max(3_650_000).default(30).describe('Largest shift, in days, either way.'),
      minDays: z.number().int().min(0).default(1).describe('Smallest shift, in days (0 allows an unchanged date).'),
    })
    .refine((p) => p.minDays <= p.days, { message: '"minDays" must not exceed "days"', path: ['minDays'] }),
  accepts: ['date', 'timestamp', 'text', 'other'],
  create(p) {
    const span = p.days - p.minDays + 1;
    return (value, ctx) => {
      const d = parseDate(value);
      if (!d) return value;
      const rng = ctx.rng();
      const mag = p.minDays + rng.int(span);
      const sign = rng.int(2) === 0 ? -1 : 1;
      const day = daysFromCivil(d.y, d.m, d.d);
      let shifted = day + sign * mag;
      if (shifted < MIN_DAY || shifted > MAX_DAY) shifted = day - sign * mag;
      if (shifted < MIN_DAY || shifted > MAX_DAY) return value;
      const c = civilFromDays(shifted);
      return formatDate(c.y, c.m, c.d, d.yearWidth) + d.rest;
    };
  },
});
