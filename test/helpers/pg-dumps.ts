/** Small hand-written PostgreSQL dumps exercising the lexer's corners (as pg_dump writes them). */
export const PG_HEADER = `--
-- PostgreSQL database dump
--

\\restrict abc123

SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
`;

export const PG_FOOTER = `
--
-- PostgreSQL database dump complete
--

\\unrestrict abc123

`;

export const TRICKY_BODY = `
/* a block comment /* nested */ with 'quotes' and ; */
CREATE TYPE public.mood AS ENUM ('sad', 'ok');

CREATE FUNCTION public.f() RETURNS text
    LANGUAGE plpgsql
    AS $_$
BEGIN
  -- COPY public.users (email) FROM stdin;
  INSERT INTO public.users VALUES ('not data; inside a body');
  RETURN 'x'';y';
END;
$_$;

CREATE FUNCTION public.g() RETURNS integer
    LANGUAGE sql
    BEGIN ATOMIC
 INSERT INTO public.users (id, email) VALUES (99, 'atomic@x.io');
 SELECT 1;
END;

CREATE TABLE public.users (
    id integer NOT NULL,
    email character varying(80),
    "Full Name" text,
    note text,
    mood public.mood
);

CREATE TABLE public."order" (
    id integer,
    contact_email text,
    total numeric(10,2)
);

CREATE TABLE public.audit (id integer, payload text);

CREATE TABLE public.events (id integer, email text) PARTITION BY RANGE (id);
CREATE TABLE public.events_1 (id integer, email text);
ALTER TABLE ONLY public.events ATTACH PARTITION public.events_1 FOR VALUES FROM (0) TO (100);

COMMENT ON TABLE public.users IS 'it''s; a "table" with E''scapes\\';

COPY public.users (id, email, "Full Name", note, mood) FROM stdin;
1	ann@example.org	Ann O'Neil	tab\\there\\nnew line \\\\ back	sad
2	bob@example.org	Bob	\\N	\\N
3	\\N	Émilie 😀		ok
\\.

COPY public."order" (id, contact_email, total) FROM stdin;
1	ann@example.org	10.50
2	zed@example.org	\\N
\\.

COPY public.audit (id, payload) FROM stdin;
1	secret stuff
\\.

COPY public.events_1 (id, email) FROM stdin;
5	ann@example.org
\\.

INSERT INTO public.users VALUES (4, 'carl@example.org', 'Carl ''C'' Jr', E'esc\\\\aped\\n', 'ok');
INSERT INTO public.users (id, email, "Full Name", note, mood) VALUES
\t(5, 'dee@example.org', 'Dee', 'multi
line', NULL),
\t(6, 'eve@example.org', 'Eve', '', 'sad') ON CONFLICT DO NOTHING;
INSERT INTO public.audit VALUES (2, 'more; secret');

SELECT pg_catalog.setval('public.seq', 42, true);
`;

export const TRICKY_DUMP = PG_HEADER + TRICKY_BODY + PG_FOOTER;

export const TRICKY_RULES = {
  tables: {
    'public.users': { columns: { email: 'email', 'Full Name': 'full-name', note: { transformer: 'mask', keepFirst: 1 } } },
    order: { columns: { contact_email: 'email' } },
    'public.audit': { truncate: true },
    'public.events': { columns: { email: 'email' } },
  },
};
