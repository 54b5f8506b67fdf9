import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatIpv6, formatIpv6Bytes, parseIp, parseIpv6Bytes } from '../../src/transformers/ip.js';

/** The byte path's IPv6 reader and writer agree with the string path's, on any text and any groups. */
const ipv6Like = fc.oneof(
  fc.ipV6(),
  fc.ipV6().map((s) => s.toUpperCase()),
  fc.array(fc.constantFrom('0', '1', 'a', 'F', 'ffff', '0001', '00000', 'g', ':', '::', ':::', '.', '1.2.3.4', '256.1.1.1', ' '), { maxLength: 14 }).map((a) => a.join('')),
  fc.string({ unit: fc.constantFrom('0', '9', 'a', 'f', ':', '.'), maxLength: 45 }),
);

describe('IPv6 text on bytes', () => {
  it('parseIpv6Bytes reads an address exactly where parseIp reads a plain IPv6 address', () => {
    const groups = new Uint16Array(8);
    let read = 0;
    fc.assert(
      fc.property(ipv6Like, (text) => {
        const src = Buffer.from(`x${text}y`, 'latin1');
        const ok = parseIpv6Bytes(src, 1, src.length - 1, groups);
        const ip = /^[0-9A-Fa-f:.]*$/.test(text) ? parseIp(text) : undefined;
        const expected = ip !== undefined && ip.v === 6 && ip.suffix === '' ? ip.words : undefined;
        expect(ok).toBe(expected !== undefined);
        if (expected) {
          read++;
          expect([...groups]).toEqual(expected);
        }
      }),
      { numRuns: 3000 },
    );
    expect(read, 'some inputs were addresses').toBeGreaterThan(100);
  });

  it('formatIpv6Bytes writes formatIpv6', () => {
    const out = new Uint8Array(48);
    const group = fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 0, max: 0xffff }), fc.constantFrom(1, 0xf, 0x10, 0xff, 0x100, 0xfff, 0x1000));
    fc.assert(
      fc.property(fc.array(group, { minLength: 8, maxLength: 8 }), (g) => {
        const n = formatIpv6Bytes(g, out, 3);
        expect(Buffer.from(out.subarray(3, n)).toString('latin1')).toBe(formatIpv6(g));
      }),
      { numRuns: 3000 },
    );
  });

  it('reads the forms RFC 4291 allows and rejects the rest', () => {
    const groups = new Uint16Array(8);
    const read = (t: string): number[] | undefined => (parseIpv6Bytes(Buffer.from(t), 0, t.length, groups) ? [...groups] : undefined);
    expect(read('::')).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(read('::ffff:1.2.3.4')).toEqual([0, 0, 0, 0, 0, 0xffff, 0x0102, 0x0304]);
    expect(read('2001:DB8::1')).toEqual([0x2001, 0xdb8, 0, 0, 0, 0, 0, 1]);
    expect(read('1:2:3:4:5:6:7:8')).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    for (const bad of [':::', '1::2::3', '1:2:3:4:5:6:7:8:9', '1:2:3:4:5:6:7::8', '12345::', '1.2.3.4', '1.2.3.4::', '::1.2.3', ':1', '1:', 'fe80::1%eth0', '::/64', '']) {
      expect(read(bad), bad).toBeUndefined();
    }
  });
});
