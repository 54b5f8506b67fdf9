import { intBounds } from './column.js';
import { commonParams, defineTransformer, z } from './define.js';

const item = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/**
 * One of a list, keyed per value (optionally weighted). On an enum column without `values`, one of the
 * enum's labels from the DDL. `null` in the list means SQL NULL.
 */
export const choice = defineTransformer({
  name: 'choice',
  category: 'generic',
  summary: 'One of a list, keyed per value: gold → silver (values: bronze, silver, gold)',
  example: { before: 'gold', after: 'silver', params: { values: ['bronze', 'silver', 'gold'] } },
  params: z
    .object({
      ...commonParams,
      values: z.array(item).min(1).optional().describe("The candidates (strings, numbers, booleans, null). Default: the enum column's labels."),
      weights: z.array(z.number().nonnegative()).optional().describe('Relative weight of each value (same length as values).'),
    })
    .refine((p) => p.weights === undefined || (p.values !== undefined && p.weights.length === p.values.length), {
      message: '"weights" needs one weight per value',
      path: ['weights'],
    })
    .refine((p) => p.weights === undefined || p.weights.some((w) => w > 0), { message: 'at least one weight must be positive', path: ['weights'] }),
  accepts: ['any'],
  check(p, column) {
    const t = column.type;
    if (!p.values) return t?.labels?.length ? undefined : 'choice needs "values" (or an enum column whose labels the DDL lists)';
    const strs = p.values.filter((v) => v !== null).map(String);
    if (t?.maxLength !== undefined) {
      const long = strs.find((s) => s.length > t.maxLength!);
      if (long !== undefined) return `"${long}" is longer than the column's ${t.maxLength} characters`;
    }
    if (t?.kind === 'enum' && t.labels?.length) {
      const bad = strs.find((s) => !t.labels!.includes(s));
      if (bad !== undefined) return `"${bad}" is not a label of the enum (${t.labels.join(', ')})`;
    }
    if (t?.kind === 'integer') {
      const b = intBounds(t);
      const bad = strs.find((s) => !/^-?\d+$/.test(s) || (b && (BigInt(s) < b.min || BigInt(s) > b.max)));
      if (bad !== undefined) return `"${bad}" is not an integer the column can hold`;
    }
    if (t?.kind === 'boolean' && strs.some((s) => !/^(t|f|true|false|0|1)$/i.test(s))) return 'boolean columns need true/false values';
    return undefined;
  },
  create(p, site) {
    const raw = p.values ?? site.column.type?.labels ?? [];
    const values = raw.map((v) => (v === null ? null : String(v)));
    if (values.length === 0) return (v) => v;
    const weights = p.weights;
    if (!weights) return (_v, ctx) => values[ctx.rng().int(values.length)];
    const total = weights.reduce((a, b) => a + b, 0);
    let lastPositive = 0;
    weights.forEach((w, i) => {
      if (w > 0) lastPositive = i;
    });
    return (_v, ctx) => {
      let x = ctx.rng().next() * total;
      for (let i = 0; i < values.length; i++) {
        x -= weights[i];
        if (x < 0 && weights[i] > 0) return values[i];
      }
      return values[lastPositive]; // rounding at the very top of the range
    };
  },
});
