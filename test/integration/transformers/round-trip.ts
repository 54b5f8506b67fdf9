/**
 * Small round trips through the real tools for the edge-case tests: a few statements into a scratch
 * database, the real dump tool, veil-stream with a rules object, and a restore into a fresh database.
 * The restore error, if any, is returned instead of thrown, so a test can tell "rules error" (veil-stream
 * exits 1, nothing restored) from "a masked dump the server rejects".
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createScratchDb, pgDump, psqlFile, restoreIntoFreshDb } from '../helpers/pg.js';
import { runVeil } from '../helpers/veil.js';
import { dump, loadFile, sql } from '../mysql/mariadb.js';

export const SEED = 's';

export interface RoundTrip {
  /** veil-stream's exit code. */
  code: number;
  stderr: string;
  /** The server's complaint when the masked dump did not restore. */
  restoreError?: string;
  /** The database the masked dump was restored into. */
  db?: string;
}

async function writeTemp(dir: string, name: string, text: string): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, text);
  return file;
}

/** pg_dump → veil-stream → psql (ON_ERROR_STOP) into a fresh scratch database. */
export async function pgRoundTrip(label: string, setup: string, rules: object): Promise<RoundTrip> {
  const dir = await mkdtemp(join(tmpdir(), 'veil-it-edge-pg-'));
  try {
    const src = await createScratchDb(`edge_${label}`);
    await psqlFile(src, await writeTemp(dir, 'setup.sql', setup));
    const dumpFile = join(dir, 'dump.sql');
    const maskedFile = join(dir, 'masked.sql');
    await pgDump(src, [], dumpFile);
    const r = await runVeil([await writeTemp(dir, 'rules.json', JSON.stringify(rules)), '-i', dumpFile, '-o', maskedFile, '--seed', SEED, '-q']);
    if (r.code !== 0) return { code: r.code, stderr: r.stderr };
    try {
      const { db } = await restoreIntoFreshDb(`edge_${label}_out`, maskedFile);
      return { code: 0, stderr: r.stderr, db };
    } catch (e) {
      return { code: 0, stderr: r.stderr, restoreError: (e as Error).message.split('\n').slice(-3).join(' ') };
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * mariadb-dump → veil-stream → mariadb in strict mode with unique checks on. Databases are named
 * `<prefix><n>_src` / `_out`; `cleanup()` drops them and the work directory.
 */
export function mariadbRoundTrips(prefix: string): { roundTrip(setup: string, rules: object): Promise<RoundTrip>; cleanup(): Promise<void> } {
  let dir = '';
  let n = 0;
  return {
    async roundTrip(setup, rules) {
      dir ||= await mkdtemp(join(tmpdir(), 'veil-it-edge-my-'));
      n += 1;
      const src = `${prefix}${n}_src`;
      const out = `${prefix}${n}_out`;
      await sql(`CREATE DATABASE \`${src}\``);
      await sql(setup, src);
      const dumpFile = join(dir, `${n}.sql`);
      const maskedFile = join(dir, `${n}.masked.sql`);
      await dump('mariadb-dump', [], [src], dumpFile);
      const r = await runVeil([await writeTemp(dir, `${n}.rules.json`, JSON.stringify(rules)), '-i', dumpFile, '-o', maskedFile, '--seed', SEED, '-q']);
      if (r.code !== 0) return { code: r.code, stderr: r.stderr };
      const text = (await readFile(maskedFile, 'utf8'))
        .replace("SQL_MODE='NO_AUTO_VALUE_ON_ZERO'", "SQL_MODE='NO_AUTO_VALUE_ON_ZERO,STRICT_ALL_TABLES'")
        .replace('UNIQUE_CHECKS=0', 'UNIQUE_CHECKS=1');
      await writeFile(maskedFile, text);
      await sql(`CREATE DATABASE \`${out}\``);
      try {
        await loadFile(maskedFile, out);
        return { code: 0, stderr: r.stderr, db: out };
      } catch (e) {
        return { code: 0, stderr: r.stderr, restoreError: (e as Error).message.split('\n').slice(-2).join(' ') };
      }
    },
    async cleanup() {
      for (const [db] of await sql(`SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE '${prefix.replaceAll('_', '\\_')}%'`)) {
        await sql(`DROP DATABASE \`${db}\``);
      }
      if (dir) await rm(dir, { recursive: true, force: true });
    },
  };
}
