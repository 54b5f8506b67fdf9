import { commonParams, defineTransformer, z } from './define.js';
import { list } from './locale-data.js';
import { charLength } from './text-fit.js';

/**
 * Lorem ipsum of about the original's length (never longer than the original or the column):
 * sentences start with a capital letter, end with a period when the original did, and line breaks of
 * the original are kept at roughly the same places.
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
    // words no longer than n, to fill the end of the text up to the target length
    const upTo: string[][] = [];
    for (let n = 0; n <= 16; n++) upTo.push(words.filter((w) => w.length <= n));
    upTo[1] = upTo[1].length > 0 ? upTo[1] : ['a'];
    const colMax = site.column.type?.maxLength;
    return (value, ctx) => {
      const n = charLength(value);
      let target = n;
      if (p.maxLength !== undefined && target > p.maxLength) target = p.maxLength;
      if (colMax !== undefined && target > colMax) target = colMax;
      if (target === 0) return '';
      const rng = ctx.rng();
      const period = value.trimEnd().endsWith('.');
      let out = '';
      let sentenceStart = true;
      let nextBreak = value.indexOf('\n');
      while (out.length < target) {
        const room = target - out.length - (out.length === 0 ? 0 : 1);
        if (room <= 0) break;
        let w = words[rng.int(words.length)];
        if (w.length > room && room <= 16) {
          const fit = upTo[room].length > 0 ? upTo[room] : upTo[1];
          w = fit[rng.int(fit.length)];
        }
        if (sentenceStart) w = w[0].toUpperCase() + w.slice(1);
        sentenceStart = false;
        const sep = out.length === 0 ? '' : nextBreak >= 0 && out.length >= nextBreak ? '\n' : ' ';
        if (sep === '\n') nextBreak = value.indexOf('\n', nextBreak + 1);
        if (out.length + sep.length + w.length > target) {
          if (out.length === 0) out = w.slice(0, target);
          break;
        }
        out += sep + w;
        if (rng.int(10) === 0 && out.length + 2 < target) {
          out += '.';
          sentenceStart = true;
        }
      }
      if (period && out.length > 0 && !out.endsWith('.')) out = out.length < target ? `${out}.` : `${out.slice(0, -1)}.`;
      return out;
    };
  },
});
