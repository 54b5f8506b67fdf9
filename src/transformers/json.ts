import { decodeText } from '../core/text.js';
import { BYTE_SCRATCH, commonParams, defineTransformer, z, type BoundValue, type ByteFn, type ValueCtx } from './define.js';
import { PathSet, parseJsonPath } from './json-path.js';
import { JsonScanner, JsonSyntaxError, type JsonKind } from './json-scan.js';
import { applyEdits, invalidValue } from './edits.js';
import { putString } from './name-bytes.js';
import { nestedRule, replacesEmpty } from './nested.js';
import { childPath } from '../rules/json-path.js';
import { bytesView } from '../core/view.js';

const NUMBER_RE = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$/;

/** The `paths` param of json and php-serialized: path → nested rule, at least one, every path parsed. */
export function pathRulesParam(example: string, description: string, noun = 'path') {
  return z
    .record(z.string(), nestedRule('The rule for the values this path selects: a transformer name or an object with "transformer" and params.'))
    .superRefine((paths, ctx) => {
      if (Object.keys(paths).length === 0) ctx.addIssue({ code: 'custom', message: `give at least one path, e.g. ${example}` });
      for (const p of Object.keys(paths)) {
        try {
          parseJsonPath(p);
        } catch (e) {
          ctx.addIssue({ code: 'custom', message: `bad ${noun} "${p}": ${(e as Error).message}`, path: [p] });
        }
      }
    })
    .describe(description);
}

export const onInvalidParam = z
  .enum(['fail', 'null', 'keep'])
  .default('fail')
  .describe('When the value cannot be parsed: fail (stop with DUMP_VALUE_REJECTED and its position), null (write NULL) or keep (leave it as it is).');

/**
 * Path rules inside JSON text (json/jsonb, MySQL JSON, text holding JSON). Each selected value goes
 * through its own nested rule (validated with the rules file), and only its bytes change: key order,
 * whitespace and every other value are kept byte for byte. Strings are decoded before the nested rule
 * sees them and encoded after; numbers and booleans stay numbers and booleans when the fake is one;
 * JSON null stays null; a nested rule that returns SQL NULL writes JSON null.
 */
export const json = defineTransformer({
  name: 'json',
  cache: true,
  category: 'composite',
  summary: 'Rules for paths inside JSON, everything else kept byte for byte: {"user":{"email":"j@x.io"}} → {"user":{"email":"maria.kozey.q7m3…@example.com"}}',
  example: {
    before: '{"user":{"email":"jane@acme.io"},"tags":["vip"]}',
    after: '{"user":{"email":"maria.kozey.q7m3xk2ab9d4tq5wz@example.com"},"tags":[null]}',
    params: { paths: { '$.user.email': 'email', '$.tags[*]': 'null' } },
  },
  params: z.object({
    ...commonParams,
    paths: pathRulesParam(
      '{ "$.user.email": "email" }',
      'JSON path → rule. Paths: $.a.b, $["a b"], $.list[0], $.list[*], $.*, $..email (any depth). The first matching path wins; a value matched by a path is not searched further.',
      'JSON path',
    ),
    onInvalid: onInvalidParam,
  }),
  accepts: ['json', 'text', 'other'],
  neutralParams: ['onInvalid'],
  create(p, site) {
    const entries = Object.entries(p.paths);
    const set = new PathSet(entries.map(([path]) => parseJsonPath(path)));
    const pathsPath = childPath(site.path, 'paths');
    const nested: BoundValue[] = entries.map(([path, spec]) =>
      site.bind(spec, childPath(pathsPath, path), { type: { raw: 'json value', kind: 'text' }, unique: false }),
    );
    // '' stays '' unless the nested transformer replaces empties, as in a column
    const keepEmpty = entries.map(([, spec]) => !replacesEmpty(spec));
    const scanner = new JsonScanner(set);
    return {
      reads: [...new Set(nested.flatMap((n) => n.reads ?? []))],
      readsMasked: [...new Set(nested.flatMap((n) => n.readsMasked ?? []))],
      bytes: site.column.type?.maxLength === undefined ? jsonBytes(scanner, nested, keepEmpty) : undefined,
      fn(value, ctx) {
        const edits: (number | string)[] = [];
        try {
          scanner.scan(value, (pattern, kind, start, end, escaped) => {
            if (kind === 'string' && end - start === 2 && keepEmpty[pattern]) return;
            const out = replace(nested[pattern], kind, value, start, end, escaped, ctx);
            if (out !== undefined) edits.push(start, end, out);
          });
        } catch (e) {
          if (!(e instanceof JsonSyntaxError)) throw e;
          return invalidValue(p.onInvalid, site, value, e, 'invalid JSON', 'json');
        }
        return applyEdits(value, edits);
      },
    };
  },
});

/**
 * The byte path: the same edits on the document's UTF-8, copying the bytes between selected values.
 * A selected string without escapes goes to its nested rule's byte path when it has one (the fake is
 * written in place between quotes; a fake that would need escapes, rare, takes the string route);
 * every other value is decoded and goes through replace(), as in fn. Invalid JSON declines (-1): fn
 * reports it.
 */
function jsonBytes(scanner: JsonScanner, nested: BoundValue[], keepEmpty: boolean[]): ByteFn {
  // State of the call in progress (a rule's byte path is not re-entered), so the scanner's callback
  // is made once.
  let src: Buffer = Buffer.alloc(0);
  let out: Uint8Array = new Uint8Array(0);
  let ctx: ValueCtx;
  let n = 0;
  let last = 0;
  const scratch = new Uint8Array(BYTE_SCRATCH); // (a longer nested fake takes the string route)
  const onMatch = (pattern: number, kind: JsonKind, start: number, end: number, escaped: boolean): void => {
    if (n < 0 || kind === 'null' || (kind === 'string' && end - start === 2 && keepEmpty[pattern])) return;
    const b = nested[pattern];
    const o = copy(last, start);
    last = start;
    if (o < 0 || o + 2 > out.length) {
      n = -1;
      return;
    }
    if (kind === 'string' && !escaped && b.bytes) {
      // the fake goes to a scratch buffer, then between quotes into out while checking it needs no escapes
      const w = b.bytes(src, start + 1, end - 1, ctx, scratch);
      if (w >= 0 && o + w + 2 <= out.length && plainCopy(scratch, w, out, o + 1)) {
        out[o] = 0x22;
        out[o + 1 + w] = 0x22;
        n = o + w + 2;
        last = end;
        return;
      }
    }
    const raw = decodeText(src, start, end, 'utf8');
    const r = replace(b, kind, raw, 0, raw.length, escaped, ctx);
    if (r === undefined) return; // kept: copied with the next gap
    n = putString(r, out, o);
    last = end;
  };
  /** Copy src[from, to) to out at n; returns the new end or -1. */
  const copy = (from: number, to: number): number => {
    if (n + (to - from) > out.length) return -1;
    if (to - from > 32) {
      out.set(bytesView(src, from, to), n);
      n += to - from;
    } else for (let i = from; i < to; i++) out[n++] = src[i];
    return n;
  };
  return (s, start, end, c, o) => {
    src = s instanceof Buffer ? s : Buffer.from(s.buffer, s.byteOffset, s.byteLength);
    out = o;
    ctx = c;
    n = 0;
    last = start;
    try {
      scanner.scanBytes(src, start, end, onMatch);
    } catch (e) {
      if (e instanceof JsonSyntaxError) return -1;
      throw e;
    }
    return n < 0 ? -1 : copy(last, end);
  };
}

/**
 * Copy src[0, n) to out at `at` while it needs no escaping inside a JSON string (no '"', '\\' or
 * control character); false (out partly written, to be overwritten) at the first byte that does.
 */
function plainCopy(src: Uint8Array, n: number, out: Uint8Array, at: number): boolean {
  for (let i = 0; i < n; i++) {
    const c = src[i];
    if (c < 0x20 || c === 0x22 || c === 0x5c) return false;
    out[at + i] = c;
  }
  return true;
}

/** The JSON text replacing the selected value text[start, end), or undefined to keep it. */
function replace(b: BoundValue, kind: JsonKind, text: string, start: number, end: number, escaped: boolean, ctx: ValueCtx): string | undefined {
  if (kind === 'null') return undefined; // JSON null stays null
  if (kind === 'string') {
    const input = escaped ? (JSON.parse(text.slice(start, end)) as string) : text.slice(start + 1, end - 1);
    const out = b.fn(input, ctx);
    if (out === null) return 'null';
    return out === input ? undefined : quote(out);
  }
  const raw = text.slice(start, end);
  const out = b.fn(raw, ctx);
  if (out === null) return 'null';
  if (out === raw) return undefined;
  if (kind === 'number') return NUMBER_RE.test(out) ? out : quote(out);
  if (kind === 'true' || kind === 'false') return out === 'true' || out === 'false' ? out : quote(out);
  try {
    JSON.parse(out);
    return out;
  } catch {
    return quote(out);
  }
}

/**
 * JSON.stringify(s) for a string: quotes only when nothing needs escaping (no '"', '\\', control
 * characters or surrogates), else JSON.stringify itself (measured: most of replace()'s time went to it).
 */
function quote(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) return JSON.stringify(s);
  }
  return `"${s}"`;
}
