import { VeilError } from '../errors.js';
import { commonParams, defineTransformer, z } from './define.js';
import { BASE32, UNIQUE_TAG_CHARS, asciiSlug, base32, charLength, fitLength, fitParts } from './text-fit.js';

/**
 * Compose a value from other columns of the same row:
 *   "{{first_name}}.{{last_name}}@example.com"                 originals
 *   "{{masked.first_name|slug}}.{{masked.last_name|slug}}@example.com"   values after masking
 *   "{{tag}}"   a keyed 17-character tag of this column's original (85 bits: unique by construction)
 * Filters: lower, upper, slug (ASCII letters/digits), initial (first character), trim.
 * A NULL column renders as an empty string. `{{{{` is a literal "{{".
 * In a varchar(n) column, a template with {{tag}} keeps its tag whole: the column values are shortened
 * first, then the fixed text (see fitParts); a tag longer than the column is a rules error.
 */
type Filter = 'lower' | 'upper' | 'slug' | 'initial' | 'trim';
const FILTERS: readonly Filter[] = ['lower', 'upper', 'slug', 'initial', 'trim'];

interface Slot {
  kind: 'original' | 'masked' | 'tag' | 'self';
  column: string;
  filters: Filter[];
}
type Piece = string | Slot;

/** Parse a template; throws an Error with a readable message on a bad placeholder. */
export function parseTemplate(t: string): Piece[] {
  const pieces: Piece[] = [];
  let i = 0;
  let lit = '';
  while (i < t.length) {
    if (t.startsWith('{{{{', i)) {
      lit += '{{';
      i += 4;
      continue;
    }
    if (!t.startsWith('{{', i)) {
      lit += t[i++];
      continue;
    }
    const end = t.indexOf('}}', i + 2);
    if (end < 0) throw new Error(`unclosed "{{" at character ${i + 1}`);
    const body = t.slice(i + 2, end).trim();
    const [ref, ...filters] = body.split('|').map((s) => s.trim());
    for (const f of filters) {
      if (!FILTERS.includes(f as Filter)) throw new Error(`unknown filter "${f}" in {{${body}}} (filters: ${FILTERS.join(', ')})`);
    }
    if (ref.length === 0) throw new Error(`empty placeholder at character ${i + 1}`);
    let slot: Slot;
    if (ref === 'tag') slot = { kind: 'tag', column: '', filters: filters as Filter[] };
    else if (ref === 'value') slot = { kind: 'self', column: '', filters: filters as Filter[] };
    else if (ref.startsWith('masked.')) slot = { kind: 'masked', column: ref.slice(7), filters: filters as Filter[] };
    else if (ref.startsWith('original.')) slot = { kind: 'original', column: ref.slice(9), filters: filters as Filter[] };
    else slot = { kind: 'original', column: ref, filters: filters as Filter[] };
    if (slot.kind !== 'tag' && slot.kind !== 'self' && slot.column.length === 0) throw new Error(`missing column name in {{${body}}}`);
    if (lit) pieces.push(lit);
    lit = '';
    pieces.push(slot);
    i = end + 2;
  }
  if (lit) pieces.push(lit);
  return pieces;
}

function applyFilters(s: string, filters: Filter[]): string {
  for (const f of filters) {
    if (f === 'lower') s = s.toLowerCase();
    else if (f === 'upper') s = s.toUpperCase();
    else if (f === 'slug') s = asciiSlug(s);
    else if (f === 'initial') s = s.length > 0 ? String.fromCodePoint(s.codePointAt(0)!) : '';
    else s = s.trim();
  }
  return s;
}

/** Characters the {{tag}} placeholders write (after their filters; 0 without a tag). */
function tagLength(pieces: readonly Piece[]): number {
  let n = 0;
  for (const x of pieces) if (typeof x !== 'string' && x.kind === 'tag') n += charLength(applyFilters(BASE32.slice(0, UNIQUE_TAG_CHARS), x.filters));
  return n;
}

export const template = defineTransformer({
  name: 'template',
  category: 'composite',
  summary: 'Compose from other columns of the row, original or masked: → {{masked.first_name|slug}}.{{masked.last_name|slug}}@example.com',
  example: {
    before: 'jane.doe@acme.io',
    after: 'maria.kozey@example.com',
    params: { template: '{{masked.first_name|lower}}.{{masked.last_name|lower}}@example.com' },
  },
  params: z.object({
    ...commonParams,
    template: z
      .string()
      .min(1)
      .superRefine((t, ctx) => {
        try {
          parseTemplate(t);
        } catch (e) {
          ctx.addIssue({ code: 'custom', message: (e as Error).message });
        }
      })
      .describe('Text with {{column}}, {{masked.column}}, {{value}} (this original) and {{tag}} placeholders, and |lower |upper |slug |initial |trim filters.'),
  }),
  accepts: ['text', 'other'],
  canBeUnique: (p) => {
    try {
      return parseTemplate(p.template).some((x) => typeof x !== 'string' && x.kind === 'tag');
    } catch {
      return false;
    }
  },
  check(p, column) {
    const max = column.type?.maxLength;
    if (max === undefined) return undefined;
    const need = tagLength(parseTemplate(p.template));
    return need > max ? `{{tag}} needs ${need} characters; the column holds ${max} (a cut tag no longer keeps values distinct)` : undefined;
  },
  create(p, site) {
    const pieces = parseTemplate(p.template);
    const self = site.column.name;
    for (const x of pieces) {
      if (typeof x !== 'string' && x.kind === 'masked' && x.column === self) {
        throw new VeilError('RULES_INVALID', `the template of column "${self}" reads its own masked value`, {
          path: site.path,
          hint: `use {{${self}}} or {{value}} for this column's original`,
        });
      }
    }
    const reads = [...new Set(pieces.flatMap((x) => (typeof x === 'string' || x.kind === 'tag' || x.kind === 'self' ? [] : [x.column])))];
    const readsMasked = [...new Set(pieces.flatMap((x) => (typeof x !== 'string' && x.kind === 'masked' ? [x.column] : [])))];
    const max = site.column.type?.maxLength;
    const tagged = tagLength(pieces) > 0;
    // what fitParts may cut: column values first (0), then fixed text (1), never a tag (2)
    const rank = pieces.map((x) => (typeof x === 'string' ? 1 : x.kind === 'tag' ? 2 : 0));
    const texts = new Array<string>(pieces.length);
    return {
      reads,
      readsMasked,
      fn(value, ctx) {
        for (let i = 0; i < pieces.length; i++) {
          const x = pieces[i];
          if (typeof x === 'string') {
            texts[i] = x;
            continue;
          }
          let s: string | null | undefined;
          if (x.kind === 'tag') s = base32(ctx.bits(), UNIQUE_TAG_CHARS);
          else if (x.kind === 'self') s = value;
          else if (x.kind === 'masked') s = ctx.row.masked(x.column);
          else s = ctx.row.original(x.column);
          texts[i] = applyFilters(s ?? '', x.filters);
        }
        const out = texts.join('');
        if (max === undefined || out.length <= max) return out;
        return tagged ? fitParts(texts, rank, max) : fitLength(out, max);
      },
    };
  },
});
