import type { Rng } from '../seed/rng.js';
import { commonParams, defineTransformer, z, type ByteFn, type ValueFn } from './define.js';
import { list } from './locale-data.js';
import { utf8Bytes } from './name-bytes.js';
import { charLength } from './text-fit.js';

/**
 * Lorem ipsum of about the original's length (never longer than the original or the column):
 * sentences start with a capital letter, end with a period when the original did, and line breaks of
 * the original are kept at roughly the same places.
 * The fake is written as bytes by one routine (lorem) for both paths: the words are ASCII, so its
 * length in bytes is its length in UTF-16 units; the string path reads the original's length, final
 * period and line breaks from the string, the byte path from its UTF-8.
 */
export const text = defineTransformer({
  name: 'text',
  cache: true,
  category: 'generic',
  summary: 'Lorem ipsum of similar length: Call me after 6pm please → Vesco aduro tandem caput',
  example: { before: 'Call me after 6pm please', after: 'Vesco aduro tandem caput' },
  params: z.object({
    ...commonParams,
    maxLength: z.number().int().min(1).optional().describe('Upper bound on the length of the fake (besides the column limit).'),
  }),
  accepts: ['text', 'other'],
  create(p, site) {
    const words = (list('en', (d) => d.lorem?.word) ?? ['lorem', 'ipsum', 'dolor']).filter((w) => w.length > 0);
    const colMax = site.column.type?.maxLength;
    const cap = (n: number): number => {
      const m = p.maxLength !== undefined && n > p.maxLength ? p.maxLength : n;
      return colMax !== undefined && m > colMax ? colMax : m;
    };
    const gen = lorem(words);
    let buf = Buffer.alloc(256);
    const fn: ValueFn = (value, ctx) => {
      const target = cap(charLength(value));
      if (target === 0) return '';
      breaks.n = 0;
      for (let i = value.indexOf('\n'); i >= 0; i = value.indexOf('\n', i + 1)) addBreak(i);
      if (buf.length < target) buf = Buffer.alloc(Math.max(target, buf.length * 2));
      const n = gen(target, value.trimEnd().endsWith('.'), ctx.rng(), buf);
      return buf.toString('latin1', 0, n);
    };
    const bytes: ByteFn = (src, s, e, ctx, out) => {
      // the original's length in characters (UTF-16 units for the breaks), and its line breaks
      let chars = 0;
      let units = 0;
      breaks.n = 0;
      for (let i = s; i < e; i++) {
        const c = src[i];
        if (c === 10) addBreak(units);
        if ((c & 0xc0) !== 0x80) chars++;
        units += c >= 0xf0 ? 2 : (c & 0xc0) !== 0x80 ? 1 : 0;
      }
      const target = cap(chars);
      if (target > out.length) return -1;
      if (target === 0) return 0;
      // trimEnd(): ASCII white space here; other white space or text takes the string path
      let j = e - 1;
      while (j >= s && (src[j] === 32 || (src[j] >= 9 && src[j] <= 13))) j--;
      if (j >= s && src[j] >= 0x80) return -1;
      return gen(target, j >= s && src[j] === 0x2e, ctx.rng(), out);
    };
    return { fn, bytes };
  },
});

/** UTF-16 offsets of the original's line breaks (kept between calls). */
const breaks = { at: new Int32Array(64), n: 0 };

function addBreak(i: number): void {
  if (breaks.n === breaks.at.length) {
    const more = new Int32Array(breaks.at.length * 2);
    more.set(breaks.at);
    breaks.at = more;
  }
  breaks.at[breaks.n++] = i;
}

/** The fake's writer for a word list (ASCII words): (target length, end with a period?, rng, out) → bytes written. */
function lorem(words: readonly string[]): (target: number, period: boolean, rng: Rng, out: Uint8Array) => number {
  // Faker's lorem words are ASCII (Latin): a length in bytes is a length in characters.
  const odd = words.find((w) => !/^[\x21-\x7e]+$/.test(w));
  if (odd !== undefined) throw new Error(`text: lorem word ${JSON.stringify(odd)} is not printable ASCII`);
  const list = [...words];
  // words no longer than n (indexes), to fill the end of the text up to the target length
  const upTo: number[][] = [];
  for (let n = 0; n <= 16; n++) upTo.push(list.flatMap((w, i) => (w.length <= n ? [i] : [])));
  const a = list.length;
  if (upTo[1].length === 0) {
    list.push('a');
    upTo[1] = [a];
  }
  // every word's bytes in one array (one kind of array to copy from), and its first letter capitalised
  const flat = utf8Bytes(list.join(''));
  const start = new Int32Array(list.length);
  const size = new Int32Array(list.length);
  const capital = new Uint8Array(list.length);
  for (let i = 0, at = 0; i < list.length; at += list[i].length, i++) {
    start[i] = at;
    size[i] = list[i].length;
    capital[i] = list[i][0].toUpperCase().charCodeAt(0);
  }
  return (target, period, rng, out) => {
    let len = 0;
    let sentenceStart = true;
    let b = 0;
    let nextBreak = breaks.n > 0 ? breaks.at[0] : -1;
    while (len < target) {
      const room = target - len - (len === 0 ? 0 : 1);
      if (room <= 0) break;
      let w = rng.int(a);
      if (size[w] > room && room <= 16) {
        const fit = upTo[room].length > 0 ? upTo[room] : upTo[1];
        w = fit[rng.int(fit.length)];
      }
      const from = start[w];
      const n = size[w];
      const first = sentenceStart ? capital[w] : flat[from];
      sentenceStart = false;
      let sep = len === 0 ? -1 : 32;
      if (sep === 32 && nextBreak >= 0 && len >= nextBreak) {
        sep = 10;
        nextBreak = ++b < breaks.n ? breaks.at[b] : -1;
      }
      if (len + (sep < 0 ? 0 : 1) + n > target) {
        if (len === 0) {
          out[len++] = first;
          for (let i = 1; i < target; i++) out[len++] = flat[from + i];
        }
        break;
      }
      if (sep >= 0) out[len++] = sep;
      out[len++] = first;
      for (let i = from + 1, end = from + n; i < end; i++) out[len++] = flat[i];
      if (rng.int(10) === 0 && len + 2 < target) {
        out[len++] = 0x2e;
        sentenceStart = true;
      }
    }
    if (period && len > 0 && out[len - 1] !== 0x2e) {
      if (len < target) out[len++] = 0x2e;
      else out[len - 1] = 0x2e;
    }
    return len;
  };
}
