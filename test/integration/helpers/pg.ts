/**
 * PostgreSQL helpers for integration suites: scratch databases, psql, pg_dump, restore, queries.
 *
 * Connection: PGHOST / PGPORT / PGUSER when set, else 127.0.0.1:5432 as postgres (trust auth).
 * Every command gets explicit `-h -p -U -d` arguments; nothing goes through a shell.
 *
 * Scratch databases are named `veil_it_<pid>_<label>_<n>`. `dropLeftoverScratchDbs` drops the
 * ones whose creating process is gone (earlier, interrupted runs) and leaves those of suites that
 * are running right now in parallel alone.
 */
import { runOk, runPipeline, type RunResult } from './proc.js';

export const SCRATCH_PREFIX = 'veil_it_';

export interface PgConnection {
  readonly host: string;
  readonly port: string;
  readonly user: string;
}

export function pgConnection(): PgConnection {
  return {
    host: process.env.PGHOST || '127.0.0.1',
    port: process.env.PGPORT || '5432',
    user: process.env.PGUSER || 'postgres',
  };
}

function connArgs(db: string): string[] {
  const { host, port, user } = pgConnection();
  return ['-h', host, '-p', port, '-U', user, '-d', db];
}

/** Child environment: UTF-8 client encoding, no stray PGDATABASE/PGOPTIONS from the caller. */
function pgEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PGCLIENTENCODING: 'UTF8', PGCONNECT_TIMEOUT: '10' };
  delete env.PGDATABASE;
  delete env.PGOPTIONS;
  delete env.PGSERVICE;
  return env;
}

/** SQL identifier quoting, as quote_ident would do it. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** SQL string literal (standard_conforming_strings = on). */
export function quoteLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

// ---------------------------------------------------------------------------------------------
// psql

const PSQL_STRICT = ['-v', 'ON_ERROR_STOP=1', '-X', '-q'];

/** psql with ON_ERROR_STOP, no psqlrc, quiet; extra args appended. Rejects on failure. */
export function psql(db: string, args: readonly string[], input?: Buffer | string): Promise<RunResult> {
  return runOk('psql', [...connArgs(db), ...PSQL_STRICT, ...args], { env: pgEnv(), input });
}

/** Runs SQL (passed on stdin, so size is not limited by argv). */
export function psqlExec(db: string, sql: string): Promise<RunResult> {
  return psql(db, ['-f', '-'], sql);
}

/** Runs a SQL file, e.g. a (masked) dump, with ON_ERROR_STOP. Returns psql's stderr (notices). */
export async function psqlFile(db: string, file: string, extraArgs: readonly string[] = []): Promise<string> {
  const result = await psql(db, [...extraArgs, '-f', file]);
  return result.stderr;
}

/**
 * Runs a query and returns its rows as objects (column name → JSON value; SQL NULL → null).
 * The query is wrapped in json_agg, so any text — tabs, newlines, quotes, emoji — survives.
 * Numbers come back as JS numbers; cast to text in the query when exactness matters.
 */
export async function query<Row = Record<string, unknown>>(db: string, sql: string): Promise<Row[]> {
  const wrapped = `SELECT coalesce(json_agg(q), '[]'::json) FROM (\n${sql}\n) AS q`;
  const result = await psql(db, ['-A', '-t', '-f', '-'], wrapped);
  return JSON.parse(result.stdout.toString('utf8')) as Row[];
}

/** Single value of a single-row, single-column query. */
export async function queryValue<T = unknown>(db: string, sql: string): Promise<T> {
  const rows = await query<Record<string, T>>(db, sql);
  if (rows.length !== 1) throw new Error(`expected one row, got ${rows.length}: ${sql}`);
  const values = Object.values(rows[0]);
  if (values.length !== 1) throw new Error(`expected one column, got ${values.length}: ${sql}`);
  return values[0];
}

// ---------------------------------------------------------------------------------------------
// scratch databases

let counter = 0;
const created = new Set<string>();

function sanitizeLabel(label: string): string {
  return label.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '').slice(0, 30) || 'db';
}

/** Creates an empty UTF-8 database and returns its name. */
export async function createScratchDb(label: string): Promise<string> {
  counter += 1;
  const name = `${SCRATCH_PREFIX}${process.pid}_${sanitizeLabel(label)}_${counter}`;
  await psqlExec(
    'postgres',
    `CREATE DATABASE ${quoteIdent(name)} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`,
  );
  created.add(name);
  return name;
}

export async function dropScratchDb(name: string): Promise<void> {
  if (!name.startsWith(SCRATCH_PREFIX)) throw new Error(`refusing to drop non-scratch database ${name}`);
  await psqlExec('postgres', `DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
  created.delete(name);
}

/** Drops every scratch database this process created (for afterAll). */
export async function dropOwnScratchDbs(): Promise<void> {
  for (const name of [...created]) await dropScratchDb(name);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Drops scratch databases left behind by earlier runs whose process no longer exists. */
export async function dropLeftoverScratchDbs(): Promise<string[]> {
  const rows = await query<{ datname: string }>(
    'postgres',
    `SELECT datname FROM pg_database WHERE starts_with(datname, ${quoteLiteral(SCRATCH_PREFIX)})`,
  );
  const dropped: string[] = [];
  for (const { datname } of rows) {
    const pid = Number(/^veil_it_(\d+)_/.exec(datname)?.[1] ?? NaN);
    if (Number.isInteger(pid) && processAlive(pid)) continue;
    await dropScratchDb(datname);
    dropped.push(datname);
  }
  return dropped;
}

// ---------------------------------------------------------------------------------------------
// dump and restore

export interface DumpOptions {
  /** Pipe the dump through `pg_restore -f - <restoreFlags>` (use with -Fc / -Ft). */
  readonly viaPgRestore?: readonly string[];
}

/** `pg_dump <flags> db > outFile`, or `pg_dump <flags> db | pg_restore -f - > outFile`. */
export async function pgDump(db: string, flags: readonly string[], outFile: string, options: DumpOptions = {}): Promise<void> {
  const dumpArgs = [...connArgs(db), ...flags];
  if (options.viaPgRestore === undefined) {
    await runOk('pg_dump', [...dumpArgs, '-f', outFile], { env: pgEnv() });
    return;
  }
  await runPipeline(
    [
      { command: 'pg_dump', args: dumpArgs },
      { command: 'pg_restore', args: ['-f', '-', ...options.viaPgRestore] },
    ],
    outFile,
    pgEnv(),
  );
}

/**
 * Creates a fresh scratch database and runs the SQL file into it with ON_ERROR_STOP.
 * If the restore fails the database stays (for inspection) until dropOwnScratchDbs.
 */
export async function restoreIntoFreshDb(label: string, file: string): Promise<{ db: string; stderr: string }> {
  const db = await createScratchDb(label);
  try {
    return { db, stderr: await psqlFile(db, file) };
  } catch (error) {
    throw new Error(`restoring ${file} into ${db} failed: ${(error as Error).message}`, { cause: error });
  }
}
