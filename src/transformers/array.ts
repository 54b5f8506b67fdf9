import { childPath } from '../rules/json-path.js';
import { commonParams, defineTransformer, z } from './define.js';
import { invalidValue } from './edits.js';
import { onInvalidParam } from './json.js';
import { nestedRule, replacesEmpty } from './nested.js';
import { ArraySyntaxError, mapArray } from './pg-array.js';

/**
 * PostgreSQL arrays ({a,b,"c d",NULL}, any dimension): the `element` rule is applied to each element
 * (NULL elements stay NULL), and a valid array literal is written back with quoting as PostgreSQL does.
 */
export const array = defineTransformer({
  name: 'array',
  cache: true,
  category: 'composite',
  summary: 'Apply a rule to each element of a PostgreSQL array: {jane@acme.io,NULL} → {maria.kozey.q7m3…@example.com,NULL}',
  example: {
    before: '{jane@acme.io,NULL}',
    after: '{maria.kozey.q7m3xk2ab9d4tq5wz@example.com,NULL}',
    params: { element: 'email' },
  },
  params: z.object({
    ...commonParams,
    element: nestedRule('The rule for each element: a transformer name or an object with "transformer" and params.'),
    delimiter: z.string().length(1).default(',').describe('Element delimiter (";" for box arrays).'),
    onInvalid: onInvalidParam,
  }),
  accepts: ['array', 'text', 'other'],
  neutralParams: ['onInvalid'],
  create(p, site) {
    const elementType = site.column.type?.element;
    const b = site.bind(p.element, childPath(site.path, 'element'), { type: elementType, unique: false });
    // '' elements stay '' unless the element transformer replaces empties, as in a column
    const keepEmpty = !replacesEmpty(p.element);
    return {
      reads: b.reads,
      readsMasked: b.readsMasked,
      fn(value, ctx) {
        try {
          return mapArray(value, (el) => (el === null || (el === '' && keepEmpty) ? el : b.fn(el, ctx)), p.delimiter);
        } catch (e) {
          if (!(e instanceof ArraySyntaxError)) throw e;
          return invalidValue(p.onInvalid, site, value, e, 'an invalid array literal', 'array');
        }
      },
    };
  },
});
