import { commonParams, defineTransformer, z } from './define.js';
import { reshape } from './shape.js';

const SHAPE = { letters: true, keepFirst: 0, keepLast: 0 };

/**
 * Replace what a regular expression matches: with `replacement` (JavaScript replace syntax: $1, $&),
 * or, without one, with a keyed same-shape fake of each match (digits → digits, letters → letters),
 * e.g. to mask account numbers inside free text.
 */
export const regexReplace = defineTransformer({
  name: 'regex-replace',
  cache: true,
  category: 'generic',
  summary: 'Replace regex matches (by default with same-shape fakes): Order 4711 for Jane → Order 8305 for Jane',
  example: { before: 'Order 4711 for Jane', after: 'Order 8305 for Jane', params: { pattern: '\\d+' } },
  params: z.object({
    ...commonParams,
    pattern: z
      .string()
      .min(1)
      .superRefine((s, ctx) => {
        try {
          new RegExp(s, 'u');
        } catch (e) {
          ctx.addIssue({ code: 'custom', message: `not a valid regular expression: ${(e as Error).message}` });
        }
      })
      .describe('A JavaScript regular expression (Unicode mode), e.g. "\\\\d{4,}".'),
    flags: z.string().regex(/^[gimsy]*$/, 'flags may only contain g, i, m, s, y').default('g').describe('Regular expression flags (g replaces every match).'),
    replacement: z.string().optional().describe('Replacement text ($1, $& as in JavaScript). Default: a keyed same-shape fake of each match.'),
  }),
  accepts: ['text', 'other'],
  create(p, site) {
    const re = new RegExp(p.pattern, `${p.flags}u`);
    const max = site.column.type?.maxLength;
    const fixed = p.replacement;
    return (value, ctx) => {
      re.lastIndex = 0;
      if (fixed !== undefined) {
        const out = value.replace(re, fixed);
        return max !== undefined && out.length > max ? value.replace(re, '') : out;
      }
      // Same-shape fakes keep the length, so the result always fits the column.
      const rng = ctx.rng();
      return value.replace(re, (m) => reshape(m, SHAPE, () => rng));
    };
  },
});
