import { Rng } from '../seed/rng.js';
import { commonParams, defineTransformer, localeParam, z } from './define.js';
import { nameSets } from './locale-data.js';
import { UNIQUE_TAG_CHARS, base32, fitLength } from './text-fit.js';

const SEPARATORS = ['.', '_', ''];

/**
 * Usernames from fake names. By default the name is followed by a keyed 17-character tag (85 bits),
 * so usernames are unique by construction; `short` drops the tag for a more natural look (a couple of
 * digits instead) and cannot be unique.
 */
export const username = defineTransformer({
  name: 'username',
  category: 'person',
  summary: 'A fake login name, unique by construction: jdoe77 → maria_kozey_q7m3xk2ab9d4tq5wz',
  example: { before: 'jdoe77', after: 'maria_kozey_q7m3xk2ab9d4tq5wz' },
  params: z.object({
    ...commonParams,
    short: z.boolean().default(false).describe('Name plus two digits (e.g. maria.kozey42): more natural, not unique.'),
    locale: localeParam,
  }),
  accepts: ['text', 'other'],
  canBeUnique: (p) => !p.short,
  check(params, column) {
    const max = column.type?.maxLength;
    if (!params.short && max !== undefined && max < UNIQUE_TAG_CHARS) {
      return `a unique username needs at least ${UNIQUE_TAG_CHARS} characters; the column holds ${max}`;
    }
    return undefined;
  },
  create(params, site) {
    const sets = nameSets(params.locale);
    const max = site.column.type?.maxLength;
    const rng = new Rng();
    return (_value, ctx) => {
      const bits = ctx.bits();
      rng.reset(bits);
      const set = sets.length === 1 ? sets[0] : sets[rng.int(sets.length)];
      const first = set.firstSlug[rng.int(set.firstSlug.length)];
      const last = set.lastSlug[rng.int(set.lastSlug.length)];
      if (params.short) {
        const sep = SEPARATORS[rng.int(SEPARATORS.length)];
        return fitLength(`${first}${sep}${last}${rng.int(100)}`, max);
      }
      const tag = base32(bits, UNIQUE_TAG_CHARS);
      const full = `${first}_${last}_${tag}`;
      if (max === undefined || full.length <= max) return full;
      for (const c of [`${first[0]}${last}_${tag}`, `${first[0]}${last[0]}_${tag}`]) if (c.length <= max) return c;
      return tag.slice(0, max);
    };
  },
});
