import { commonParams, defineTransformer, z } from './define.js';
import { domainPermutation } from './fpe.js';

const MAX_DIGITS = 16;
const hexRadix = new Int32Array(MAX_DIGITS).fill(16);
const hexDigits = new Int32Array(MAX_DIGITS);
const hexPos = new Int32Array(MAX_DIGITS);
const HEX_LOWER = '0123456789abcdef';
const HEX_UPPER = '0123456789ABCDEF';
const HEX_PAIR = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/**
 * MAC addresses, EUI-48 (6 bytes, PostgreSQL macaddr) or EUI-64 (8 bytes, macaddr8): the byte count,
 * separators and case are kept, the OUI (vendor prefix, 3 bytes) on request; the hex digits are a
 * keyed bijection of all addresses of that length. A value that is not a MAC address gets a keyed one
 * of the column's byte count (8 for macaddr8, else 6).
 */
export const mac = defineTransformer({
  name: 'mac',
  cache: true,
  category: 'internet',
  summary: 'MAC address (6 or 8 bytes), same separators and case, keyed bijection: 00:1A:2B:3C:4D:5E → 7F:09:C2:5A:E1:33',
  example: { before: '00:1A:2B:3C:4D:5E', after: '7F:09:C2:5A:E1:33' },
  params: z.object({ ...commonParams, keepOui: z.boolean().default(false).describe('Keep the first 3 bytes (the vendor prefix).') }),
  accepts: ['mac', 'text', 'other'],
  canBeUnique: true,
  create(p, site) {
    const permOf = domainPermutation();
    const fallbackBytes = /^macaddr8\b/i.test(site.column.type?.raw ?? '') ? 8 : 6;
    return (value, ctx) => {
      const perm = permOf(ctx);
      let count = 0;
      let upper = false;
      for (let i = 0; i < value.length; i++) {
        const c = value.charCodeAt(i);
        const h = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : c >= 65 && c <= 70 ? c - 55 : -1;
        if (h < 0) continue;
        if (count < MAX_DIGITS) {
          hexPos[count] = i;
          hexDigits[count] = h;
        }
        count++;
        if (c >= 65) upper = c <= 70;
      }
      if (count !== 12 && count !== 16) {
        const rng = ctx.rng();
        let s = '';
        for (let i = 0; i < fallbackBytes; i++) s += (i ? ':' : '') + HEX_PAIR[rng.int(256)];
        return s;
      }
      const from = p.keepOui ? 6 : 0;
      perm.permuteDigits(hexDigits.subarray(from), hexRadix, count - from, 16);
      // rebuild: separators as they were, letters in the original's case (the last letter seen decides)
      let out = value.slice(0, hexPos[from]);
      for (let k = from; k < count; k++) {
        out += (upper ? HEX_UPPER : HEX_LOWER)[hexDigits[k]];
        out += value.slice(hexPos[k] + 1, k < count - 1 ? hexPos[k + 1] : value.length);
      }
      return out;
    };
  },
});
