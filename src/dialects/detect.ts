import { VeilError } from '../errors.js';
import type { DialectName } from '../model.js';

/** How many bytes are sniffed before the dialect is decided (less at end of input). */
export const SNIFF_BYTES = 8 * 1024;

const PG_MARKERS = [
  '-- PostgreSQL database dump',
  '-- PostgreSQL database cluster dump',
  'SET standard_conforming_strings',
  "pg_catalog.set_config('search_path'",
  '\\restrict ',
  '\\connect ',
  ' FROM stdin;',
];

const MYSQL_MARKERS = ['/*M!999999', '-- MySQL dump', '-- MariaDB dump', '/*!40101 SET', '/*!40', 'LOCK TABLES `', 'INSERT INTO `', 'CREATE TABLE `'];

/** Decide the dialect from the first bytes, or throw a VeilError saying what the input is instead. */
export function detectDialect(head: Buffer): DialectName {
  if (head.length === 0) {
    throw new VeilError('DUMP_EMPTY', 'the input is empty', { hint: 'did the dump command fail before writing anything? (use set -o pipefail)' });
  }
  if (head[0] === 0x1f && head[1] === 0x8b) {
    throw new VeilError('DUMP_COMPRESSED', 'the input is gzip-compressed', { hint: 'decompress it first: gunzip -c dump.sql.gz | veil-stream rules.json' });
  }
  if (head[0] === 0x28 && head[1] === 0xb5 && head[2] === 0x2f && head[3] === 0xfd) {
    throw new VeilError('DUMP_COMPRESSED', 'the input is zstd-compressed', { hint: 'decompress it first: zstd -dc dump.sql.zst | veil-stream rules.json' });
  }
  if (head.subarray(0, 5).toString('latin1') === 'PGDMP') {
    throw new VeilError('DUMP_PG_CUSTOM_FORMAT', 'the input is a pg_dump custom-format archive, not a plain SQL dump', {
      hint: 'convert it to SQL first: pg_restore -f - dump | veil-stream rules.json',
    });
  }
  if (head.length > 262 && head.subarray(257, 262).toString('latin1') === 'ustar') {
    throw new VeilError('DUMP_PG_CUSTOM_FORMAT', 'the input is a tar archive (pg_dump -Ft?), not a plain SQL dump', {
      hint: 'convert it to SQL first: pg_restore -f - dump.tar | veil-stream rules.json',
    });
  }
  const text = head.toString('latin1');
  const mysql = MYSQL_MARKERS.some((m) => text.includes(m));
  const pg = PG_MARKERS.some((m) => text.includes(m));
  if (mysql && !pg) return 'mysql';
  if (pg && !mysql) return 'postgres';
  if (pg && mysql) {
    // both kinds of marker: the header comment decides
    if (/^(\/\*M!999999|-- (MySQL|MariaDB) dump)/m.test(text.slice(0, 2048))) return 'mysql';
    return 'postgres';
  }
  if (looksBinary(head)) {
    throw new VeilError('DUMP_BINARY', 'the input is binary data, not an SQL dump', {
      hint: 'veil-stream reads plain SQL dumps (pg_dump plain format, mysqldump, mariadb-dump)',
      excerpt: text.slice(0, 40).replace(/[^\x20-\x7e]/g, '.'),
    });
  }
  throw new VeilError('DUMP_UNKNOWN_FORMAT', 'the input does not look like a PostgreSQL or MySQL/MariaDB dump', {
    hint: 'pass --dialect postgres or --dialect mysql if it is one',
    excerpt: text.slice(0, 60).replace(/[^\x20-\x7e]/g, '.'),
  });
}

function looksBinary(head: Buffer): boolean {
  const n = Math.min(head.length, 4096);
  let odd = 0;
  for (let i = 0; i < n; i++) {
    const c = head[i];
    if (c === 0 || (c < 0x20 && c !== 9 && c !== 10 && c !== 13 && c !== 12)) odd++;
  }
  return odd > n / 100;
}
