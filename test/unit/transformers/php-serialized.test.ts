/**
 * php-serialized: path rules inside PHP serialize() values. The independent oracle is the
 * php-serialize package (serialize() to build inputs, unserialize() to prove every output is still
 * valid, with its string lengths right). Its unserialize() cannot read floats in exponent notation
 * (it tries BigInt), so the generated floats have none.
 */
import fc from 'fast-check';
import { serialize, unserialize } from 'php-serialize';
import { describe, expect, it } from 'vitest';
import { bind, problems } from './helpers.js';

const STRIPE = serialize({
  enabled: 'yes',
  title: 'Kreditkarte – Stripe',
  testmode: 'no',
  secret_key: 'sk_live_51Habcdefghijklmnop',
  publishable_key: 'pk_live_51Habcdefghijklmnop',
  webhook: { url: 'https://shop.example/wc-api/stripe', secret: 'whsec_abcdefgh' },
  owners: [{ email: 'zoë@shop.example', phone: '+44 20 7946 0123', id: 7 }, { email: 'ann@shop.example', phone: null, id: 8 }],
  limit: 250,
  ratio: 0.5,
  debug: false,
});

describe('php-serialized', () => {
  const f = bind({
    transformer: 'php-serialized',
    paths: {
      '$.secret_key': { transformer: 'hash', length: 32 },
      '$.webhook.secret': { transformer: 'fixed', value: 'whsec_test' },
      '$..email': 'email',
      '$.owners[*].phone': 'phone',
      '$.limit': { transformer: 'int-range', min: 1, max: 9 },
      '$.debug': { transformer: 'fixed', value: 'x' },
    },
  });

  it('rewrites the selected values and keeps everything else, as PHP would read it', () => {
    const out = f(STRIPE)!;
    const before = unserialize(STRIPE) as Record<string, any>;
    const after = unserialize(out) as Record<string, any>;
    expect(after.secret_key).toMatch(/^[0-9a-f]{32}$/);
    expect(after.webhook).toEqual({ url: before.webhook.url, secret: 'whsec_test' });
    expect(after.owners[0].email).toMatch(/@example\.com$/);
    expect(after.owners[1].email).toMatch(/@example\.com$/);
    expect(after.owners[0].phone).toMatch(/^\+44 \d\d \d{4} \d{4}$/);
    expect(after.owners[1].phone).toBeNull();
    expect(after.limit).toBeGreaterThanOrEqual(1);
    expect(after.limit).toBeLessThanOrEqual(9);
    expect(typeof after.limit).toBe('number');
    expect(after.debug).toBe(false); // booleans stay
    for (const k of ['enabled', 'title', 'testmode', 'publishable_key', 'ratio']) expect(after[k], k).toEqual(before[k]);
    expect(after.owners.map((o: { id: number }) => o.id)).toEqual([7, 8]);
  });

  it('is deterministic, consistent with a plain email column, and leaves a value without matches as it is', () => {
    expect(f(STRIPE)).toBe(f(STRIPE));
    const email = bind('email');
    expect((unserialize(f(STRIPE)!) as any).owners[0].email).toBe(email('zoë@shop.example'));
    const other = serialize({ enabled: 'yes', list: [1, 2] });
    expect(f(other)).toBe(other);
  });

  it('reads objects (with private and protected property names), references, enums and custom classes', () => {
    const g = bind({ transformer: 'php-serialized', paths: { '$..token': { transformer: 'fixed', value: 'T' } } });
    const v = 'O:8:"Settings":3:{s:15:"\u0000Settings\u0000token";s:3:"abc";s:8:"\u0000*\u0000token";s:3:"def";s:4:"next";a:2:{i:0;r:1;i:1;E:11:"Mode:Active";}}';
    expect(g(v)).toBe('O:8:"Settings":3:{s:15:"\u0000Settings\u0000token";s:1:"T";s:8:"\u0000*\u0000token";s:1:"T";s:4:"next";a:2:{i:0;r:1;i:1;E:11:"Mode:Active";}}');
    const custom = 'a:2:{s:5:"token";s:1:"x";s:4:"blob";C:11:"ArrayObject":21:{x:i:0;a:0:{};m:a:0:{}}}';
    expect(g(custom)).toBe('a:2:{s:5:"token";s:1:"T";s:4:"blob";C:11:"ArrayObject":21:{x:i:0;a:0:{};m:a:0:{}}}');
  });

  it('keeps empty strings unless the rule replaces them, and writes N; for a rule that gives NULL', () => {
    const g = bind({ transformer: 'php-serialized', paths: { '$.a': 'email', '$.b': 'null', '$.c': { transformer: 'fixed', value: 'filled' } } });
    expect(g(serialize({ a: '', b: 'x', c: '' }))).toBe('a:3:{s:1:"a";s:0:"";s:1:"b";N;s:1:"c";s:6:"filled";}');
  });

  it('fails on a value that is not serialize() output, naming the character, unless onInvalid says otherwise', () => {
    expect(() => f('a:1:{s:5:"abc";i:1;}')).toThrow(/invalid PHP-serialized value at character 16 of the value: a string of 5 bytes does not end/);
    expect(() => f('not serialized')).toThrow(/DUMP_VALUE_REJECTED|invalid PHP-serialized value at character 1/);
    const keep = bind({ transformer: 'php-serialized', paths: { '$.a': 'email' }, onInvalid: 'keep' });
    expect(keep('s:3:"ab";')).toBe('s:3:"ab";');
    const nul = bind({ transformer: 'php-serialized', paths: { '$.a': 'email' }, onInvalid: 'null' });
    expect(nul('a:1:{')).toBeNull();
  });

  it('validates its paths and nested rules with their JSON paths', () => {
    expect(problems({ transformer: 'php-serialized', paths: { 'secret_key': 'hash' } })[0]).toMatch(/^\$\.x\.paths\.secret_key: bad path "secret_key"/);
    expect(problems({ transformer: 'php-serialized', paths: { '$.a': 'emial' } })).toEqual(['$.x.paths["$.a"]: unknown transformer "emial" (did you mean "email"?)']);
    expect(problems({ transformer: 'php-serialized', paths: {} })[0]).toMatch(/give at least one path/);
  });

  it('property: any serialized value stays valid and equal where no path applies (fast-check)', () => {
    const scalar = fc.oneof(fc.string({ unit: 'grapheme' }), fc.integer(), fc.boolean(), fc.constant(null), fc.integer().map((n) => n / 64));
    const value = fc.letrec((tie) => ({
      v: fc.oneof({ depthSize: 'small' }, scalar, fc.array(tie('v'), { maxLength: 4 }), fc.dictionary(fc.string({ unit: 'grapheme', maxLength: 6 }).filter((k) => k !== 'secret' && k !== 'n'), tie('v'), { maxKeys: 4, noNullPrototype: true })),
    })).v;
    // (the kept part never holds a key named "secret" or "n": those paths match at any depth)
    const g = bind({ transformer: 'php-serialized', paths: { '$..secret': { transformer: 'hash', length: 12 }, '$..n': 'null' } });
    fc.assert(
      fc.property(value, fc.string({ unit: 'grapheme', minLength: 1 }), (v, secret) => {
        const doc = { keep: v, deep: [{ secret, n: 5 }] };
        const input = serialize(doc);
        const out = g(input)!;
        const back = unserialize(out) as any;
        expect(back.keep).toEqual(unserialize(input).keep);
        expect(back.deep[0].secret).toMatch(/^[0-9a-f]{12}$/);
        expect(back.deep[0].n).toBeNull();
        expect(g(serialize({ keep: v }))).toBe(serialize({ keep: v }));
      }),
      { numRuns: 300 },
    );
  });
});
