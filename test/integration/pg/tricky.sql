-- A purpose-built database full of things a dump scanner can get wrong.
-- Loaded by restore.test.ts into a scratch database, then dumped with many pg_dump flag sets.
-- Deterministic: no random(), no now(); generate_series only.
-- Every table has a primary key: the test orders rows by it to compare columns across databases.
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;

CREATE SCHEMA crm;
CREATE SCHEMA "Ünïcode";

CREATE TYPE public.user_status AS ENUM ('active', 'suspended', 'it''s complicated', 'ünï');

-- A function whose body looks like dump data statements: only DDL, must pass through untouched.
CREATE FUNCTION public.looks_like_data() RETURNS text LANGUAGE sql IMMUTABLE AS $fn$
  SELECT 'COPY public.users (id, email) FROM stdin;' || E'\n' || 'a@b.c' || E'\n\\.\n'
      || 'INSERT INTO public."order" VALUES (1, ''x@y.z'');'
$fn$;

------------------------------------------------------------------------------------------------
-- public.users: identity ALWAYS, enum, array, jsonb, bytea, unique email.
CREATE TABLE public.users (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email text UNIQUE,
    first_name text,
    last_name text,
    phone text,
    status public.user_status NOT NULL DEFAULT 'active',
    tags text[],
    profile jsonb,
    avatar bytea,
    created_at timestamptz NOT NULL,
    notes text
);
COMMENT ON TABLE public.users IS 'People; contains ''quotes''; and a COPY public.users (id) FROM stdin; look-alike';
COMMENT ON COLUMN public.users.email IS 'E-mail; masked';

INSERT INTO public.users (email, first_name, last_name, phone, status, tags, profile, avatar, created_at, notes)
SELECT 'user' || i || '@corp-' || (i % 7) || '.test',
       'Fn' || i,
       'Ln' || i,
       '+44 7700 900' || lpad(i::text, 3, '0'),
       (ARRAY['active', 'suspended', 'it''s complicated', 'ünï']::public.user_status[])[1 + i % 4],
       ARRAY['t' || (i % 5), 'tag with space', 'quote"d', 'comma,ed'],
       jsonb_build_object('i', i, 'nested', jsonb_build_object('s', 'v' || i, 'arr', jsonb_build_array(i, 'x', null))),
       decode(md5(i::text), 'hex'),
       timestamptz '2024-01-01 00:00:00+00' + i * interval '37 minutes',
       CASE WHEN i % 10 = 0 THEN NULL WHEN i % 10 = 1 THEN '' ELSE 'note ' || i END
FROM generate_series(1, 280) AS i;

-- Hand-written tricky rows (ids 281..).
INSERT INTO public.users (email, first_name, last_name, phone, status, tags, profile, avatar, created_at, notes) VALUES
 ('o''brien@quote.test', 'Seán', 'O''Brien', '+44 7700 900999', 'active', ARRAY['it''s', 'back\slash'], '{"q": "it''s \"x\""}', '\x00ff5c27', '2024-02-01 10:00+00', 'it''s a note'),
 ('back\slash@bs.test', 'Back\slash', 'Tab	Name', '+44 7700 900998', 'ünï', ARRAY['tab	in', 'nl
in'], '{"bs": "a\\b", "nl": "a\nb"}', '\x5c5c', '2024-02-01 10:01+00', E'line1\nline2\r\nline3\rend'),
 ('ünïcødé.ñame@exämple.test', 'Zoë', 'Ñúñez', '+44 7700 900997', 'it''s complicated', ARRAY['ünï', '😀'], '{"emoji": "😀🚀"}', '\x', '2024-02-01 10:02+00', 'Emoji 😀🚀 and CJK 漢字'),
 ('emoji😀@smile.test', '😀Grin', 'Face🚀', '+44 7700 900996', 'active', ARRAY[]::text[], '[]', NULL, '2024-02-01 10:03+00', E'\\N'),
 ('', '', '', '', 'active', ARRAY[''], '""', '\x', '2024-02-01 10:04+00', ''),
 (NULL, NULL, NULL, NULL, 'suspended', NULL, NULL, NULL, '2024-02-01 10:05+00', NULL),
 ('nl@newline.test', E'Line\nBreak', E'Carriage\rReturn', E'+44\t7700 900995', 'active', ARRAY[E'a\nb', E'c\rd', NULL], 'null', '\x0a0d09', '2024-02-01 10:06+00', E'\\.'),
 ('NULL', 'NULL', '\N', 'null', 'active', ARRAY['NULL', NULL], '{"k": null}', '\x4e554c4c', '2024-02-01 10:07+00', 'NULL'),
 ('semi@colon.test', 'Semi;colon', 'Paren);', '+44 7700 900994', 'active', ARRAY['),('], '{"sql": "INSERT INTO x VALUES (1);"}', '\x3b', '2024-02-01 10:08+00', E'\');\nINSERT INTO public.users VALUES (1);\n--'),
 ('user1@corp-1.test.dup-looking', 'Fn1', 'Ln1', '+44 7700 900001', 'active', NULL, NULL, NULL, '2024-02-01 10:09+00', repeat('long note ', 30000));

-- A dropped column leaves a gap in attnum that the dump does not show.
ALTER TABLE public.users ADD COLUMN legacy text DEFAULT 'legacy';
ALTER TABLE public.users DROP COLUMN legacy;
ALTER TABLE public.users ADD COLUMN locale text;
UPDATE public.users SET locale = CASE WHEN id % 3 = 0 THEN 'de-DE' WHEN id % 3 = 1 THEN 'fr-FR' ELSE NULL END;

-- Mixed case: "Users" is a different table from users; a rule for public.users must not touch it.
CREATE TABLE public."Users" (
    "Id" integer PRIMARY KEY,
    "EmailAddress" text,
    "FirstName" text
);
INSERT INTO public."Users" SELECT i, 'Mixed' || i || '@case.test', 'Mixed' || i FROM generate_series(1, 40) AS i;

------------------------------------------------------------------------------------------------
-- crm.users: same table name in another schema; half of its emails also appear in public.users.
CREATE TABLE crm.users (
    id integer PRIMARY KEY,
    email text,
    first_name text,
    phone text,
    segment text
);
INSERT INTO crm.users
SELECT i,
       CASE WHEN i % 2 = 0 THEN 'user' || i || '@corp-' || (i % 7) || '.test' ELSE 'crm' || i || '@crm.test' END,
       'CrmFn' || i,
       CASE WHEN i % 9 = 0 THEN NULL ELSE '+44 7700 901' || lpad(i::text, 3, '0') END,
       (ARRAY['gold', 'silver', 'bronze'])[1 + i % 3]
FROM generate_series(1, 150) AS i;

------------------------------------------------------------------------------------------------
-- "order": a reserved word; identity BY DEFAULT; a STORED generated column; emails shared with users.
CREATE TABLE public."order" (
    id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    user_id integer REFERENCES public.users (id),
    contact_email text,
    shipping_address text,
    total_cents integer NOT NULL,
    quantity integer NOT NULL,
    line_total bigint GENERATED ALWAYS AS (total_cents::bigint * quantity) STORED,
    status public.user_status,
    items jsonb,
    placed_at timestamptz NOT NULL
);
INSERT INTO public."order" (user_id, contact_email, shipping_address, total_cents, quantity, status, items, placed_at)
SELECT u,
       CASE WHEN i % 11 = 0 THEN NULL
            WHEN i % 13 = 0 THEN 'guest' || i || '@guest.test'
            ELSE 'user' || u || '@corp-' || (u % 7) || '.test' END,
       i || E' Main St\nApt ' || (i % 20) || E'\tSpringfield',
       100 + (i * 37) % 10000,
       1 + i % 5,
       (ARRAY['active', 'suspended', 'it''s complicated', 'ünï']::public.user_status[])[1 + i % 4],
       jsonb_build_array(jsonb_build_object('sku', 'SKU-' || i, 'qty', 1 + i % 5)),
       timestamptz '2024-03-01 00:00:00+00' + i * interval '91 minutes'
FROM generate_series(1, 480) AS i, LATERAL (SELECT 1 + (i * 7) % 280 AS u) AS x;
-- Tricky emails shared with users, with explicit ids (identity BY DEFAULT accepts them).
INSERT INTO public."order" (id, user_id, contact_email, shipping_address, total_cents, quantity, status, items, placed_at) VALUES
 (1001, 281, 'o''brien@quote.test', 'Quote''s "Place"', 1, 1, NULL, NULL, '2024-04-01 00:00+00'),
 (1002, 282, 'back\slash@bs.test', E'Back\\slash\\Road', 2, 2, 'ünï', '{}', '2024-04-01 00:01+00'),
 (1003, 283, 'ünïcødé.ñame@exämple.test', 'Ünïcode Straße 1', 3, 3, 'active', '[]', '2024-04-01 00:02+00'),
 (1004, 284, 'emoji😀@smile.test', '😀 Lane', 4, 4, 'active', NULL, '2024-04-01 00:03+00'),
 (1005, 285, '', '', 5, 5, 'active', NULL, '2024-04-01 00:04+00'),
 (1006, 287, 'nl@newline.test', E'CR\rLF\nTAB\t', 6, 6, 'active', NULL, '2024-04-01 00:05+00');
ALTER TABLE public."order" ALTER COLUMN id RESTART WITH 5001;

------------------------------------------------------------------------------------------------
-- Unicode schema, spaces and punctuation in identifiers; the same table name in public.
CREATE TABLE "Ünïcode"."Customer Accounts" (
    id integer PRIMARY KEY,
    "E-Mail" text,
    "Full Name" text,
    "Phone Number" text,
    "Balance €" numeric(12, 2),
    "say ""hi""" text
);
INSERT INTO "Ünïcode"."Customer Accounts"
SELECT i,
       CASE WHEN i % 8 = 0 THEN NULL ELSE 'acct' || i || '@ünï.test' END,
       'Ácct Ñame ' || i,
       '+44 7700 902' || lpad(i::text, 3, '0'),
       i * 12.34,
       'hi "' || i || '"'
FROM generate_series(1, 120) AS i;
INSERT INTO "Ünïcode"."Customer Accounts" VALUES
 (900, 'user5@corp-5.test', E'Tab\tName', '+44 7700 902999', -1.5, E'tab\there'),
 (901, 'ünïcødé.ñame@exämple.test', '😀 Emoji Name', NULL, 0, '');

-- Only a schema-qualified rule ("Ünïcode.Kontakt-Person") reaches this one.
CREATE TABLE "Ünïcode"."Kontakt-Person" (
    id integer PRIMARY KEY,
    "Vorname" text,
    "Nachname" text,
    "E-Mail" text,
    "Straße" text
);
INSERT INTO "Ünïcode"."Kontakt-Person"
SELECT i, 'Vörnäme' || i, 'Nächname' || i,
       CASE WHEN i % 4 = 0 THEN 'user' || i || '@corp-' || (i % 7) || '.test' ELSE 'kontakt' || i || '@ünï.test' END,
       'Hauptstraße ' || i
FROM generate_series(1, 40) AS i;

CREATE TABLE public."Customer Accounts" (
    id integer PRIMARY KEY,
    "E-Mail" text,
    "Full Name" text,
    "Phone Number" text
);
INSERT INTO public."Customer Accounts"
SELECT i, 'pubacct' || i || '@acct.test', 'Pub Acct ' || i, '+44 7700 903' || lpad(i::text, 3, '0')
FROM generate_series(1, 60) AS i;

------------------------------------------------------------------------------------------------
-- Declarative partitioning; one partition has a different physical column order and is attached
-- afterwards, so its COPY column list and its INSERT value order differ from the parent's.
CREATE TABLE public.events (
    id bigint NOT NULL,
    occurred_on date NOT NULL,
    user_email text,
    kind text NOT NULL,
    payload jsonb,
    PRIMARY KEY (id, occurred_on)
) PARTITION BY RANGE (occurred_on);
CREATE TABLE public.events_2023 PARTITION OF public.events FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');
CREATE TABLE public.events_2024 (
    payload jsonb,
    kind text NOT NULL,
    user_email text,
    occurred_on date NOT NULL,
    id bigint NOT NULL
);
ALTER TABLE public.events ATTACH PARTITION public.events_2024 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE public.events_default PARTITION OF public.events DEFAULT;

INSERT INTO public.events (id, occurred_on, user_email, kind, payload)
SELECT i,
       date '2023-06-01' + (i * 3) % 700,
       CASE WHEN i % 6 = 0 THEN NULL ELSE 'user' || (1 + i % 280) || '@corp-' || ((1 + i % 280) % 7) || '.test' END,
       (ARRAY['login', 'logout', 'purchase'])[1 + i % 3],
       jsonb_build_object('n', i, 'ua', E'Mozilla/5.0 "quoted"\t\\')
FROM generate_series(1, 390) AS i;
INSERT INTO public.events VALUES
 (9001, '2024-05-05', 'o''brien@quote.test', 'login', '{"x": "it''s"}'),
 (9002, '2030-01-01', 'emoji😀@smile.test', 'future', NULL);

------------------------------------------------------------------------------------------------
-- Classic inheritance: a rule on the parent must reach the child's rows.
CREATE TABLE public.contacts_base (
    id integer PRIMARY KEY,
    email text,
    name text,
    city text
);
CREATE TABLE public.contacts_vip (
    tier text NOT NULL,
    PRIMARY KEY (id)
) INHERITS (public.contacts_base);
INSERT INTO public.contacts_base
SELECT i, 'contact' || i || '@base.test', 'Contact Person ' || i, 'City ' || (i % 9) FROM generate_series(1, 100) AS i;
INSERT INTO public.contacts_vip (id, email, name, city, tier)
SELECT i, CASE WHEN i % 5 = 0 THEN NULL ELSE 'vip' || i || '@vip.test' END, 'Vip Person ' || i, E'Vip\tCity', 'gold'
FROM generate_series(101, 150) AS i;
INSERT INTO public.contacts_vip VALUES (151, 'user3@corp-3.test', 'Shared Email', 'Nowhere', 'platinum');

------------------------------------------------------------------------------------------------
-- Values only: nothing here has a rule except the two masked columns, so everything else must
-- come back byte-for-byte.
CREATE TABLE public.tricky_values (
    id integer PRIMARY KEY,
    t text,
    b bytea,
    arr text[],
    j jsonb,
    n numeric,
    f double precision,
    ts timestamptz,
    iv interval,
    secret_code text,
    label text
);
INSERT INTO public.tricky_values VALUES
 (1, 'plain', '\x00', '{a,b}', '{"a": 1}', 1.5, 'NaN', '2024-01-01 00:00+00', '1 day', 'S-0001', 'Label one'),
 (2, 'it''s', '\xdeadbeef', '{"it''s","a \"b\""}', '{"q": "\""}', -0.0, 'Infinity', '-infinity', '-1 year', 'S-0002', '😀 emoji first'),
 (3, E'back\\slash', '\x5c', ARRAY[E'\\', E'\\\\'], '{"b": "\\\\"}', 1e-20, '-Infinity', 'infinity', '0', 'S-0003', 'Ünïcode first'),
 (4, E'tab\there', '\x09', ARRAY[E'\t'], '{"t": "\t"}', 123456789012345678901234567890, 1e308, '2000-02-29 12:00+05:30', '1 mon 2 days 03:04:05.678', 'S-0004', E'tab\tlabel'),
 (5, E'lf\nhere', '\x0a', ARRAY[E'\n'], '{"n": "\n"}', 0, 0, '1970-01-01 00:00+00', NULL, 'S-0005', E'lf\nlabel'),
 (6, E'cr\rhere', '\x0d', ARRAY[E'\r'], '{"r": "\r"}', NULL, NULL, NULL, NULL, NULL, NULL),
 (7, E'crlf\r\nhere', '\x0d0a', ARRAY[E'\r\n'], '{"rn": "\r\n"}', 7, 7, '2024-01-01 00:00+00', '7 days', '', ''),
 (8, '', '\x', '{}', '{}', 8, 8, '2024-01-01 00:00+00', '8 days', 'S-0008', 'x'),
 (9, NULL, NULL, NULL, NULL, 9, 9, '2024-01-01 00:00+00', '9 days', 'S-0009', 'ab'),
 (10, E'\\N', '\x5c4e', ARRAY['\N'], '"\\N"', 10, 10, '2024-01-01 00:00+00', NULL, E'\\N', E'\\N'),
 (11, E'\\.', '\x5c2e', ARRAY['\.'], '"\\."', 11, 11, '2024-01-01 00:00+00', NULL, 'S-0011', E'\\.'),
 (12, 'NULL', '\x4e554c4c', ARRAY['NULL'], '"NULL"', 12, 12, '2024-01-01 00:00+00', NULL, 'NULL', 'NULL'),
 (13, 'Emoji 😀🚀👩‍👩‍👧 and CJK 漢字 and RTL עברית', '\xf09f9880', ARRAY['😀'], '{"e": "😀"}', 13, 13, NULL, NULL, 'S-0013', '👩‍👩‍👧 family'),
 (14, E'\');\nINSERT INTO public.tricky_values VALUES (99);\n-- ', '\x27293b', ARRAY[''');'], '{"s": "\u0027);"}', 14, 14, NULL, NULL, 'S-0014', E'\');'),
 (15, E'\\\\.\n\\.\n', '\x', ARRAY['a', NULL, 'NULL'], '[null]', 15, 15, NULL, NULL, 'S-0015', 'pad'),
 (16, 'C:\path\to\file', '\x00000000', ARRAY['C:\dir'], '{"p": "C:\\dir"}', 16, 16, NULL, NULL, 'S-0016', 'C:\x'),
 (17, E'trailing backslash\\', '\x5c', ARRAY['x\'], '"x\\"', 17, 17, NULL, NULL, 'S-0017', E'end\\'),
 (18, repeat('0123456789abcdef', 20000), decode(repeat('00ff', 50000), 'hex'), NULL, NULL, 18, 18, NULL, NULL, 'S-0018', repeat('L', 100000)),
 (19, E'$$dollar$$ and $fn$tag$fn$', '\x24', ARRAY['$$'], '{"d": "$$"}', 19, 19, NULL, NULL, 'S-0019', '$$');
INSERT INTO public.tricky_values (id, t, b, arr, j, n, f, ts, iv, secret_code, label)
SELECT 100 + i, 'gen ' || i || E'\t' || repeat('é', i % 7), decode(lpad(to_hex(i), 8, '0'), 'hex'), ARRAY[i::text, 'x'],
       jsonb_build_object('i', i), i / 3.0, i * 0.25, timestamptz '2024-01-01 00:00+00' + i * interval '1 hour',
       i * interval '1 minute', 'S-' || lpad((100 + i)::text, 4, '0'), 'Label ' || i
FROM generate_series(1, 80) AS i;

------------------------------------------------------------------------------------------------
-- Truncated by the rules: schema stays, rows go.
CREATE TABLE public.audit_log (
    id bigserial PRIMARY KEY,
    actor_email text,
    action text,
    at timestamptz NOT NULL
);
INSERT INTO public.audit_log (actor_email, action, at)
SELECT 'user' || (1 + i % 280) || '@corp-' || ((1 + i % 280) % 7) || '.test', 'action ' || i, timestamptz '2024-01-01 00:00+00' + i * interval '1 minute'
FROM generate_series(1, 200) AS i;

-- A view and an index over masked data: DDL that mentions masked columns must pass through.
CREATE VIEW public.user_emails AS SELECT id, email FROM public.users WHERE email <> '';
CREATE INDEX users_lower_email_idx ON public.users (lower(email));
