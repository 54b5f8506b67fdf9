import { commonParams, defineTransformer, localeParam, z } from './define.js';
import { nameSets } from './locale-data.js';
import { fitLength } from './text-fit.js';

const params = z.object({ ...commonParams, locale: localeParam });

/** Locales that write the family name first. */
const FAMILY_FIRST: Record<string, string> = { ja: ' ', ko: '', zh_CN: '', zh_TW: '', hu: ' ', vi: ' ' };

export const firstName = defineTransformer({
  name: 'first-name',
  category: 'person',
  summary: 'A fake first name: Jane → Maria',
  example: { before: 'Jane', after: 'Maria' },
  params,
  accepts: ['text', 'other'],
  create(p, site) {
    const max = site.column.type?.maxLength;
    const sets = nameSets(p.locale);
    return (_v, ctx) => {
      const rng = ctx.rng();
      const set = sets.length === 1 ? sets[0] : sets[rng.int(sets.length)];
      return fitLength(set.first[rng.int(set.first.length)], max);
    };
  },
});

export const lastName = defineTransformer({
  name: 'last-name',
  category: 'person',
  summary: 'A fake last name: Doe → Kozey',
  example: { before: 'Doe', after: 'Kozey' },
  params,
  accepts: ['text', 'other'],
  create(p, site) {
    const max = site.column.type?.maxLength;
    const sets = nameSets(p.locale);
    return (_v, ctx) => {
      const rng = ctx.rng();
      const set = sets.length === 1 ? sets[0] : sets[rng.int(sets.length)];
      return fitLength(set.last[rng.int(set.last.length)], max);
    };
  },
});

export const fullName = defineTransformer({
  name: 'full-name',
  category: 'person',
  summary: 'A fake first and last name: Jane Doe → Maria Kozey',
  example: { before: 'Jane Doe', after: 'Maria Kozey' },
  params,
  accepts: ['text', 'other'],
  create(p, site) {
    const max = site.column.type?.maxLength;
    const sets = nameSets(p.locale);
    const familyFirst = FAMILY_FIRST[p.locale];
    return (_v, ctx) => {
      const rng = ctx.rng();
      const set = sets.length === 1 ? sets[0] : sets[rng.int(sets.length)];
      const first = set.first[rng.int(set.first.length)];
      const last = set.last[rng.int(set.last.length)];
      const full = familyFirst === undefined ? `${first} ${last}` : `${last}${familyFirst}${first}`;
      if (max === undefined || full.length <= max) return full;
      // Too long for the column: keep the initial of the given name before truncating the family name.
      const short = familyFirst === undefined ? `${String.fromCodePoint(first.codePointAt(0) ?? 65)}. ${last}` : `${last}`;
      return fitLength(short, max);
    };
  },
});
