// Dialect encoders, schema DDL and dump header/footer text for the bench generator.
// Layouts copied from real pg_dump 15.20 and mariadb-dump 10.11.19 output (see bench/README.md).

const PG_COPY_ESC = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r', '\b': '\\b', '\f': '\\f', '\v': '\\v' };
const MY_ESC = { '\\': '\\\\', "'": "\\'", '"': '\\"', '\n': '\\n', '\r': '\\r', '\0': '\\0', '\x1a': '\\Z' };

/**
 * A codec: esc(s) escapes a string body, lit(s) makes a full literal, q is the quote added around
 * dynamic ASCII-safe values (dates, emails), NULL is the null token, sep separates fields.
 */
export function makeCodec(kind) {
  if (kind === 'pg-copy') {
    const esc = (s) => s.replace(/[\\\t\n\r\b\f\v]/g, (c) => PG_COPY_ESC[c]);
    return { kind, pg: true, esc, lit: esc, q: '', NULL: '\\N', sep: '\t', T: 't', F: 'f' };
  }
  if (kind === 'pg-insert') {
    // standard_conforming_strings = on: only the quote is doubled; newlines/tabs/backslashes are raw.
    const esc = (s) => s.replace(/'/g, "''");
    return { kind, pg: true, esc, lit: (s) => `'${esc(s)}'`, q: "'", NULL: 'NULL', sep: ', ', T: 'true', F: 'false' };
  }
  if (kind === 'mysql') {
    const esc = (s) => s.replace(/[\\'"\n\r\0\x1a]/g, (c) => MY_ESC[c]);
    return { kind, pg: false, esc, lit: (s) => `'${esc(s)}'`, q: "'", NULL: 'NULL', sep: ',', T: '1', F: '0' };
  }
  throw new Error(`unknown codec ${kind}`);
}

// name, pg type, mysql type, not null, pg default, mysql default
const C = (name, pg, my, notNull = false, pgDef = '', myDef = '') => ({ name, pg, my, notNull, pgDef, myDef });

/** Tables in dump order (both tools dump tables alphabetically). */
export const SCHEMA = [
  {
    name: 'audit_log',
    cols: [
      C('id', 'bigint', 'bigint(20)', true), C('user_id', 'bigint', 'bigint(20)'),
      C('action', 'character varying(40)', 'varchar(40)', true), C('payload', 'text', 'text'),
      C('created_at', 'timestamp with time zone', 'datetime', true, 'now()', 'current_timestamp()'),
    ],
    myKeys: ['PRIMARY KEY (`id`)', 'KEY `idx_audit_log_user_id` (`user_id`)'],
  },
  {
    name: 'orders',
    cols: [
      C('id', 'bigint', 'bigint(20)', true), C('user_id', 'bigint', 'bigint(20)', true),
      C('contact_email', 'character varying(255)', 'varchar(255)'),
      C('amount', 'numeric(12,2)', 'decimal(12,2)', true), C('card_number', 'character varying(19)', 'varchar(19)'),
      C('shipping_address', 'text', 'text'), C('ip', 'character varying(45)', 'varchar(45)'),
      C('notes', 'text', 'text'), C('paid', 'boolean', 'tinyint(1)', true, 'false', '0'),
      C('created_at', 'timestamp with time zone', 'datetime', true, 'now()', 'current_timestamp()'),
    ],
    myKeys: ['PRIMARY KEY (`id`)', 'KEY `idx_orders_user_id` (`user_id`)',
      'CONSTRAINT `orders_user_id_fkey` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`)'],
  },
  {
    name: 'products',
    autoIncrement: true,
    cols: [
      C('id', 'integer', 'int(11)', true), C('sku', 'character varying(32)', 'varchar(32)', true),
      C('name', 'character varying(200)', 'varchar(200)', true), C('description', 'text', 'text'),
      C('price', 'numeric(10,2)', 'decimal(10,2)', true),
    ],
    myKeys: ['PRIMARY KEY (`id`)', 'UNIQUE KEY `products_sku_key` (`sku`)'],
  },
  {
    name: 'users',
    cols: [
      C('id', 'bigint', 'bigint(20)', true), C('email', 'character varying(255)', 'varchar(255)', true),
      C('first_name', 'character varying(100)', 'varchar(100)'), C('last_name', 'character varying(100)', 'varchar(100)'),
      C('phone', 'character varying(32)', 'varchar(32)'), C('birth_date', 'date', 'date'),
      C('created_at', 'timestamp with time zone', 'datetime(6)', true, 'now()', 'current_timestamp(6)'),
      C('bio', 'text', 'text'),
      C('profile', 'jsonb', 'longtext CHARACTER SET utf8mb4 COLLATE utf8mb4_bin'),
      C('is_active', 'boolean', 'tinyint(1)', true, 'true', '1'), C('tags', 'text[]', 'varchar(255)'),
    ],
    myKeys: ['PRIMARY KEY (`id`)', 'KEY `idx_users_email` (`email`)'],
  },
];

// ---------------------------------------------------------------- PostgreSQL (pg_dump 15 plain)

export function pgHeader(restrictKey) {
  return `--
-- PostgreSQL database dump
--

\\restrict ${restrictKey}

-- Dumped from database version 15.20 (Debian 15.20-0+deb12u1)
-- Dumped by pg_dump version 15.20 (Debian 15.20-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

SET default_tablespace = '';

SET default_table_access_method = heap;

` + SCHEMA.map(pgCreateTable).join('');
}

function pgCreateTable(t) {
  const cols = t.cols.map((c) =>
    `    ${c.name} ${c.pg}${c.pgDef ? ` DEFAULT ${c.pgDef}` : ''}${c.notNull ? ' NOT NULL' : ''}`);
  return `--
-- Name: ${t.name}; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.${t.name} (
${cols.join(',\n')}
);


ALTER TABLE public.${t.name} OWNER TO postgres;

`;
}

export function pgDataComment(t) {
  return `--
-- Data for Name: ${t.name}; Type: TABLE DATA; Schema: public; Owner: postgres
--

`;
}

export const pgCopyLine = (t) => `COPY public.${t.name} (${t.cols.map((c) => c.name).join(', ')}) FROM stdin;\n`;

export function pgFooter(restrictKey) {
  const obj = (name, type, body) => `--
-- Name: ${name}; Type: ${type}; Schema: public; Owner: postgres
--

${body}


`;
  let s = '';
  for (const t of SCHEMA) {
    s += obj(`${t.name} ${t.name}_pkey`, 'CONSTRAINT',
      `ALTER TABLE ONLY public.${t.name}\n    ADD CONSTRAINT ${t.name}_pkey PRIMARY KEY (id);`);
    if (t.name === 'products') {
      s += obj('products products_sku_key', 'CONSTRAINT',
        'ALTER TABLE ONLY public.products\n    ADD CONSTRAINT products_sku_key UNIQUE (sku);');
    }
  }
  s += obj('idx_audit_log_user_id', 'INDEX', 'CREATE INDEX idx_audit_log_user_id ON public.audit_log USING btree (user_id);');
  s += obj('idx_orders_user_id', 'INDEX', 'CREATE INDEX idx_orders_user_id ON public.orders USING btree (user_id);');
  s += obj('idx_users_email', 'INDEX', 'CREATE INDEX idx_users_email ON public.users USING btree (email);');
  s += obj('orders orders_user_id_fkey', 'FK CONSTRAINT',
    'ALTER TABLE ONLY public.orders\n    ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id);');
  return s + `--
-- PostgreSQL database dump complete
--

\\unrestrict ${restrictKey}

`;
}

// ---------------------------------------------------------------- MariaDB (mariadb-dump 10.11)

export function myHeader(db) {
  // Note the trailing space after the sandbox comment: mariadb-dump writes it.
  return `/*M!999999\\- enable the sandbox mode */ 
-- MariaDB dump 10.19  Distrib 10.11.19-MariaDB, for debian-linux-gnu (x86_64)
--
-- Host: localhost    Database: ${db}
-- ------------------------------------------------------
-- Server version\t10.11.19-MariaDB-0+deb12u1

/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
/*!40101 SET @OLD_CHARACTER_SET_RESULTS=@@CHARACTER_SET_RESULTS */;
/*!40101 SET @OLD_COLLATION_CONNECTION=@@COLLATION_CONNECTION */;
/*!40101 SET NAMES utf8mb4 */;
/*!40103 SET @OLD_TIME_ZONE=@@TIME_ZONE */;
/*!40103 SET TIME_ZONE='+00:00' */;
/*!40014 SET @OLD_UNIQUE_CHECKS=@@UNIQUE_CHECKS, UNIQUE_CHECKS=0 */;
/*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 */;
/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;
/*!40111 SET @OLD_SQL_NOTES=@@SQL_NOTES, SQL_NOTES=0 */;
`;
}

/** Structure + start of the data section for one table (up to DISABLE KEYS). */
export function myTableStart(t, nextAutoIncrement) {
  const cols = t.cols.map((c) => {
    let s = `  \`${c.name}\` ${c.my}`;
    if (c.notNull) s += ' NOT NULL';
    if (t.autoIncrement && c.name === 'id') s += ' AUTO_INCREMENT';
    if (c.myDef) s += ` DEFAULT ${c.myDef}`;
    else if (!c.notNull) s += ' DEFAULT NULL';
    if (c.name === 'profile') s += ' CHECK (json_valid(`profile`))';
    return s;
  });
  const ai = t.autoIncrement ? ` AUTO_INCREMENT=${nextAutoIncrement}` : '';
  return `
--
-- Table structure for table \`${t.name}\`
--

DROP TABLE IF EXISTS \`${t.name}\`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE \`${t.name}\` (
${[...cols, ...t.myKeys.map((k) => `  ${k}`)].join(',\n')}
) ENGINE=InnoDB${ai} DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table \`${t.name}\`
--

LOCK TABLES \`${t.name}\` WRITE;
/*!40000 ALTER TABLE \`${t.name}\` DISABLE KEYS */;
`;
}

export const myTableEnd = (t) => `/*!40000 ALTER TABLE \`${t.name}\` ENABLE KEYS */;
UNLOCK TABLES;
`;

export function myFooter(completedOn) {
  return `/*!40103 SET TIME_ZONE=@OLD_TIME_ZONE */;

/*!40101 SET SQL_MODE=@OLD_SQL_MODE */;
/*!40014 SET FOREIGN_KEY_CHECKS=@OLD_FOREIGN_KEY_CHECKS */;
/*!40014 SET UNIQUE_CHECKS=@OLD_UNIQUE_CHECKS */;
/*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;
/*!40101 SET CHARACTER_SET_RESULTS=@OLD_CHARACTER_SET_RESULTS */;
/*!40101 SET COLLATION_CONNECTION=@OLD_COLLATION_CONNECTION */;
/*!40111 SET SQL_NOTES=@OLD_SQL_NOTES */;

-- Dump completed on ${completedOn}
`;
}
