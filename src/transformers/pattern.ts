import type { Faker } from '@faker-js/faker';
import type { Rng } from '../seed/rng.js';
import { lookup } from './locale-data.js';
import { put, utf8Bytes } from './name-bytes.js';

/**
 * A small compiler for Faker's locale patterns ("{{location.buildingNumber}} {{location.street}}",
 * "#####-####"): each pattern becomes a function of our Rng that picks from the definition arrays
 * directly. Faker's own helpers.fake() resolves patterns per call and ran at ~0.1 M values/s for
 * street addresses; compiled, they run many times faster. References this compiler does not know
 * (e.g. {{number.int(...)}}) fall back to Faker itself, still driven by the same keyed Rng.
 */
export type Gen = (rng: Rng, faker: () => Faker) => string;

/**
 * The same pattern written as UTF-8 into out at n, drawing from the Rng exactly as the Gen does; the
 * new end, or -1 where it cannot (a reference only Faker resolves, or no room): the caller then takes
 * the Gen, on an Rng reset to the same bits.
 */
export type ByteGen = (rng: Rng, out: Uint8Array, n: number) => number;

/** A pattern's two forms, compiled together so they cannot drift apart. */
interface Pair {
  s: Gen;
  b: ByteGen;
  /** The byte form always returns -1 (a reference only Faker resolves on every branch). */
  readonly never?: boolean;
}

const cache = new Map<string, Pair>();

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
  return pair(locale, ref).s;
}

/** gen()'s pattern as a ByteGen; undefined when it could never write one (see Pair.never). */
export function genBytes(locale: string, ref: string): ByteGen | undefined {
  const p = pair(locale, ref);
  return p.never === true ? undefined : p.b;
}

function pair(locale: string, ref: string): Pair {
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

function build(locale: string, ref: string, depth: number): Pair {
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
  return g ?? fallback(`{{${ref}}}`);
}

function fromDefinition(locale: string, def: unknown, symbols: boolean, depth: number): Pair | undefined {
  if (typeof def === 'string') return compile(locale, def, symbols, depth);
  if (Array.isArray(def)) {
    if (def.length === 0) return undefined;
    if (typeof def[0] === 'string') {
      const items = def as string[];
      if (!symbols && !items.some((s) => s.includes('{{'))) {
        const bytes = items.map(utf8Bytes);
        return { s: (rng) => items[rng.int(items.length)], b: (rng, out, n) => putBytes(bytes[rng.int(bytes.length)], out, n) };
      }
      return pickOne(items.map((s) => compile(locale, s, symbols, depth)));
    }
    if (typeof def[0] === 'object' && def[0] !== null && 'weight' in def[0]) {
      const items = def as { value: string; weight: number }[];
      const gens = items.map((w) => compile(locale, w.value, symbols, depth));
      const weights = items.map((w) => w.weight);
      const total = weights.reduce((a, w) => a + w, 0);
      return {
        s: (rng, f) => gens[weighted(rng, weights, total)].s(rng, f),
        b: (rng, out, n) => gens[weighted(rng, weights, total)].b(rng, out, n),
        get never() {
          return gens.every((g) => g.never === true);
        },
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
      const gens = chosen.map((l) => fromDefinition(locale, l, symbols, depth + 1)).filter((x): x is Pair => x !== undefined);
      if (gens.length === 0) return undefined;
      return gens.length === 1 ? gens[0] : pickOne(gens);
    }
    if (typeof o.normal === 'string') return compile(locale, o.normal, symbols, depth);
  }
  return undefined;
}

/** One of `gens`, drawn (a draw even when there is one: the string form always made it). */
function pickOne(gens: Pair[]): Pair {
  return {
    s: (rng, f) => gens[rng.int(gens.length)].s(rng, f),
    b: (rng, out, n) => gens[rng.int(gens.length)].b(rng, out, n),
    get never() {
      return gens.every((g) => g.never === true);
    },
  };
}

/** The index a weighted draw lands on. */
function weighted(rng: Rng, weights: number[], total: number): number {
  let x = rng.next() * total;
  for (let i = 0; i < weights.length; i++) {
    x -= weights[i];
    if (x < 0) return i;
  }
  return weights.length - 1;
}

/** Compile a pattern string: literal text, {{references}} and (for symbol keys) #, ? and *. */
function compile(locale: string, pattern: string, symbols: boolean, depth: number): Pair {
  const pieces: (string | Pair)[] = [];
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
    const bytes = utf8Bytes(s);
    return { s: () => s, b: (_rng, out, n) => putBytes(bytes, out, n) };
  }
  const parts = pieces.map((p) => (typeof p === 'string' ? utf8Bytes(p) : p.b));
  return {
    s: (rng, f) => {
      let out = '';
      for (const p of pieces) out += typeof p === 'string' ? p : p.s(rng, f);
      return out;
    },
    b: (rng, out, n) => {
      for (let i = 0; i < parts.length && n >= 0; i++) {
        const p = parts[i];
        n = p instanceof Uint8Array ? putBytes(p, out, n) : p(rng, out, n);
      }
      return n;
    },
    get never() {
      return pieces.some((p) => typeof p !== 'string' && p.never === true);
    },
  };
}

function lazy(locale: string, ref: string, depth: number): Pair {
  let g: Pair | undefined;
  return {
    s: (rng, f) => (g ??= build(locale, ref, depth)).s(rng, f),
    b: (rng, out, n) => (g ??= build(locale, ref, depth)).b(rng, out, n),
    // asked once, when a transformer is made (builds the reference; depth bounds the recursion)
    get never() {
      return (g ??= build(locale, ref, depth)).never === true;
    },
  };
}

/** A reference only Faker resolves: no byte form. */
function fallback(token: string): Pair {
  return { s: (_rng, faker) => faker().helpers.fake(token), b: () => -1, never: true };
}

const DIGITS = '0123456789';
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

const DIGIT: Pair = { s: (rng) => DIGITS[rng.int(10)], b: (rng, out, n) => putByte(48 + rng.int(10), out, n) };
const LETTER: Pair = { s: (rng) => LETTERS[rng.int(26)], b: (rng, out, n) => putByte(65 + rng.int(26), out, n) };
const EITHER: Pair = {
  s: (rng) => (rng.int(2) === 0 ? DIGITS[rng.int(10)] : LETTERS[rng.int(26)]),
  b: (rng, out, n) => putByte(rng.int(2) === 0 ? 48 + rng.int(10) : 65 + rng.int(26), out, n),
};

function literal(text: string, symbols: boolean): (string | Pair)[] {
  if (!symbols || !/[#?*]/.test(text)) return [text];
  const out: (string | Pair)[] = [];
  let run = '';
  for (const ch of text) {
    if (ch === '#' || ch === '?' || ch === '*') {
      if (run) out.push(run);
      run = '';
      out.push(ch === '#' ? DIGIT : ch === '?' ? LETTER : EITHER);
    } else run += ch;
  }
  if (run) out.push(run);
  return out;
}

/** Copy src into out at n; the new end, or -1 without room (or after an earlier -1). */
function putBytes(src: Uint8Array, out: Uint8Array, n: number): number {
  return n < 0 || n + src.length > out.length ? -1 : put(src, out, n);
}

function putByte(c: number, out: Uint8Array, n: number): number {
  if (n < 0 || n >= out.length) return -1;
  out[n] = c;
  return n + 1;
}
