import { describe, expect, it } from 'vitest';
import { parseCopyHeader, parseInsertHeader, parseSetting } from '../../../../src/dialects/postgres/header.js';

describe('COPY and INSERT heads', () => {
  it('reads a COPY head with quoted identifiers as PostgreSQL spells them', () => {
    expect(parseCopyHeader('COPY public."Customer Accounts" (id, "E-Mail", "we""ird") FROM stdin;', undefined)).toEqual({
      table: { schema: 'public', name: 'Customer Accounts' },
      columns: ['id', 'E-Mail', 'we"ird'],
      format: 'text',
      fromStdin: true,
    });
  });

  it('folds unquoted identifiers to lower case and keeps unicode ones', () => {
    expect(parseCopyHeader('COPY Public.Users (Email) FROM stdin;', undefined)?.table).toEqual({ schema: 'public', name: 'users' });
    expect(parseCopyHeader('COPY "Ünïcode".t (a) FROM stdin;', undefined)?.table).toEqual({ schema: 'Ünïcode', name: 't' });
  });

  it('notices CSV COPY and COPY from a file', () => {
    expect(parseCopyHeader("COPY t (a) FROM stdin WITH (FORMAT csv);", 'public')?.format).toBe('csv');
    expect(parseCopyHeader("COPY t FROM '/tmp/x';", 'public')?.fromStdin).toBe(false);
  });

  it('reads INSERT heads with and without a column list and OVERRIDING', () => {
    expect(parseInsertHeader('INSERT INTO public.users VALUES', undefined)).toEqual({ table: { schema: 'public', name: 'users' }, columns: undefined });
    expect(parseInsertHeader('INSERT INTO "public"."order" ("id", "E-Mail") OVERRIDING SYSTEM VALUE VALUES', undefined)).toEqual({
      table: { schema: 'public', name: 'order' },
      columns: ['id', 'E-Mail'],
    });
  });

  it('reads settings in both SET and set_config forms', () => {
    expect(parseSetting("SET client_encoding = 'LATIN1';")).toEqual(['client_encoding', 'LATIN1']);
    expect(parseSetting("SELECT pg_catalog.set_config('search_path', '', false);")).toEqual(['search_path', '']);
  });
});
