import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Rng } from '../../src/seed/rng.js';
import { fakerFor, loadLocales } from '../../src/seed/faker.js';
import { gen, genBytes } from '../../src/transformers/pattern.js';

/**
 * A compiled locale pattern's byte form writes exactly the UTF-8 of its string form from the same
 * keyed bits, or says it cannot (-1: a reference only Faker resolves, or no room).
 */
const LOCALES = ['en', 'de', 'fr', 'ja', 'ko', 'pl', 'it', 'es', 'pt_BR', 'ru', 'zh_CN', 'en_GB', 'nl'];
const REFS = ['location.street_address.normal', 'location.street_address.full', 'location.city_pattern', 'location.postcode', 'location.street_pattern'];

describe('pattern byte form = string form', () => {
  beforeAll(async () => {
    await loadLocales(LOCALES);
  });

  for (const locale of LOCALES) {
    it(`${locale}: every pattern, any keyed bits`, () => {
      const rng = new Rng();
      // Faker calls next() detached from its object (as bind.ts gives it a bound view)
      const randomizer = { next: () => rng.next(), seed: (x: number | number[]) => rng.seed(x) } as unknown as Rng;
      const faker = () => fakerFor(randomizer, locale);
      const out = new Uint8Array(512);
      let served = 0;
      fc.assert(
        fc.property(fc.uint32Array({ minLength: 4, maxLength: 4 }), fc.constantFrom(...REFS), (bits, ref) => {
          const b = genBytes(locale, ref);
          if (b === undefined) return; // no byte form at all (see the next test)
          const n = b(rng.reset(bits), out, 0);
          const s = gen(locale, ref)(rng.reset(bits), faker);
          if (n < 0) return;
          served++;
          expect(Buffer.from(out.subarray(0, n)).toString('utf8')).toBe(s);
          // in a buffer one byte short it cannot
          if (n > 0) expect(b(rng.reset(bits), new Uint8Array(n - 1), 0)).toBe(-1);
        }),
        { numRuns: 300 },
      );
      expect(served, 'the byte form served some patterns').toBeGreaterThan(0);
    });
  }

  it('has no byte form where every draw needs Faker, and one wherever a draw can do without', () => {
    // ja streets are "{{location.city}}{{number.int(…)}}"-like on every branch: only Faker resolves them
    expect(genBytes('ja', 'location.street_pattern')).toBeUndefined();
    expect(genBytes('ja', 'location.street_address.full')).toBeUndefined();
    expect(genBytes('ja', 'location.postcode')).toBeDefined();
    for (const ref of REFS) expect(genBytes('en', ref), ref).toBeDefined();
  });
});
