/**
 * "links": "cut" on a real mariadb-dump of FEDERATED tables (the unit fixture federated.sql: one with a
 * mysql:// URL and a password, one through a server name) restored into the real MariaDB. FederatedX
 * connects to the remote server at CREATE TABLE, so the dump as it is restores only where production
 * is reachable (and connects to it); cut, its tables are local InnoDB tables and it restores anywhere,
 * the FEDERATED plugin loaded or not.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithService } from '../helpers/services.js';
import { runVeil } from '../helpers/veil.js';
import { dropDeadScratchDbs, loadFile, sql } from './mariadb.js';

const FIXTURE = 'test/unit/dialects/mysql/fixtures/federated.sql';
const DB = `vlinks_${process.pid}_a`;

describeWithService('MariaDB', '"links": "cut" on FEDERATED tables, restored into MariaDB', () => {
  let work = '';

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'veil-it-mylinks-'));
    await dropDeadScratchDbs('vlinks');
  });

  afterAll(async () => {
    await sql(`DROP DATABASE IF EXISTS \`${DB}\``);
    if (work && !process.env.KEEP) await rm(work, { recursive: true, force: true });
  });

  it('restores the cut dump: the FEDERATED tables are local, empty InnoDB tables with their columns and keys', async () => {
    const rules = join(work, 'cut.json');
    const masked = join(work, 'masked.sql');
    await writeFile(rules, JSON.stringify({ links: 'cut', tables: {} }));
    const r = await runVeil([rules, '-i', FIXTURE, '-o', masked, '--seed', 'links-seed']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('2 FEDERATED tables made local');
    const text = (await readFile(masked, 'latin1')).replace(/`veil_fed`/g, `\`${DB}\``);
    expect(text).not.toContain("CONNECTION='");
    expect(text).not.toContain(':pw@');
    await writeFile(masked, text, 'latin1');
    await loadFile(masked);
    const tables = await sql(`SELECT TABLE_NAME, ENGINE, TABLE_ROWS FROM information_schema.TABLES WHERE TABLE_SCHEMA = '${DB}' ORDER BY TABLE_NAME`);
    expect(tables.map(([name, engine]) => [name, engine])).toEqual([['fed', 'InnoDB'], ['fed2', 'InnoDB'], ['src', 'InnoDB']]);
    expect(await sql('SELECT COUNT(*) FROM fed', DB)).toEqual([['0']]);
    expect(await sql(`SELECT COLUMN_NAME, COLUMN_KEY FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = '${DB}' AND TABLE_NAME = 'fed2' ORDER BY ORDINAL_POSITION`)).toEqual([['id', 'PRI'], ['email', '']]);
  });
});
