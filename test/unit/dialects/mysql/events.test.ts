import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventHead, eventName, type EventTally } from '../../../../src/dialects/mysql/events.js';
import { validateRules } from '../../../../src/rules/load.js';
import { NameTally } from '../../../../src/rules/name-tally.js';
import { runParallel } from '../../../parallel/run-parallel.js';
import { runChunks, runSized, veilErrorOf } from '../../../helpers/run.js';

/**
 * `mariadb-dump --events veil_ev` (MariaDB 10.11): four events, as mysqldump writes them inside
 * executable comments. `nightly charge` (ENABLE, a COMMENT that says ENABLE and a BEGIN … END body
 * with semicolons) and `purge_old` (ENABLE) would run in the copy; `do` (DISABLE, a keyword for a
 * name) and `replica_only` (DISABLE ON SLAVE) would not.
 */
const DUMP = readFileSync('test/unit/dialects/mysql/fixtures/events.sql');
/** `mariadb-dump --events mysql event`: the same four as rows of mysql.event (--all-databases --events). */
const TABLE = readFileSync('test/unit/dialects/mysql/fixtures/event-table.sql');
const rules = (extra: object = {}) => validateRules({ ...extra, tables: { charges: { columns: { customer_email: 'keep', id: 'keep', amount: 'keep' } } } });
const opts = { secret: 'events', dialect: 'mysql' as const };
const run = (input: Buffer, r = rules(), o: object = {}) => runChunks(input, { rules: r, ...opts, ...o }, []);
const statusOf = (b: Buffer) => [...b.toString('latin1').matchAll(/EVENT `([^`]+)` ON SCHEDULE .*? (ENABLE|DISABLE(?: ON SLAVE)?) (?:COMMENT '.*?' )?DO /g)].map((m) => `${m[1]}: ${m[2]}`);

describe('MySQL/MariaDB scheduled events', () => {
  it('the fixture creates two enabled events', () => {
    expect(statusOf(DUMP)).toEqual(['do: DISABLE', 'nightly charge: ENABLE', 'purge_old: ENABLE', 'replica_only: DISABLE ON SLAVE']);
  });

  it('keeps them and warns, naming the enabled ones, when the rules say nothing', () => {
    const { output, summary } = run(DUMP);
    expect(output.equals(DUMP)).toBe(true);
    const d = summary.diagnostics.find((x) => x.code === 'EVENTS_ENABLED');
    expect(d?.severity).toBe('warning');
    expect(d?.path).toBe('$.events');
    expect(d?.data).toEqual({ enabled: 2, names: ['veil_ev.nightly charge', 'veil_ev.purge_old'], table: false });
  });

  it('fails a strict run that would restore them enabled', () => {
    const e = veilErrorOf(() => run(DUMP, rules(), { strict: true }));
    expect(e.code).toBe('RULES_UNCOVERED_EVENTS');
    expect(e.details.issues.map((i: { path: string }) => i.path)).toEqual(['$.events']);
  });

  it('"disable" turns each ENABLE into DISABLE and changes nothing else, at any chunking', () => {
    const { output, summary } = run(DUMP, rules({ events: 'disable' }), { strict: true });
    expect(statusOf(output)).toEqual(['do: DISABLE', 'nightly charge: DISABLE', 'purge_old: DISABLE', 'replica_only: DISABLE ON SLAVE']);
    // the body's words and the COMMENT's "ENABLE" are not the status
    const expected = DUMP.toString('latin1').replace(/( PRESERVE )ENABLE( (?:COMMENT|DO) )/g, '$1DISABLE$2');
    expect(output.toString('latin1')).toBe(expected);
    expect(output.toString('latin1')).toContain("COMMENT 'bills every subscriber; do not ENABLE in staging'");
    const d = summary.diagnostics.find((x) => x.code === 'EVENTS_DISABLED');
    expect(d?.data).toEqual({ statements: 2, rows: null });
    expect(summary.diagnostics.some((x) => x.code === 'EVENTS_ENABLED')).toBe(false);
    for (const size of [1, 7, 64, 4096]) expect(runSized(DUMP, { rules: rules({ events: 'disable' }), ...opts }, size).output.equals(output), `chunks of ${size}`).toBe(true);
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: DUMP.length - 1 }), { maxLength: 12 }), (cuts) => {
        expect(runChunks(DUMP, { rules: rules({ events: 'disable' }), ...opts }, cuts.sort((a, b) => a - b)).output.equals(output)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('"keep" copies them without a word', () => {
    const { output, summary } = run(DUMP, rules({ events: 'keep' }), { strict: true });
    expect(output.equals(DUMP)).toBe(true);
    expect(summary.diagnostics.filter((x) => x.code.startsWith('EVENTS'))).toEqual([]);
  });

  it('a head without a status (enabled by default) gets DISABLE before DO', () => {
    const sql = Buffer.from("CREATE EVENT e ON SCHEDULE EVERY 1 HOUR DO SELECT 'enable';\nCREATE DEFINER=CURRENT_USER EVENT IF NOT EXISTS db2.`x y` ON SCHEDULE AT '2030-01-01' + INTERVAL 1 DAY do\n  BEGIN SELECT 1; END;\n");
    const none = run(sql, validateRules({ tables: {} }));
    expect(none.output.equals(sql)).toBe(true);
    expect(none.summary.diagnostics.find((x) => x.code === 'EVENTS_ENABLED')?.data).toEqual({ enabled: 2, names: ['e', 'db2.x y'], table: false });
    const out = run(sql, validateRules({ events: 'disable', tables: {} })).output.toString();
    expect(out).toBe("CREATE EVENT e ON SCHEDULE EVERY 1 HOUR DISABLE DO SELECT 'enable';\nCREATE DEFINER=CURRENT_USER EVENT IF NOT EXISTS db2.`x y` ON SCHEDULE AT '2030-01-01' + INTERVAL 1 DAY DISABLE do\n  BEGIN SELECT 1; END;\n");
  });

  it('reads other CREATE statements as before (procedures, triggers, views, tables)', () => {
    const sql = Buffer.from('CREATE DEFINER=`root`@`localhost` PROCEDURE `enable`() BEGIN SELECT 1; END;\nCREATE OR REPLACE VIEW v AS SELECT 1 AS enable;\nCREATE TABLE event (schedule int, enable int, do int);\n');
    const { output, summary } = run(sql, validateRules({ events: 'disable', tables: {} }));
    expect(output.equals(sql)).toBe(true);
    expect(summary.diagnostics.some((x) => x.code.startsWith('EVENTS'))).toBe(false);
  });

  describe('mysql.event rows (--all-databases --events)', () => {
    const status = (b: Buffer) => [...b.toString('latin1').slice(b.indexOf('INSERT INTO')).matchAll(/'(ENABLED|DISABLED|SLAVESIDE_DISABLED)'/g)].map((m) => m[1]);

    it('are reported when the rules say nothing, and fail strict', () => {
      const { output, summary } = run(TABLE);
      expect(output.equals(TABLE)).toBe(true);
      expect(status(TABLE)).toEqual(['ENABLED', 'DISABLED', 'SLAVESIDE_DISABLED', 'ENABLED']);
      expect(summary.diagnostics.find((x) => x.code === 'EVENTS_ENABLED')?.data).toEqual({ enabled: 0, names: [], table: true });
      // (strict: with every column of mysql.event covered, the events are what is left)
      const columns = Object.fromEntries([...TABLE.toString('latin1').matchAll(/^ {2}`(\w+)` /gm)].map((m) => [m[1], 'keep']));
      expect(Object.keys(columns)).toContain('status');
      const e = veilErrorOf(() => run(TABLE, validateRules({ tables: { 'mysql.event': { columns } } }), { strict: true }));
      expect(e.details.issues.filter((i: { code: string }) => i.code === 'RULES_UNCOVERED_EVENTS').map((i: { path: string }) => i.path)).toEqual(['$.events']);
    });

    it('"disable" sets their status to DISABLED and touches no other byte, with or without worker threads', async () => {
      const r = rules({ events: 'disable' });
      const { output, summary } = run(TABLE, r);
      expect(status(output)).toEqual(['DISABLED', 'DISABLED', 'DISABLED', 'DISABLED']);
      const at = TABLE.indexOf('INSERT INTO');
      const text = TABLE.toString('latin1');
      expect(output.toString('latin1')).toBe(text.slice(0, at) + text.slice(at).replace(/'(ENABLED|SLAVESIDE_DISABLED)'/g, "'DISABLED'"));
      expect(summary.diagnostics.find((x) => x.code === 'EVENTS_DISABLED')?.data).toEqual({ statements: 0, rows: 4 });
      // the table is still reported as one the rules file leaves alone
      expect(summary.coverage.find((t) => t.table === 'mysql.event')?.rules).toEqual([]);
      expect(summary.tables.find((t) => t.table === 'mysql.event')?.masked).toEqual({ status: 3 }); // (one was DISABLED already)
      // worker threads take rows once a table's first rows were sampled: the four rows, 2000 times over
      const many = (b: Buffer) => {
        const t = b.toString('latin1');
        const at = t.indexOf('INSERT INTO `event` VALUES\n') + 'INSERT INTO `event` VALUES\n'.length;
        const end = t.indexOf(';\n', at);
        return Buffer.from(t.slice(0, at) + Array(2000).fill(t.slice(at, end)).join(',\n') + t.slice(end), 'latin1');
      };
      const parallel = await runParallel(many(TABLE), { rules: r, ...opts });
      expect(parallel.threads).toBeGreaterThan(0);
      expect(parallel.output.equals(many(output))).toBe(true);
    });

    it('a rules file that names mysql.event keeps the status rule unless it has its own', () => {
      const named = validateRules({ events: 'disable', tables: { 'mysql.event': { columns: { body: 'keep' } } } });
      expect(status(run(TABLE, named, { unusedRules: 'warn' }).output)).toEqual(['DISABLED', 'DISABLED', 'DISABLED', 'DISABLED']);
      const own = validateRules({ events: 'disable', tables: { 'mysql.event': { columns: { status: 'keep' } } } });
      expect(run(TABLE, own, { unusedRules: 'warn' }).output.equals(TABLE)).toBe(true);
    });
  });

  it('"events" takes "keep" or "disable"', () => {
    const e = veilErrorOf(() => validateRules({ events: 'drop', tables: {} }));
    expect(e.code).toBe('RULES_INVALID');
    expect(e.details.issues[0].path).toBe('$.events');
    expect(validateRules({ events: 'disable', tables: {} }).events).toBe('disable');
    expect(validateRules({ tables: {} }).events).toBeUndefined();
  });

  it('EventHead: the status is the first ENABLE/DISABLE after SCHEDULE; DO ends the head', () => {
    const read = (words: string[]) => {
      const h = new EventHead();
      h.begin();
      const at = words.map((w) => h.word(w));
      const tally: EventTally = { enabled: new NameTally(), disabled: 0, disabledByRule: 0 };
      h.record(tally, 'n');
      return { at, tally: { enabled: tally.enabled.count, names: tally.enabled.names, disabled: tally.disabled } };
    };
    expect(read(['enable', 'on', 'schedule', 'every', 'day', 'enable', 'do']).at).toEqual([undefined, undefined, undefined, undefined, undefined, 'status', 'body']);
    expect(read(['on', 'schedule', 'disable', 'on', 'slave', 'do']).tally).toMatchObject({ enabled: 0, disabled: 1 });
    expect(read(['on', 'schedule', 'do']).tally).toMatchObject({ enabled: 1, names: ['n'] });
    expect(eventName('/*!50106 CREATE*/ /*!50117 DEFINER=`root`@`localhost`*/ /*!50106 EVENT `a``b` ON SCHEDULE ', 'shop')).toBe('shop.a`b');
    expect(eventName('CREATE EVENT IF NOT EXISTS s.e ON SCHEDULE', undefined)).toBe('s.e');
  });
});
