import { commonParams, defineTransformer, z, type ByteFn, type ValueFn } from './define.js';
import { hex128, hex128Bytes } from './text-fit.js';

/** Keyed hash (SipHash-128 under the secret), never a plain hash of the original. */
export const hash = defineTransformer({
  name: 'hash',
  category: 'identity',
  summary: 'Keyed hex digest of the original (not reversible without the secret): jane@acme.io → 9f2c1e0b7a4d…',
  example: { before: 'jane@acme.io', after: '9f2c1e0b7a4d5e61', params: { length: 16 } },
  params: z.object({
    ...commonParams,
    length: z.number().int().min(1).max(32).default(32).describe('Number of hex characters (1-32).'),
  }),
  accepts: ['text', 'binary', 'other'],
  // 22 hex characters carry 88 keyed bits (a shorter column cuts the digest: see checkAccepts)
  canBeUnique: (p) => p.length >= 22,
  create(params, site) {
    const max = site.column.type?.maxLength;
    const length = max !== undefined ? Math.min(params.length, max) : params.length;
    const fn: ValueFn = (_v, ctx) => {
      const hex = hex128(ctx.bits());
      return length === 32 ? hex : hex.slice(0, length);
    };
    const bytes: ByteFn = (_src, _s, _e, ctx, out) => hex128Bytes(ctx.bits(), length, out);
    return { fn, bytes };
  },
});
