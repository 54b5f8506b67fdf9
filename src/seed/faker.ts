import { Faker, allLocales, base, en, type LocaleDefinition } from '@faker-js/faker';
import type { Rng } from './rng.js';

/**
 * Private Faker instances driven by our keyed Rng (never faker.seed() per value).
 * One instance per (rng, locale); the Rng is re-seeded per value by the caller before each use.
 */
const cache = new WeakMap<Rng, Map<string, Faker>>();

export const DEFAULT_LOCALE = 'en';

export function isKnownLocale(locale: string): boolean {
  return Object.prototype.hasOwnProperty.call(allLocales, locale);
}

export function knownLocales(): string[] {
  return Object.keys(allLocales);
}

export function fakerFor(rng: Rng, locale: string = DEFAULT_LOCALE): Faker {
  let byLocale = cache.get(rng);
  if (!byLocale) {
    byLocale = new Map();
    cache.set(rng, byLocale);
  }
  let f = byLocale.get(locale);
  if (!f) {
    const def = (allLocales as Record<string, LocaleDefinition>)[locale];
    if (!def) throw new RangeError(`unknown faker locale ${locale}`);
    f = new Faker({ locale: locale === 'en' ? [en, base] : [def, en, base], randomizer: rng });
    byLocale.set(locale, f);
  }
  return f;
}
