import { childPath } from '../rules/json-path.js';
import { commonParams, defineTransformer, z, type BoundValue, type ValueCtx } from './define.js';
import { applyEdits, invalidValue } from './edits.js';
import { onInvalidParam, pathRulesParam } from './json.js';
import { PathSet, parseJsonPath } from './json-path.js';
import { replacesEmpty } from './nested.js';
import { PhpScanner, PhpSyntaxError, phpString, type PhpKind } from './php-scan.js';

/**
 * Path rules inside PHP serialize() values: WordPress options and metadata, where plugins keep their
 * settings as one serialized array (a payment gateway's live secret key, an SMTP password, an API
 * token). Each selected scalar goes through its nested rule and is written back with its byte length
 * recomputed (`s:N:"…"`), so PHP still unserializes the value; everything else is kept as it was.
 */
export const phpSerialized = defineTransformer({
  name: 'php-serialized',
  cache: true,
  category: 'composite',
  summary: 'Rules for keys inside PHP-serialized values (WordPress settings): a:1:{s:10:"secret_key";s:7:"sk_live";} → a:1:{s:10:"secret_key";s:16:"3f9a0c…";}',
  example: {
    before: 'a:2:{s:10:"secret_key";s:12:"sk_live_4eC3";s:7:"enabled";s:3:"yes";}',
    after: 'a:2:{s:10:"secret_key";s:16:"2b0e9d51c4a87f36";s:7:"enabled";s:3:"yes";}',
    params: { paths: { '$.secret_key': { transformer: 'hash', length: 16 } } },
  },
  params: z.object({
    ...commonParams,
    paths: pathRulesParam(
      '{ "$.secret_key": "hash" }',
      'Path → rule, as in json rules: $.key, $.list[0], $.list[*], $.*, $..key (any depth); array keys and object properties are keys. Strings and numbers are rewritten; booleans and N; stay.',
    ),
    onInvalid: onInvalidParam,
  }),
  accepts: ['text', 'other'],
  neutralParams: ['onInvalid'],
  create(p, site) {
    const entries = Object.entries(p.paths);
    const scanner = new PhpScanner(new PathSet(entries.map(([path]) => parseJsonPath(path))));
    const pathsPath = childPath(site.path, 'paths');
    const nested: BoundValue[] = entries.map(([path, spec]) => site.bind(spec, childPath(pathsPath, path), { type: { raw: 'php value', kind: 'text' }, unique: false }));
    const keepEmpty = entries.map(([, spec]) => !replacesEmpty(spec));
    return {
      reads: [...new Set(nested.flatMap((n) => n.reads ?? []))],
      readsMasked: [...new Set(nested.flatMap((n) => n.readsMasked ?? []))],
      fn(value, ctx) {
        const edits: (number | string)[] = [];
        try {
          scanner.scan(value, (pattern, kind, start, end, text) => {
            if (kind === 'string' && text === '' && keepEmpty[pattern]) return;
            const out = replace(nested[pattern], kind, text, ctx);
            if (out !== undefined) edits.push(start, end, out);
          });
        } catch (e) {
          if (!(e instanceof PhpSyntaxError)) throw e;
          return invalidValue(p.onInvalid, site, value, e, 'an invalid PHP-serialized value', 'php-serialized');
        }
        return applyEdits(value, edits);
      },
    };
  },
});

/** The token that replaces a selected scalar, or undefined to keep it (booleans and N; always stay). */
function replace(b: BoundValue, kind: PhpKind, text: string, ctx: ValueCtx): string | undefined {
  if (kind === 'null' || kind === 'bool') return undefined;
  const out = b.fn(text, ctx);
  if (out === text) return undefined;
  if (out === null) return 'N;';
  if (kind === 'int' && /^[+-]?\d{1,18}$/.test(out)) return `i:${out};`;
  if (kind === 'float' && /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(out)) return `d:${out};`;
  return phpString(out);
}
