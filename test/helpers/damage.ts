import fc from 'fast-check';
import { isVeilError } from '../../src/errors.js';

/** Bytes that mean something to a COPY block, an INSERT statement or a JSON value. */
const TOKENS = ["'", "''", '\\', '"', '`', '(', ')', ',', ';', '\n', '\r\n', '\t', '\\.\n', '\\N', 'NULL', '0x', "_binary '", "b'", '/*', '*/', '-- ', '{', '}', ':', '\0', '\xff', 'é', '2024-02-30'].map(
  (t) => Buffer.from(t, t === '\xff' ? 'latin1' : 'utf8'),
);

export type Damage =
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'insert'; at: number; token: number }
  | { kind: 'replace'; at: number; byte: number }
  | { kind: 'duplicate'; at: number; length: number }
  | { kind: 'truncate'; at: number };

/** A place in the input, as a fraction of its length (so one damage applies to any input). */
export const place = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });

export const damage: fc.Arbitrary<Damage> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: place, length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: place, token: fc.integer({ min: 0, max: TOKENS.length - 1 }) }),
  fc.record({ kind: fc.constant('replace' as const), at: place, byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('duplicate' as const), at: place, length: fc.integer({ min: 1, max: 200 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: place }),
) as fc.Arbitrary<Damage>;

/** One to three damages. */
export const damages = fc.array(damage, { minLength: 1, maxLength: 3 });

export function applyDamage(input: Buffer, d: Damage): Buffer {
  const at = Math.floor(d.at * input.length);
  switch (d.kind) {
    case 'delete':
      return Buffer.concat([input.subarray(0, at), input.subarray(at + d.length)]);
    case 'insert':
      return Buffer.concat([input.subarray(0, at), TOKENS[d.token], input.subarray(at)]);
    case 'replace': {
      const out = Buffer.from(input);
      out[at] = d.byte;
      return out;
    }
    case 'duplicate':
      return Buffer.concat([input.subarray(0, at + d.length), input.subarray(at)]);
    case 'truncate':
      return input.subarray(0, at);
  }
}

/** Cut points (sorted, distinct) from places. */
export function cutsAt(places: number[], length: number): number[] {
  return [...new Set(places.map((p) => Math.floor(p * length)))].sort((a, b) => a - b);
}

export type Outcome = { ok: true; output: Buffer } | { ok: false; code: string; line: number | undefined; verdict: string };

/** Run `fn`: its output, or the VeilError it threw (any other exception is rethrown: a crash). */
export async function outcomeOf(fn: () => Buffer | Promise<Buffer>): Promise<Outcome> {
  try {
    return { ok: true, output: await fn() };
  } catch (e) {
    if (!isVeilError(e)) throw new Error(`not a VeilError: ${(e as Error).stack}`);
    const p = e.details.position;
    return { ok: false, code: e.code, line: p?.line, verdict: `${e.code} at line ${p?.line}, byte ${p?.offset}, row ${e.details.row}` };
  }
}

/** What a comparison looks at: the error's code and place, or that the run succeeded. */
export function verdictOf(o: Outcome): string {
  return o.ok ? `ok (${o.output.length} bytes)` : o.verdict;
}
