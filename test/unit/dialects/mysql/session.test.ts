import { describe, expect, it } from 'vitest';
import { MysqlSession } from '../../../../src/dialects/mysql/session.js';

describe('MysqlSession with a given database and charset (--database, --charset)', () => {
  it('starts with them, as a restoring session would', () => {
    const s = new MysqlSession('shop', 'latin1');
    expect(s.database).toBe('shop');
    expect(s.charset()).toBe('latin1');
    expect(s.encoding()).toBe('latin1');
    expect(new MysqlSession().charset()).toBe('utf8');
  });

  it('gets the given charset back after the @saved_cs_client dance around CREATE TABLE', () => {
    const s = new MysqlSession(undefined, 'latin1');
    s.onSet('/*!40101 SET @saved_cs_client     = @@character_set_client */');
    s.onSet('/*!40101 SET character_set_client = utf8mb4 */');
    expect(s.charset()).toBe('utf8');
    s.onSet('/*!40101 SET character_set_client = @saved_cs_client */');
    expect(s.charset()).toBe('latin1');
  });

  it('gives way to SET NAMES in the dump', () => {
    const s = new MysqlSession(undefined, 'latin1');
    s.onSet('/*!40101 SET NAMES utf8mb4 */');
    expect(s.charset()).toBe('utf8');
  });

  it('prefers the given database to the one the dump header names', () => {
    const given = new MysqlSession('shop');
    given.onHeaderLine('-- Host: localhost    Database: prod_copy');
    expect(given.database).toBe('shop');
    const header = new MysqlSession();
    header.onHeaderLine('-- Host: localhost    Database: prod_copy');
    expect(header.database).toBe('prod_copy');
  });
});
