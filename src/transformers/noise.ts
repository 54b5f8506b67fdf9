import type { Rng } from '../seed/rng.js';
import { intBounds, numericLimit } from './column.js';
import { clampBig, formatDecimal, parseDecimal, scaledFromNumber } from './decimal.js';
import { commonParams, defineTransformer, z } from './define.js';

/** Uniform in [-1, 1] with 53 bits. */
function signedUnit(rng: Rng): number {
  return ((rng.u32() >>> 5) * 67108864 + (rng.u32() >>> 6)) / 9007199254740992 * 2 - 1;
}

/**
 * Noise on amounts: ±percent of the value or ±absolute, keyed per value. Exact decimal arithmetic:
 * the literal's scale is kept (12.50 stays two decimals), the sign is kept, and the result stays
 * inside the column's integer range or numeric(p, s) limits. Non-numbers (NaN, Infinity) are kept.
 */
export const noise = defineTransformer({
  name: 'noise',
  cache: true,
  category: 'finance',
  summary: 'Amount moved by up to ±percent (or ±absolute), same scale and sign: 1250.00 → 1187.43',
  example: { before: '1250.00', after: '1187.43', params: { percent: 10 } },
  params: z
    .object({
      ...commonParams,
      percent: z.number().positive().max(1e6).optional().describe('Maximum relative change, in percent of the value (default 10 when `absolute` is not given).'),
      absolute: z.number().positive().optional().describe('Maximum absolute change, in the unit of the value.'),
      keepSign: z.boolean().default(true).describe('Never change the sign of the value (or turn it into zero).'),
      min: z.number().optional().describe('Lower bound of the result.'),
      max: z.number().optional().describe('Upper bound of the result.'),
    })
    .refine((p) => p.percent === undefined || p.absolute === undefined, { message: 'give either "percent" or "absolute", not both', path: ['absolute'] }),
  accepts: ['integer', 'numeric', 'float', 'text', 'other'],
  create(params, site) {
    const type = site.column.type;
    const ints = type?.kind === 'integer' ? intBounds(type) : undefined;
    const limit = type?.kind === 'numeric' ? numericLimit(type) : undefined;
    const percent = params.absolute === undefined ? (params.percent ?? 10) : undefined;
    const pctFactor = percent !== undefined ? BigInt(Math.round(percent * 1e7)) : 0n; // percent * 1e7
    return (value, ctx) => {
      const d = parseDecimal(value);
      if (!d) return floatNoise(value, ctx.rng(), percent, params.absolute, params.keepSign, params.min, params.max);
      const rng = ctx.rng();
      const u = signedUnit(rng);
      let delta: bigint;
      if (percent !== undefined) {
        const uScaled = BigInt(Math.round(u * 1e9));
        delta = (d.scaled * pctFactor * uScaled) / 1_000_000_000_000_000_000n; // / (100 * 1e7 * 1e9)
      } else {
        delta = scaledFromNumber(u * params.absolute!, d.scale);
      }
      let x = d.scaled + delta;
      if (params.keepSign && d.scaled !== 0n && (x === 0n || x < 0n !== d.scaled < 0n)) {
        x = d.scaled - delta;
        if (x === 0n || x < 0n !== d.scaled < 0n) x = d.scaled < 0n ? -1n : 1n;
      }
      const pow = 10n ** BigInt(d.scale);
      let lo = params.min !== undefined ? scaledFromNumber(params.min, d.scale) : undefined;
      let hi = params.max !== undefined ? scaledFromNumber(params.max, d.scale) : undefined;
      if (ints) {
        lo = lo === undefined || lo < ints.min * pow ? ints.min * pow : lo;
        hi = hi === undefined || hi > ints.max * pow ? ints.max * pow : hi;
      }
      if (limit) {
        // numeric(p, s) holds |x| <= (10^p - 1) / 10^s; at the literal's scale d.scale (<= s):
        const m = d.scale <= limit.scale ? limit.maxScaled / 10n ** BigInt(limit.scale - d.scale) : limit.maxScaled * 10n ** BigInt(d.scale - limit.scale);
        lo = lo === undefined || lo < -m ? -m : lo;
        hi = hi === undefined || hi > m ? m : hi;
      }
      x = clampBig(x, lo, hi);
      const out = formatDecimal(x, d.scale);
      return d.bareFraction && out.startsWith('0.') ? out.slice(1) : out;
    };
  },
});

/** Floats with an exponent (1.5e-7): Number arithmetic; NaN/Infinity and non-numbers stay as they are. */
function floatNoise(value: string, rng: Rng, percent: number | undefined, absolute: number | undefined, keepSign: boolean, min?: number, max?: number): string {
  const t = value.trim();
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return value;
  const v = Number(t);
  if (!Number.isFinite(v)) return value;
  const u = signedUnit(rng);
  const delta = percent !== undefined ? v * (percent / 100) * u : (absolute ?? 0) * u;
  let x = v + delta;
  if (keepSign && v !== 0 && (x === 0 || x < 0 !== v < 0)) x = v - delta;
  if (keepSign && v !== 0 && (x === 0 || x < 0 !== v < 0)) x = v;
  if (min !== undefined && x < min) x = min;
  if (max !== undefined && x > max) x = max;
  return String(x);
}
