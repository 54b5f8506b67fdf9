import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesView } from '../../../src/core/view.js';

describe('bytesView', () => {
  it('gives the bytes of src[start, end) whatever source came before (views of one memory at other offsets included)', () => {
    const base = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    const sources = [base, base.subarray(7), base.subarray(100, 200), Buffer.from('another buffer'), new Uint8Array(base.buffer, base.byteOffset + 3, 50)];
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(sources.length - 1), fc.nat(300), fc.nat(300)), { minLength: 1, maxLength: 20 }), (calls) => {
        for (const [k, a, b] of calls) {
          const src = sources[k];
          const start = Math.min(a, b) % (src.length + 1);
          const end = Math.min(src.length, start + Math.abs(a - b));
          const view = bytesView(src, start, end);
          expect(Buffer.from(view)).toEqual(Buffer.from(src.subarray(start, end)));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('serves a source larger than it keeps (a row carried over many chunks) without keeping it', () => {
    const big = Buffer.alloc(5 << 20, 7);
    big[(5 << 20) - 1] = 9;
    const small = Buffer.from('abc');
    expect(Buffer.from(bytesView(small, 1, 3)).toString()).toBe('bc');
    expect([...bytesView(big, (5 << 20) - 2, 5 << 20)]).toEqual([7, 9]);
    expect(Buffer.from(bytesView(small, 0, 1)).toString()).toBe('a');
  });
});
