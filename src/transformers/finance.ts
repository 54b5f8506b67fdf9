import { commonParams, defineTransformer, z, type ByteFn, type ValueFn } from './define.js';
import { domainPermutation, type KeyedPermutation } from './fpe.js';
import { reshape } from './shape.js';
import type { Rng } from '../seed/rng.js';

/** Luhn: double every second digit from the right (the check digit is not doubled). */
const DOUBLE = [0, 2, 4, 6, 8, 1, 3, 5, 7, 9];
const UNDOUBLE = [0, 5, 1, 6, 2, 7, 3, 8, 4, 9]; // UNDOUBLE[DOUBLE[x]] === x

export function luhnValid(s: string): boolean {
  let sum = 0;
  let k = 0;
  for (let i = s.length - 1; i >= 0; i--) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) continue;
    const d = c - 48;
    sum += k++ & 1 ? DOUBLE[d] : d;
  }
  return k > 0 && sum % 10 === 0;
}

const digitsBuf = new Int32Array(64);
const radix10 = new Int32Array(64).fill(10);

/**
 * Card numbers: same length and separators, Luhn-valid, issuer prefix (first 6 digits) and last 4 kept
 * on request. The replaced digits are a keyed permutation, so distinct (valid) cards stay distinct.
 */
export const creditCard = defineTransformer({
  name: 'credit-card',
  cache: true,
  category: 'finance',
  summary: 'Luhn-valid card number of the same length and layout: 4111 1111 1111 1111 → 4111 1187 5520 3946',
  example: { before: '4111 1111 1111 1111', after: '4111 1187 5520 3946' },
  params: z.object({
    ...commonParams,
    keepIssuer: z.boolean().default(true).describe('Keep the first 6 digits (the issuer identification number); otherwise only the first digit (the card network) is kept.'),
    keepLast4: z.boolean().default(false).describe('Keep the last 4 digits (an earlier digit is adjusted to stay Luhn-valid).'),
  }),
  accepts: ['text', 'other'],
  canBeUnique: true,
  check(_p, column) {
    const max = column.type?.maxLength;
    return max !== undefined && max < 12 ? `card numbers have 12 to 19 digits; the column holds ${max} characters` : undefined;
  },
  create(params, site) {
    const permOf = domainPermutation();
    const max = site.column.type?.maxLength;
    const keepFirst = params.keepIssuer ? 6 : 1;
    const keepLast = params.keepLast4 ? 4 : 0;
    const fn: ValueFn = (value, ctx) => {
      const perm = permOf(ctx);
      const n = countDigits(value);
      if (n < 12 || n > 19) return freshCard(ctx.rng(), Math.min(16, max ?? 16));
      return cardLike(value, n, keepFirst, keepLast, perm);
    };
    // The byte path: the same digits, written over the original's bytes (other bytes kept); a value
    // without a card's 12 to 19 digits, or longer than the column, takes the string path.
    const bytes: ByteFn = (src, s, e, ctx, out) => {
      if ((max !== undefined && e - s > max) || e - s > out.length) return -1;
      let n = 0;
      for (let i = s; i < e; i++) if (src[i] >= 48 && src[i] <= 57 && n < 20) digitsBuf[n++] = src[i] - 48;
      if (n < 12 || n > 19) return -1;
      newDigits(n, keepFirst, keepLast, permOf(ctx));
      let j = 0;
      for (let i = s; i < e; i++) out[i - s] = src[i] >= 48 && src[i] <= 57 ? 48 + digitsBuf[j++] : src[i];
      return e - s;
    };
    return { fn, bytes };
  },
});

function countDigits(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}

function cardLike(value: string, n: number, keepFirst: number, keepLast: number, perm: KeyedPermutation): string {
  let k = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 48 && c <= 57) digitsBuf[k++] = c - 48;
  }
  newDigits(n, keepFirst, keepLast, perm);
  let out = '';
  let j = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    out += c >= 48 && c <= 57 ? String.fromCharCode(48 + digitsBuf[j++]) : value[i];
  }
  return out;
}

/** The fake's n digits in digitsBuf (which holds the original's): the body permuted, the check digit solved. */
function newDigits(n: number, keepFirst: number, keepLast: number, perm: KeyedPermutation): void {
  const d = digitsBuf;
  // The check slot is the last digit, or the digit before the kept last 4.
  const check = n - 1 - keepLast;
  const from = keepFirst;
  const bodyLength = Math.max(0, check - from);
  if (bodyLength > 0) perm.permuteDigits(d, radix10, bodyLength, n, from);
  // Solve the check slot: position from the right decides whether it is doubled.
  let sum = 0;
  for (let i = 0; i < n; i++) {
    if (i === check) continue;
    const fromRight = n - 1 - i;
    sum += fromRight & 1 ? DOUBLE[d[i]] : d[i];
  }
  const need = (10 - (sum % 10)) % 10;
  d[check] = (n - 1 - check) & 1 ? UNDOUBLE[need] : need;
}

/** A fresh Visa-style number when the original has no card shape. */
function freshCard(rng: Rng, len: number): string {
  const n = Math.max(12, len);
  let s = '4';
  for (let i = 1; i < n - 1; i++) s += String.fromCharCode(48 + rng.int(10));
  for (let c = 0; c < 10; c++) if (luhnValid(s + c)) return s + c;
  return s + '0';
}

/** ISO 13616 check: move the first 4 characters to the end, letters to numbers, mod 97 === 1. */
export function ibanMod97(compact: string): number {
  const s = compact.slice(4) + compact.slice(0, 4);
  let r = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) r = (r * 10 + (c - 48)) % 97;
    else r = (r * 100 + (c - 55)) % 97;
  }
  return r;
}

const IBAN_RE = /^[A-Z]{2}[0-9]{2}[A-Z0-9]{8,30}$/;

/**
 * IBANs: country code and length kept (and the first `keepBank` characters of the account part, e.g.
 * the bank code), the rest replaced shape-preserving under a keyed permutation, and fresh mod-97
 * check digits. Spaces of the printed form are kept.
 */
export const iban = defineTransformer({
  name: 'iban',
  cache: true,
  category: 'finance',
  summary: 'Valid IBAN, same country, length and layout: DE89 3704 0044 0532 0130 00 → DE27 5093 1846 2207 5518 63',
  example: { before: 'DE89 3704 0044 0532 0130 00', after: 'DE27 5093 1846 2207 5518 63' },
  params: z.object({
    ...commonParams,
    keepBank: z.number().int().min(0).default(0).describe('Characters of the account part (after the check digits) kept, e.g. 8 for a German bank code.'),
  }),
  accepts: ['text', 'other'],
  canBeUnique: true,
  check(_p, column) {
    const max = column.type?.maxLength;
    return max !== undefined && max < 15 ? `IBANs have 15 to 34 characters; the column holds ${max}` : undefined;
  },
  create(params, site) {
    const permOf = domainPermutation();
    const max = site.column.type?.maxLength;
    return (value, ctx) => {
      const perm = permOf(ctx);
      const compact = value.replace(/[ -]/g, '').toUpperCase();
      if (!IBAN_RE.test(compact)) {
        if (max !== undefined && max < 22) return reshape(value, { letters: true, keepFirst: 0, keepLast: 0 }, () => ctx.rng(), perm);
        const rng = ctx.rng();
        let bban = '';
        for (let i = 0; i < 18; i++) bban += String.fromCharCode(48 + rng.int(10));
        return withCheck('DE', bban);
      }
      const country = compact.slice(0, 2);
      const bban = reshape(compact.slice(4), { letters: true, keepFirst: params.keepBank, keepLast: 0 }, () => ctx.rng(), perm, country.charCodeAt(0) * 26 + country.charCodeAt(1));
      const fresh = withCheck(country, bban);
      // Put the fresh characters back into the original layout (spaces, dashes, lower case).
      let out = '';
      let j = 0;
      for (let i = 0; i < value.length; i++) {
        const ch = value[i];
        if (ch === ' ' || ch === '-') out += ch;
        else {
          const f = fresh[j++];
          out += ch >= 'a' && ch <= 'z' ? f.toLowerCase() : f;
        }
      }
      return out;
    };
  },
});

function withCheck(country: string, bban: string): string {
  const r = ibanMod97(`${country}00${bban}`);
  const check = 98 - r;
  return `${country}${check < 10 ? '0' : ''}${check}${bban}`;
}
