import { readFileSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Masker, type MaskOptions } from '../../src/mask.js';
import { validateRules } from '../../src/rules/load.js';
import { applyDamage, cutsAt, damages, outcomeOf, place, verdictOf } from '../helpers/damage.js';
import { NO_RULES, runChunks } from '../helpers/run.js';

await Masker.prepare();

/**
 * Damaged dumps: the bundled fixtures with bytes deleted, inserted, replaced, duplicated or cut off.
 * Whatever the damage, a run either succeeds or fails with a VeilError that names a line; never with
 * another exception (a crash without a position). And the verdict does not depend on how the input
 * was cut into chunks: the same output, or the same error at the same place. The same holds for the
 * read-only runs of `check` and `scan`. FUZZ_RUNS=N runs longer.
 */

const fixtures: { name: string; input: Buffer; options: MaskOptions }[] = readdirSync('fixtures').map((d) => ({
  name: d,
  input: readFileSync(`fixtures/${d}/input.sql`),
  options: {
    rules: validateRules(JSON.parse(readFileSync(`fixtures/${d}/rules.json`, 'utf8'))),
    secret: 'fuzz-secret',
    dialect: d.startsWith('pg-') ? 'postgres' : 'mysql',
  },
}));

/** Dumps whose statements are held and dropped whole (large objects, statistics, column_stats, links), or rewritten (events, FEDERATED tables). */
const PG_UNIT = 'test/unit/dialects/postgres/fixtures';
const heldDumps = [
  { file: `${PG_UNIT}/large-objects.sql`, dialect: 'postgres', rules: { largeObjects: 'empty', tables: { 'public.docs': { columns: { email: 'email' } } } } },
  { file: `${PG_UNIT}/pg18-statistics.sql`, dialect: 'postgres', rules: { tables: { 'public.users': { columns: { email: 'email' } }, 'public.sessions': { truncate: true } } } },
  { file: 'test/unit/dialects/mysql/fixtures/column-stats.sql', dialect: 'mysql', rules: { tables: { 'veil_cs.u': { columns: { email: 'email' } } } } },
  { file: 'test/unit/dialects/mysql/fixtures/events.sql', dialect: 'mysql', rules: { events: 'disable', tables: { charges: { columns: { customer_email: 'email' } } } } },
  { file: 'test/unit/dialects/mysql/fixtures/event-table.sql', dialect: 'mysql', rules: { events: 'disable', tables: {} } },
  { file: `${PG_UNIT}/pgdumpall-roles.sql`, dialect: 'postgres', rules: { rolePasswords: 'drop', tables: {} } },
  { file: `${PG_UNIT}/links.sql`, dialect: 'postgres', rules: { links: 'cut', tables: { 'public.notes': { columns: { body: 'text' } } } } },
  { file: 'test/unit/dialects/mysql/fixtures/federated.sql', dialect: 'mysql', rules: { links: 'cut', tables: {} } },
  { file: 'test/unit/dialects/mysql/fixtures/servers.sql', dialect: 'mysql', rules: { links: 'cut', tables: {} } },
] as const;
for (const h of heldDumps) {
  fixtures.push({
    name: h.file.replace(/^.*\//, ''),
    input: readFileSync(h.file),
    options: { rules: validateRules(h.rules), secret: 'fuzz-secret', dialect: h.dialect, unusedRules: 'warn' },
  });
}

describe('damaged dumps', () => {
  it.each(fixtures.map((f) => [f.name, f] as const))(
    '%s: succeed (byte for byte without rules) or fail with a positioned VeilError, the same at any chunking',
    async (_n, f) => {
      await fc.assert(
        fc.asyncProperty(damages, fc.uniqueArray(place, { maxLength: 12 }), async (ds, places) => {
          const input = ds.reduce(applyDamage, f.input);
          const cuts = cutsAt(places, input.length);
          const whole = await outcomeOf(() => runChunks(input, f.options, []).output);
          const chunked = await outcomeOf(() => runChunks(input, f.options, cuts).output);
          if (!whole.ok) expect(whole.line, `${whole.code} names no line`).toBeGreaterThan(0);
          expect(verdictOf(chunked)).toBe(verdictOf(whole));
          if (whole.ok && chunked.ok) expect(chunked.output.equals(whole.output)).toBe(true);
          // without rules, a damaged dump that is read at all comes out byte for byte
          const bare = await outcomeOf(() => runChunks(input, { ...f.options, rules: NO_RULES }, cuts).output);
          if (bare.ok) expect(bare.output.equals(input)).toBe(true);
          else expect(bare.line, `${bare.code} names no line`).toBeGreaterThan(0);
          // check and scan read without writing (and skip unruled INSERT lines): the same guarantees
          for (const read of [{ dryRun: true, collectViolations: true }, { rules: NO_RULES, dryRun: true, sampleAll: true, collectViolations: true }]) {
            const o = { ...f.options, ...read };
            const [a, b] = [await outcomeOf(() => runChunks(input, o, []).output), await outcomeOf(() => runChunks(input, o, cuts).output)];
            if (!a.ok) expect(a.line, `${a.code} names no line`).toBeGreaterThan(0);
            expect(verdictOf(b)).toBe(verdictOf(a));
          }
        }),
        { numRuns: Number(process.env.FUZZ_RUNS ?? 150) },
      );
    },
  );
});
