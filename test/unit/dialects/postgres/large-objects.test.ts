import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lowriteBytes } from '../../../../src/dialects/postgres/large-objects.js';
import { Masker } from '../../../../src/mask.js';
import { validateRules } from '../../../../src/rules/load.js';
import { runChunks, runSized, veilErrorOf } from '../../../helpers/run.js';

await Masker.prepare();

/**
 * Real pg_dump 15 output of a table whose `body` column points to large objects: one holding a
 * contract with an email address (29 bytes), one of 20000 bytes (written in two lowrite calls), one
 * empty. Their contents belong to no column, so no column rule reaches them.
 */
const DUMP = readFileSync('test/unit/dialects/postgres/fixtures/large-objects.sql');
const CONTENTS = 29 + 20000;
const rules = (extra: object = {}) =>
  validateRules({ ...extra, tables: { 'public.docs': { columns: { email: 'email', id: 'keep', body: 'keep' } } } });
const run = (r = rules(), o: object = {}) => runChunks(DUMP, { rules: r, secret: 'large-objects', ...o }, []);
const lowrites = (b: Buffer) => b.toString('latin1').split('\n').filter((l) => l.startsWith('SELECT pg_catalog.lowrite('));

describe('PostgreSQL large objects', () => {
  it('copies their contents and warns when the rules say nothing about them', () => {
    const { output, summary } = run();
    expect(lowrites(output)).toEqual(lowrites(DUMP));
    expect(lowrites(DUMP)).toHaveLength(3);
    const d = summary.diagnostics.find((x) => x.code === 'LARGE_OBJECTS_UNCOVERED');
    expect(d?.severity).toBe('warning');
    expect(d?.path).toBe('$.largeObjects');
    expect(d?.data).toEqual({ objects: 3, bytes: CONTENTS });
  });

  it('fails a strict run that would copy them', () => {
    const e = veilErrorOf(() => run(rules(), { strict: true }));
    expect(e.code).toBe('RULES_UNCOVERED_LARGE_OBJECTS');
    expect(e.details.issues.map((i: { path: string }) => i.path)).toEqual(['$.largeObjects']);
  });

  it('"empty" drops the lowrite statements and nothing else, at any chunking', () => {
    const { output, summary } = run(rules({ largeObjects: 'empty' }), { strict: true });
    const kept = DUMP.toString('latin1').split('\n').filter((l) => !l.startsWith('SELECT pg_catalog.lowrite(')).join('\n');
    const masked = output.toString('latin1');
    expect(masked).not.toContain('alice');
    // the objects are still created, opened and closed: the restore gives every oid an empty object
    expect(masked.match(/lo_create\(/g)).toHaveLength(3);
    expect(masked.match(/lo_open\(/g)).toHaveLength(3);
    // every other byte is the dump's, the masked email aside
    expect(masked.replace(/^1\t(\d+)\t[^\t\n]+$/m, '1\t$1\talice@example.com').replace(/^2\t(\d+)\t[^\t\n]+$/m, '2\t$1\tbob@example.com')).toBe(kept);
    expect(summary.diagnostics.find((x) => x.code === 'LARGE_OBJECTS_EMPTIED')?.data).toEqual({ objects: 3, bytes: CONTENTS });
    const opts = { rules: rules({ largeObjects: 'empty' }), secret: 'large-objects' };
    for (const size of [1, 7, 4096]) expect(runSized(DUMP, opts, size).output.equals(output), `chunks of ${size}`).toBe(true);
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: DUMP.length - 1 }), { maxLength: 20 }), (cuts) => {
        expect(runChunks(DUMP, opts, [...cuts].sort((a, b) => a - b)).output.equals(output)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('"keep" copies them without a word, and the dump comes out byte for byte without column rules', () => {
    const keep = validateRules({ largeObjects: 'keep', tables: { 'public.docs': { columns: { id: 'keep', body: 'keep', email: 'keep' } } } });
    const { output, summary } = run(keep, { strict: true });
    expect(output.equals(DUMP)).toBe(true);
    expect(summary.diagnostics.filter((x) => x.code.startsWith('LARGE_OBJECTS'))).toEqual([]);
  });

  it('takes "keep" or "empty" only', () => {
    const e = veilErrorOf(() => validateRules({ largeObjects: 'drop', tables: {} }));
    expect(e.code).toBe('RULES_INVALID');
    expect(e.details.issues[0].path).toBe('$.largeObjects');
    expect(validateRules({ largeObjects: 'empty', tables: {} }).largeObjects).toBe('empty');
    expect(validateRules({ tables: {} }).largeObjects).toBeUndefined();
  });

  it('counts the bytes of a lowrite in either string style', () => {
    expect(lowriteBytes("SELECT pg_catalog.lowrite(0, '\\x00ff41');")).toBe(3);
    expect(lowriteBytes("SELECT pg_catalog.lowrite(0, E'\\\\x00FF');")).toBe(2);
    expect(lowriteBytes("SELECT pg_catalog.lowrite(0, '');")).toBe(0);
  });
});
