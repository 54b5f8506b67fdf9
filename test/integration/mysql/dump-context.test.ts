/**
 * --database and --charset against the real server: `mariadb-dump --compact` (no header, no USE, no
 * SET NAMES) of a small database → veil-stream with rules keyed db.table → restore into a fresh database.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithService } from '../helpers/services.js';
import { runOk } from '../helpers/proc.js';
import { runVeil } from '../helpers/veil.js';
import { dump, loadFile, snapshot, sql, tables, values, type TableMeta } from './mariadb.js';

const SRC = `vctx_${process.pid}_src`;
const SEED = 'mysql-dump-context';

describeWithService('MariaDB', 'mariadb-dump --compact masked with --database and --charset, restored into MariaDB', () => {
  let work = '';
  let users: TableMeta;
  let rulesFile = '';
  let n = 0;
  const restored: string[] = [];

  /** A fresh, empty database to restore into. */
  const target = async (): Promise<string> => {
    const db = `vctx_${process.pid}_r${++n}`;
    await sql(`CREATE DATABASE \`${db}\``);
    restored.push(db);
    return db;
  };

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'veil-it-ctx-'));
    await sql(`DROP DATABASE IF EXISTS \`${SRC}\`; CREATE DATABASE \`${SRC}\``);
    await sql(
      `CREATE TABLE users (id INT PRIMARY KEY, name VARCHAR(50) CHARACTER SET utf8mb4, email VARCHAR(100), city VARCHAR(50) CHARACTER SET latin1);
       INSERT INTO users VALUES (1, 'Éva Łukasz', 'eva@acme.io', 'Zürich'), (2, 'Bob', 'bob@acme.io', 'Köln €'), (3, NULL, NULL, NULL);
       CREATE TABLE orders (id INT PRIMARY KEY, user_id INT, note TEXT);
       INSERT INTO orders VALUES (10, 1, 'first ñ'), (11, 2, 'second');`,
      SRC,
    );
    [users] = (await tables(SRC)).filter((t) => t.name === 'users');
    rulesFile = join(work, 'rules.json');
    await writeFile(rulesFile, JSON.stringify({ tables: { [`${SRC}.users`]: { columns: { email: 'email', name: { transformer: 'fixed', value: 'Zoë €' } } } } }));
  });

  afterAll(async () => {
    for (const db of [SRC, ...restored]) await sql(`DROP DATABASE IF EXISTS \`${db}\``);
    if (work && !process.env.KEEP) await rm(work, { recursive: true, force: true });
  });


  /** Row counts equal, and every column but the masked users.email/users.name byte-identical (md5). */
  async function expectRowsAndUnmaskedKept(db: string): Promise<void> {
    for (const t of await tables(SRC)) {
      const [before, after] = [await snapshot(t), await snapshot(t, db)];
      expect(after.rows, `${t.name} rows`).toBe(before.rows);
      for (const [column, md5] of before.columns) {
        if (t.name === 'users' && (column === 'email' || column === 'name')) continue;
        expect(after.columns.get(column), `${t.name}.${column}`).toBe(md5);
      }
    }
  }
  it('--database: rules keyed db.table fail without it and mask with it; the restore matches the source', async () => {
    const dumpFile = join(work, 'compact.sql');
    await dump('mariadb-dump', ['--compact', '--skip-set-charset'], [SRC], dumpFile, true);
    const text = (await readFile(dumpFile)).toString('utf8');
    expect(text).not.toMatch(/^USE /m);
    expect(text).not.toContain('SET NAMES');
    expect(text).not.toContain(SRC);

    const without = await runVeil([rulesFile, '-i', dumpFile, '--seed', SEED, '-o', join(work, 'never.sql')]);
    expect(without.code).toBe(1);
    expect(without.stderr).toContain('RULES_UNUSED');

    const masked = join(work, 'compact.masked.sql');
    const r = await runVeil([rulesFile, '-i', dumpFile, '--seed', SEED, '-o', masked, '--database', SRC]);
    expect(r.code, r.stderr).toBe(0);
    const db = await target();
    await loadFile(masked, db);

    await expectRowsAndUnmaskedKept(db);
    const [emailsBefore, emailsAfter] = [await values(users, 'email'), await values(users, 'email', db)];
    expect(emailsAfter).toHaveLength(3);
    expect(emailsAfter[0]).not.toBe(emailsBefore[0]);
    expect(emailsAfter[1]).not.toBe(emailsBefore[1]);
    expect(emailsAfter[2]).toBeNull();
    expect(await sql('SELECT name FROM users ORDER BY id', db)).toEqual([['Zoë €'], ['Zoë €'], ['NULL']]);
  });

  it('--charset latin1: a latin1 dump without SET NAMES gets its fakes in latin1 and restores them as written', async () => {
    const dumpFile = join(work, 'compact-latin1.sql');
    await dump('mariadb-dump', ['--compact', '--default-character-set=latin1'], [SRC], dumpFile, true);
    expect((await readFile(dumpFile)).includes(Buffer.from('Z\xfcrich', 'latin1'))).toBe(true);
    const restoreLatin1 = async (file: string, db: string) => runOk('mariadb', ['--default-character-set=latin1', db], { stdinFile: file });

    const masked = join(work, 'compact-latin1.masked.sql');
    const r = await runVeil([rulesFile, '-i', dumpFile, '--seed', SEED, '-o', masked, '--database', SRC, '--charset', 'latin1']);
    expect(r.code, r.stderr).toBe(0);
    const db = await target();
    await restoreLatin1(masked, db);
    await expectRowsAndUnmaskedKept(db);
    expect(await sql('SELECT name FROM users ORDER BY id', db)).toEqual([['Zoë €'], ['Zoë €'], ['NULL']]);
    const emails = await values(users, 'email', db);
    expect(emails[0]).not.toBe((await values(users, 'email'))[0]);

    // without --charset the fake is written as utf8mb4 into a latin1 session: mojibake on restore
    const wrong = join(work, 'compact-latin1.wrong.sql');
    expect((await runVeil([rulesFile, '-i', dumpFile, '--seed', SEED, '-o', wrong, '--database', SRC])).code).toBe(0);
    const db2 = await target();
    await restoreLatin1(wrong, db2);
    const [[name]] = await sql('SELECT name FROM users WHERE id = 1', db2);
    expect(name).not.toBe('Zoë €');
  });
});
