import { describe, expect, it } from 'vitest';
import { formatIpv6, parseIp } from '../../../src/transformers/ip.js';
import { bind, inputs } from './helpers.js';

describe('ipv4, ipv6', () => {
  it('ipv4: a valid address, suffix and prefix bits kept', () => {
    const out = bind({ transformer: 'ipv4', keepPrefix: 16 })('10.1.2.3/24')!;
    expect(out).toMatch(/^10\.1\.\d{1,3}\.\d{1,3}\/24$/);
    expect(parseIp(out)?.v).toBe(4);
  });

  it('ipv4: a bijection, so distinct addresses stay distinct', () => {
    const f = bind('ipv4');
    const outs = new Set(inputs(50000, (i) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`).map((v) => f(v)));
    expect(outs.size).toBe(50000);
  });

  it('ipv6: canonical text, family kept either way', () => {
    const out = bind('ipv6')('2001:db8::1')!;
    expect(parseIp(out)?.v).toBe(6);
    expect(formatIpv6(parseIp(out)!.words)).toBe(out);
    expect(parseIp(bind('ipv6')('192.168.0.1')!)?.v).toBe(4);
    expect(parseIp(bind('ipv4')('fe80::1%eth0')!)?.v).toBe(6);
    expect(bind('ipv4')('fe80::1%eth0')).toMatch(/%eth0$/);
  });

  it('ipv6: keepPrefix keeps the leading bits', () => {
    const out = bind({ transformer: 'ipv6', keepPrefix: 48 })('2001:db8:abcd:12::1/64')!;
    expect(out.startsWith('2001:db8:abcd:')).toBe(true);
    expect(out.endsWith('/64')).toBe(true);
  });

  it('formats IPv6 per RFC 5952', () => {
    expect(formatIpv6([0x2001, 0xdb8, 0, 0, 0, 0, 0, 1])).toBe('2001:db8::1');
    expect(formatIpv6([0x2001, 0xdb8, 0, 1, 1, 1, 1, 1])).toBe('2001:db8:0:1:1:1:1:1');
    expect(formatIpv6([0, 0, 0, 0, 0, 0, 0, 0])).toBe('::');
    expect(parseIp('::ffff:1.2.3.4')?.words).toEqual([0, 0, 0, 0, 0, 0xffff, 0x102, 0x304]);
  });

  describe('on a PostgreSQL cidr column: networks, no bits right of the mask', () => {
    const cidr = { kind: 'inet' as const, raw: 'cidr' };
    /** The address bits right of the /n mask, as a BigInt (0n for a valid cidr value). */
    function hostBits(text: string): bigint {
      const ip = parseIp(text)!;
      const n = Number(ip.suffix.slice(1));
      const width = ip.v === 4 ? 32 : 128;
      const v = ip.words.reduce((acc, w) => (acc << (ip.v === 4 ? 32n : 16n)) | BigInt(w), 0n);
      return v & ((1n << BigInt(width - n)) - 1n);
    }

    it('IPv4 and IPv6 networks keep their prefix length and have no host bits set', () => {
      for (const spec of ['ipv4', 'ipv6', { transformer: 'ipv4', keepPrefix: 8 }]) {
        const f = bind(spec, { type: cidr });
        for (const v of ['10.1.0.0/16', '192.168.100.0/24', '172.16.5.4/32', '0.0.0.0/0', '10.0.0.0/8', '2001:db8::/32', '2001:db8:abcd:1200::/56', '::1/128']) {
          const out = f(v)!;
          expect(out.endsWith(v.slice(v.indexOf('/'))), `${v} → ${out}`).toBe(true);
          expect(parseIp(out)?.v, `${v} → ${out}`).toBe(parseIp(v)!.v);
          expect(hostBits(out), `${v} → ${out}`).toBe(0n);
        }
      }
      expect(bind({ transformer: 'ipv4', keepPrefix: 8 }, { type: cidr })('10.1.0.0/16')).toMatch(/^10\.\d{1,3}\.0\.0\/16$/);
    });

    it('distinct networks stay distinct (IPv4 /24, IPv6 /48 under a kept /32)', () => {
      const f4 = bind({ transformer: 'ipv4', unique: true }, { type: cidr });
      const v4 = inputs(30000, (i) => `10.${(i >> 8) & 255}.${i & 255}.0/24`);
      expect(new Set(v4.map((v) => f4(v))).size).toBe(v4.length);
      const f6 = bind({ transformer: 'ipv6', keepPrefix: 32, unique: true }, { type: cidr });
      const v6 = inputs(30000, (i) => `2001:db8:${i.toString(16)}::/48`);
      const outs = v6.map((v) => f6(v)!);
      expect(new Set(outs).size).toBe(v6.length);
      for (const out of outs.slice(0, 100)) expect(out).toMatch(/^2001:db8:[0-9a-f]{1,4}::\/48$/);
    });

    it('a /32 (IPv4) network maps like the same address in an inet column', () => {
      expect(bind('ipv4', { type: cidr })('172.16.5.4/32')).toBe(bind('ipv4', { type: { kind: 'inet', raw: 'inet' } })('172.16.5.4/32'));
    });

    it('inet values keep their host bits', () => {
      const f = bind('ipv4', { type: { kind: 'inet', raw: 'inet' } });
      const outs = inputs(50, (i) => `10.1.${i}.0/24`).map((v) => f(v)!);
      expect(outs.some((out) => hostBits(out) !== 0n)).toBe(true);
    });
  });

  it('gives a valid address for non-addresses', () => {
    expect(parseIp(bind('ipv4')('n/a')!)?.v).toBe(4);
  });
});

describe('mac', () => {
  it('keeps separators and case, and the OUI on request', () => {
    expect(bind('mac')('00:1A:2B:3C:4D:5E')).toMatch(/^([0-9A-F]{2}:){5}[0-9A-F]{2}$/);
    expect(bind('mac')('00-1a-2b-3c-4d-5e')).toMatch(/^([0-9a-f]{2}-){5}[0-9a-f]{2}$/);
    expect(bind('mac')('001a.2b3c.4d5e')).toMatch(/^[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4}$/);
    expect(bind({ transformer: 'mac', keepOui: true })('00:1A:2B:3C:4D:5E')).toMatch(/^00:1A:2B:/);
  });

  it('macaddr8 (8 bytes): 8 bytes out, a bijection, the OUI kept on request', () => {
    const type = { kind: 'mac' as const, raw: 'macaddr8' };
    const f = bind({ transformer: 'mac', unique: true }, { type });
    const originals = inputs(20000, (i) => `08:00:2b:01:02:03:${((i >> 8) & 255).toString(16).padStart(2, '0')}:${(i & 255).toString(16).padStart(2, '0')}`);
    const outs = new Set(originals.map((v) => f(v)));
    for (const out of outs) expect(out).toMatch(/^([0-9a-f]{2}:){7}[0-9a-f]{2}$/);
    expect(outs.size).toBe(originals.length);
    expect(bind({ transformer: 'mac', keepOui: true }, { type })('08:00:2b:01:02:03:04:05')).toMatch(/^08:00:2b:([0-9a-f]{2}:){4}[0-9a-f]{2}$/);
  });

  it('a value that is no MAC address gets one of the column\'s byte count', () => {
    expect(bind('mac', { type: { kind: 'mac', raw: 'macaddr8' } })('n/a')).toMatch(/^([0-9a-f]{2}:){7}[0-9a-f]{2}$/);
    expect(bind('mac', { type: { kind: 'mac', raw: 'macaddr' } })('n/a')).toMatch(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/);
    expect(bind('mac')('n/a')).toMatch(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/);
  });
});

describe('url, domain, user-agent', () => {
  it('url: scheme and path depth kept, query names kept', () => {
    const out = bind('url')('https://acme.io/u/1234?ref=mail&x=1')!;
    expect(out).toMatch(/^https:\/\/[a-z]+-[a-z]+\.[a-z]+\/[a-z]+\/\d{4}\?ref=[a-z]+&x=\d$/);
    expect(bind({ transformer: 'url', keepHost: true })('http://acme.io/a')).toMatch(/^http:\/\/acme\.io\/[a-z]+$/);
  });

  it('domain: adjective-noun with the original TLD; tagged adds a keyed label', () => {
    expect(bind('domain')('acme.io')).toMatch(/^[a-z]+-[a-z]+\.io$/);
    expect(bind({ transformer: 'domain', tagged: true })('acme.io')).toMatch(/^[a-z2-9]{17}\.[a-z]+-[a-z]+\.io$/);
  });

  it('user-agent: always a browser, never a crawler or bot', () => {
    const f = bind('user-agent');
    const outs = new Set(inputs(20000, (i) => `agent ${i}`).map((v) => f(v)!));
    expect(outs.size).toBeGreaterThan(1000);
    for (const out of outs) {
      expect(out, out).toMatch(/^Mozilla\/5\.0 \((Windows|Macintosh|X11|Linux|iPhone|iPad|compatible; MSIE)/);
      expect(out, out).toMatch(/(Chrome|Firefox|Safari|Edg|MSIE|Trident)\//);
      expect(out, out).not.toMatch(/bot|crawl|spider|slurp/i);
    }
  });

  it('user-agent: a browser string that fits the column', () => {
    expect(bind('user-agent')('curl/8')).toMatch(/^Mozilla\/5\.0/);
    expect(bind('user-agent', { type: { kind: 'text', maxLength: 20 } })('curl/8')!.length).toBeLessThanOrEqual(20);
  });
});
