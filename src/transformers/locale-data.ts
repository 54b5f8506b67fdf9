import type { LocaleDefinition } from '@faker-js/faker';
import { fakerFor } from '../seed/faker.js';
import { Rng } from '../seed/rng.js';
import { asciiSlug } from './text-fit.js';

/**
 * Direct access to Faker's locale definitions, for the hot paths (names, emails, usernames): picking
 * from a precomputed array with our Rng is several times faster than going through Faker's helpers.
 * Locales must be loaded first (seed/faker.ts loadLocales; mask.prepare() does it for a rules file);
 * each loaded locale's definitions already fall back to its parent locale, en and base.
 */
const probe = new Rng();

export function definitions(locale: string): LocaleDefinition {
  return fakerFor(probe, locale).rawDefinitions as LocaleDefinition;
}

/** The definition `get` finds in the locale (non-empty), else in en. */
export function lookup<T>(locale: string, get: (d: LocaleDefinition) => T | undefined | null): T | undefined {
  for (const name of locale === 'en' ? ['en'] : [locale, 'en']) {
    const v = get(definitions(name));
    if (v !== undefined && v !== null && (!Array.isArray(v) || v.length > 0)) return v;
  }
  return undefined;
}

export interface NameSet {
  first: readonly string[];
  last: readonly string[];
  /** Lower-case ASCII forms for emails/usernames (Latin fallback for non-Latin scripts). */
  firstSlug: readonly string[];
  lastSlug: readonly string[];
}

interface SexedList {
  generic?: readonly string[];
  female?: readonly string[];
  male?: readonly string[];
}

const personCache = new Map<string, NameSet[]>();

/** Name sets of a locale: one per sex where the locale distinguishes (so first and last agree), else one. */
export function nameSets(locale: string): NameSet[] {
  let sets = personCache.get(locale);
  if (sets) return sets;
  const first = lookup(locale, (d) => d.person?.first_name as SexedList | undefined) ?? {};
  const last = lookup(locale, (d) => d.person?.last_name as SexedList | undefined) ?? {};
  const fallback = locale === 'en' ? undefined : nameSets('en')[0];
  const make = (f: readonly string[], l: readonly string[]): NameSet => ({
    first: f,
    last: l,
    firstSlug: slugs(f, fallback?.firstSlug),
    lastSlug: slugs(l, fallback?.lastSlug),
  });
  const all = (s: SexedList): string[] => [...(s.generic ?? []), ...(s.female ?? []), ...(s.male ?? [])];
  if (first.female?.length && first.male?.length) {
    sets = [
      make(first.female, last.female?.length ? last.female : last.generic?.length ? last.generic : all(last)),
      make(first.male, last.male?.length ? last.male : last.generic?.length ? last.generic : all(last)),
    ];
  } else {
    sets = [make(first.generic?.length ? first.generic : all(first), last.generic?.length ? last.generic : all(last))];
  }
  if (sets.some((s) => s.first.length === 0 || s.last.length === 0)) sets = nameSets('en');
  personCache.set(locale, sets);
  return sets;
}

function slugs(names: readonly string[], fallback: readonly string[] | undefined): string[] {
  return names.map((n, i) => {
    const s = asciiSlug(n);
    if (s.length > 0 || !fallback) return s || 'user';
    return fallback[i % fallback.length];
  });
}

/** Pick a name set, then a first and last index, from the value's Rng. */
export function pickName(rng: Rng, sets: NameSet[]): { set: NameSet; f: number; l: number } {
  const set = sets.length === 1 ? sets[0] : sets[rng.int(sets.length)];
  return { set, f: rng.int(set.first.length), l: rng.int(set.last.length) };
}

/** A flat list of strings from the locale (e.g. location.city_name), or undefined. */
export function list(locale: string, get: (d: LocaleDefinition) => unknown): readonly string[] | undefined {
  const v = lookup(locale, (d) => {
    const x = get(d);
    return Array.isArray(x) && x.length > 0 && typeof x[0] === 'string' ? (x as string[]) : undefined;
  });
  return v;
}
