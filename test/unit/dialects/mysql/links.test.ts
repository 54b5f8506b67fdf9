import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readConnection } from '../../../../src/dialects/mysql/links.js';
import { NO_RULES, runChunks, runSized } from '../../../helpers/run.js';

/**
 * Real mariadb-dump 10.11 output: a database with two FEDERATED tables (one with a mysql:// URL and a
 * password, one through a server definition), and `mysql servers` holding that definition.
 */
const FEDERATED = readFileSync('test/unit/dialects/mysql/fixtures/federated.sql');
const SERVERS = readFileSync('test/unit/dialects/mysql/fixtures/servers.sql');
const opts = { rules: NO_RULES, secret: 's', dialect: 'mysql' as const };
const links = (dump: Buffer) => runChunks(dump, opts, []).summary.diagnostics.filter((d) => d.code === 'EXTERNAL_LINK');

describe('MySQL links to other servers', () => {
  it('warns of tables whose CONNECTION makes them another server\'s, without showing passwords', () => {
    const found = links(FEDERATED);
    expect(found.map((d) => d.table)).toEqual(['veil_fed.fed', 'veil_fed.fed2']);
    expect(found[0].message).toContain('CONNECTION mysql://127.0.0.1 port 3306 veil_fed/src');
    expect(found[0].message).toContain('holds a password');
    expect(found[1].message).toContain('CONNECTION server veil_srv');
    expect(found.some((d) => d.message.includes(':pw@'))).toBe(false);
    expect(found[0].position?.line).toBe(FEDERATED.toString('latin1').split('\n').findIndex((l) => l.includes("CONNECTION='mysql://")) + 1);
  });

  it('warns of the server definitions in mysql.servers', () => {
    const found = links(SERVERS);
    expect(found.map((d) => d.table)).toEqual(['mysql.servers']);
  });

  it('copies them as they are, at any chunking', () => {
    for (const dump of [FEDERATED, SERVERS]) {
      expect(runChunks(dump, opts, []).output.equals(dump)).toBe(true);
      expect(runSized(dump, opts, 7).summary.diagnostics.filter((d) => d.code === 'EXTERNAL_LINK')).toEqual(links(dump));
    }
  });

  it('reads where a CONNECTION points', () => {
    expect(readConnection('mysql://u:p@db.prod:3307/shop/users')).toEqual({ target: 'mysql://db.prod port 3307 shop/users', password: true });
    expect(readConnection('mysql://u@db.prod/shop/users')).toEqual({ target: 'mysql://db.prod shop/users', password: false });
    expect(readConnection('prod_server/users')).toEqual({ target: 'server prod_server', password: false });
  });
});
