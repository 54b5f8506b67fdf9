import { tableKey, type TableRef } from '../../model.js';

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
