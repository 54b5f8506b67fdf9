import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { BufferPool } from '../../../src/core/buffer-pool.js';
import { SINK_BUFFER_BYTES } from '../../../src/core/sink.js';
import { Masker, type MaskOptions } from '../../../src/mask.js';
import { validateRules } from '../../../src/rules/load.js';
import { generated } from '../../cli/helpers.js';

describe('BufferPool', () => {
  it('hands out buffers of its size and takes back only its own, whole', () => {
    const pool = new BufferPool(64, 2);
    const a = pool.take();
    const b = pool.take();
    expect(a.length).toBe(64);
    expect(a.buffer).not.toBe(b.buffer);
    pool.give(Buffer.alloc(64)); // not made here
    pool.give(Buffer.from(a.buffer, 0, 64).subarray(0, 10)); // a view of a: a comes back whole
    const c = pool.take();
    expect(c.buffer).toBe(a.buffer);
    expect(c.length).toBe(64);
    expect(pool.take().buffer).not.toBe(b.buffer); // b was never given back
  });

  it('never hands one buffer out twice, however often it is given back', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constant(-1), fc.nat(9)), { maxLength: 60 }), (ops) => {
        const pool = new BufferPool(16, 3);
        const out = new Set<ArrayBufferLike>();
        const taken: Buffer[] = [];
        for (const op of ops) {
          if (op === -1) {
            const t = pool.take();
            expect(out.has(t.buffer)).toBe(false);
            out.add(t.buffer);
            taken.push(t);
          } else if (taken.length > 0) {
            const t = taken[op % taken.length];
            pool.give(t); // (also twice: the second is ignored)
            out.delete(t.buffer);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('Masker with an output pool', () => {
  const cases = [
    ['mysql', 'extended', 'bench/rules/mysql-typical.json'],
    ['postgres', 'copy', 'bench/rules/postgres-heavy.json'],
  ] as const;

  beforeAll(async () => {
    for (const [, , rules] of cases) await Masker.prepare(validateRules(JSON.parse(readFileSync(rules, 'utf8'))));
  });

  /** Mask `input` in 64 KiB chunks; emitted buffers are copied, then given back `lag` emits later (0: at once). */
  function run(input: Buffer, options: MaskOptions, pool: BufferPool | undefined, lag: number): { output: Buffer; memories: number } {
    const out: Buffer[] = [];
    const held: Buffer[] = [];
    const memories = new Set<ArrayBufferLike>();
    const m = new Masker({ ...options, outputPool: pool }, (b) => {
      out.push(Buffer.from(b));
      memories.add(b.buffer);
      held.push(b);
      while (held.length > lag) {
        const done = held.shift()!;
        pool?.give(done);
      }
    });
    for (let i = 0; i < input.length; i += 1 << 16) m.feed(input.subarray(i, i + (1 << 16)));
    m.end();
    return { output: Buffer.concat(out), memories: memories.size };
  }

  it.each(cases)('%s %s: the same bytes as without one, with buffers given back at once or late', (dialect, layout, rulesFile) => {
    const input = readFileSync(generated(dialect, layout, '3MB').path);
    const options: MaskOptions = { rules: validateRules(JSON.parse(readFileSync(rulesFile, 'utf8'))), secret: 'pool', unusedRules: 'warn' };
    const plain = run(input, options, undefined, 0);
    for (const lag of [0, 1, 3]) {
      const pool = new BufferPool(SINK_BUFFER_BYTES);
      const pooled = run(input, options, pool, lag);
      expect(pooled.output.equals(plain.output)).toBe(true);
      // the output's own buffers went round: few memories besides the input chunks passed through
      expect(pooled.memories).toBeLessThan(plain.memories);
    }
  });
});
