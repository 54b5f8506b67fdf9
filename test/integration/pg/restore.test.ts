/**
 * Real pg_dump output of a purpose-built tricky database → veil-stream → psql restore into a
 * fresh database, for every dump layout pg_dump can write as SQL. The source database is the
 * oracle: unmasked columns must come back identical, masked ones must not contain originals.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createScratchDb,
  dropLeftoverScratchDbs,
  dropOwnScratchDbs,
  pgDump,
  psqlFile,
  restoreIntoFreshDb,
} from '../helpers/pg.js';
import { describeWithService } from '../helpers/services.js';
import { runVeil, type VeilResult } from '../helpers/veil.js';
import {
  displayName,
  expectedMasking,
  readCatalog,
  rulesNamingDescendants,
  type ExpectedMasking,
  type RulesFile,
  type TableInfo,
} from './catalog.js';
import { columnValues, digestTables, schemaText, sequencePositions, type ColumnValues, type TableDigest } from './snapshot.js';
import { checkMasked, sharedOriginals } from './masking.js';

const here = (file: string): string => fileURLToPath(new URL(file, import.meta.url));
const TRICKY_SQL = here('./tricky.sql');
const RULES_FILE = here('./rules.json');
const NO_RULES_FILE = here('./no-rules.json');
const SEED = 'integration-seed';

interface DumpMode {
  readonly name: string;
  readonly flags: readonly string[];
  /** `pg_dump … | pg_restore -f - <these>` */
  readonly viaPgRestore?: readonly string[];
  /** Data-only dump: restored on top of a schema-only restore. */
  readonly dataOnly?: boolean;
}

const MODES: readonly DumpMode[] = [
  { name: 'plain (COPY)', flags: [] },
  { name: '--inserts', flags: ['--inserts'] },
  { name: '--column-inserts', flags: ['--column-inserts'] },
  { name: '--rows-per-insert=7', flags: ['--rows-per-insert=7'] },
  { name: '--quote-all-identifiers', flags: ['--quote-all-identifiers'] },
  { name: '--on-conflict-do-nothing --inserts', flags: ['--on-conflict-do-nothing', '--inserts'] },
  { name: '--clean --if-exists', flags: ['--clean', '--if-exists'] },
  // COPY only: with --inserts, pg_dump 15 writes the partition's column order into
  // `INSERT INTO <root> VALUES`, which does not restore when a partition's column order differs
  // from the root's (events_2024 here). See README.md next to this file.
  { name: '--load-via-partition-root', flags: ['--load-via-partition-root'] },
  { name: 'data-only (-a) into a schema-only restore', flags: ['--data-only'], dataOnly: true },
  { name: '-Fc piped through pg_restore -f -', flags: ['-Fc'], viaPgRestore: [] },
];

function maskedColumnsOf(expected: ExpectedMasking): Map<string, string[]> {
  return new Map([...expected.masked].map(([key, columns]) => [key, [...columns.keys()]]));
}

interface Source {
  readonly db: string;
  readonly catalog: readonly TableInfo[];
  readonly expected: ExpectedMasking;
  readonly digest: Map<string, TableDigest>;
  readonly values: ColumnValues;
  readonly sequences: Record<string, string>;
  readonly schema: string;
  readonly schemaFile: string;
}

describeWithService('PostgreSQL', 'PostgreSQL dumps masked by veil-stream', () => {
  let work = '';
  let rules: RulesFile;
  let src: Source;

  beforeAll(async () => {
    await dropLeftoverScratchDbs();
    work = await mkdtemp(join(tmpdir(), 'veil-it-pg-'));
    rules = JSON.parse(await readFile(RULES_FILE, 'utf8')) as RulesFile;
    const db = await createScratchDb('tricky_source');
    await psqlFile(db, TRICKY_SQL);
    const catalog = await readCatalog(db);
    const expected = expectedMasking(rules, catalog);
    const schemaFile = join(work, 'source-schema.sql');
    src = {
      db,
      catalog,
      expected,
      digest: await digestTables(db, catalog),
      values: await columnValues(db, catalog, maskedColumnsOf(expected)),
      sequences: await sequencePositions(db),
      schema: await schemaText(db, schemaFile),
      schemaFile,
    };
  });

  afterAll(async () => {
    await dropOwnScratchDbs();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('the tricky database exercises what the rules claim to cover', () => {
    const names = (keys: Iterable<string>): string[] =>
      [...keys].map((k) => displayName(src.catalog.find((t) => t.key === k)!)).sort();
    expect(src.catalog.filter((t) => !t.partitioned && t.primaryKey.length === 0).map(displayName)).toEqual([]);
    // Rules on parents reach partitions and INHERITS children; bare keys reach every schema.
    expect(names(src.expected.masked.keys())).toEqual([
      'crm.users', 'public.Customer Accounts', 'public.contacts_base', 'public.contacts_vip', 'public.events_2023',
      'public.events_2024', 'public.events_default', 'public.order', 'public.tricky_values', 'public.users',
      'Ünïcode.Customer Accounts', 'Ünïcode.Kontakt-Person',
    ]);
    expect(names(src.expected.truncated)).toEqual(['public.audit_log']);
    // Emails that occur in more than one masked column (the join-preservation check needs them).
    expect(sharedOriginals(src.expected, src.values, 'email').size).toBeGreaterThan(100);
  });

  describe.each(MODES)('pg_dump $name', (mode) => {
    const slug = mode.name.replace(/[^a-z0-9]+/gi, '-');
    let dumpFile = '';
    let rulesFile = RULES_FILE;
    let first: VeilResult;
    let again: Promise<VeilResult>;
    let unruled: Promise<VeilResult>;
    let db = '';
    let restored = new Map<string, TableDigest>();
    let after: ColumnValues = new Map();

    beforeAll(async () => {
      dumpFile = join(work, `${slug}.sql`);
      await pgDump(src.db, mode.flags, dumpFile, mode.viaPgRestore ? { viaPgRestore: mode.viaPgRestore } : {});
      if (mode.dataOnly) {
        // A data-only dump carries no DDL saying which tables are partitions or INHERITS
        // children, so its rules name them (see the report on data-only dumps).
        rulesFile = join(work, `${slug}.rules.json`);
        await writeFile(rulesFile, JSON.stringify(rulesNamingDescendants(rules, src.catalog)));
      }
      // (data-only: the rules of partitioned parents match nothing, as such tables hold no rows)
      const allow = mode.dataOnly ? ['--allow-unused-rules'] : [];
      first = await runVeil([rulesFile, '-i', dumpFile, '--seed', SEED, ...allow]);
      if (first.code !== 0) throw new Error(`veil-stream exited with ${first.code}:\n${first.stderr}`);
      // The determinism and no-rules runs need no database: overlap them with the restore.
      again = runVeil([rulesFile, '--seed', SEED, ...allow], { stdinFile: dumpFile });
      unruled = runVeil([NO_RULES_FILE, '-i', dumpFile, '--seed', SEED]);
      again.catch(() => undefined);
      unruled.catch(() => undefined);
      const maskedFile = join(work, `${slug}.masked.sql`);
      await writeFile(maskedFile, first.stdout);
      if (mode.dataOnly) {
        db = await createScratchDb('restore_data_only');
        await psqlFile(db, src.schemaFile);
        await psqlFile(db, maskedFile);
      } else {
        db = (await restoreIntoFreshDb('restore', maskedFile)).db;
      }
      restored = await digestTables(db, src.catalog);
      after = await columnValues(db, src.catalog, maskedColumnsOf(src.expected));
    });

    // (not for the data-only mode, which is masked with --allow-unused-rules, see above)
    if (!mode.dataOnly) it('masks with every rule matching a table: no unused-rule finding, only coverage warnings on stderr', () => {
      // (rules that match nothing are an error; columns without a rule are listed as warnings)
      const lines = first.stderr.split('\n').filter((l) => l !== '');
      expect(lines.filter((l) => !/^(warning|notice) COLUMN_(UNCOVERED|PII_SUSPECT)\b/.test(l))).toEqual([]);
    });

    it('keeps every row, and drops the rows of truncated tables', () => {
      const counts = (pick: (key: string, d: TableDigest) => number) =>
        Object.fromEntries(src.catalog.filter((t) => !t.partitioned).map((t) => [displayName(t), pick(t.key, restored.get(t.key)!)]));
      const expectedCounts = Object.fromEntries(
        src.catalog.filter((t) => !t.partitioned).map((t) => [displayName(t), src.expected.truncated.has(t.key) ? 0 : src.digest.get(t.key)!.rows]),
      );
      expect(counts((_, d) => d.rows)).toEqual(expectedCounts);
    });

    it('leaves every column without a rule identical, row by row', () => {
      const differing: string[] = [];
      for (const table of src.catalog) {
        if (table.partitioned || src.expected.truncated.has(table.key)) continue;
        const rules = src.expected.masked.get(table.key);
        for (const column of table.columns) {
          if (rules?.has(column.name)) continue;
          const before = src.digest.get(table.key)!.columns[column.name];
          const after = restored.get(table.key)!.columns[column.name];
          if (before.md5 !== after.md5) differing.push(`${displayName(table)}.${column.name}`);
        }
      }
      expect(differing).toEqual([]);
    });

    it('replaces every original value in masked columns and keeps NULLs NULL', () => {
      expect(checkMasked(src.expected, src.values, after, src.catalog)).toEqual([]);
    });

    it('gives an email the same fake in every table and schema, and distinct emails distinct fakes', () => {
      const fakesOf = new Map<string, Set<string>>();
      const originalsOf = new Map<string, Set<string>>();
      for (const [key, columns] of src.expected.masked) {
        for (const [column, rule] of columns) {
          if (rule.transformer !== 'email') continue;
          for (const [pk, original] of src.values.get(key)!.get(column)!) {
            const fake = after.get(key)?.get(column)?.get(pk);
            if (original === null || original === '' || fake == null) continue;
            fakesOf.set(original, (fakesOf.get(original) ?? new Set()).add(fake));
            originalsOf.set(fake, (originalsOf.get(fake) ?? new Set()).add(original));
          }
        }
      }
      const inconsistent = [...fakesOf].filter(([, fakes]) => fakes.size > 1).map(([o, f]) => `${o} → ${[...f].join(' | ')}`);
      const collisions = [...originalsOf].filter(([, o]) => o.size > 1).map(([f, o]) => `${[...o].join(' | ')} → ${f}`);
      expect(inconsistent).toEqual([]);
      expect(collisions).toEqual([]);
      expect(fakesOf.size).toBeGreaterThan(500);
    });

    it('passes the schema and sequence positions through unchanged', async () => {
      expect(await sequencePositions(db)).toEqual(src.sequences);
      expect(await schemaText(db, join(work, `${slug}.schema.sql`))).toBe(src.schema);
    });

    it('writes byte-identical output for the same --seed, from a file or from stdin', async () => {
      const second = await again;
      expect(second.code).toBe(0);
      expect(second.stdout.equals(first.stdout)).toBe(true);
    });

    it('copies the dump byte for byte when no table has a rule', async () => {
      const result = await unruled;
      expect(result.code).toBe(0);
      const input = await readFile(dumpFile);
      expect(result.stdout.length).toBe(input.length);
      expect(result.stdout.equals(input)).toBe(true);
    });
  });

  it('gives different fakes for a different --seed', async () => {
    const dumpFile = join(work, 'seed-check.sql');
    await pgDump(src.db, ['--table=public.users'], dumpFile);
    const [a, b] = await Promise.all([
      // a dump of one table: the rules for the others match nothing, which is fine here
      runVeil([RULES_FILE, '-i', dumpFile, '--seed', 'seed-a', '--allow-unused-rules']),
      runVeil([RULES_FILE, '-i', dumpFile, '--seed', 'seed-b', '--allow-unused-rules']),
    ]);
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(a.stdout.equals(b.stdout)).toBe(false);
  });
});
