import { describe, expect, it } from 'vitest';
import { VeilError } from '../../../src/errors.js';
import { parseJsonPath } from '../../../src/transformers/json-path.js';
import { validateColumnRule } from '../../../src/rules/load.js';
import { Keyring } from '../../../src/seed/keyring.js';
import { bindRule } from '../../../src/transformers/bind.js';
import { bind, NO_ROW, problems } from './helpers.js';

const DOC = '{"user": {"email":"jane@acme.io","id":7}, "tags":["a","b"], "a":{"b":"secret99"}, "deep":[{"phone":"555-1234"},{"x":{"phone":"555-9876"}}], "n": 12.50, "ok": true, "nil": null}';

describe('json', () => {
  const f = bind({
    transformer: 'json',
    paths: {
      '$.user.email': 'email',
      '$.tags[*]': 'null',
      '$.a.b': { transformer: 'mask', keepLast: 2 },
      '$..phone': 'phone',
      '$.n': { transformer: 'noise', percent: 10 },
      '$.ok': { transformer: 'choice', values: ['false'] },
      '$.nil': 'email',
    },
  });

  it('rewrites the selected values and keeps every other byte', () => {
    const out = f(DOC)!;
    const doc = JSON.parse(out);
    expect(doc.user.email).toMatch(/@example\.com$/);
    expect(doc.user.id).toBe(7);
    expect(doc.tags).toEqual([null, null]);
    expect(doc.a.b).toBe('******99');
    expect(doc.deep[0].phone).toMatch(/^\d{3}-\d{4}$/);
    expect(doc.deep[1].x.phone).toMatch(/^\d{3}-\d{4}$/);
    expect(typeof doc.n).toBe('number');
    expect(out).toMatch(/"n": \d+\.\d\d,/);
    expect(doc.ok).toBe(false);
    expect(doc.nil).toBeNull();
    // untouched parts, key order and whitespace are byte-identical
    expect(out.startsWith('{"user": {"email":"')).toBe(true);
    expect(out).toContain('","id":7}, "tags":[null,null], "a":{"b":"******99"}, "deep":[{"phone":"');
    expect(Object.keys(doc)).toEqual(Object.keys(JSON.parse(DOC)));
  });

  it('decodes escapes before the nested rule and encodes the fake', () => {
    const g = bind({ transformer: 'json', paths: { '$.s': { transformer: 'template', template: '{{value}}"\\\n' } } });
    const out = g('{"s":"a\\u00e9\\"b"}')!;
    expect(JSON.parse(out).s).toBe('aé"b"\\\n');
  });

  it('writes fakes as JSON.stringify does: quotes, backslashes, control characters and surrogates escaped', () => {
    for (const fake of ['plain', 'q"uote', 'back\\slash', 'tab\there', '\u0001\u001f\u007f', 'é😀', 'lone \ud83d', 'lone \ude00 low']) {
      const g = bind({ transformer: 'json', paths: { '$.s': { transformer: 'fixed', value: fake }, '$.n': { transformer: 'fixed', value: fake } } });
      expect(g('{"s":"x","n":1}')).toBe(`{"s":${JSON.stringify(fake)},"n":${JSON.stringify(fake)}}`);
    }
  });

  it('matches the root, bracket keys, indexes and wildcards', () => {
    expect(bind({ transformer: 'json', paths: { $: 'null' } })('{"a":1}')).toBe('null');
    expect(bind({ transformer: 'json', paths: { '$["a b"][1]': 'null' } })('{"a b":[1,2,3]}')).toBe('{"a b":[1,null,3]}');
    expect(bind({ transformer: 'json', paths: { '$.*.x': 'null' } })('{"p":{"x":1},"q":{"x":2,"y":3}}')).toBe('{"p":{"x":null},"q":{"x":null,"y":3}}');
    expect(bind({ transformer: 'json', paths: { '$.a': 'null', '$.a.b': 'keep' } })('{"a":{"b":1}}')).toBe('{"a":null}');
  });

  it('leaves documents without matches unchanged (same string)', () => {
    const s = '{ "x" : [1, 2, {"y": "z"}] }';
    expect(bind({ transformer: 'json', paths: { '$.nope': 'null' } })(s)).toBe(s);
  });

  it('fails on invalid JSON with the position, or writes NULL / keeps it', () => {
    const strict = bind({ transformer: 'json', paths: { '$.a': 'null' } });
    try {
      strict('{"a": [1, 2,, 3]}');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(VeilError);
      const v = e as VeilError;
      expect(v.code).toBe('DUMP_VALUE_REJECTED');
      expect(v.message).toMatch(/character 13/);
      expect(v.details.column).toBe('col');
      expect(v.details.table).toBe('public.t');
    }
    expect(bind({ transformer: 'json', paths: { '$.a': 'null' }, onInvalid: 'null' })('{oops')).toBeNull();
    expect(bind({ transformer: 'json', paths: { '$.a': 'null' }, onInvalid: 'keep' })('{oops')).toBe('{oops');
    for (const bad of ['', '{"a":1', '{"a":1}}', '[1,]', '{"a":01}', '"\u0001"', 'tru', '{"a" 1}']) {
      expect(() => strict(bad), bad).toThrow(VeilError);
    }
  });

  it('validates nested rules and paths when the rules are loaded, with JSON paths', () => {
    const p = problems({
      transformer: 'json',
      paths: { '$.a': { transformer: 'mask', keepLst: 2 }, '$.b': 'emial', '$.c': { transformer: 'noise', percent: -1 }, 'd.e': 'null' },
    });
    expect(p).toContain('$.x.paths["$.a"].keepLst: unknown parameter "keepLst" for transformer "mask" (did you mean "keepLast"?)');
    expect(p.join('\n')).toMatch(/\$\.x\.paths\["\$\.b"\]: unknown transformer "emial" \(did you mean "email"\?\)/);
    expect(p.join('\n')).toMatch(/\$\.x\.paths\["\$\.c"\]\.percent: /);
    expect(p.join('\n')).toMatch(/\$\.x\.paths\["d\.e"\]: bad JSON path "d\.e"/);
  });

  it('validates nested json rules recursively', () => {
    expect(problems({ transformer: 'json', paths: { '$.a': { transformer: 'json', paths: { '$.b': 'nope' } } } }).join()).toMatch(
      /\$\.x\.paths\["\$\.a"\]\.paths\["\$\.b"\]: unknown transformer "nope"/,
    );
  });
});

describe('JSON paths', () => {
  /** A json rule over `paths`, bound as the plan binds it (with its byte path). */
  const boundJson = (paths: Record<string, unknown>) => {
    const rule = validateColumnRule('col', { transformer: 'json', paths }, '$.x', () => {
      throw new Error('invalid rule');
    })!;
    return bindRule(rule, { name: 'col' }, { keyring: new Keyring('k'), dialect: 'postgres', table: { name: 't' } });
  };

  it('matches keys on their bytes as on their text: same lengths, many keys at a level, non-ASCII keys', () => {
    const b = boundJson({ '$.email': 'null', '$.émail': 'null', '$.k19': 'null' });
    const out = new Uint8Array(4096);
    /** The byte path's result (the plan's route for raw UTF-8 fields), checked against the string path. */
    const viaBytes = (doc: object): unknown => {
      const text = JSON.stringify(doc);
      const src = Buffer.from(text, 'utf8');
      const n = b.applyBytes!(src, 0, src.length, out);
      expect(n).toBeGreaterThanOrEqual(0);
      const got = Buffer.from(out.subarray(0, n)).toString('utf8');
      expect(got).toBe(b.apply(text, NO_ROW));
      return JSON.parse(got);
    };
    const many = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${i}`, i]));
    for (let round = 0; round < 3; round++) {
      // the same answers once the keys of each level are remembered by their bytes
      expect(viaBytes({ phone: 1, email: 2, émail: 3, emaim: 4 })).toEqual({ phone: 1, email: null, émail: null, emaim: 4 });
      expect(viaBytes(many)).toEqual({ ...many, k19: null });
      expect(viaBytes({ ...many, email: 'x' })).toEqual({ ...many, k19: null, email: null });
    }
  });

  it('keys remembered by their bytes are copies: a buffer the next document overwrites changes no match', () => {
    // the byte path reads documents from memory that is written again (a codec's unescape scratch, a
    // worker's batch slot); a key kept as a view of it would turn "ua" into the "ip" of the paths
    const b = boundJson({ '$.ip': 'null' });
    const out = new Uint8Array(4096);
    const shared = Buffer.alloc(64);
    const viaShared = (text: string): unknown => {
      shared.fill(0x20);
      const n = shared.write(text);
      const m = b.applyBytes!(shared, 0, n, out);
      expect(m).toBeGreaterThanOrEqual(0);
      return JSON.parse(Buffer.from(out.subarray(0, m)).toString('utf8'));
    };
    expect(viaShared('{"ip":"10.0.0.1","ua":"x"}')).toEqual({ ip: null, ua: 'x' });
    expect(viaShared('{"ua":"Mozilla","ip":"10.0.0.2"}')).toEqual({ ua: 'Mozilla', ip: null });
    expect(viaShared('{"ip":"10.0.0.3"}')).toEqual({ ip: null });
    expect(viaShared('{"ua":"Opera"}')).toEqual({ ua: 'Opera' });
  });

  it('parses the supported syntax and rejects the rest', () => {
    expect(parseJsonPath("$.a['b c'][2][*]..d.*")).toEqual([
      { t: 'key', key: 'a' },
      { t: 'key', key: 'b c' },
      { t: 'index', index: 2 },
      { t: 'any' },
      { t: 'deep', inner: { t: 'key', key: 'd' } },
      { t: 'any' },
    ]);
    for (const bad of ['a.b', '$.', '$[x]', "$['a", '$a']) expect(() => parseJsonPath(bad), bad).toThrow();
  });
});
