import type { Faker } from '@faker-js/faker';
import type { Rng } from '../seed/rng.js';
import { lookup } from './locale-data.js';

/**
 * A small compiler for Faker's locale patterns ("{{location.buildingNumber}} {{location.street}}",
 * "#####-####"): each pattern becomes a function of our Rng that picks from the definition arrays
 * directly. Faker's own helpers.fake() resolves patterns per call and ran at ~0.1 M values/s for
 * street addresses; compiled, they run many times faster. References this compiler does not know
 * (e.g. {{number.int(...)}}) fall back to Faker itself, still driven by the same keyed Rng.
 */
export type Gen = (rng: Rng, faker: () => Faker) => string;

const cache = new Map<string, Gen>();

/** Definition keys that certain Faker method references stand for. */
const METHOD_KEYS: Record<string, string> = {
  'location.street': 'location.street_pattern',
  'location.city': 'location.city_pattern',
  'location.streetAddress': 'location.street_address.normal',
  'location.zipCode': 'location.postcode',
};

/** Leaves whose '#', '?' and '*' are symbols (digits, letters, either), as Faker treats them. */
const SYMBOL_KEYS = new Set(['building_number', 'postcode', 'secondary_address', 'street_address', 'postcode_by_state']);

/** A generator for one definition reference, e.g. "location.street_pattern" or "person.firstName". */
export function gen(locale: string, ref: string): Gen {
  const key = `${locale}\u0000${ref}`;
  let g = cache.get(key);
  if (!g) {
    g = build(locale, ref, 0);
    cache.set(key, g);
  }
  return g;
}

function snake(s: string): string {
  return s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

function build(locale: string, ref: string, depth: number): Gen {
  const mapped = METHOD_KEYS[ref] ?? ref;
  const parts = mapped.split('.').map(snake);
  const leaf = parts[parts.length - 1];
  const def = lookup(locale, (d) => {
    let v: unknown = d;
    for (const p of parts) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[p] : undefined;
    return v ?? undefined;
  });
  const symbols = SYMBOL_KEYS.has(leaf) || SYMBOL_KEYS.has(parts[parts.length - 2] ?? '');
  const g = depth > 8 || def === undefined ? undefined : fromDefinition(locale, def, symbols, depth);
  if (g) return g;
  const token = `{{${ref}}}`;
  return (_rng, faker) => faker().helpers.fake(token);
}

function fromDefinition(locale: string, def: unknown, symbols: boolean, depth: number): Gen | undefined {
  if (typeof def === 'string') return compile(locale, def, symbols, depth);
  if (Array.isArray(def)) {
    if (def.length === 0) return undefined;
    if (typeof def[0] === 'string') {
      const items = def as string[];
      if (!symbols && !items.some((s) => s.includes('{{'))) return (rng) => items[rng.int(items.length)];
      const gens = items.map((s) => compile(locale, s, symbols, depth));
      return (rng, f) => gens[rng.int(gens.length)](rng, f);
    }
    if (typeof def[0] === 'object' && def[0] !== null && 'weight' in def[0]) {
      const items = def as { value: string; weight: number }[];
      const gens = items.map((w) => compile(locale, w.value, symbols, depth));
      const total = items.reduce((a, w) => a + w.weight, 0);
      return (rng, f) => {
        let x = rng.next() * total;
        for (let i = 0; i < items.length; i++) {
          x -= items[i].weight;
          if (x < 0) return gens[i](rng, f);
        }
        return gens[gens.length - 1](rng, f);
      };
    }
    return undefined;
  }
  if (typeof def === 'object' && def !== null) {
    const o = def as Record<string, unknown>;
    // Sexed lists: {generic, female, male}; pick generic when present, else one of the others.
    const lists = ['generic', 'female', 'male'].map((k) => o[k]).filter((v) => Array.isArray(v) && v.length > 0);
    if (lists.length > 0) {
      const chosen = Array.isArray(o.generic) && o.generic.length > 1 ? [o.generic] : lists;
      const gens = chosen.map((l) => fromDefinition(locale, l, symbols, depth + 1)).filter((x): x is Gen => x !== undefined);
      if (gens.length === 0) return undefined;
      return gens.length === 1 ? gens[0] : (rng, f) => gens[rng.int(gens.length)](rng, f);
    }
    if (typeof o.normal === 'string') return compile(locale, o.normal, symbols, depth);
  }
  return undefined;
}

/** Compile a pattern string: literal text, {{references}} and (for symbol keys) #, ? and *. */
function compile(locale: string, pattern: string, symbols: boolean, depth: number): Gen {
  const pieces: (string | Gen)[] = [];
  let last = 0;
  for (;;) {
    const open = pattern.indexOf('{{', last);
    const close = open < 0 ? -1 : pattern.indexOf('}}', open + 2);
    if (close < 0) break;
    // "{{number.int({...})}}": the reference ends at the first "}}" after a balanced argument list
    let end = close;
    const paren = pattern.indexOf('(', open);
    if (paren >= 0 && paren < close) {
      const rp = pattern.indexOf(')}}', paren);
      if (rp >= 0) end = rp + 1;
    }
    if (open > last) pieces.push(...literal(pattern.slice(last, open), symbols));
    const ref = pattern.slice(open + 2, end).trim();
    pieces.push(/^[A-Za-z_]+(\.[A-Za-z_]+)+$/.test(ref) ? lazy(locale, ref, depth + 1) : fallback(`{{${ref}}}`));
    last = end + 2;
  }
  if (last < pattern.length) pieces.push(...literal(pattern.slice(last), symbols));
  if (pieces.length === 1 && typeof pieces[0] === 'string') {
    const s = pieces[0];
    return () => s;
  }
  return (rng, f) => {
    let out = '';
    for (const p of pieces) out += typeof p === 'string' ? p : p(rng, f);
    return out;
  };
}

function lazy(locale: string, ref: string, depth: number): Gen {
  let g: Gen | undefined;
  return (rng, f) => (g ??= build(locale, ref, depth))(rng, f);
}

function fallback(token: string): Gen {
  return (_rng, faker) => faker().helpers.fake(token);
}

const DIGITS = '0123456789';
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

function literal(text: string, symbols: boolean): (string | Gen)[] {
  if (!symbols || !/[#?*]/.test(text)) return [text];
  const out: (string | Gen)[] = [];
  let run = '';
  for (const ch of text) {
    if (ch === '#' || ch === '?' || ch === '*') {
      if (run) out.push(run);
      run = '';
      out.push(
        ch === '#'
          ? (rng) => DIGITS[rng.int(10)]
          : ch === '?'
            ? (rng) => LETTERS[rng.int(26)]
            : (rng) => (rng.int(2) === 0 ? DIGITS[rng.int(10)] : LETTERS[rng.int(26)]),
      );
    } else run += ch;
  }
  if (run) out.push(run);
  return out;
}
