import { commonParams, defineTransformer, z, type ByteFn, type ValueFn } from './define.js';

const SURROGATE = /[\uD800-\uDFFF]/;

/** Replace characters with a mask character, keeping the first/last N (and separators, if asked). */
export const mask = defineTransformer({
  name: 'mask',
  category: 'generic',
  summary: 'Mask all but the first/last N characters: 4111111111111111 → ************1111',
  example: { before: '4111111111111111', after: '************1111', params: { keepLast: 4 } },
  params: z.object({
    ...commonParams,
    keepFirst: z.number().int().min(0).default(0).describe('Characters kept at the start.'),
    keepLast: z.number().int().min(0).default(0).describe('Characters kept at the end.'),
    char: z.string().length(1).default('*').describe('The mask character.'),
    keepSeparators: z.boolean().default(false).describe('Leave spaces, dashes, dots, @ and similar unmasked.'),
  }),
  accepts: ['text', 'other'],
  create(params, site) {
    const { keepFirst, keepLast, char, keepSeparators } = params;
    const max = site.column.type?.maxLength;
    const fn: ValueFn = (value) => {
      if (!keepSeparators && !SURROGATE.test(value)) {
        // one UTF-16 unit per character: slice instead of splitting into code points
        const n = value.length;
        const head = Math.min(keepFirst, n);
        const tail = Math.min(keepLast, n - head);
        return value.slice(0, head) + char.repeat(n - head - tail) + value.slice(n - tail);
      }
      const cps = Array.from(value);
      const n = cps.length;
      let out = '';
      for (let i = 0; i < n; i++) {
        const c = cps[i];
        const kept = i < keepFirst || i >= n - keepLast || (keepSeparators && !/[\p{L}\p{N}]/u.test(c));
        out += kept ? c : char;
      }
      return out;
    };
    const code = char.charCodeAt(0);
    if (keepSeparators || code >= 0x80) return fn;
    // The byte path, for ASCII originals (one byte per character): keep the ends, mask the middle.
    const bytes: ByteFn = (src, s, e, _ctx, out) => {
      const n = e - s;
      if (n > out.length || (max !== undefined && n > max)) return -1;
      for (let i = s; i < e; i++) if (src[i] >= 0x80) return -1;
      const head = Math.min(keepFirst, n);
      const tail = Math.min(keepLast, n - head);
      for (let i = 0; i < n; i++) out[i] = i < head || i >= n - tail ? src[s + i] : code;
      return n;
    };
    return { fn, bytes };
  },
});
