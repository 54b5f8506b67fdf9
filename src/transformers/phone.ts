import { commonParams, defineTransformer, z } from './define.js';

/**
 * Keeps the original's shape (separators, length, a leading +country code) and replaces the other
 * digits; or follows `format`, where every # becomes a digit.
 */
export const phone = defineTransformer({
  name: 'phone',
  summary: 'Same shape, new digits: +1 (415) 555-0132 → +1 (982) 301-7746',
  example: { before: '+1 (415) 555-0132', after: '+1 (982) 301-7746' },
  params: z.object({
    ...commonParams,
    format: z.string().min(1).optional().describe('Pattern where each # is a random digit, e.g. "+44 #### ######". Default: the original\'s shape.'),
    keepCountryCode: z.boolean().default(true).describe('Keep the digits right after a leading "+" up to the first separator.'),
  }),
  accepts: ['text', 'other'],
  create(params) {
    const { format, keepCountryCode } = params;
    return (value, ctx) => {
      const rng = ctx.rng();
      const pattern = format ?? value;
      let out = '';
      let i = 0;
      if (format === undefined && keepCountryCode && pattern.startsWith('+')) {
        out = '+';
        i = 1;
        while (i < pattern.length && pattern.charCodeAt(i) >= 48 && pattern.charCodeAt(i) <= 57) out += pattern[i++];
      }
      for (; i < pattern.length; i++) {
        const ch = pattern[i];
        const isSlot = format !== undefined ? ch === '#' : ch >= '0' && ch <= '9';
        out += isSlot ? String.fromCharCode(48 + rng.int(10)) : ch;
      }
      return out;
    };
  },
});
