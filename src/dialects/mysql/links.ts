import { tableKey, type TableRef } from '../../model.js';
import { isWord, matchParen, tryTokenize, type Token } from './ddl-lexer.js';

/**
 * What a MySQL/MariaDB dump connects the restored copy to: tables whose CONNECTION option makes them
 * another server's (FEDERATED, CONNECT: reading or writing one reads or writes that server), and the
 * server definitions of `mysql.servers` (hosts, users and passwords) in --all-databases dumps.
 */

/** Where a CONNECTION points, without its password: `mysql://user:pass@host:port/db/table`, or `server/table`. */
export function readConnection(connection: string): { target: string; password: boolean } {
  const m = /^([a-z][a-z0-9+.-]*):\/\/(?:([^:@/]*)(?::([^@/]*))?@)?([^:/]*)(?::(\d+))?(?:\/(.*))?$/i.exec(connection);
  if (!m) {
    const server = connection.split('/')[0];
    return { target: server ? `server ${server}` : '', password: false };
  }
  const [, scheme, , pass, host, port, path] = m;
  return { target: [`${scheme}://${host}`, port && `port ${port}`, path && path].filter(Boolean).join(' '), password: pass !== undefined && pass !== '' };
}

export function connectionWarning(table: TableRef, connection: string): string {
  const { target, password } = readConnection(connection);
  return `table ${tableKey(table)} is another server's table (CONNECTION ${target || 'given'}): the restored copy reads and writes that server through it${password ? '; its connection string holds a password' : ''}`;
}

export const SERVERS_WARNING =
  'mysql.servers holds server definitions (hosts, users, passwords) that FEDERATED and Spider tables connect through: a restored copy reaches those servers';

/**
 * "links": "cut" for a CREATE TABLE with a CONNECTION (the statement's bytes, as read): a FEDERATED
 * table becomes a local, empty InnoDB table with the same columns and keys, without its CONNECTION.
 * (mariadb-dump writes no rows for FEDERATED tables; FederatedX connects to the remote server already
 * at CREATE TABLE, so a pointed-elsewhere connection would fail the restore.) Undefined for other
 * engines (CONNECT, Spider: their own table options need their plugin), which are kept and reported.
 */
export function cutConnection(statement: Buffer): Buffer | undefined {
  // latin1: one character per byte, so token offsets are byte offsets (the syntax is ASCII)
  const src = statement.toString('latin1');
  const t = tryTokenize(src);
  if (!t) return undefined;
  const open = t.findIndex((x) => x.type === 'punct' && x.value === '(');
  const close = open < 0 ? -1 : matchParen(t, open);
  if (close < 0) return undefined;
  let engine: Token | undefined;
  let connection: { from: number; to: number } | undefined;
  for (let k = close + 1; k < t.length; k++) {
    const eq = t[k + 1]?.value === '=' ? 1 : 0;
    if (isWord(t[k], 'ENGINE')) engine = t[k + 1 + eq];
    else if (isWord(t[k], 'CONNECTION') && t[k + 1 + eq]?.type === 'string') connection = { from: t[k - 1].end, to: t[k + 1 + eq].end };
  }
  if (!engine || !isWord(engine, 'FEDERATED') || !connection) return undefined;
  const [a, b] = engine.start < connection.from ? [engine, connection] : [connection, engine];
  const edit = (x: Token | { from: number; to: number }) =>
    'type' in x ? { from: x.start, to: x.end, text: 'InnoDB' } : { from: x.from, to: x.to, text: '' };
  const [first, second] = [edit(a), edit(b)];
  return Buffer.concat([
    statement.subarray(0, first.from),
    Buffer.from(first.text, 'latin1'),
    statement.subarray(first.to, second.from),
    Buffer.from(second.text, 'latin1'),
    statement.subarray(second.to),
  ]);
}
