import { readFileSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isVeilError } from '../../src/errors.js';
import { Masker, type MaskOptions } from '../../src/mask.js';
import { validateRules } from '../../src/rules/load.js';
import { NO_RULES, runChunks } from '../helpers/run.js';

await Masker.prepare();

/**
 * Damaged dumps: the bundled fixtures with bytes deleted, inserted, replaced, duplicated or cut off.
 * Whatever the damage, a run either succeeds or fails with a VeilError that names a line; never with
 * another exception (a crash without a position). And the verdict does not depend on how the input
 * was cut into chunks: the same output, or the same error at the same line. FUZZ_RUNS=N runs longer.
 */

const fixtures = readdirSync('fixtures').map((d) => ({
  name: d,
  input: readFileSync(`fixtures/${d}/input.sql`),
  options: {
    rules: validateRules(JSON.parse(readFileSync(`fixtures/${d}/rules.json`, 'utf8'))),
    secret: 'fuzz-secret',
    dialect: d.startsWith('pg-') ? 'postgres' : 'mysql',
  } satisfies MaskOptions,
}));

/** Bytes that mean something to a COPY block or an INSERT statement. */
const TOKENS = ["'", "''", '\\', '"', '`', '(', ')', ',', ';', '\n', '\r\n', '\t', '\\.\n', '\\N', 'NULL', '0x', "_binary '", "b'", '/*', '*/', '-- ', '\0', '\xff', 'é'].map((t) =>
  Buffer.from(t, t === '\xff' ? 'latin1' : 'utf8'),
);

type Mutation =
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'insert'; at: number; token: number }
  | { kind: 'replace'; at: number; byte: number }
  | { kind: 'duplicate'; at: number; length: number }
  | { kind: 'truncate'; at: number };

const position = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: position, length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: position, token: fc.integer({ min: 0, max: TOKENS.length - 1 }) }),
  fc.record({ kind: fc.constant('replace' as const), at: position, byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('duplicate' as const), at: position, length: fc.integer({ min: 1, max: 200 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: position }),
) as fc.Arbitrary<Mutation>;

function mutate(input: Buffer, m: Mutation): Buffer {
  const at = Math.floor(m.at * input.length);
  switch (m.kind) {
    case 'delete':
      return Buffer.concat([input.subarray(0, at), input.subarray(at + m.length)]);
    case 'insert':
      return Buffer.concat([input.subarray(0, at), TOKENS[m.token], input.subarray(at)]);
    case 'replace': {
      const out = Buffer.from(input);
      out[at] = m.byte;
      return out;
    }
    case 'duplicate':
      return Buffer.concat([input.subarray(0, at + m.length), input.subarray(at)]);
    case 'truncate':
      return input.subarray(0, at);
  }
}

type Outcome = { ok: true; output: Buffer } | { ok: false; code: string; line: number | undefined };

function outcome(input: Buffer, options: MaskOptions, cuts: number[]): Outcome {
  try {
    return { ok: true, output: runChunks(input, options, cuts).output };
  } catch (e) {
    if (!isVeilError(e)) throw new Error(`not a VeilError: ${(e as Error).stack}`);
    return { ok: false, code: e.code, line: e.details.position?.line };
  }
}

function describeOutcome(o: Outcome): string {
  return o.ok ? `ok (${o.output.length} bytes)` : `${o.code} at line ${o.line}`;
}

describe('damaged dumps', () => {
  it.each(fixtures.map((f) => [f.name, f] as const))('%s: succeed (byte for byte without rules) or fail with a positioned VeilError, the same at any chunking', (_n, f) => {
    fc.assert(
      fc.property(
        fc.array(mutation, { minLength: 1, maxLength: 3 }),
        fc.uniqueArray(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), { maxLength: 12 }),
        (mutations, cutAt) => {
          const input = mutations.reduce(mutate, f.input);
          const whole = outcome(input, f.options, []);
          const cuts = [...new Set(cutAt.map((c) => Math.floor(c * input.length)))].sort((a, b) => a - b);
          const chunked = outcome(input, f.options, cuts);
          if (!whole.ok) expect(whole.line, `${whole.code} names no line`).toBeGreaterThan(0);
          expect(describeOutcome(chunked)).toBe(describeOutcome(whole));
          if (whole.ok && chunked.ok) expect(chunked.output.equals(whole.output)).toBe(true);
          // without rules, a damaged dump that is read at all comes out byte for byte
          const bare = outcome(input, { ...f.options, rules: NO_RULES }, cuts);
          if (bare.ok) expect(bare.output.equals(input)).toBe(true);
          else expect(bare.line, `${bare.code} names no line`).toBeGreaterThan(0);
        },
      ),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 150) },
    );
  });
});
