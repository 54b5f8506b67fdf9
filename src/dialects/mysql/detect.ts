/**
 * Does a dump's head look like mysqldump / mariadb-dump (or phpMyAdmin, Adminer, HeidiSQL, Navicat)
 * output? Measured first lines:
 *   mariadb-dump ≥ 10.5.25/10.6.18/10.11.8/11.x, every mode incl. --compact:
 *     `/*M!999999\- enable the sandbox mode *\/ ` (note the space before the newline)
 *   then (not with --compact): `-- MariaDB dump 10.19  Distrib 10.11.19-MariaDB, ...`
 *   MySQL: `-- MySQL dump 10.13  Distrib 8.0.x, ...`; older MariaDB also wrote `-- MySQL dump`.
 *   --compact without the sandbox line starts with `/*!40101 SET @saved_cs_client`, `CREATE TABLE \``,
 *   `INSERT INTO \``, `DROP TABLE IF EXISTS \``, `CREATE DATABASE /*!32312 IF NOT EXISTS*\/ \`` or `USE \``.
 */

const HEADERS = [
  /^\/\*M!\d{6}\\- enable the sandbox mode \*\//,
  /^-- (?:MySQL|MariaDB) dump \d/m,
  /^-- phpMyAdmin SQL Dump/m,
  /^-- Adminer \S+ (?:MySQL|MariaDB)/m,
  /^-- HeidiSQL/m,
  /^-- Server version:\s+\S*(?:MySQL|MariaDB)/im,
  /^Source Server Type\s*: (?:MySQL|MariaDB)/m, // Navicat
];

const PG = [/^-- PostgreSQL database (?:cluster )?dump/m, / FROM stdin;$/m, /^SET standard_conforming_strings/m, /^\\(?:connect|restrict) /m];

/** An executable comment: /*!40101 ... or /*M!100301 ... (never in PostgreSQL). */
const EXEC_COMMENT = /\/\*M?!\d{5,6}[\s\\]/;

/** A first statement that names something with backticks, or is MySQL-only. */
const FIRST_STATEMENT =
  /^(?:(?:CREATE|DROP|ALTER|LOCK|RENAME)\s+(?:TABLES?|DATABASE|SCHEMA|(?:OR\s+REPLACE\s+)?(?:ALGORITHM|DEFINER|VIEW|TRIGGER|PROCEDURE|FUNCTION|EVENT|SEQUENCE))\b[^;\n]*`|(?:INSERT(?:\s+IGNORE)?|REPLACE)\s+INTO\s+`|USE\s+`|SET\s+NAMES\s+\w+\s*;|DELIMITER\s)/i;

/** Skip blank lines and `--`/`#` comment lines; return the rest. */
function afterComments(text: string): string {
  let i = 0;
  for (;;) {
    while (i < text.length && /\s/.test(text[i])) i++;
    if (text.startsWith('--', i) || text[i] === '#') {
      const nl = text.indexOf('\n', i);
      if (nl < 0) return '';
      i = nl + 1;
    } else if (text.startsWith('/*', i) && !text.startsWith('/*!', i) && !text.startsWith('/*M!', i)) {
      const close = text.indexOf('*/', i + 2);
      if (close < 0) return '';
      i = close + 2;
    } else return text.slice(i);
  }
}

/** True when the first bytes of a dump look like MySQL/MariaDB. `head` may end mid-line. */
export function looksLikeMysql(head: Uint8Array): boolean {
  const buf = Buffer.isBuffer(head) ? head : Buffer.from(head.buffer, head.byteOffset, head.byteLength);
  const start = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0; // UTF-8 BOM
  const text = buf.toString('latin1', start, Math.min(buf.length, 64 * 1024));
  const body = afterComments(text);
  if (HEADERS[0].test(body) || HEADERS.slice(1).some((re) => re.test(text))) return true;
  if (PG.some((re) => re.test(text))) return false;
  if (body.startsWith('/*!') || body.startsWith('/*M!')) return EXEC_COMMENT.test(body.slice(0, 16));
  if (FIRST_STATEMENT.test(body)) return true;
  // Further down: an executable comment or a backtick-quoted INSERT at a line start.
  return EXEC_COMMENT.test(text) || /^(?:INSERT(?: IGNORE)?|REPLACE) INTO `/m.test(text);
}
