/**
 * MariaDB helpers for the MySQL integration suites: run SQL, dump, restore, and take a snapshot of
 * every base table (row count + an MD5 per column over the hex of its values in key order), so a
 * restored copy can be compared column by column with the source in SQL.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { runOk } from '../helpers/proc.js';
import { dialectFor } from '../../../src/dialects/registry.js';
import { Sink } from '../../../src/core/sink.js';
import { MysqlScanner } from '../../../src/dialects/mysql/scanner.js';
import { Planner } from '../../../src/rules/plan.js';
import { validateRules } from '../../../src/rules/load.js';
import { Keyring } from '../../../src/seed/keyring.js';
import { runVeil } from '../helpers/veil.js';

const CLIENT = ['--batch', '--skip-column-names', '--default-character-set=utf8mb4'];

export async function sql(query: string, db?: string): Promise<string[][]> {
  const r = await runOk('mariadb', [...CLIENT, ...(db ? [db] : [])], { input: `SET SESSION group_concat_max_len = 1073741824;\n${query}` });
  const text = r.stdout.toString('utf8');
  return text.length === 0 ? [] : text.replace(/\n$/, '').split('\n').map((l) => l.split('\t'));
}

/**
 * Load a file with the mysql client as a restore would (comments kept: routine bodies hold them). The
 * session starts as a full dump's header sets it, because --compact leaves that header out: without it
 * strict mode rejects the dumped values of generated columns and foreign keys reject the table order.
 */
export async function loadFile(file: string, db?: string): Promise<void> {
  const init = "--init-command=SET SESSION sql_mode = 'NO_AUTO_VALUE_ON_ZERO', SESSION foreign_key_checks = 0";
  await runOk('mariadb', ['--comments', '--default-character-set=utf8mb4', init, ...(db ? [db] : [])], { stdinFile: file });
}

/**
 * Turn strict mode and unique checks back on in a masked mariadb-dump file before it is restored: the
 * dump's header turns both off, so a too-long or out-of-range fake would be cut or clamped with a
 * warning and InnoDB may skip the duplicate check of secondary unique indexes. With them on, any
 * value the server would not take as it is fails the restore.
 */
export async function makeRestoreStrict(file: string): Promise<void> {
  const text = await readFile(file, 'utf8');
  const strict = text
    .replace("SQL_MODE='NO_AUTO_VALUE_ON_ZERO'", "SQL_MODE='NO_AUTO_VALUE_ON_ZERO,STRICT_ALL_TABLES'")
    .replace('UNIQUE_CHECKS=0', 'UNIQUE_CHECKS=1');
  if (strict.match(/STRICT_ALL_TABLES|UNIQUE_CHECKS=1/g)?.length !== 2) throw new Error(`${file}: no mariadb-dump header to make strict`);
  await writeFile(file, strict);
}

/** Drop the scratch databases `<prefix>_<pid>_…` of earlier test processes that are gone. */
export async function dropDeadScratchDbs(prefix: string): Promise<void> {
  for (const [db] of await sql(`SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE '${prefix}\\_%'`)) {
    const pid = Number(new RegExp(`^${prefix}_(\\d+)_`).exec(db)?.[1]);
    let alive = false;
    try {
      process.kill(pid, 0);
      alive = true;
    } catch (e) {
      alive = (e as NodeJS.ErrnoException).code === 'EPERM';
    }
    if (!alive) await sql(`DROP DATABASE \`${db}\``);
  }
}

/** Dump with routines and events (triggers are on by default), unless `bare`. */
export async function dump(tool: string, flags: readonly string[], dbs: readonly string[], out: string, bare = false): Promise<void> {
  await runOk(tool, [...(bare ? [] : ['--routines', '--events']), ...flags, ...dbs], { stdoutFile: out });
}

export interface ColumnMeta { name: string; key: boolean; compare: boolean }
export interface TableMeta { db: string; name: string; columns: ColumnMeta[] }

/** Base tables (and system-versioned ones) of a database, with the columns worth comparing. */
export async function tables(db: string): Promise<TableMeta[]> {
  const rows = await sql(
    `SELECT c.TABLE_NAME, c.COLUMN_NAME, c.COLUMN_KEY, IFNULL(c.GENERATION_EXPRESSION, '') FROM information_schema.COLUMNS c
     JOIN information_schema.TABLES t ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME
     WHERE c.TABLE_SCHEMA = '${db}' AND t.TABLE_TYPE IN ('BASE TABLE', 'SYSTEM VERSIONED')
     ORDER BY c.TABLE_NAME, c.ORDINAL_POSITION`,
  );
  const out = new Map<string, TableMeta>();
  for (const [table, column, key, generation] of rows) {
    const t = out.get(table) ?? { db, name: table, columns: [] };
    // row start/end are set by the server at restore time
    t.columns.push({ name: column, key: key === 'PRI', compare: !/^ROW (START|END)$/i.test(generation) });
    out.set(table, t);
  }
  return [...out.values()];
}

const q = (name: string) => `\`${name.replaceAll('`', '``')}\``;

export interface Snapshot {
  rows: number;
  /** column → MD5 over the hex of its values in key order. */
  columns: Map<string, string>;
}

export async function snapshot(t: TableMeta, db = t.db): Promise<Snapshot> {
  const keys = t.columns.filter((c) => c.key);
  const order = (keys.length > 0 ? keys : t.columns).map((c) => `HEX(${q(c.name)})`).join(', ');
  const compared = t.columns.filter((c) => c.compare);
  const parts = compared.map((c) => `MD5(GROUP_CONCAT(IFNULL(HEX(${q(c.name)}), '~') ORDER BY ${order} SEPARATOR ','))`);
  const [row] = await sql(`SELECT COUNT(*), ${parts.join(', ')} FROM ${q(db)}.${q(t.name)}`);
  return { rows: Number(row[0]), columns: new Map(compared.map((c, i) => [c.name, row[i + 1]])) };
}

/** One column's values (hex, null for NULL) in key order. */
export async function values(t: TableMeta, column: string, db = t.db): Promise<(string | null)[]> {
  const keys = t.columns.filter((c) => c.key);
  const order = (keys.length > 0 ? keys : t.columns).map((c) => `HEX(${q(c.name)})`).join(', ');
  const rows = await sql(`SELECT IFNULL(HEX(${q(column)}), '~') FROM ${q(db)}.${q(t.name)} ORDER BY ${order}`);
  return rows.map(([v]) => (v === '~' ? null : v));
}

/**
 * Mask a dump file: through the CLI once the mysql dialect is registered, else with the scanner in
 * process (the same Planner/Sink wiring as Masker).
 */
export async function mask(input: string, output: string, rules: object, rulesFile: string, seed: string): Promise<void> {
  if (dialectFor('mysql')) {
    // one rules file for one- and two-database dumps: veil_tricky2's rule is unused in the former
    const r = await runVeil([rulesFile, '-i', input, '-o', output, '--seed', seed, '--allow-unused-rules']);
    if (r.code !== 0) throw Object.assign(new Error(`veil-stream exited with ${r.code}: ${r.stderr}`), { stderr: r.stderr });
    return;
  }
  const parts: Buffer[] = [];
  const sink = new Sink((b) => parts.push(Buffer.from(b)));
  const planner = new Planner(validateRules(rules), new Keyring(seed), 'mysql');
  const scanner = new MysqlScanner({ sink, planner, fieldCap: 256 << 20, diagnostics: [] });
  const bytes = await readFile(input);
  try {
    for (let i = 0; i < bytes.length; i += 65536) scanner.feed(bytes.subarray(i, i + 65536));
    scanner.end();
  } catch (e) {
    throw new Error(`veil-stream failed: ${(e as { code?: string }).code ?? ''} ${(e as Error).message}`);
  }
  await writeFile(output, Buffer.concat(parts));
}
