import type { Rng } from '../seed/rng.js';
import { formatDecimal, parseDecimal } from './decimal.js';
import { commonParams, defineTransformer, z } from './define.js';

const KM_PER_DEGREE = 111.32;

const params = z.object({
  ...commonParams,
  radiusKm: z.number().positive().max(20000).default(1).describe('Maximum displacement in kilometres (measured along a meridian).'),
});

function unit(rng: Rng): number {
  return (rng.u32() / 4294967296) * 2 - 1;
}

/** Move a coordinate by up to radiusKm, keeping the literal's decimals; non-numbers get a random coordinate. */
function coordinate(name: 'latitude' | 'longitude', limit: number, wrap: boolean) {
  return defineTransformer({
    name,
    cache: true,
    category: 'location',
    summary:
      name === 'latitude'
        ? 'Latitude moved by up to radiusKm, same decimals: 48.858370 → 48.861942'
        : 'Longitude moved by up to radiusKm, same decimals: 2.294481 → 2.287730',
    example: name === 'latitude' ? { before: '48.858370', after: '48.861942' } : { before: '2.294481', after: '2.287730' },
    params,
    accepts: ['numeric', 'float', 'text', 'other'],
    create(p) {
      const deg = p.radiusKm / KM_PER_DEGREE;
      return (value, ctx) => {
        const rng = ctx.rng();
        const d = parseDecimal(value);
        if (!d) {
          const v = value.trim();
          if (/^[+-]?\d/.test(v) && Number.isFinite(Number(v))) {
            let x = Number(v) + unit(rng) * deg;
            x = wrap ? wrapAround(x, limit) : Math.max(-limit, Math.min(limit, x));
            return String(x);
          }
          return (unit(rng) * limit).toFixed(6);
        }
        const pow = 10 ** d.scale;
        let x = Number(d.scaled) / pow + unit(rng) * deg;
        x = wrap ? wrapAround(x, limit) : Math.max(-limit, Math.min(limit, x));
        const out = formatDecimal(BigInt(Math.round(x * pow)), d.scale);
        return d.bareFraction && out.startsWith('0.') ? out.slice(1) : out;
      };
    },
  });
}

function wrapAround(x: number, limit: number): number {
  const span = 2 * limit;
  let y = ((((x + limit) % span) + span) % span) - limit;
  if (y === -limit) y = limit;
  return y;
}

export const latitude = coordinate('latitude', 90, false);
export const longitude = coordinate('longitude', 180, true);
