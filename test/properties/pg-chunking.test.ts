import { readFileSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Masker } from '../../src/mask.js';
import { validateRules } from '../../src/rules/load.js';
import { NO_RULES, runChunks, runSized } from '../helpers/run.js';
import { TRICKY_DUMP, TRICKY_RULES } from '../helpers/pg-dumps.js';

await Masker.prepare();

const rules = validateRules(TRICKY_RULES);
const dump = Buffer.from(TRICKY_DUMP);
const opts = { rules, secret: 'property-secret', dialect: 'postgres' as const };
const whole = runChunks(dump, opts, []).output;

/** Real pg_dump outputs bundled as fixtures. */
const fixtures = readdirSync('fixtures')
  .filter((d) => d.startsWith('pg-'))
  .map((d) => ({
    name: d,
    input: readFileSync(`fixtures/${d}/input.sql`),
    rules: validateRules(JSON.parse(readFileSync(`fixtures/${d}/rules.json`, 'utf8'))),
  }));

describe('PostgreSQL chunk-boundary invariance', () => {
  it('gives the same output for every single split point of a tricky dump', () => {
    for (let cut = 1; cut < dump.length; cut++) {
      const out = runChunks(dump, opts, [cut]).output;
      if (!out.equals(whole)) expect.fail(`output differs when the input is cut at byte ${cut}`);
    }
  });

  it('gives the same output with 1-byte chunks', () => {
    expect(runSized(dump, opts, 1).output.equals(whole)).toBe(true);
  });

  it('gives the same output for random cuts', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: dump.length - 1 }), { maxLength: 40 }), (cuts) => {
        const out = runChunks(dump, opts, [...cuts].sort((a, b) => a - b)).output;
        expect(out.equals(whole)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it.each(fixtures.map((f) => [f.name, f] as const))('gives the same output for random cuts of the real pg_dump fixture %s', (_n, f) => {
    const o = { rules: f.rules, secret: 'property-secret', dialect: 'postgres' as const };
    const ref = runChunks(f.input, o, []).output;
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: f.input.length - 1 }), { maxLength: 60 }), (cuts) => {
        expect(runChunks(f.input, o, [...cuts].sort((a, b) => a - b)).output.equals(ref)).toBe(true);
      }),
      { numRuns: 100 },
    );
    expect(runSized(f.input, o, 7).output.equals(ref)).toBe(true);
  });
});

describe('PostgreSQL identity and determinism', () => {
  it('outputs the input byte for byte when no rule applies, however it is chunked', () => {
    for (const input of [dump, ...fixtures.map((f) => f.input)]) {
      expect(runSized(input, { rules: NO_RULES, secret: 's', dialect: 'postgres' }, 3).output.equals(input)).toBe(true);
      expect(runChunks(input, { rules: NO_RULES, secret: 's' }, []).output.equals(input)).toBe(true);
    }
  });

  it('gives identical output for the same secret, and different fakes for another secret', () => {
    expect(runChunks(dump, opts, []).output.equals(whole)).toBe(true);
    const other = runChunks(dump, { ...opts, secret: 'another-secret' }, []).output;
    expect(other.equals(whole)).toBe(false);
  });

  it('leaves the same tables, rows and field counts when the output is scanned again', () => {
    const first = runChunks(dump, opts, []).summary;
    const again = runChunks(whole, { rules: NO_RULES, secret: 's' }, []);
    expect(again.output.equals(whole)).toBe(true);
    const rescan = runChunks(whole, opts, []).summary;
    const kept = (s: typeof first) => s.tables.filter((t) => !t.truncated).map((t) => [t.table, t.rows, Object.keys(t.masked)]);
    expect(kept(rescan)).toEqual(kept(first));
    expect(rescan.tables.filter((t) => t.truncated).every((t) => t.rows === 0)).toBe(true);
  });
});
