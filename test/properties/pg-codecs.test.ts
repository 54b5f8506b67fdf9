import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Sink } from '../../src/core/sink.js';
import { CopyTextCodec } from '../../src/dialects/postgres/copy-codec.js';
import { PgLiteralCodec } from '../../src/dialects/postgres/literal-codec.js';

const tricky = fc.string({ unit: fc.constantFrom('a', 'é', '😀', '\t', '\n', '\r', '\\', "'", '"', '\0', ' ', 'N', '.', '\b', '\f', '\v', ',', ')') });
const anyText = fc.oneof(tricky, fc.string({ unit: 'grapheme' }), fc.string());

/** Strings PostgreSQL can store (no NUL in text). */
const storable = (s: string) => s.replace(/\0/g, '');

describe('PostgreSQL codec round trips', () => {
  it('COPY text: decode(encode(s)) === s, and the encoding has no raw tab or newline', () => {
    const c = new CopyTextCodec('utf8');
    fc.assert(
      fc.property(anyText, (raw) => {
        const s = storable(raw).toWellFormed();
        const e = c.encode(s);
        expect(e).not.toMatch(/[\t\n\r]/);
        const b = Buffer.from(e, 'utf8');
        expect(c.decode(b, 0, b.length)).toBe(s);
      }),
      { numRuns: 2000 },
    );
  });

  it('COPY text: the fused write() produces exactly the bytes of encode()', () => {
    const c = new CopyTextCodec('utf8');
    fc.assert(
      fc.property(fc.option(anyText, { nil: null }), (raw) => {
        const s = raw === null ? null : storable(raw).toWellFormed();
        const out: Buffer[] = [];
        const sink = new Sink((b) => out.push(Buffer.from(b)), { size: 4096 });
        c.write(s, sink);
        sink.flush();
        expect(Buffer.concat(out).toString('utf8')).toBe(c.encode(s));
      }),
      { numRuns: 2000 },
    );
  });

  it('SQL literals: decode(encode(s)) === s with standard_conforming_strings on and off', () => {
    for (const std of [true, false]) {
      const c = new PgLiteralCodec('utf8');
      c.standardStrings = std;
      const orig = Buffer.from("'x'");
      fc.assert(
        fc.property(anyText, (raw) => {
          const s = storable(raw).toWellFormed();
          const b = Buffer.from(c.encode(s, orig, 0, orig.length), 'utf8');
          expect(c.decode(b, 0, b.length)).toBe(s);
        }),
        { numRuns: 2000 },
      );
    }
  });
});
