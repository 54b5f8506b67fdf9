import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ColumnType } from '../../src/model.js';
import { loadLocales } from '../../src/seed/faker.js';
import { TRANSFORMERS } from '../../src/transformers/registry.js';
import { mapArray } from '../../src/transformers/pg-array.js';
import { bind } from '../unit/transformers/helpers.js';

beforeAll(async () => {
  await loadLocales(['de', 'ja']);
});

const anyText = fc.oneof(
  fc.string({ unit: fc.constantFrom('a', 'Z', '7', 'é', '😀', '\t', '\n', '\\', "'", '"', ' ', '-', '.', '@', '{', '}', ',', ':', '+') }),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }),
);

const cp = (s: string) => Array.from(s).length;

/** Rules that apply to free text, with the specs the issue names (params included). */
const TEXT_RULES: unknown[] = [
  'first-name', 'last-name', 'full-name', 'username', 'email', 'phone', 'street-address', 'city', 'zip', 'state', 'country',
  'credit-card', 'iban', 'ipv4', 'ipv6', 'mac', 'url', 'domain', 'user-agent', 'uuid', 'digits', 'format-preserving', 'hash',
  'mask', 'text', 'date-shift', 'date-of-birth', 'latitude', 'longitude', 'noise', 'int-range',
  { transformer: 'full-name', locale: 'ja' },
  { transformer: 'street-address', locale: 'de' },
  { transformer: 'choice', values: ['a', 'bb', 'ccc'] },
  { transformer: 'regex-replace', pattern: '[0-9]+' },
  { transformer: 'template', template: '{{value|slug}}-{{tag}}' },
  { transformer: 'json', paths: { '$.a': 'email' }, onInvalid: 'keep' },
  { transformer: 'array', element: 'first-name', onInvalid: 'null' },
];

describe('any input string yields output valid for the column type', () => {
  it('text columns: never longer than varchar(n)', () => {
    for (const spec of TEXT_RULES) {
      for (const max of [1, 8, 40]) {
        const f = bind(spec, { type: { kind: 'text', raw: `varchar(${max})`, maxLength: max } });
        fc.assert(
          fc.property(anyText, (v) => {
            const out = f(v);
            if (out !== null && cp(out) > max) throw new Error(`${JSON.stringify(spec)} wrote ${cp(out)} > ${max} characters for ${JSON.stringify(v)}`);
          }),
          { numRuns: 60 },
        );
      }
    }
  });

  it('integer columns: integers inside the column range', () => {
    const types: [ColumnType, bigint, bigint][] = [
      [{ raw: 'smallint', kind: 'integer' }, -32768n, 32767n],
      [{ raw: 'integer', kind: 'integer' }, -2147483648n, 2147483647n],
      [{ raw: 'bigint', kind: 'integer' }, -(2n ** 63n), 2n ** 63n - 1n],
    ];
    for (const [type, lo, hi] of types) {
      for (const spec of ['int-range', 'noise', { transformer: 'noise', percent: 300 }, 'digits']) {
        const f = bind(spec, { type });
        fc.assert(
          fc.property(fc.bigInt({ min: lo, max: hi }), (x) => {
            const out = f(String(x))!;
            expect(out).toMatch(/^-?[0-9]+$/);
            const y = BigInt(out);
            expect(y >= lo && y <= hi, `${JSON.stringify(spec)} ${type.raw}: ${x} → ${out}`).toBe(true);
          }),
          { numRuns: 200 },
        );
      }
    }
  });

  it('numeric(p, s) columns: the same scale, inside the precision', () => {
    const f = bind({ transformer: 'noise', percent: 80 }, { type: { raw: 'numeric(7,2)', kind: 'numeric', precision: 7, scale: 2 } });
    fc.assert(
      fc.property(fc.integer({ min: -9999999, max: 9999999 }), (n) => {
        const v = (n / 100).toFixed(2);
        const out = f(v)!;
        expect(out).toMatch(/^-?\d+\.\d{2}$/);
        expect(Math.abs(Number(out))).toBeLessThanOrEqual(99999.99);
      }),
      { numRuns: 500 },
    );
  });

  it('date and timestamp columns: valid literals in the same layout', () => {
    const date = fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true });
    const layouts = [(d: Date) => d.toISOString().slice(0, 10), (d: Date) => `${d.toISOString().slice(0, 19).replace('T', ' ')}.123+02`, (d: Date) => d.toISOString()];
    for (const spec of ['date-shift', { transformer: 'date-shift', days: 5000 }, 'date-of-birth', { transformer: 'date-of-birth', keep: 'band' }]) {
      const f = bind(spec, { type: { raw: 'timestamptz', kind: 'timestamp' } });
      fc.assert(
        fc.property(date, fc.constantFrom(0, 1, 2), (d, k) => {
          const v = layouts[k](d);
          const out = f(v)!;
          expect(out.slice(10)).toBe(v.slice(10));
          expect(new Date(`${out.slice(0, 10)}T00:00:00Z`).toISOString().slice(0, 10)).toBe(out.slice(0, 10).replace(/^(\d{4})/, '$1'));
        }),
        { numRuns: 300 },
      );
    }
  });

  it('uuid and inet columns: valid values', () => {
    const u = bind('uuid', { type: { raw: 'uuid', kind: 'uuid' } });
    const ip = bind('ipv4', { type: { raw: 'inet', kind: 'inet' } });
    fc.assert(
      fc.property(fc.uuid(), fc.ipV4(), (a, b) => {
        expect(u(a)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        expect(ip(b)).toMatch(/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/);
        expect(ip(b)!.split('.').every((o) => Number(o) <= 255)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('json columns: any JSON document stays valid JSON with the same keys', () => {
    const f = bind({ transformer: 'json', paths: { '$..name': 'full-name', '$..*': 'keep', '$.a[*]': 'email', '$..n': 'noise' } }, { type: { raw: 'jsonb', kind: 'json' } });
    const g = bind({ transformer: 'json', paths: { '$..*': { transformer: 'mask', keepFirst: 1 } } }, { type: { raw: 'json', kind: 'json' } });
    fc.assert(
      fc.property(fc.json(), (doc) => {
        const a = f(doc)!;
        const b = g(doc)!;
        const keys = (x: unknown): unknown => (Array.isArray(x) ? x.map(keys) : x && typeof x === 'object' ? Object.keys(x) : typeof x);
        expect(keys(JSON.parse(a))).toEqual(keys(JSON.parse(doc)));
        JSON.parse(b);
      }),
      { numRuns: 500 },
    );
  });

  it('array columns: a valid literal with the same number of elements', () => {
    const f = bind({ transformer: 'array', element: 'email' }, { type: { raw: 'text[]', kind: 'array', element: { raw: 'text', kind: 'text' } } });
    const element = fc.oneof(anyText, fc.constant(null));
    fc.assert(
      fc.property(fc.array(element, { maxLength: 6 }), (items) => {
        const clean = items.map((x) => (x === null ? null : x.toWellFormed()));
        const literal = `{${clean.map((x) => (x === null ? 'NULL' : `"${x.replace(/["\\]/g, '\\$&')}"`)).join(',')}}`;
        const out = f(literal)!;
        const seen: (string | null)[] = [];
        mapArray(out, (e) => (seen.push(e), e));
        expect(seen.length).toBe(clean.length);
        seen.forEach((e, i) => expect(e === null).toBe(clean[i] === null));
      }),
      { numRuns: 300 },
    );
  });
});

describe('keyed determinism', () => {
  const everything = TRANSFORMERS.map((t) => t.name).filter((n) => !['choice', 'regex-replace', 'template', 'json', 'php-serialized', 'array', 'switch', 'fixed'].includes(n));

  it('same secret + input → same output, across fresh bindings', () => {
    for (const name of everything) {
      const a = bind(name, { secret: 's1' });
      const b = bind(name, { secret: 's1' });
      fc.assert(
        fc.property(anyText, (v) => {
          expect(b(v), `${name} ${JSON.stringify(v)}`).toBe(a(v));
        }),
        { numRuns: 50 },
      );
    }
  });

  it('a different secret → a different output', () => {
    // Transformers with ≥ 85 keyed bits differ for every input; the others differ for most inputs.
    for (const name of ['email', 'username', 'uuid', 'hash']) {
      const a = bind(name, { secret: 's1' });
      const b = bind(name, { secret: 's2' });
      fc.assert(
        fc.property(anyText, (v) => {
          expect(b(v), `${name} ${JSON.stringify(v)}`).not.toBe(a(v));
        }),
        { numRuns: 200 },
      );
    }
    for (const name of everything.filter((n) => !['null', 'keep', 'mask'].includes(n))) {
      const a = bind(name, { secret: 's1' });
      const b = bind(name, { secret: 's2' });
      const sample = ['Jane Doe', 'jane@acme.io', '+1 (415) 555-0132', '4111 1111 1111 1111', 'DE89 3704 0044 0532 0130 00', '192.168.1.20', '2001:db8::1', '00:1A:2B:3C:4D:5E', '1984-07-12', '48.858370', '1250.00', '48213', 'https://acme.io/u/1234', 'AB-1234-x', 'Call me after 6pm please, thanks.'];
      // only the inputs the transformer rewrites (noise keeps non-numbers, date-shift non-dates)
      const rewritten = sample.filter((v) => a(v) !== v || b(v) !== v);
      const differ = rewritten.filter((v) => a(v) !== b(v)).length;
      expect(rewritten.length, name).toBeGreaterThan(0);
      expect(differ, name).toBeGreaterThanOrEqual(rewritten.length / 2);
    }
  });
});
