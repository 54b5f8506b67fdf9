/**
 * Small dumps with keys, written as pg_dump and mariadb-dump write them: for PostgreSQL the PRIMARY
 * KEY / UNIQUE constraints and unique indexes come after the data (the post-data section).
 */
import { PG_FOOTER, PG_HEADER } from './pg-dumps.js';

/** `n` five-digit phones `00-001`, `00-002`, …: 10^5 possible fakes, so 3000 non-unique fakes collide. */
export function shortPhone(i: number): string {
  const s = String(i).padStart(5, '0');
  return `${s.slice(0, 2)}-${s.slice(2)}`;
}

/** The CREATE TABLE of public.staff: no key inside it, as pg_dump writes it. */
export const STAFF_TABLE = `
CREATE TABLE public.staff (
    id integer NOT NULL,
    tenant integer NOT NULL,
    phone character varying(12),
    nick text,
    email text
);
`;

/** The post-data section pg_dump writes for public.staff: its keys (extra statements appended). */
export function staffKeys(extra = ''): string {
  return `
ALTER TABLE ONLY public.staff
    ADD CONSTRAINT staff_phone_key UNIQUE (phone);

ALTER TABLE ONLY public.staff
    ADD CONSTRAINT staff_pkey PRIMARY KEY (id);
${extra}`;
}

/** COPY data of public.staff: `rows` rows, tenant = id % 7. */
export function staffData(rows: number): string {
  const lines: string[] = [];
  for (let i = 1; i <= rows; i++) lines.push(`${i}\t${i % 7}\t${shortPhone(i)}\tnick${i}\tu${i}@corp.example.org`);
  return `
COPY public.staff (id, tenant, phone, nick, email) FROM stdin;
${lines.join('\n')}
\\.
`;
}

/** A whole pg_dump dump of public.staff (`keys`: its post-data section). */
export function staffDump(rows: number, keys = staffKeys()): string {
  return PG_HEADER + STAFF_TABLE + staffData(rows) + keys + PG_FOOTER;
}

/** The schema-only dump (pg_dump -s) of the same database. */
export function staffSchema(keys = staffKeys()): string {
  return PG_HEADER + STAFF_TABLE + keys + PG_FOOTER;
}

/** A data-only dump (pg_dump -a). */
export function staffDataOnly(rows: number): string {
  return PG_HEADER + staffData(rows) + PG_FOOTER;
}

/** The phones column of masked COPY output of public.staff. */
export function phonesOf(output: string): string[] {
  const block = output.split('COPY public.staff (id, tenant, phone, nick, email) FROM stdin;\n')[1]?.split('\n\\.\n')[0] ?? '';
  return block.split('\n').filter(Boolean).map((line) => line.split('\t')[2]);
}

/** A mariadb-dump dump of one table whose CREATE TABLE (keys inside) comes before its INSERT. */
export function mariadbDump(createTable: string, insert: string): string {
  return `-- MariaDB dump 10.19  Distrib 10.11.19-MariaDB, for debian-linux-gnu (x86_64)
--
-- Host: localhost    Database: shop
-- ------------------------------------------------------
-- Server version	10.11.19-MariaDB-0+deb12u1

/*!40101 SET NAMES utf8mb4 */;

DROP TABLE IF EXISTS \`staff\`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
${createTable}
/*!40101 SET character_set_client = @saved_cs_client */;

LOCK TABLES \`staff\` WRITE;
${insert}
UNLOCK TABLES;

-- Dump completed on 2026-11-23 13:57:04
`;
}
