import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ColumnInfo } from '../../src/model.js';
import { validateColumnRule } from '../../src/rules/load.js';
import { Keyring } from '../../src/seed/keyring.js';
import { loadLocales } from '../../src/seed/faker.js';
import { bindRule, type BoundRule } from '../../src/transformers/bind.js';
import { TRANSFORMERS } from '../../src/transformers/registry.js';
import { NO_ROW } from '../unit/transformers/helpers.js';

/**
 * The byte path (a transformer's ByteFn, used by the plan for fields it can read as raw UTF-8) must
 * write exactly the UTF-8 of what the string path returns, or decline (-1): same fake, every input.
 */
function bound(spec: unknown, maxLength?: number, unique = false): BoundRule {
  const rule = validateColumnRule('col', spec, '$.x', (p, m) => {
    throw new Error(`${p}: ${m}`);
  })!;
  const column: ColumnInfo = { name: 'col', type: maxLength === undefined ? undefined : { raw: `varchar(${maxLength})`, kind: 'text', maxLength }, unique };
  return bindRule(rule, column, { keyring: new Keyring('byte-path'), dialect: 'postgres', table: { schema: 'public', name: 't' } });
}

const JSON_PATHS = {
  '$.email': 'email',
  '$.phone': 'phone',
  '$.address.city': 'city',
  '$.address.zip': 'zip',
  '$.n': { transformer: 'fixed', value: 'x"\\y' },
  '$.tags[*]': 'null',
  '$..deep': 'first-name',
};

const CASES: { name: string; spec: unknown; max?: number; unique?: boolean; json?: boolean; ip?: boolean; prose?: boolean; card?: boolean; date?: boolean }[] = [
  { name: 'email', spec: 'email' },
  { name: 'email, narrow column', spec: 'email', max: 42 },
  { name: 'email, own domain', spec: { transformer: 'email', domain: 'staging.acme.test' } },
  { name: 'email, de', spec: { transformer: 'email', locale: 'de' } },
  { name: 'email, ja', spec: { transformer: 'email', locale: 'ja' } },
  { name: 'first-name', spec: 'first-name' },
  { name: 'first-name, de, varchar(5)', spec: { transformer: 'first-name', locale: 'de' }, max: 5 },
  { name: 'last-name, fr', spec: { transformer: 'last-name', locale: 'fr' } },
  { name: 'last-name, varchar(4)', spec: 'last-name', max: 4 },
  { name: 'full-name', spec: 'full-name' },
  { name: 'full-name, ja', spec: { transformer: 'full-name', locale: 'ja' } },
  { name: 'full-name, ko, varchar(3)', spec: { transformer: 'full-name', locale: 'ko' }, max: 3 },
  { name: 'full-name, varchar(9)', spec: 'full-name', max: 9 },
  { name: 'phone', spec: 'phone' },
  { name: 'phone, unique', spec: 'phone', unique: true },
  { name: 'phone, no country code', spec: { transformer: 'phone', keepCountryCode: false } },
  { name: 'phone, format', spec: { transformer: 'phone', format: '+44 #### ######' } },
  { name: 'phone, varchar(12)', spec: 'phone', max: 12 },
  { name: 'mask', spec: 'mask' },
  { name: 'mask keepLast', spec: { transformer: 'mask', keepLast: 4 } },
  { name: 'mask keepFirst/keepLast #', spec: { transformer: 'mask', keepFirst: 2, keepLast: 3, char: '#' }, max: 10 },
  { name: 'hash', spec: 'hash' },
  { name: 'hash 22', spec: { transformer: 'hash', length: 22 } },
  { name: 'hash, varchar(9)', spec: 'hash', max: 9 },
  { name: 'ipv4', spec: 'ipv4', ip: true },
  { name: 'ipv4 keepPrefix 16', spec: { transformer: 'ipv4', keepPrefix: 16 }, ip: true },
  { name: 'ipv4, varchar(13)', spec: 'ipv4', max: 13, ip: true },
  { name: 'ipv6 (IPv4 inputs stay IPv4)', spec: 'ipv6', ip: true },
  { name: 'ipv6 keepPrefix 48', spec: { transformer: 'ipv6', keepPrefix: 48 }, ip: true },
  { name: 'ipv6, varchar(20)', spec: 'ipv6', max: 20, ip: true },
  { name: 'street-address', spec: 'street-address' },
  { name: 'street-address, ja, secondary', spec: { transformer: 'street-address', locale: 'ja', secondary: true } },
  { name: 'street-address, varchar(8)', spec: 'street-address', max: 8 },
  { name: 'city', spec: 'city' },
  { name: 'city, de, varchar(6)', spec: { transformer: 'city', locale: 'de' }, max: 6 },
  { name: 'zip', spec: 'zip' },
  { name: 'zip, varchar(5)', spec: 'zip', max: 5 },
  { name: 'zip, ja', spec: { transformer: 'zip', locale: 'ja' } },
  { name: 'credit-card', spec: 'credit-card', card: true },
  { name: 'credit-card keepLast4, not the issuer', spec: { transformer: 'credit-card', keepLast4: true, keepIssuer: false }, card: true },
  { name: 'credit-card, varchar(16)', spec: 'credit-card', max: 16, card: true },
  { name: 'date-of-birth', spec: 'date-of-birth', date: true },
  { name: 'date-of-birth, band', spec: { transformer: 'date-of-birth', keep: 'band', bandYears: 10 }, date: true },
  { name: 'date-of-birth, none', spec: { transformer: 'date-of-birth', keep: 'none', minYear: 1, maxYear: 9999 }, date: true },
  { name: 'date-of-birth, varchar(10)', spec: 'date-of-birth', max: 10, date: true },
  { name: 'text', spec: 'text', prose: true },
  { name: 'text, varchar(12)', spec: 'text', max: 12, prose: true },
  { name: 'text maxLength 30', spec: { transformer: 'text', maxLength: 30 }, prose: true },
  { name: 'json', spec: { transformer: 'json', paths: JSON_PATHS, onInvalid: 'keep' }, json: true },
  { name: 'json, hash into a short scratch', spec: { transformer: 'json', paths: { '$.*': 'hash', '$[*]': 'hash' }, onInvalid: 'keep' }, json: true },
  { name: 'json, root', spec: { transformer: 'json', paths: { $: 'email' }, onInvalid: 'keep' }, json: true },
];

const phoneLike = fc
  .array(fc.constantFrom('0', '1', '2', '5', '9', ' ', '-', '(', ')', '+', '.', '/', 'x'), { minLength: 0, maxLength: 24 })
  .map((a) => a.join(''));
const anyText = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 20 }), phoneLike, fc.emailAddress());
/** JSON documents shaped like the paths above (keys, escapes, odd spacing), any JSON, and broken JSON. */
const jsonLeaf = fc.oneof(anyText, fc.integer(), fc.boolean(), fc.constant(null), fc.constant(''));
const jsonDoc = fc
  .record(
    {
      email: jsonLeaf,
      phone: fc.oneof(phoneLike, jsonLeaf),
      address: fc.oneof(fc.record({ city: jsonLeaf, zip: jsonLeaf, street: anyText }, { requiredKeys: [] }), jsonLeaf),
      n: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })),
      tags: fc.array(jsonLeaf, { maxLength: 4 }),
      x: fc.record({ deep: jsonLeaf, y: fc.array(fc.record({ deep: anyText }), { maxLength: 2 }) }),
    },
    { requiredKeys: [] },
  )
  .chain((o) => fc.constantFrom(JSON.stringify(o), JSON.stringify(o, null, 1), JSON.stringify(o).replace(/,/g, ' ,\t')));
const ipText = fc.oneof(
  fc.ipV4(),
  fc.ipV4Extended(),
  fc.ipV6(),
  fc.tuple(fc.ipV4(), fc.constantFrom(' ', '/24', '/33', '%x', '.1', '0')).map(([a, b]) => (b === ' ' ? ` ${a}` : a + b)),
  fc.array(fc.constantFrom('0', '1', '2', '5', '9', '.', '25'), { maxLength: 16 }).map((a) => a.join('')),
  // IPv6-like text: "::" runs, dotted tails, upper case, too many or too long groups
  fc.array(fc.constantFrom('0', '1', 'a', 'F', 'ffff', '00000', ':', '::', '.', '1.2.3.4', '255.255.255.255'), { maxLength: 12 }).map((a) => a.join('')),
  anyText,
);
const cardText = fc.oneof(
  fc.array(fc.constantFrom('0', '1', '4', '5', '7', '9'), { minLength: 10, maxLength: 21 }).map((a) => a.join('')),
  fc.array(fc.oneof(fc.constantFrom('0', '3', '4', '8', '9'), fc.constantFrom(' ', '-', 'é', 'x')), { minLength: 10, maxLength: 26 }).map((a) => a.join('')),
  phoneLike,
  anyText,
);
const dateText = fc.oneof(
  fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 })).map(([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
  fc.constantFrom('2024-02-29', '2023-02-29', '1900-02-29', '2000-02-29', '0000-00-00', '1984-07-12 10:22:33', '12345-01-01', '1984-7-12', '1984/07/12', 'x984-07-12'),
  anyText,
);
const proseText = fc.oneof(
  fc.lorem({ maxCount: 40 }),
  fc.string({ unit: fc.constantFrom('a', 'bc', ' ', '\n', '.', 'é', '😀', '\t', 'Z', '\u00a0', ', ', 'word '), maxLength: 200 }),
  anyText,
);
const jsonText = fc.oneof(jsonDoc, jsonDoc, fc.json(), jsonDoc.map((d) => d.slice(0, -1)), jsonDoc.map((d) => `${d} x`));

describe('byte path = string path', () => {
  it('loads the locales the cases use', async () => {
    await loadLocales(['en', 'de', 'fr', 'ja', 'ko']);
  });

  for (const c of CASES) {
    it(`${c.name}: the same fake (UTF-8) or a decline`, () => {
      const b = bound(c.spec, c.max, c.unique);
      expect(b.applyBytes, 'this case has a byte path').toBeDefined();
      const out = new Uint8Array(4096);
      // one source buffer, written again for every value, as a codec's scratch or a worker's batch slot is
      let shared = Buffer.alloc(4096);
      let served = 0;
      fc.assert(
        fc.property(c.json ? jsonText : c.ip ? ipText : c.prose ? proseText : c.card ? cardText : c.date ? dateText : anyText, (value) => {
          if (value === '') return;
          const bytes = Buffer.from(value, 'utf8');
          if (bytes.toString('utf8') !== value) return; // lone surrogates are not a dump's UTF-8
          if (shared.length < bytes.length + 4) shared = Buffer.alloc(bytes.length + 4);
          shared.fill(0x78);
          bytes.copy(shared, 2);
          shared.write('yy', 2 + bytes.length);
          const src = shared.subarray(0, bytes.length + 4);
          const n = b.applyBytes!(src, 2, 2 + bytes.length, out);
          const expected = b.apply(value, NO_ROW);
          if (n < 0) return;
          served++;
          expect(Buffer.from(out.subarray(0, n)).toString('utf8')).toBe(expected);
          if (c.json) {
            // and so in a scratch just big enough (or one byte short: a decline)
            const tight = new Uint8Array(n);
            expect(b.applyBytes!(src, 2, 2 + bytes.length, tight)).toBe(n);
            expect(Buffer.from(tight).toString('utf8')).toBe(expected);
            if (n > 0) expect(b.applyBytes!(src, 2, 2 + bytes.length, new Uint8Array(n - 1))).toBe(-1);
          }
        }),
        { numRuns: 400 },
      );
      expect(served, 'the byte path served some inputs').toBeGreaterThan(0);
    });
  }

  it('json: documents read from one buffer written again each time match as their text does (short keys of equal length)', () => {
    const b = bound({ transformer: 'json', paths: { '$.ip': 'hash', '$.a': 'null', '$.ab.b': { transformer: 'fixed', value: 'F' } }, onInvalid: 'keep' });
    const out = new Uint8Array(4096);
    const shared = Buffer.alloc(1024);
    const key = fc.constantFrom('a', 'b', 'ab', 'ba', 'ip', 'ua', 'zz');
    const leaf = fc.oneof(fc.constantFrom('1.2.3.4', 'x', ''), fc.integer());
    const inner = fc.dictionary(key, leaf, { maxKeys: 3 });
    const doc = fc.dictionary(key, fc.oneof(leaf, inner), { minKeys: 1, maxKeys: 6 }).map((o) => JSON.stringify(o));
    fc.assert(
      fc.property(fc.array(fc.tuple(doc, fc.nat(8)), { minLength: 2, maxLength: 12 }), (docs) => {
        for (const [text, at] of docs) {
          shared.fill(0x20);
          const n = shared.write(text, at);
          const m = b.applyBytes!(shared, at, at + n, out);
          expect(m).toBeGreaterThanOrEqual(0);
          expect(Buffer.from(out.subarray(0, m)).toString('utf8')).toBe(b.apply(text, NO_ROW));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('every transformer with a byte path is covered above', () => {
    const covered = new Set(CASES.map((c) => (typeof c.spec === 'string' ? c.spec : (c.spec as { transformer: string }).transformer)));
    const withBytes = TRANSFORMERS.filter((t) => {
      try {
        return bound(t.name).applyBytes !== undefined;
      } catch {
        return false; // needs params: its cases would be listed by hand
      }
    }).map((t) => t.name);
    expect(withBytes.filter((n) => !covered.has(n))).toEqual([]);
  });
});
