import { describe, expect, it } from 'vitest';
import { siphash, sipKeyFromBytes } from '../../../src/seed/siphash.js';

// Reference vectors from the SipHash paper: key = 00..0f, message = 00..(n-1).
const KEY = sipKeyFromBytes(Uint8Array.from({ length: 16 }, (_, i) => i));
const MSG = Uint8Array.from({ length: 64 }, (_, i) => i);

function hex64(out: Uint32Array): string {
  return out[1].toString(16).padStart(8, '0') + out[0].toString(16).padStart(8, '0');
}

describe('siphash', () => {
  it('matches the SipHash-2-4-64 reference vectors', () => {
    const expected: Record<number, string> = {
      0: '726fdb47dd0e0e31', 1: '74f839c593dc67fd', 7: 'ab0200f58b01d137', 8: '93f5f5799a932462',
      15: 'a129ca6149be45e5', 16: '3f2acc7f57c29bdb', 63: '958a324ceb064572',
    };
    const out = new Uint32Array(2);
    for (const [n, hex] of Object.entries(expected)) {
      siphash(KEY, MSG, 0, Number(n), out, 2);
      expect(hex64(out), `length ${n}`).toBe(hex);
    }
  });

  it('matches the SipHash-2-4-128 reference vector for the empty message', () => {
    const out = new Uint32Array(4);
    siphash(KEY, MSG, 0, 0, out, 4);
    const bytes = Buffer.alloc(16);
    for (let i = 0; i < 4; i++) bytes.writeUInt32LE(out[i], i * 4);
    expect(bytes.toString('hex')).toBe('a3817f04ba25a8e66df67214c7550293');
  });

  it('hashes a sub-range exactly like a copy of that range', () => {
    const a = new Uint32Array(4), b = new Uint32Array(4);
    siphash(KEY, MSG, 5, 30, a, 4);
    siphash(KEY, MSG.slice(5, 30), 0, 25, b, 4);
    expect([...a]).toEqual([...b]);
  });
});
