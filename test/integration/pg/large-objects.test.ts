/**
 * PostgreSQL large objects through the real pg_dump, veil-stream and a restore: their contents are
 * reported (an error under --strict), drafted as "largeObjects": "empty" by scan, and emptied by that
 * rule, with every object still there for the oid columns that point to it.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createScratchDb, dropOwnScratchDbs, pgDump, psqlExec, query, restoreIntoFreshDb } from '../helpers/pg.js';
import { describeWithService } from '../helpers/services.js';
import { runVeil } from '../helpers/veil.js';

const SEED = 'large-objects-seed';

describeWithService('PostgreSQL', 'large objects through pg_dump, veil-stream and a restore', () => {
  let work = '';
  let source = '';
  let dumpFile = '';

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'veil-it-lo-'));
    source = await createScratchDb('large objects');
    await psqlExec(
      source,
      `CREATE TABLE docs (id int PRIMARY KEY, body oid, email text);
       INSERT INTO docs VALUES
         (1, lo_from_bytea(0, convert_to('signed contract of alice@example.com', 'UTF8')), 'alice@example.com'),
         (2, lo_from_bytea(0, decode(repeat('00ff', 12000), 'hex')), 'bob@example.com'),
         (3, lo_create(0), NULL);`,
    );
    dumpFile = join(work, 'dump.sql');
    await pgDump(source, [], dumpFile);
  });

  afterAll(async () => {
    await dropOwnScratchDbs();
    if (work && !process.env.KEEP) await rm(work, { recursive: true, force: true });
  });

  async function rules(extra: object): Promise<string> {
    const file = join(work, `rules-${Object.values(extra).join('-') || 'none'}.json`);
    await writeFile(file, JSON.stringify({ ...extra, tables: { 'public.docs': { columns: { email: 'email', id: 'keep', body: 'keep' } } } }));
    return file;
  }

  it('reports contents no rule masks, and refuses them under --strict', async () => {
    const file = await rules({});
    const warned = await runVeil([file, '-i', dumpFile, '--seed', SEED]);
    expect(warned.code).toBe(0);
    expect(warned.stderr).toContain('LARGE_OBJECTS_UNCOVERED');
    expect(warned.stdout.toString()).toContain(Buffer.from('alice@example.com').toString('hex'));
    const strict = await runVeil([file, '-i', dumpFile, '--seed', SEED, '--strict']);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain('RULES_UNCOVERED_LARGE_OBJECTS');
    const check = await runVeil(['check', file, '-i', dumpFile, '--strict']);
    expect(check.code).toBe(1);
    expect(check.stderr).toContain('$.largeObjects');
  });

  it('"empty" restores every large object, empty, and the rows that point to them', async () => {
    const masked = join(work, 'masked.sql');
    const r = await runVeil([await rules({ largeObjects: 'empty' }), '-i', dumpFile, '-o', masked, '--seed', SEED, '--strict']);
    expect(r.code, r.stderr).toBe(0);
    const text = await readFile(masked, 'utf8');
    expect(text).not.toContain('lowrite');
    const { db } = await restoreIntoFreshDb('large objects masked', masked);
    const rows = await query<{ id: number; size: number; email: string | null }>(db, 'SELECT id, length(lo_get(body)) AS size, email FROM docs ORDER BY id');
    expect(rows.map((x) => [x.id, x.size])).toEqual([[1, 0], [2, 0], [3, 0]]);
    expect(rows[0].email).not.toBe('alice@example.com');
    const objects = await query<{ n: number }>(db, 'SELECT count(*)::int AS n FROM pg_largeobject_metadata');
    expect(objects[0].n).toBe(3);
  });

  it('scan drafts "largeObjects": "empty", and check --strict passes on the draft', async () => {
    const draftFile = join(work, 'draft.json');
    const scan = await runVeil(['scan', '-i', dumpFile, '-o', draftFile]);
    expect(scan.code, scan.stderr).toBe(0);
    expect(scan.stderr).toContain('large objects → empty');
    const draft = JSON.parse(await readFile(draftFile, 'utf8'));
    expect(draft.largeObjects).toBe('empty');
    const check = await runVeil(['check', draftFile, '-i', dumpFile, '--strict']);
    expect(check.code, check.stderr).toBe(0);
  });
});
