import { readFileSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateRules } from '../../src/rules/load.js';
import { NO_RULES, runChunks, runSized } from '../helpers/run.js';

/** Real mariadb-dump 10.11 outputs (tricky data: raw BLOB bytes, escapes, DELIMITER blocks). */
const DUMPS = 'test/unit/dialects/mysql/fixtures/dumps';
const dumps = readdirSync(DUMPS)
  .filter((f) => f.endsWith('.sql'))
  .map((f) => ({ name: f, input: readFileSync(`${DUMPS}/${f}`) }));
const rules = validateRules(JSON.parse(readFileSync('fixtures/mysql-default/rules.json', 'utf8')));
const opts = { rules, secret: 'property-secret', dialect: 'mysql' as const };
const input = readFileSync('fixtures/mysql-default/input.sql');
const whole = runChunks(input, opts, []).output;

describe('MySQL chunk-boundary invariance', () => {
  it('gives the same output for every split point inside the INSERTs of ruled tables', () => {
    const text = input.toString('latin1');
    for (const table of ['people', 'blobs', 'my table']) {
      const from = text.indexOf(`INSERT INTO \`${table}\``);
      expect(from).toBeGreaterThan(0);
      const to = text.indexOf(';\n', from) + 2;
      for (let cut = from - 2; cut <= to; cut++) {
        if (!runChunks(input, opts, [cut]).output.equals(whole)) expect.fail(`output differs when cut at byte ${cut} (${table})`);
      }
    }
  });

  it('gives the same output with 1-byte chunks and random cuts', () => {
    expect(runSized(input, opts, 1).output.equals(whole)).toBe(true);
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: input.length - 1 }), { maxLength: 50 }), (cuts) => {
        expect(runChunks(input, opts, [...cuts].sort((a, b) => a - b)).output.equals(whole)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});

describe('MySQL identity and determinism', () => {
  it.each(dumps.map((d) => [d.name, d.input] as const))('outputs %s byte for byte when no rule applies', (_n, dump) => {
    expect(runChunks(dump, { rules: NO_RULES, secret: 's' }, []).output.equals(dump)).toBe(true);
    expect(runSized(dump, { rules: NO_RULES, secret: 's', dialect: 'mysql' }, 5).output.equals(dump)).toBe(true);
  });

  it('gives identical output for the same secret and other fakes for another secret', () => {
    expect(runChunks(input, opts, []).output.equals(whole)).toBe(true);
    expect(runChunks(input, { ...opts, secret: 'another-secret' }, []).output.equals(whole)).toBe(false);
  });
});

describe('MySQL masked output read again', () => {
  const kept = (s: ReturnType<typeof runChunks>['summary']) =>
    s.tables.filter((t) => !t.truncated).map((t) => [t.table, t.rows, Object.keys(t.masked).sort()]);

  // (--no-data has nothing to mask; --no-create-info needs --schema, tested in the scanner tests)
  const masked = dumps.filter((d) => !/no-data|no-create-info/.test(d.name));
  it.each(masked.map((d) => [d.name, d.input] as const))('%s: the masked dump has the same tables, rows and field counts', (_n, dump) => {
    const first = runChunks(dump, { ...opts, unusedRules: 'warn' }, []);
    // the masked dump is read by the same scanner: a wrong field count or a broken literal would throw
    const again = runChunks(first.output, { ...opts, unusedRules: 'warn' }, []);
    expect(kept(again.summary)).toEqual(kept(first.summary));
    expect(first.summary.tables.some((t) => Object.values(t.masked).some((n) => n > 0))).toBe(true);
    expect(runChunks(first.output, { rules: NO_RULES, secret: 's', dialect: 'mysql' }, []).output.equals(first.output)).toBe(true);
  });
});
