import { Rng } from '../seed/rng.js';
import { commonParams, defineTransformer, localeParam, z, type ByteFn, type ValueFn } from './define.js';
import { nameSets, type NameSet } from './locale-data.js';
import { put, utf8Bytes } from './name-bytes.js';
import { UNIQUE_TAG_CHARS, base32, base32Bytes } from './text-fit.js';

/**
 * Unique by construction: the local part carries a keyed tag of 17 base-32 characters (85 bits):
 * collision odds below 1e-9 at 1e8 distinct originals, with no seen-set. The tag length is the same
 * for unique and non-unique columns so one address maps to one fake in every table.
 */
export const email = defineTransformer({
  name: 'email',
  cache: true,
  category: 'person',
  summary: 'Realistic fake address on a safe domain, unique by construction: jane@acme.io → maria.kozey.q7m3xk2ab9d4tq5wz@example.com',
  example: { before: 'jane.doe@acme.io', after: 'maria.kozey.q7m3xk2ab9d4tq5wz@example.com' },
  params: z.object({
    ...commonParams,
    domain: z.string().min(1).default('example.com').describe('Domain of every fake address (keep it one you own or a reserved one).'),
    keepDomain: z.boolean().default(false).describe("Keep the original's domain (after the last @) instead of `domain`."),
    locale: localeParam,
  }),
  accepts: ['text', 'other'],
  canBeUnique: true,
  check(params, column) {
    const max = column.type?.maxLength;
    if (max !== undefined && !params.keepDomain && max < params.domain.length + 1 + UNIQUE_TAG_CHARS) {
      return `an email on ${params.domain} needs at least ${params.domain.length + 1 + UNIQUE_TAG_CHARS} characters to stay unique; the column holds ${max}`;
    }
    return undefined;
  },
  create(params, site) {
    const sets = nameSets(params.locale);
    const max = site.column.type?.maxLength;
    const rng = new Rng();
    const fn: ValueFn = (value, ctx) => {
      const bits = ctx.bits();
      const tag = base32(bits, UNIQUE_TAG_CHARS);
      rng.reset(bits);
      const set = sets.length === 1 ? sets[0] : sets[rng.int(sets.length)];
      const first = set.firstSlug[rng.int(set.firstSlug.length)];
      const last = set.lastSlug[rng.int(set.lastSlug.length)];
      let domain = params.domain;
      if (params.keepDomain) {
        const at = value.lastIndexOf('@');
        if (at >= 0 && at < value.length - 1) domain = value.slice(at + 1);
      }
      const full = `${first}.${last}.${tag}@${domain}`;
      if (max === undefined || full.length <= max) return full;
      return fitLocal(first, last, tag, domain, max);
    };
    if (params.keepDomain || !isAscii(params.domain)) return { fn };
    // The byte path: the same address, assembled from pre-encoded slugs (ASCII) and the tag.
    const domain = utf8Bytes(params.domain);
    const slugBytes = sets.map(slugBytesOf);
    const bytes: ByteFn = (_src, _s, _e, ctx, out) => {
      const bits = ctx.bits();
      rng.reset(bits);
      const set = slugBytes.length === 1 ? slugBytes[0] : slugBytes[rng.int(slugBytes.length)];
      const first = set.first[rng.int(set.first.length)];
      const last = set.last[rng.int(set.last.length)];
      const total = first.length + last.length + UNIQUE_TAG_CHARS + domain.length + 3;
      if ((max !== undefined && total > max) || total > out.length) return -1;
      let n = put(first, out, 0);
      out[n++] = 0x2e;
      n = put(last, out, n);
      out[n++] = 0x2e;
      n = base32Bytes(bits, UNIQUE_TAG_CHARS, out, n);
      out[n++] = 0x40;
      return put(domain, out, n);
    };
    return { fn, bytes };
  },
});

const slugCache = new WeakMap<NameSet, { first: Uint8Array[]; last: Uint8Array[] }>();

/** A name set's slugs as bytes (ASCII), once per set. */
function slugBytesOf(set: NameSet): { first: Uint8Array[]; last: Uint8Array[] } {
  let b = slugCache.get(set);
  if (!b) {
    b = { first: set.firstSlug.map(utf8Bytes), last: set.lastSlug.map(utf8Bytes) };
    slugCache.set(set, b);
  }
  return b;
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0x80) return false;
  return true;
}

/** The most realistic local part that fits `max` with the domain, keeping the whole tag when possible. */
function fitLocal(first: string, last: string, tag: string, domain: string, max: number): string {
  const room = max - domain.length - 1;
  const candidates = [`${first[0]}.${last}.${tag}`, `${first[0]}${last[0]}.${tag}`, tag];
  for (const c of candidates) if (c.length <= room) return `${c}@${domain}`;
  if (room >= 1) return `${tag.slice(0, room)}@${domain}`;
  return tag.slice(0, Math.max(1, max));
}
