/**
 * Real mariadb-dump / mysqldump output of test/integration/mysql/tricky.sql → veil-stream → restore
 * into fresh databases, in every dump mode. The source databases are the oracle: row counts and the
 * MD5 of every unmasked column must match, masked columns must differ where they held a value.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeWithService } from '../helpers/services.js';
import { dump, loadFile, mask, snapshot, sql, tables, values, type Snapshot, type TableMeta } from './mariadb.js';

const here = (f: string) => fileURLToPath(new URL(f, import.meta.url));
const TRICKY = here('./tricky.sql');
const RULES_FILE = here('./rules.json');
const SOURCES = ['veil_tricky', 'veil_tricky2'];
const SEED = 'mysql-integration';

interface Mode {
  name: string;
  flags: string[];
  databases?: boolean;
  dataOnly?: boolean;
  schemaOnly?: boolean;
  /** --dump-history: system-versioned tables' past rows too, with their row_start/row_end. */
  history?: boolean;
  /** No header comment and no USE: the dump never names its database, so `db.table` keys cannot match. */
  anonymous?: boolean;
}
const MODES: Mode[] = [
  { name: 'default', flags: [] },
  { name: '--skip-extended-insert', flags: ['--skip-extended-insert'] },
  { name: '--complete-insert', flags: ['--complete-insert'] },
  { name: '--hex-blob', flags: ['--hex-blob'] },
  { name: '--insert-ignore', flags: ['--insert-ignore'] },
  { name: '--replace', flags: ['--replace'] },
  { name: '--compact', flags: ['--compact'], anonymous: true },
  { name: '--databases', flags: ['--databases'], databases: true },
  { name: '--no-create-info --complete-insert', flags: ['--no-create-info', '--complete-insert'], dataOnly: true },
  { name: '--no-data', flags: ['--no-data'], schemaOnly: true },
  { name: '--net-buffer-length=4096 --hex-blob', flags: ['--net-buffer-length=4096', '--hex-blob'] },
  { name: '--dump-history', flags: ['--dump-history'], history: true },
];
const TOOLS = ['mariadb-dump', 'mysqldump'];

type Rules = { events?: string; tables: Record<string, { columns?: Record<string, unknown>; truncate?: boolean }> };

/** The rules of a single-database dump that does not name its database: veil_tricky.x becomes x. */
function anonymousRules(rules: Rules): Rules {
  const tables: Rules['tables'] = {};
  for (const [key, value] of Object.entries(rules.tables)) {
    if (key.startsWith('veil_tricky2.')) continue;
    tables[key.replace(/^veil_tricky\./, '')] = value;
  }
  return { ...rules, tables };
}

/** Rules that apply to table `t` of database `db` (qualified key or bare key). */
function rulesFor(rules: Rules, db: string, t: string) {
  return [rules.tables[t], rules.tables[`${db}.${t}`]].filter((r) => r !== undefined);
}

describeWithService('MariaDB', 'MySQL dumps masked by veil-stream and restored into MariaDB', () => {
  let work = '';
  let rules: Rules;
  const source = new Map<string, { meta: TableMeta; snap: Snapshot }>();
  let run = 0;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'veil-it-mysql-'));
    rules = JSON.parse(await readFile(RULES_FILE, 'utf8')) as Rules;
    await loadFile(TRICKY);
    for (const db of SOURCES) for (const t of await tables(db)) source.set(`${db}.${t.name}`, { meta: t, snap: await snapshot(t) });
  });

  afterAll(async () => {
    const leftovers = await sql(`SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE 'vrt\\_${process.pid}\\_%'`);
    for (const [db] of leftovers) await sql(`DROP DATABASE \`${db}\``);
    if (work && !process.env.KEEP) await rm(work, { recursive: true, force: true });
  });

  it('the source covers what the rules name', () => {
    expect([...source.keys()].sort()).toEqual([
      'veil_tricky.blobs', 'veil_tricky.ddl_zoo', 'veil_tricky.docs', 'veil_tricky.empty_one', 'veil_tricky.events_log',
      'veil_tricky.my table', 'veil_tricky.net', 'veil_tricky.order', 'veil_tricky.orders', 'veil_tricky.people',
      'veil_tricky.periods', 'veil_tricky.versioned', 'veil_tricky.versioned2', 'veil_tricky2.people',
    ]);
    expect(source.get('veil_tricky.orders')!.snap.rows).toBe(3000);
  });

  describe.each(TOOLS.flatMap((tool) => MODES.map((mode) => ({ tool, mode }))))('$tool $mode.name', ({ tool, mode }) => {
    const targets = new Map<string, string>(); // source db → restored db
    let maskedText = '';

    beforeAll(async () => {
      const n = ++run;
      for (const db of SOURCES) targets.set(db, `vrt_${process.pid}_${n}_${db === 'veil_tricky' ? 'a' : 'b'}`);
      const slug = `${tool}-${mode.name.replace(/[^a-z0-9]+/gi, '-')}`;
      const dumpFile = join(work, `${slug}.sql`);
      const maskedFile = join(work, `${slug}.masked.sql`);
      await dump(tool, mode.flags, mode.databases ? ['--databases', ...SOURCES] : ['veil_tricky'], dumpFile);
      let modeRules = rules;
      let modeRulesFile = RULES_FILE;
      if (mode.anonymous) {
        modeRules = anonymousRules(rules);
        modeRulesFile = join(work, `${slug}.rules.json`);
        await writeFile(modeRulesFile, JSON.stringify(modeRules));
      }
      await mask(dumpFile, maskedFile, modeRules, modeRulesFile, SEED);
      let masked = await readFile(maskedFile);
      maskedText = masked.toString('latin1');
      if (mode.databases) {
        // point CREATE DATABASE / USE at the scratch databases (only those lines name databases)
        const text = masked.toString('latin1').replace(/^(CREATE DATABASE \/\*!32312 IF NOT EXISTS\*\/ |USE )`(veil_tricky2?)`/gm, (_m, head: string, db: string) => `${head}\`${targets.get(db)}\``);
        masked = Buffer.from(text, 'latin1');
        await writeFile(maskedFile, masked);
      } else {
        await sql(`CREATE DATABASE \`${targets.get('veil_tricky')}\``);
        if (mode.dataOnly) {
          const schemaFile = join(work, `${slug}.schema.sql`);
          // tables only: the data-only dump brings the triggers, routines and events itself
          await dump(tool, ['--no-data', '--skip-triggers'], ['veil_tricky'], schemaFile, true);
          await loadFile(schemaFile, targets.get('veil_tricky'));
        }
      }
      await loadFile(maskedFile, mode.databases ? undefined : targets.get('veil_tricky'));
    });

    const restoredDbs = () => (mode.databases ? SOURCES : ['veil_tricky']);

    it('restores every row, and every unmasked column exactly', async () => {
      for (const db of restoredDbs()) {
        for (const [key, { meta, snap }] of source) {
          if (!key.startsWith(`${db}.`)) continue;
          const got = await snapshot(meta, targets.get(db));
          const applicable = rulesFor(rules, db, meta.name);
          const truncated = applicable.some((r) => r.truncate);
          expect(got.rows, `${key} rows`).toBe(mode.schemaOnly || truncated ? 0 : snap.rows);
          if (mode.schemaOnly || truncated) continue;
          const ruled = new Set(applicable.flatMap((r) => Object.keys(r.columns ?? {})));
          for (const [column, md5] of snap.columns) {
            if (ruled.has(column)) continue;
            // generated columns are recomputed from masked inputs; none of ours depend on a masked column
            expect(got.columns.get(column), `${key}.${column}`).toBe(md5);
          }
        }
      }
    });

    it('restores the scheduled events disabled ("events": "disable")', async () => {
      const events = (db: string) => sql(`SELECT EVENT_NAME, STATUS FROM information_schema.EVENTS WHERE EVENT_SCHEMA = '${db}' ORDER BY EVENT_NAME`);
      expect(await events('veil_tricky')).toEqual([['mail out', 'DISABLED'], ['purge_log', 'ENABLED']]);
      expect(await events(targets.get('veil_tricky')!)).toEqual([['mail out', 'DISABLED'], ['purge_log', 'DISABLED']]);
      // only the status keyword changed: the schedule and body are the dump's
      expect(maskedText).toContain("ON COMPLETION PRESERVE DISABLE COMMENT 'ENABLE after review' DO");
      expect(maskedText).toMatch(/EVENT `purge_log` ON SCHEDULE EVERY 1 DAY STARTS '2030-01-01 00:00:00' ON COMPLETION NOT PRESERVE DISABLE DO/);
    });

    it('changes every masked value that was not NULL, and keeps NULLs', async () => {
      if (mode.schemaOnly) return;
      let checked = 0;
      for (const db of restoredDbs()) {
        for (const [key, { meta }] of source) {
          if (!key.startsWith(`${db}.`)) continue;
          const applicable = rulesFor(rules, db, meta.name);
          if (applicable.some((r) => r.truncate)) continue;
          for (const column of new Set(applicable.flatMap((r) => Object.keys(r.columns ?? {})))) {
            const before = await values(meta, column);
            const after = await values(meta, column, targets.get(db));
            expect(after.length).toBe(before.length);
            before.forEach((v, k) => {
              if (v === null) expect(after[k], `${key}.${column} row ${k}`).toBeNull();
              else if (v !== '') expect(after[k], `${key}.${column} row ${k}`).not.toBe(v);
              checked++;
            });
          }
        }
      }
      expect(checked).toBeGreaterThan(mode.databases ? 3020 : 3010);
    });

    it('writes masked text and bytes that restore as written', async () => {
      if (mode.schemaOnly) return;
      const db = targets.get('veil_tricky')!;
      const [[bio]] = await sql(`SELECT HEX(bio) FROM people WHERE id = 2`, db);
      expect(Buffer.from(bio, 'hex').toString('utf8')).toBe('tab\there, \'quote\' "dq" back\\slash\nnew line ; ),( \0 nul');
      const [[data]] = await sql(`SELECT data FROM blobs WHERE id = 3`, db);
      expect(data).toBe('masked blob');
      const [[latin]] = await sql("SELECT HEX(`the value`) FROM `my table` WHERE id = 1", db);
      expect(latin).toBe('5A6FEB2080'); // 'Zoë €' in the latin1 column
      const [[secret]] = await sql('SELECT secret FROM docs WHERE id = 1', db);
      expect(secret).toBe('hush');
      expect(maskedText).toContain('alice@example.com'); // in docs.doc (JSON), which no rule masks
      const [[email]] = await sql('SELECT email FROM people WHERE id = 1', db);
      expect(email).not.toBe('alice@example.com');
    });

    it('restores the history of system-versioned tables, masked (--dump-history)', async () => {
      if (!mode.history) return;
      const all = (t: string, db: string) => sql(`SELECT id, v, row_end > NOW() FROM \`${t}\` FOR SYSTEM_TIME ALL ORDER BY id, row_start`, db);
      expect(await all('versioned', 'veil_tricky')).toEqual([['1', 'one', '0'], ['1', 'uno', '1']]);
      expect(await all('versioned', targets.get('veil_tricky')!)).toEqual([['1', 'v masked', '0'], ['1', 'v masked', '1']]);
      // explicit ROW START/END columns, unmasked: every past row as it was
      const explicit = (db: string) => sql('SELECT id, v, rs, re FROM versioned2 FOR SYSTEM_TIME ALL ORDER BY id, rs', db);
      expect(await explicit(targets.get('veil_tricky')!)).toEqual(await explicit('veil_tricky'));
      expect((await explicit('veil_tricky')).length).toBe(3);
    });

    it('gives the same original the same fake in every table and database', async () => {
      if (mode.schemaOnly || !mode.databases) return;
      const [[a]] = await sql(`SELECT email FROM people WHERE id = 1`, targets.get('veil_tricky'));
      const [[b]] = await sql(`SELECT email FROM people WHERE id = 2`, targets.get('veil_tricky2'));
      expect(a).toBe(b); // both were alice@example.com
      expect(a).not.toBe('alice@example.com');
    });
  });

  it('refuses to guess columns of a data-only dump without column lists', async () => {
    const dumpFile = join(work, 'no-create-info.sql');
    await dump('mariadb-dump', ['--no-create-info'], ['veil_tricky'], dumpFile);
    await expect(mask(dumpFile, join(work, 'x.sql'), rules, RULES_FILE, SEED)).rejects.toThrow(/DUMP_UNKNOWN_COLUMNS/);
  });
});
