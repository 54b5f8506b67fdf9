import type { Faker, LocaleDefinition } from '@faker-js/faker';
import { faker as fakerEn } from '@faker-js/faker/locale/en';
import type { Rng } from './rng.js';

/**
 * Private Faker instances driven by our keyed Rng (never faker.seed() per value).
 *
 * Only the locales a rules file uses are loaded (loadLocales, before the dump is read): importing
 * faker's main entry loads all ~80 locales (measured: +38 MB RSS and +0.45 s start-up).
 */
const FakerClass = fakerEn.constructor as new (opts: { locale: LocaleDefinition | LocaleDefinition[]; randomizer: Rng }) => Faker;

export const DEFAULT_LOCALE = 'en';

/** The locales of the pinned @faker-js/faker version (a test checks this list against faker's own). */
export const LOCALES: readonly string[] = [
  'af_ZA', 'ar', 'az', 'base', 'bn_BD', 'cs_CZ', 'cy', 'da', 'de', 'de_AT', 'de_CH', 'dv', 'el', 'en', 'en_AU',
  'en_AU_ocker', 'en_BORK', 'en_CA', 'en_GB', 'en_GH', 'en_HK', 'en_IE', 'en_IN', 'en_NG', 'en_NP', 'en_US', 'en_ZA',
  'eo', 'es', 'es_MX', 'fa', 'fi', 'fr', 'fr_BE', 'fr_CA', 'fr_CH', 'fr_LU', 'fr_SN', 'he', 'hr', 'hu', 'hy', 'id_ID',
  'it', 'ja', 'ka_GE', 'ko', 'ku_ckb', 'ku_kmr_latin', 'lv', 'mk', 'mn_MN_cyrl', 'nb_NO', 'ne', 'nl', 'nl_BE', 'pl',
  'pt_BR', 'pt_PT', 'ro', 'ro_MD', 'ru', 'sk', 'sl_SI', 'sr_RS_latin', 'sv', 'ta_IN', 'th', 'tr', 'uk', 'ur',
  'uz_UZ_latin', 'vi', 'yo_NG', 'zh_CN', 'zh_TW', 'zu_ZA',
];

const definitions = new Map<string, LocaleDefinition>([[DEFAULT_LOCALE, fakerEn.rawDefinitions as LocaleDefinition]]);
const cache = new WeakMap<Rng, Map<string, Faker>>();

export function isKnownLocale(locale: string): boolean {
  return LOCALES.includes(locale);
}

export function knownLocales(): string[] {
  return [...LOCALES];
}

/** Load locale data (each locale's definitions already fall back to en and base). */
export async function loadLocales(locales: Iterable<string>): Promise<void> {
  for (const locale of locales) {
    if (definitions.has(locale) || !isKnownLocale(locale)) continue;
    const mod = (await import(`@faker-js/faker/locale/${locale}`)) as { faker: Faker };
    definitions.set(locale, mod.faker.rawDefinitions as LocaleDefinition);
  }
}

export function fakerFor(rng: Rng, locale: string = DEFAULT_LOCALE): Faker {
  let byLocale = cache.get(rng);
  if (!byLocale) {
    byLocale = new Map();
    cache.set(rng, byLocale);
  }
  let f = byLocale.get(locale);
  if (!f) {
    const def = definitions.get(locale);
    if (!def) throw new RangeError(`faker locale ${locale} is not loaded (call loadLocales first)`);
    f = new FakerClass({ locale: def, randomizer: rng });
    byLocale.set(locale, f);
  }
  return f;
}
