import type { Rng } from '../seed/rng.js';
import { commonParams, defineTransformer, localeParam, z, type ByteFn, type ValueCtx, type ValueFn } from './define.js';
import { list, lookup } from './locale-data.js';
import { bytesIgnoringValue } from './name-bytes.js';
import { gen, genBytes, type Gen } from './pattern.js';
import { reshape } from './shape.js';
import { fitLength } from './text-fit.js';

/** Run a compiled locale pattern for the value; fits the column by retrying a few draws, then truncating. */
function run(g: Gen, ctx: ValueCtx, max: number | undefined): string {
  const rng = ctx.rng();
  // Only patterns with references the compiler does not know (e.g. ja's {{number.int(…)}}) need Faker;
  // ctx.faker() re-seeds the shared Rng once, which keeps the result a pure function of the value.
  let f: ReturnType<ValueCtx['faker']> | undefined;
  const faker = () => (f ??= ctx.faker());
  let s = g(rng, faker);
  for (let i = 0; i < 4 && max !== undefined && s.length > max; i++) s = g(rng, faker);
  return fitLength(s, max);
}

/**
 * The byte path of a location transformer. In a column of any length (run() takes the pattern's first
 * draw as it is then) the fake is written straight from the keyed bits, with no string; where the
 * pattern cannot be (a reference only Faker resolves: on every draw, or on this one), and in a sized
 * column, the string is encoded.
 */
function locationBytes(fn: ValueFn, max: number | undefined, locale: string, ref: string): ByteFn {
  const viaString = bytesIgnoringValue(fn);
  const g = max === undefined ? genBytes(locale, ref) : undefined;
  if (g === undefined) return viaString;
  return (src, s, e, ctx, out) => {
    const n = g(ctx.rng(), out, 0);
    return n >= 0 ? n : viaString(src, s, e, ctx, out);
  };
}

export const streetAddress = defineTransformer({
  name: 'street-address',
  category: 'location',
  summary: 'A fake street address in the locale\'s layout: 12 Main St → 4821 Kozey Trace',
  example: { before: '12 Main St', after: '4821 Kozey Trace' },
  params: z.object({
    ...commonParams,
    locale: localeParam,
    secondary: z.boolean().default(false).describe('Add a secondary line such as "Apt. 123".'),
  }),
  accepts: ['text', 'other'],
  create(p, site) {
    const ref = p.secondary ? 'location.street_address.full' : 'location.street_address.normal';
    const g = gen(p.locale, ref);
    const max = site.column.type?.maxLength;
    const fn: ValueFn = (_v, ctx) => run(g, ctx, max);
    return { fn, bytes: locationBytes(fn, max, p.locale, ref) };
  },
});

export const city = defineTransformer({
  name: 'city',
  category: 'location',
  summary: 'A fake city name: Springfield → East Kozeyfort',
  example: { before: 'Springfield', after: 'East Kozeyfort' },
  params: z.object({ ...commonParams, locale: localeParam }),
  accepts: ['text', 'other'],
  create(p, site) {
    const ref = 'location.city_pattern';
    const g = gen(p.locale, ref);
    const max = site.column.type?.maxLength;
    const fn: ValueFn = (_v, ctx) => run(g, ctx, max);
    return { fn, bytes: locationBytes(fn, max, p.locale, ref) };
  },
});

export const zip = defineTransformer({
  name: 'zip',
  category: 'location',
  summary: 'A postal code in the locale\'s format, or the original\'s shape with its first digits kept: 94107 → 20807',
  example: { before: '94107', after: '20807' },
  params: z.object({
    ...commonParams,
    locale: localeParam,
    keepFirst: z.number().int().min(0).optional().describe("Keep the original's shape and its first N digits/letters (e.g. 3 for US ZIP3 areas) instead of the locale's format."),
  }),
  accepts: ['text', 'other'],
  create(p, site) {
    const ref = 'location.postcode';
    const g = gen(p.locale, ref);
    const max = site.column.type?.maxLength;
    const shape = p.keepFirst !== undefined ? { letters: true, keepFirst: p.keepFirst, keepLast: 0 } : undefined;
    if (shape) return (value, ctx) => reshape(value, shape, () => ctx.rng());
    const fn: ValueFn = (_v, ctx) => {
      const out = run(g, ctx, max);
      // "94107-1234" into a 5-character column: keep the 5-digit form rather than cutting mid-code.
      return max !== undefined && out.length > max && out.includes('-') ? fitLength(out.split('-')[0], max) : out;
    };
    return { fn, bytes: locationBytes(fn, max, p.locale, ref) };
  },
});

export const state = defineTransformer({
  name: 'state',
  category: 'location',
  summary: 'A state/region of the locale; abbreviated when the original is (≤ 3 characters): CA → TX, California → Ohio',
  example: { before: 'California', after: 'Ohio' },
  params: z.object({
    ...commonParams,
    locale: localeParam,
    abbreviated: z.boolean().optional().describe('Force abbreviations (true) or full names (false). Default: like the original.'),
  }),
  accepts: ['text', 'other'],
  create(p, site) {
    const names = list(p.locale, (d) => d.location?.state) ?? ['California'];
    const abbrs = list(p.locale, (d) => d.location?.state_abbr) ?? names;
    const max = site.column.type?.maxLength;
    return (value, ctx) => {
      const rng = ctx.rng();
      const short = p.abbreviated ?? value.trim().length <= 3;
      const i = rng.int(short ? abbrs.length : names.length);
      let s = short ? abbrs[i] : names[i];
      if (max !== undefined && s.length > max && !short) s = abbrs[i % abbrs.length];
      return fitLength(s, max);
    };
  },
});

type CountryFormat = 'name' | 'alpha-2' | 'alpha-3';

interface CountryCode {
  alpha2: string;
  alpha3: string;
}

export const country = defineTransformer({
  name: 'country',
  category: 'location',
  summary: 'A country name in the locale, or an ISO code when the original is one: France → Peru, FR → PE',
  example: { before: 'France', after: 'Peru' },
  params: z.object({
    ...commonParams,
    locale: localeParam,
    format: z.enum(['auto', 'name', 'alpha-2', 'alpha-3']).default('auto').describe('auto: alpha-2 for 2 letters, alpha-3 for 3 upper-case letters, else a name.'),
  }),
  accepts: ['text', 'other'],
  create(p, site) {
    const names = list(p.locale, (d) => d.location?.country) ?? ['France'];
    // alpha-2/alpha-3 pairs (from Faker's base locale, which every locale falls back to)
    const codes = (lookup(p.locale, (d) => d.location?.country_code) ?? []) as readonly CountryCode[];
    const max = site.column.type?.maxLength;
    return (value, ctx) => {
      const rng = ctx.rng();
      const v = value.trim();
      const format: CountryFormat =
        p.format !== 'auto' ? p.format : /^[A-Za-z]{2}$/.test(v) ? 'alpha-2' : /^[A-Z]{3}$/.test(v) ? 'alpha-3' : 'name';
      if (format !== 'name' || (max !== undefined && max <= 3)) return code(codes, rng, format === 'alpha-3' && (max === undefined || max >= 3) ? 'alpha3' : 'alpha2', v);
      let s = names[rng.int(names.length)];
      for (let i = 0; i < 4 && max !== undefined && s.length > max; i++) s = names[rng.int(names.length)];
      return fitLength(s, max);
    };
  },
});

function code(codes: readonly CountryCode[], rng: Rng, which: 'alpha2' | 'alpha3', original: string): string {
  const c = codes.length > 0 ? codes[rng.int(codes.length)][which] : 'FR';
  return original.length > 0 && original === original.toLowerCase() ? c.toLowerCase() : c;
}
