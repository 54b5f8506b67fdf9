import { fakerFor } from '../seed/faker.js';
import { Rng } from '../seed/rng.js';
import { commonParams, defineTransformer, z, type ByteFn, type ValueFn } from './define.js';
import { domainPermutation } from './fpe.js';
import { formatIpv4, formatIpv4Bytes, formatIpv6, formatIpv6Bytes, parseIp, parseIpv4Bytes, parseIpv6Bytes } from './ip.js';
import { ipv4Address, ipv4Network, ipv6Address, ipv6AddressInto, ipv6Network } from './ip-keyed.js';
import { list } from './locale-data.js';
import { UNIQUE_TAG_CHARS, base32, fitLength } from './text-fit.js';

const ipParams = z.object({
  ...commonParams,
  keepPrefix: z.number().int().min(0).max(128).default(0).describe('Leading bits of the address kept (e.g. 16 keeps 10.1.x.x; 48 keeps an IPv6 site prefix).'),
});

/**
 * Addresses of either family keep their family, prefix length suffix ("/24") and the first
 * `keepPrefix` bits; IPv4 bits are permuted under a key (a bijection: unique by construction), IPv6
 * bits come from the value's 128 keyed bits. In a PostgreSQL cidr column a value a.b.c.d/n is a
 * network: only its n network bits change and the host bits stay zero (see ip-keyed.ts); inet values
 * keep host bits.
 */
function ipTransformer(name: 'ipv4' | 'ipv6') {
  return defineTransformer({
    name,
    cache: true,
    category: 'internet',
    summary:
      name === 'ipv4'
        ? 'IPv4 address (IPv6 inputs stay IPv6), keyed bijection, prefix bits kept on request: 192.168.1.20 → 83.17.201.4'
        : 'IPv6 address (IPv4 inputs stay IPv4), keyed, prefix bits kept on request: 2001:db8::1 → 5f3a:9c1::e2:4b71',
    example: name === 'ipv4' ? { before: '192.168.1.20', after: '83.17.201.4' } : { before: '2001:db8::1', after: '5f3a:9c1::e2:4b71' },
    params: ipParams,
    accepts: ['inet', 'text', 'other'],
    // IPv4 is a permutation; IPv6 needs >= 85 fresh bits
    canBeUnique: (p) => name === 'ipv4' || p.keepPrefix <= 128 - 85,
    create(p, site) {
      const permOf = domainPermutation();
      const max = site.column.type?.maxLength;
      const networks = /^cidr\b/i.test(site.column.type?.raw ?? '');
      const fn: ValueFn = (value, ctx) => {
        const perm = permOf(ctx);
        const ip = parseIp(value);
        const n = networks && ip ? prefixLength(ip.suffix, ip.v === 4 ? 32 : 128) : undefined;
        if (!ip || ip.v === 4) {
          const x = ip ? ip.words[0] : Math.floor(ctx.rng().next() * 4294967296);
          const keep = Math.min(p.keepPrefix, 32);
          const y = n === undefined ? ipv4Address(x, keep, perm) : ipv4Network(x, n, keep, perm);
          return fitLength(formatIpv4(y) + (ip?.suffix ?? ''), max);
        }
        const g = n === undefined ? ipv6Address(ip.words, p.keepPrefix, ctx.bits()) : ipv6Network(ip.words, n, p.keepPrefix, perm, ctx.bits());
        return fitLength(formatIpv6(g) + ip.suffix, max);
      };
      // The byte path: a plain a.b.c.d or IPv6 address (no spaces, no suffix: then a cidr column keeps
      // it an address too); anything else declines to fn.
      const keep = Math.min(p.keepPrefix, 32);
      const groups = new Uint16Array(8);
      const bytes: ByteFn = (src, s, e, ctx, out) => {
        if (out.length < 39) return -1;
        const x = parseIpv4Bytes(src, s, e);
        let n: number;
        if (x >= 0) n = formatIpv4Bytes(ipv4Address(x, keep, permOf(ctx)), out, 0);
        else if (parseIpv6Bytes(src, s, e, groups)) {
          ipv6AddressInto(groups, p.keepPrefix, ctx.bits(), groups);
          n = formatIpv6Bytes(groups, out, 0);
        } else return -1;
        return max !== undefined && n > max ? -1 : n;
      };
      return { fn, bytes };
    },
  });
}

/** n of a "/n" suffix when it is a valid prefix length for the family, else undefined. */
function prefixLength(suffix: string, width: number): number | undefined {
  const m = /^\/(\d{1,3})$/.exec(suffix);
  const n = m ? Number(m[1]) : NaN;
  return n <= width ? n : undefined;
}

export const ipv4Transformer = ipTransformer('ipv4');
export const ipv6Transformer = ipTransformer('ipv6');

function words(): { adjectives: readonly string[]; nouns: readonly string[]; suffixes: readonly string[] } {
  return {
    adjectives: (list('en', (d) => d.word?.adjective) ?? ['quiet']).filter((w) => /^[a-z]+$/.test(w)),
    nouns: (list('en', (d) => d.word?.noun) ?? ['river']).filter((w) => /^[a-z]+$/.test(w)),
    suffixes: list('en', (d) => d.internet?.domain_suffix) ?? ['com'],
  };
}

function fakeHost(rng: Rng, w: ReturnType<typeof words>, tld: string | undefined): string {
  const host = `${w.adjectives[rng.int(w.adjectives.length)]}-${w.nouns[rng.int(w.nouns.length)]}`;
  return `${host}.${tld ?? w.suffixes[rng.int(w.suffixes.length)]}`;
}

/** Domain names: adjective-noun.tld, the original's TLD kept by default; `unique` adds a keyed tag label. */
export const domain = defineTransformer({
  name: 'domain',
  category: 'internet',
  summary: 'A fake domain name, same top-level domain: acme.io → quiet-river.io',
  example: { before: 'acme.io', after: 'quiet-river.io' },
  params: z.object({
    ...commonParams,
    keepTld: z.boolean().default(true).describe('Keep the original top-level domain (.io, .co.uk keeps .uk).'),
    tagged: z.boolean().default(false).describe('Add a keyed 17-character label so distinct domains stay distinct (needed for unique).'),
  }),
  accepts: ['text', 'other'],
  canBeUnique: (p) => p.tagged,
  create(p, site) {
    const w = words();
    const max = site.column.type?.maxLength;
    const rng = new Rng();
    return (value, ctx) => {
      const bits = ctx.bits();
      const tag = p.tagged ? `${base32(bits, UNIQUE_TAG_CHARS)}.` : '';
      rng.reset(bits);
      const dot = value.lastIndexOf('.');
      const tld = p.keepTld && dot >= 0 && dot < value.length - 1 && /^[A-Za-z]{2,24}$/.test(value.slice(dot + 1)) ? value.slice(dot + 1).toLowerCase() : undefined;
      return fitLength(tag + fakeHost(rng, w, tld), max);
    };
  },
});

/**
 * URLs: scheme kept, host replaced by a fake domain, each path segment by a word (numbers by digits of
 * the same length), query parameter names kept and values replaced, fragments dropped.
 */
export const url = defineTransformer({
  name: 'url',
  cache: true,
  category: 'internet',
  summary: 'Same scheme and path depth, fake host and path: https://acme.io/u/1234?ref=mail → https://quiet-river.io/dolor/8812?ref=vesper',
  example: { before: 'https://acme.io/u/1234?ref=mail', after: 'https://quiet-river.io/dolor/8812?ref=vesper' },
  params: z.object({
    ...commonParams,
    keepHost: z.boolean().default(false).describe('Keep the original host (mask only path and query).'),
  }),
  accepts: ['text', 'other'],
  create(p, site) {
    const w = words();
    const max = site.column.type?.maxLength;
    return (value, ctx) => {
      const rng = ctx.rng();
      const m = /^([a-zA-Z][a-zA-Z0-9+.-]*:\/\/)?([^/?#]*)([^?#]*)(\?[^#]*)?/.exec(value.trim());
      const scheme = m?.[1] ?? 'https://';
      const host = m?.[2] ?? '';
      const path = m?.[3] ?? '';
      const query = m?.[4] ?? '';
      const outHost = p.keepHost && host ? host : fakeHost(rng, w, undefined);
      const seg = (s: string): string => (s === '' ? '' : /^[0-9]+$/.test(s) ? s.replace(/[0-9]/g, () => String(rng.int(10))) : w.nouns[rng.int(w.nouns.length)]);
      const outPath = path.split('/').map(seg).join('/');
      const outQuery = query
        ? `?${query
            .slice(1)
            .split('&')
            .map((kv) => {
              const eq = kv.indexOf('=');
              return eq < 0 ? kv : `${kv.slice(0, eq)}=${seg(kv.slice(eq + 1))}`;
            })
            .join('&')}`
        : '';
      return fitLength(`${scheme}${outHost}${outPath}${outQuery}`, max);
    };
  },
});

/**
 * A realistic browser user agent string, keyed per value: picked from 2048 browser strings of Faker's
 * generator (built once from a fixed seed, so the list is the same in every run; Faker builds one in
 * ~6 µs, a pick takes well under one). Faker also writes crawler strings (Googlebot, FakerBot), about
 * a fifth of its output: those are left out, a fake visitor is a browser.
 */
export const userAgent = defineTransformer({
  name: 'user-agent',
  category: 'internet',
  summary: 'A realistic browser user-agent string: curl/8.4.0 → Mozilla/5.0 (Macintosh; …) Firefox/118.0',
  example: { before: 'curl/8.4.0', after: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:84.0) Gecko/20100101 Firefox/118.0' },
  params: z.object({ ...commonParams }),
  accepts: ['text', 'other'],
  create(_p, site) {
    const max = site.column.type?.maxLength;
    const pool = userAgents();
    return (_v, ctx) => fitLength(pool[ctx.rng().int(pool.length)], max);
  },
});

let agents: string[] | undefined;

function userAgents(): string[] {
  if (agents) return agents;
  const rng = new Rng().reset(Uint32Array.of(0x75736572, 0x2d616765, 0x6e747300, 2048));
  const faker = fakerFor({ next: () => rng.next(), seed: () => {} } as unknown as Rng, 'en');
  const pool: string[] = [];
  while (pool.length < 2048) {
    const ua = faker.internet.userAgent();
    if (isBrowser(ua)) pool.push(ua);
  }
  agents = pool;
  return agents;
}

/** A browser's user agent ("Mozilla/5.0 (…"), not a crawler's. */
function isBrowser(ua: string): boolean {
  return ua.startsWith('Mozilla/5.0 (') && !/bot\b|bot\/|crawl|spider|slurp/i.test(ua);
}
