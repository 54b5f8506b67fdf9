import { isIP } from 'node:net';
import { describeKind, piiKindOfKey } from './pii-names.js';
import type { PiiGuess, PiiKind } from './pii-kinds.js';

/** Kinds recognised from a value alone. */
type ValueKind = 'email' | 'phone' | 'card' | 'iban' | 'ip' | 'mac' | 'birth-date';

const EMAIL = /^[^\s@,;<>()"']{1,64}@[^\s@,;<>()"']+\.[^\s@,;<>()"'.]{2,}$/u;
const EMAIL_IN = /[^\s@,;<>()"']{1,64}@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/u;
const PHONE = /^\+?[\d\s().\-/]{7,22}$/;
const PHONE_IN = /(?:\+\d{1,3}[\s.-]?)?\(?\d{2,4}\)?[\s.-]\d{3,4}[\s.-]\d{3,4}/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[ T]00:00(?::00)?)?$/;
const MAC = /^(?:[0-9a-f]{2}[:-]){5}[0-9a-f]{2}$/i;
const IBAN = /^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/;

/** What one value looks like, if it looks like personal data. */
export function kindOfValue(v: string, thisYear = new Date().getUTCFullYear()): ValueKind | undefined {
  const s = v.trim();
  if (s.length < 3 || s.length > 320) return undefined;
  if (s.includes('@') && EMAIL.test(s)) return 'email';
  if (isIP(s) !== 0) return 'ip';
  if (MAC.test(s)) return 'mac';
  const date = DATE.exec(s);
  if (date) {
    const year = Number(date[1]);
    const month = Number(date[2]);
    return month >= 1 && month <= 12 && year >= thisYear - 110 && year <= thisYear - 12 ? 'birth-date' : undefined;
  }
  const compact = s.replace(/[\s-]/g, '');
  if (/^\d{13,19}$/.test(compact) && luhn(compact) && cardPrefix(compact)) return 'card';
  if (compact.length >= 15 && compact.length <= 34 && IBAN.test(compact) && ibanValid(compact)) return 'iban';
  if (PHONE.test(s)) {
    const digits = s.replace(/\D/g, '').length;
    const formatted = s.startsWith('+') || /[\s().\-/]/.test(s);
    if (digits >= 7 && digits <= 15 && formatted && !/^\d+\.\d+$/.test(s)) return 'phone';
  }
  return undefined;
}

export function luhn(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/** Issuer prefixes of the common card networks (a random Luhn-valid number is not a card). */
function cardPrefix(d: string): boolean {
  const two = Number(d.slice(0, 2));
  const four = Number(d.slice(0, 4));
  return d[0] === '4' || (two >= 51 && two <= 55) || (four >= 2221 && four <= 2720) || two === 34 || two === 37 || two === 35 || two === 36 || two === 30 || two === 38 || two === 39 || two === 62 || two === 65 || four === 6011;
}

/** ISO 13616: move the first four characters to the end, letters to numbers, mod 97 must be 1. */
export function ibanValid(iban: string): boolean {
  const moved = iban.slice(4) + iban.slice(0, 4);
  let rem = 0;
  for (const ch of moved) {
    const c = ch.charCodeAt(0);
    const v = c >= 65 ? c - 55 : c - 48;
    rem = v >= 10 ? (rem * 100 + v) % 97 : (rem * 10 + v) % 97;
  }
  return rem === 1;
}

const MAX_PATHS = 200;
const MAX_JSON = 256 * 1024;

interface PathStats {
  strings: number;
  kinds: Map<ValueKind, number>;
  /** PII kind from the key's name. */
  keyKind?: PiiKind;
}

/** One JSON path suggestion: `$.user.email` → email. */
export interface JsonPathGuess {
  path: string;
  kind: PiiKind;
  reason: string;
}

/**
 * What the sampled values of one column look like: counts per kind, bounded (no value is kept), and
 * for JSON documents the paths that hold personal data.
 */
export class ValueProfile {
  values = 0;
  private readonly kinds = new Map<ValueKind | 'free-text', number>();
  private jsonDocs = 0;
  private paths: Map<string, PathStats> | undefined;

  add(value: string): void {
    if (value.length === 0) return;
    this.values++;
    const c = value.charCodeAt(0);
    if ((c === 0x7b || c === 0x5b) && value.length <= MAX_JSON && this.addJson(value)) return;
    const k = kindOfValue(value);
    if (k) this.bump(k);
    else if (value.length > 20 && value.includes(' ') && (EMAIL_IN.test(value) || PHONE_IN.test(value))) this.bump('free-text');
  }

  private bump(k: ValueKind | 'free-text'): void {
    this.kinds.set(k, (this.kinds.get(k) ?? 0) + 1);
  }

  private addJson(text: string): boolean {
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch {
      return false;
    }
    if (doc === null || typeof doc !== 'object') return false;
    this.jsonDocs++;
    this.paths ??= new Map();
    this.walk(doc, '$', undefined, 0);
    return true;
  }

  private walk(v: unknown, path: string, key: string | undefined, depth: number): void {
    if (depth > 10) return;
    if (Array.isArray(v)) {
      for (const x of v.slice(0, 50)) this.walk(x, `${path}[*]`, key, depth + 1);
      return;
    }
    if (v !== null && typeof v === 'object') {
      const entries = Object.entries(v as Record<string, unknown>).slice(0, 200);
      // a bare "name" next to an email or phone is a person's name
      const personal = entries.some(([k]) => {
        const kk = piiKindOfKey(k);
        return kk === 'email' || kk === 'phone';
      });
      for (const [k, x] of entries) {
        const p = `${path}${/^[A-Za-z_][A-Za-z0-9_]*$/.test(k) ? `.${k}` : `[${JSON.stringify(k)}]`}`;
        this.walk(x, p, personal && (k === 'name' || k === 'Name') ? 'full_name' : k, depth + 1);
      }
      return;
    }
    if (v === null || typeof v === 'boolean') return;
    const paths = this.paths!;
    let st = paths.get(path);
    if (!st) {
      if (paths.size >= MAX_PATHS) return;
      st = { strings: 0, kinds: new Map(), keyKind: key !== undefined ? piiKindOfKey(key) : undefined };
      if (st.keyKind === 'free-text' || st.keyKind === 'json') st.keyKind = undefined;
      paths.set(path, st);
    }
    if (typeof v !== 'string') {
      if (typeof v === 'number' && st.keyKind !== undefined) st.strings++;
      return;
    }
    st.strings++;
    const k = kindOfValue(v);
    if (k) st.kinds.set(k, (st.kinds.get(k) ?? 0) + 1);
  }

  /** JSON paths that look personal, by key name or by their values. */
  jsonPaths(): JsonPathGuess[] {
    const out: JsonPathGuess[] = [];
    for (const [path, st] of this.paths ?? []) {
      if (st.strings === 0) continue;
      const byValue = majority(st.kinds, st.strings);
      if (byValue) out.push({ path, kind: byValue.kind, reason: `${byValue.n} of ${st.strings} sampled values at ${path} are ${describeKind(byValue.kind)}` });
      else if (st.keyKind) out.push({ path, kind: st.keyKind, reason: `the key at ${path} suggests ${describeKind(st.keyKind)}` });
    }
    return out;
  }

  /** The verdict over the sampled values, or undefined when nothing looks personal. */
  guess(): PiiGuess | undefined {
    if (this.values === 0) return undefined;
    if (this.jsonDocs * 2 >= this.values) {
      const paths = this.jsonPaths();
      if (paths.length === 0) return undefined;
      return { kind: 'json', by: 'values', reason: `sampled JSON documents hold personal data at ${paths.map((p) => p.path).join(', ')}` };
    }
    const m = majority(this.kinds, this.values);
    if (!m) return undefined;
    const what = m.kind === 'free-text' ? 'text containing email addresses or phone numbers' : describeKind(m.kind);
    return { kind: m.kind, by: 'values', reason: `${m.n} of ${this.values} sampled values are ${what}` };
  }
}

/** The kind most values have, when at least half of them (and at least 2, or the only one) do. */
function majority<K extends string>(kinds: Map<K, number>, total: number): { kind: K; n: number } | undefined {
  let best: K | undefined;
  let n = 0;
  for (const [k, c] of kinds) {
    if (c > n) {
      best = k;
      n = c;
    }
  }
  if (best === undefined) return undefined;
  // phone-like and date-like strings are common enough that a couple of values prove nothing
  if ((best === 'phone' || best === 'birth-date') && total < 3) return undefined;
  // free text counts if some values carry PII: notes rarely all do
  const needed = best === 'free-text' ? Math.max(1, Math.ceil(total * 0.05)) : Math.max(Math.min(2, total), Math.ceil(total * 0.5));
  return n >= needed ? { kind: best, n } : undefined;
}
