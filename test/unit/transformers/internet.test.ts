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

  it('user-agent: a browser string that fits the column', () => {
    expect(bind('user-agent')('curl/8')).toMatch(/^Mozilla\/5\.0/);
    expect(bind('user-agent', { type: { kind: 'text', maxLength: 20 } })('curl/8')!.length).toBeLessThanOrEqual(20);
  });
});
