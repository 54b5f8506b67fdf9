/**
 * A test file's own PostgreSQL database, made from SQL and dumped by the real pg_dump before its tests
 * (beforeAll); the dump's temporary folder and the file's scratch databases go after them (afterAll).
 * Call it inside the describe block; read `dumpFile` and `work` in the tests.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { createScratchDb, dropOwnScratchDbs, pgDump, psqlExec } from './pg.js';

export interface DumpedDb {
  /** A temporary folder for the test's files; the dump is in it. */
  readonly work: string;
  readonly dumpFile: string;
}

export function dumpedPgDb(label: string, sql: string): DumpedDb {
  const state = { work: '', dumpFile: '' };
  beforeAll(async () => {
    state.work = await mkdtemp(join(tmpdir(), `veil-${label}-`));
    const db = await createScratchDb(label);
    await psqlExec(db, sql);
    state.dumpFile = join(state.work, 'app.sql');
    await pgDump(db, [], state.dumpFile);
  });
  afterAll(async () => {
    await dropOwnScratchDbs();
    if (state.work) await rm(state.work, { recursive: true, force: true });
  });
  return state;
}
