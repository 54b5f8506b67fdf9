import { describe, expect, it } from 'vitest';
import { loadPgGrammar, readPgDdl, type DdlEvent } from '../../../../src/dialects/postgres/ddl.js';

await loadPgGrammar();
const read = (sql: string, schema: string | undefined = 'public'): DdlEvent[] => readPgDdl(sql, schema, new Map());
const keysOf = (sql: string, schema?: string) => read(sql, schema).filter((e) => e.kind === 'key');

describe('PostgreSQL keys in the forms pg_dump writes after the data', () => {
  it('reads ALTER TABLE ONLY ... ADD CONSTRAINT ... UNIQUE / PRIMARY KEY, schema-qualified, on two lines', () => {
    expect(keysOf('ALTER TABLE ONLY public.users\n    ADD CONSTRAINT users_phone_key UNIQUE (phone);')).toEqual([
      { kind: 'key', table: { schema: 'public', name: 'users' }, key: { kind: 'unique', name: 'users_phone_key', columns: ['phone'] } },
    ]);
    expect(keysOf('ALTER TABLE ONLY sales.users\n    ADD CONSTRAINT users_pkey PRIMARY KEY (id);')).toEqual([
      { kind: 'key', table: { schema: 'sales', name: 'users' }, key: { kind: 'primary key', name: 'users_pkey', columns: ['id'] } },
    ]);
  });

  it('keeps quoted mixed-case identifiers as the server spells them and folds unquoted ones', () => {
    const [ev] = keysOf('ALTER TABLE ONLY "Sales"."Users"\n    ADD CONSTRAINT "Users_Phone_key" UNIQUE ("Phone", Extra, "we""ird");');
    expect(ev).toEqual({
      kind: 'key',
      table: { schema: 'Sales', name: 'Users' },
      key: { kind: 'unique', name: 'Users_Phone_key', columns: ['Phone', 'extra', 'we"ird'] },
    });
  });

  it('reads composite keys as one key over all their columns (a partition carries its own copy)', () => {
    expect(keysOf('ALTER TABLE ONLY public.ev\n    ADD CONSTRAINT ev_pkey PRIMARY KEY (id, day);')[0]).toMatchObject({
      table: { schema: 'public', name: 'ev' },
      key: { kind: 'primary key', columns: ['id', 'day'] },
    });
    expect(keysOf('ALTER TABLE ONLY public.ev1\n    ADD CONSTRAINT ev1_pkey PRIMARY KEY (id, day);')[0]).toMatchObject({
      table: { schema: 'public', name: 'ev1' },
      key: { name: 'ev1_pkey', columns: ['id', 'day'] },
    });
    // ALTER INDEX ... ATTACH PARTITION says nothing new
    expect(read('ALTER INDEX public.ev_pkey ATTACH PARTITION public.ev1_pkey;')).toEqual([]);
  });

  it('reads UNIQUE NULLS NOT DISTINCT and UNIQUE ... INCLUDE (the included columns are not part of the key)', () => {
    expect(keysOf('ALTER TABLE ONLY public.t2\n    ADD CONSTRAINT t2_x_key UNIQUE NULLS NOT DISTINCT (x);')[0]).toMatchObject({
      key: { columns: ['x'], nullsNotDistinct: true },
    });
    expect(keysOf('ALTER TABLE ONLY public.inc\n    ADD CONSTRAINT inc_v_key UNIQUE (k) INCLUDE (v);')[0]).toMatchObject({ key: { columns: ['k'] } });
  });

  it('ignores constraints that are not keys: FOREIGN KEY, CHECK, EXCLUDE, UNIQUE USING INDEX', () => {
    expect(keysOf('ALTER TABLE ONLY public.o\n    ADD CONSTRAINT o_fk FOREIGN KEY (uid) REFERENCES public.users(id);')).toEqual([]);
    expect(keysOf('ALTER TABLE public.o\n    ADD CONSTRAINT o_chk CHECK ((n > 0)) NOT VALID;')).toEqual([]);
    expect(keysOf('ALTER TABLE ONLY public.ex\n    ADD CONSTRAINT ex_r_excl EXCLUDE USING gist (r WITH &&);')).toEqual([]);
    expect(keysOf('ALTER TABLE ONLY public.inc ADD CONSTRAINT inc_v_key UNIQUE USING INDEX inc_k;')).toEqual([]);
  });

  it('reads CREATE UNIQUE INDEX on plain columns, partial ones and ON ONLY (a partitioned parent)', () => {
    expect(keysOf('CREATE UNIQUE INDEX users_email_idx ON "Sales"."Users" USING btree (email);')).toEqual([
      { kind: 'key', table: { schema: 'Sales', name: 'Users' }, key: { kind: 'unique index', name: 'users_email_idx', columns: ['email'] } },
    ]);
    expect(keysOf('CREATE UNIQUE INDEX nick_live ON public.users USING btree (nick) WHERE (deleted_at IS NULL);')[0]).toMatchObject({
      key: { kind: 'unique index', columns: ['nick'] },
    });
    expect(keysOf('CREATE UNIQUE INDEX ev_code ON ONLY public.ev USING btree (code, day);')[0]).toMatchObject({
      table: { schema: 'public', name: 'ev' },
      key: { columns: ['code', 'day'] },
    });
    expect(keysOf('CREATE UNIQUE INDEX u ON public.t USING btree (a) NULLS NOT DISTINCT;')[0]).toMatchObject({ key: { nullsNotDistinct: true } });
  });

  it('reads an expression index as the columns its expressions use', () => {
    expect(keysOf('CREATE UNIQUE INDEX users_lower_email ON public.users USING btree (lower(email));')[0]).toMatchObject({
      key: { kind: 'unique index', columns: ['email'], expression: true },
    });
    expect(keysOf('CREATE UNIQUE INDEX x ON public.t USING btree (((lower(a) || b)), c, a);')[0]).toMatchObject({
      key: { columns: ['a', 'b', 'c'], expression: true },
    });
    expect(keysOf('CREATE UNIQUE INDEX one ON public.t USING btree ((1));')).toEqual([]);
  });

  it('ignores plain (non-unique) indexes', () => {
    expect(keysOf('CREATE INDEX users_nick ON public.users USING btree (nick);')).toEqual([]);
  });

  it('puts an unqualified table in the search_path schema, or none when search_path is empty', () => {
    expect(keysOf('CREATE UNIQUE INDEX u ON t (a);', 'app')[0]).toMatchObject({ table: { schema: 'app', name: 't' } });
    expect(keysOf('ALTER TABLE t ADD UNIQUE (a);', undefined)[0]).toMatchObject({ table: { name: 't' }, key: { kind: 'unique', columns: ['a'] } });
  });
});

describe('PostgreSQL keys inside CREATE TABLE', () => {
  it('lists column and table constraints; single-column keys also mark their column unique', () => {
    const [ev] = read('CREATE TABLE public.t (id int PRIMARY KEY, code text CONSTRAINT t_code UNIQUE, a int, b int, UNIQUE (a, b), CONSTRAINT t_b UNIQUE (b));');
    if (ev.kind !== 'table') throw new Error('expected a table');
    expect(ev.schema.keys).toEqual([
      { kind: 'primary key', columns: ['id'] },
      { kind: 'unique', name: 't_code', columns: ['code'] },
      { kind: 'unique', columns: ['a', 'b'] },
      { kind: 'unique', name: 't_b', columns: ['b'] },
    ]);
    expect(ev.schema.columns.filter((c) => c.unique).map((c) => c.name)).toEqual(['id', 'code', 'b']);
    expect(ev.schema.partitioned).toBeUndefined();
  });

  it('marks a PARTITION BY table partitioned (it holds no rows itself)', () => {
    const [ev] = read('CREATE TABLE public.ev (\n    id integer NOT NULL,\n    day date NOT NULL\n)\nPARTITION BY RANGE (day);');
    expect(ev).toMatchObject({ kind: 'table', schema: { partitioned: true } });
    expect((ev as { schema: { keys?: unknown } }).schema.keys).toBeUndefined();
  });
});

describe('PostgreSQL foreign keys (the tables a truncated table must not be referenced by)', () => {
  it('reads them from CREATE TABLE (column and table constraints) and from pg_dump\'s ALTER TABLE ... ADD CONSTRAINT', () => {
    const [ev] = read('CREATE TABLE public.carts (id int, session_id text REFERENCES sessions (id), owner int, FOREIGN KEY (owner) REFERENCES crm.people (id));');
    if (ev.kind !== 'table') throw new Error('expected a table');
    expect(ev.schema.references).toEqual([{ schema: 'public', name: 'sessions' }, { schema: 'crm', name: 'people' }]);
    expect(read('ALTER TABLE ONLY public.carts\n    ADD CONSTRAINT carts_session_fk FOREIGN KEY (session_id) REFERENCES public.sessions(id);')).toEqual([
      { kind: 'reference', table: { schema: 'public', name: 'carts' }, references: { schema: 'public', name: 'sessions' } },
    ]);
  });
});
