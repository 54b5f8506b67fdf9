import { commonParams, defineTransformer, localeParam, z, type ByteFn, type ValueFn } from './define.js';
import { encodedNames, put, utf8Bytes, type EncodedNames } from './name-bytes.js';
import { nameSets } from './locale-data.js';
import { fitLength } from './text-fit.js';

const params = z.object({ ...commonParams, locale: localeParam });

/** Locales that write the family name first. */
const FAMILY_FIRST: Record<string, string> = { ja: ' ', ko: '', zh_CN: '', zh_TW: '', hu: ' ', vi: ' ' };

/** first-name and last-name: one name drawn from the locale's list of that part. */
function singleName(part: 'first' | 'last', name: string, summary: string, example: { before: string; after: string }) {
  return defineTransformer({
    name,
    category: 'person',
    summary,
    example,
    params,
    accepts: ['text', 'other'],
    create(p, site) {
      const max = site.column.type?.maxLength;
      const sets = nameSets(p.locale);
      const fn: ValueFn = (_v, ctx) => {
        const rng = ctx.rng();
        const set = sets.length === 1 ? sets[0] : sets[rng.int(sets.length)];
        const names = set[part];
        return fitLength(names[rng.int(names.length)], max);
      };
      return { fn, bytes: pickBytes(sets.map((s) => encodedNames(s[part])), max) };
    },
  });
}

export const firstName = singleName('first', 'first-name', 'A fake first name: Jane → Maria', { before: 'Jane', after: 'Maria' });

export const lastName = singleName('last', 'last-name', 'A fake last name: Doe → Kozey', { before: 'Doe', after: 'Kozey' });

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
    const fn: ValueFn = (_v, ctx) => {
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
    const firsts = sets.map((x) => encodedNames(x.first));
    const lasts = sets.map((x) => encodedNames(x.last));
    const sep = utf8Bytes(familyFirst ?? ' ');
    const bytes: ByteFn = (_src, _s, _e, ctx, out) => {
      const rng = ctx.rng();
      const k = sets.length === 1 ? 0 : rng.int(sets.length);
      const f = rng.int(firsts[k].bytes.length);
      const l = rng.int(lasts[k].bytes.length);
      const first = firsts[k].bytes[f];
      const last = lasts[k].bytes[l];
      if (max !== undefined && firsts[k].units[f] + sep.length + lasts[k].units[l] > max) return -1;
      if (first.length + sep.length + last.length > out.length) return -1;
      return familyFirst === undefined ? put(last, out, put(sep, out, put(first, out, 0))) : put(first, out, put(sep, out, put(last, out, 0)));
    };
    return { fn, bytes };
  },
});

/** The byte path of first-name / last-name: the same pick, written as pre-encoded bytes. */
function pickBytes(lists: EncodedNames[], max: number | undefined): ByteFn {
  return (_src, _s, _e, ctx, out) => {
    const rng = ctx.rng();
    const list = lists.length === 1 ? lists[0] : lists[rng.int(lists.length)];
    const i = rng.int(list.bytes.length);
    const b = list.bytes[i];
    if ((max !== undefined && list.units[i] > max) || b.length > out.length) return -1;
    return put(b, out, 0);
  };
}
