-- veil-stream: one column per transformer, with the types and constraints real schemas put on them.
-- Loaded by restore-all.test.ts into a scratch database, dumped with pg_dump, masked with
-- pg-rules.json and restored with ON_ERROR_STOP: every CHECK, UNIQUE, NOT NULL, FOREIGN KEY, varchar(n),
-- numeric(p,s), enum, inet, uuid, jsonb and array type must accept the fakes.
-- Deterministic: no random(), no now(); generate_series only. Rows 1..300 are generated, 1001.. by hand.
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;

CREATE TYPE public.tier_level AS ENUM ('bronze', 'silver', 'gold', 'it''s platinum');

-- Helpers that are not dumped (pg_temp): Luhn-complete card numbers and mod-97 IBAN check digits.
CREATE FUNCTION pg_temp.luhn_complete(body text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT body || ((10 - sum(CASE WHEN (length(body) - pos) % 2 = 0
                                 THEN (CASE WHEN d * 2 > 9 THEN d * 2 - 9 ELSE d * 2 END)
                                 ELSE d END) % 10) % 10)::text
  FROM (SELECT pos, substr(body, pos, 1)::int AS d FROM generate_series(1, length(body)) AS pos) AS s
$$;
-- 'DE' is 13 14 in the mod-97 alphabet.
CREATE FUNCTION pg_temp.iban_de(bban text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT 'DE' || lpad((98 - ((bban || '131400')::numeric % 97))::int::text, 2, '0') || bban
$$;
CREATE FUNCTION pg_temp.spaced4(s text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT rtrim(regexp_replace(s, '(.{4})', '\1 ', 'g'))
$$;

CREATE TABLE public.people (
    id integer PRIMARY KEY,
    -- person
    first_name varchar(40) NOT NULL,
    last_name varchar(40),
    full_name varchar(60),
    username varchar(60) UNIQUE,
    email varchar(120) NOT NULL UNIQUE CHECK (email = '' OR position('@' IN email) > 1),
    phone varchar(30) UNIQUE,
    birth_date date CHECK (birth_date >= date '1900-01-01'),
    -- location
    street varchar(100),
    city varchar(60),
    zip varchar(10),
    state varchar(30),
    country varchar(60),
    country_code char(2) CHECK (country_code ~ '^[A-Z]{2}$'),
    lat numeric(9,6) CHECK (lat BETWEEN -90 AND 90),
    lon numeric(9,6) CHECK (lon BETWEEN -180 AND 180),
    -- finance
    card_number varchar(23) UNIQUE CHECK (card_number ~ '^[0-9][0-9 -]{10,21}[0-9]$'),
    iban varchar(42) UNIQUE CHECK (iban ~ '^[A-Za-z]{2}[0-9]{2}[A-Za-z0-9 ]+$'),
    balance numeric(12,2) NOT NULL CHECK (balance >= 0),
    score numeric(5,2),
    -- internet
    ip inet UNIQUE,
    ip6 inet,
    mac varchar(17) UNIQUE CHECK (mac ~ '^(([0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2}|([0-9A-Fa-f]{4}\.){2}[0-9A-Fa-f]{4})$'),
    homepage text,
    company_domain varchar(80) UNIQUE,
    user_agent varchar(200),
    -- identity
    ext_id uuid NOT NULL UNIQUE,
    ssn varchar(11) UNIQUE CHECK (ssn ~ '^[0-9]{3}-[0-9]{2}-[0-9]{4}$'),
    account_no bigint UNIQUE CHECK (account_no >= 0),
    ref_code varchar(12) UNIQUE,
    api_token char(32) UNIQUE,
    -- generic
    secret_note text,
    created_by text,
    internal_note text NOT NULL,
    card_display varchar(23),
    loyalty_no integer UNIQUE CHECK (loyalty_no BETWEEN 100000 AND 999999),
    signup_at timestamptz NOT NULL,
    bio text,
    tier public.tier_level NOT NULL,
    support_note text,
    -- composite
    greeting varchar(120),
    handle varchar(64) UNIQUE,
    profile jsonb,
    alt_emails text[],
    ip_history inet[]
);

INSERT INTO public.people
SELECT i,
       (ARRAY['Jane', 'John', 'Maria', 'Ahmed', 'Li', 'Olga', 'Zoë'])[1 + i % 7] || i,
       CASE WHEN i % 13 = 0 THEN NULL ELSE (ARRAY['Doe', 'Smith', 'Müller', 'O''Neil', 'Nakamura'])[1 + i % 5] || i END,
       CASE WHEN i % 17 = 0 THEN NULL ELSE 'Person Number ' || i END,
       'user_' || i,
       'person' || i || '@corp-' || (i % 5) || '.test',
       '+1 (415) 555-' || lpad(i::text, 4, '0'),
       CASE WHEN i % 19 = 0 THEN NULL ELSE date '1950-01-01' + (i * 97) % 20000 END,
       i || ' Main Street',
       (ARRAY['Springfield', 'Shelbyville', 'Ogdenville'])[1 + i % 3],
       lpad((10000 + i * 37)::text, 5, '0'),
       (ARRAY['California', 'Texas', 'NY', 'Ohio', 'WA'])[1 + i % 5],
       (ARRAY['France', 'Germany', 'Peru', 'Japan'])[1 + i % 4],
       (ARRAY['FR', 'DE', 'US', 'JP'])[1 + i % 4],
       round(48.858370 + i * 0.0137, 6),
       round(2.294481 - i * 0.0211, 6),
       CASE i % 3
         WHEN 0 THEN pg_temp.luhn_complete('411111' || lpad(i::text, 9, '0'))
         WHEN 1 THEN pg_temp.spaced4(pg_temp.luhn_complete('411111' || lpad(i::text, 9, '0')))
         ELSE replace(pg_temp.spaced4(pg_temp.luhn_complete('550000' || lpad(i::text, 9, '0'))), ' ', '-')
       END,
       CASE WHEN i % 2 = 0 THEN pg_temp.iban_de('37040044' || lpad(i::text, 10, '0'))
            ELSE pg_temp.spaced4(pg_temp.iban_de('50010517' || lpad(i::text, 10, '0'))) END,
       round((i * 123.45) % 100000, 2),
       CASE WHEN i % 23 = 0 THEN NULL ELSE round(999.99 - i * 3.1, 2) END,
       ('10.' || (i / 256) || '.' || (i % 256) || '.' || (1 + i % 7) || CASE WHEN i % 10 = 0 THEN '/24' ELSE '' END)::inet,
       ('2001:db8::' || to_hex(i))::inet,
       upper('00:1a:2b:' || lpad(to_hex(i / 65536 % 256), 2, '0') || ':' || lpad(to_hex(i / 256 % 256), 2, '0') || ':' || lpad(to_hex(i % 256), 2, '0')),
       'https://acme.io/u/' || i || '?ref=mail&id=' || i,
       'company' || i || '.io',
       'curl/8.' || (i % 10) || '.0',
       md5('u' || i)::uuid,
       lpad((100 + i)::text, 3, '0') || '-' || lpad((i % 100)::text, 2, '0') || '-' || lpad((1000 + i)::text, 4, '0'),
       4000000000 + i * 7919,
       'AB-' || lpad(i::text, 4, '0') || '-x',
       md5('tok' || i),
       CASE WHEN i % 3 = 0 THEN NULL ELSE 'secret ' || i END,
       'admin' || (i % 3),
       'internal ' || i,
       CASE i % 3
         WHEN 0 THEN pg_temp.luhn_complete('411111' || lpad(i::text, 9, '0'))
         ELSE pg_temp.spaced4(pg_temp.luhn_complete('411111' || lpad(i::text, 9, '0')))
       END,
       100000 + i * 13,
       timestamptz '2023-01-01 00:00:00+00' + i * interval '7 hours 13 minutes 7.25 seconds',
       'Likes hiking, cooking and number ' || i || '. Call after 6pm.',
       (ARRAY['bronze', 'silver', 'gold', 'it''s platinum']::public.tier_level[])[1 + i % 4],
       'Order ' || (4000 + i) || ' for customer ' || (900000 + i) || ', call back',
       'Dear J. ' || i,
       'handle.' || i,
       CASE WHEN i % 9 = 0 THEN NULL ELSE jsonb_build_object(
         'contact', jsonb_build_object('email', 'person' || i || '@corp-' || (i % 5) || '.test',
                                       'phones', jsonb_build_array('+1 (415) 555-' || lpad(i::text, 4, '0'), '+44 20 7946 ' || lpad(i::text, 4, '0'))),
         'address', jsonb_build_object('city', 'Springfield', 'street', i || ' Main Street', 'zip', '12345'),
         'kyc', jsonb_build_object('ssn', '078-05-' || lpad(i::text, 4, '0'), 'verified', i % 2 = 0),
         'devices', jsonb_build_array(jsonb_build_object('ip', '10.9.' || (i % 256) || '.1', 'seen', '2024-01-01'),
                                      jsonb_build_object('ip', '192.168.1.' || (i % 250), 'seen', null)),
         'tags', jsonb_build_array('vip-' || i, 'keep-me'),
         'score', i * 1.5) END,
       CASE WHEN i % 11 = 0 THEN NULL WHEN i % 4 = 0 THEN '{}'::text[]
            ELSE ARRAY['person' || i || '@corp-' || (i % 5) || '.test', 'alt' || i || '@mail.test', NULL] END,
       CASE WHEN i % 12 = 0 THEN NULL ELSE ARRAY[('172.16.' || (i % 256) || '.9')::inet, NULL, '10.0.0.1/8'::inet] END
FROM generate_series(1, 300) AS i;

-- Hand rows: quotes, backslashes, unicode, empty strings, NULLs, edge values.
INSERT INTO public.people VALUES
 (1001, 'Seán', 'O''Brien', 'Seán O''Brien', 'o''brien', 'o''brien@quote.test', '+353 1 234 5678', '1900-01-01',
  '12 O''Connell St', 'Dún Laoghaire', 'D02 X285', 'TX', 'Côte d''Ivoire', 'IE',
  89.999999, 179.999999, '5500-0000-0000-0004', 'GB82 WEST 1234 5698 7654 32', 0.00, 999.99,
  '255.255.255.255', '::ffff:10.0.0.1', '00-1a-2b-3c-4d-5e', 'https://o-brien.ie/it''s/42?q=a''b', 'o-brien.co.uk', 'Mozilla/5.0 (it''s "quoted")',
  '1b4e28ba-2fa1-11d2-883f-0016d3cca427', '078-05-1120', 0, 'QZ-0000-''a', repeat('f', 32),
  'it''s secret', 'o''admin', 'it''s "internal"', '5500 0000 0000 0004', 999999, '1999-12-31 23:59:59.999999+00',
  'It''s a "quoted" bio; with ''quotes''.', 'it''s platinum', 'Order 4711 for O''Brien; ref 123456',
  'Dear O''Brien', 'o''brien.handle',
  '{"contact": {"email": "o''brien@quote.test", "phones": ["+353 1 234 5678"]}, "note": "it''s \"x\"", "tags": ["it''s", "b"]}',
  ARRAY['o''brien@quote.test', 'x"y@quote.test', 'comma,ed@quote.test'], ARRAY['192.168.0.1/32']::inet[]),
 (1002, 'Back\slash', E'Tab\tName', E'Back\\slash Name', 'back\slash', 'back\slash@bs.test', '555\1234', '1984-02-29',
  E'Line\nBreak Street 5', 'C:\Temp', '\0', 'California', 'Back\Land', 'DE',
  -89.999999, -179.999999, '4111111111111111', 'de89 3704 0044 0532 0130 00', 12.50, -999.99,
  '0.0.0.0', 'fe80::1/64', '001a.2b3c.4d5f', E'https://bs.test/a\\b?x=\\N', 'back-slash.io', E'Agent\\with\\backslash',
  '00000000-0000-4000-8000-000000000000', '000-00-0000', 9007199254740991, 'a\b-12', E'\\\\' || repeat('0', 30),
  E'\\N', E'C:\\Users', E'tab\there\nnewline \\ backslash', '4111\1111\1111\1111', 100000, '2000-02-29 12:00:00+05:30',
  E'Backslash \\ and \\N and \\. on its own:\n\\.\nend', 'bronze', E'Ticket \\1234\\ and 5678\\',
  E'Dear \\ back', 'back\slash.handle',
  '{"contact": {"email": "b\\s@bs.test", "phones": []}, "kyc": {"ssn": "123\\45\\6789"}, "k\\ey": "v\\al"}',
  ARRAY['a\b@bs.test', E'tab\t@bs.test'], '{}'),
 (1003, 'Zoë', 'Ñúñez', '山田 太郎', 'zoë_ñúñez', 'zoë.ñúñez@exämple.test', '+49 30 1234567', '2005-12-31',
  'Bahnhofstraße 1', 'Zürich', '8001', 'Zürich', 'Österreich', 'AT',
  0.000001, -0.000001, '3782 822463 10005', 'FR14 2004 1010 0505 0001 3M02 606', 99999.99, 0.01,
  '192.168.100.200', '2001:db8:85a3::8a2e:370:7334', 'AA:BB:CC:DD:EE:FF', 'https://exämple.test/straße/ü?q=ö', 'exämple.de', 'Mozilla/5.0 😀',
  '6ba7b810-9dad-11d1-80b4-00c04fd430c8', '999-99-9999', 1234567890, 'ÄÖ-12-ü', md5('😀'),
  'Emoji 😀🚀', '漢字', 'ünïcödé 😀', '3782 8224 6310 005', 500000, '2024-02-29 00:00:00+00',
  'Emoji 😀🚀 and CJK 漢字, then Ünïcödé.', 'gold', 'Référence 98765 für Zoë 😀',
  'Liebe Zoë', 'zoë.handle',
  '{"contact": {"email": "\u00fcser@ex\u00e4mple.test", "phones": ["+49 30 1234567"]}, "address": {"city": "K\u00f6ln", "street": "Straße 😀"}, "deep": {"deeper": {"ssn": "111-22-3333"}}}',
  ARRAY['zoë.ñúñez@exämple.test', '😀@emoji.test'], ARRAY['::1'::inet]),
 -- Empty strings wherever the column takes them (one per UNIQUE column).
 (1004, '', '', '', '', '', '', NULL,
  '', '', '', '', '', NULL,
  NULL, NULL, NULL, NULL, 0, NULL,
  NULL, NULL, NULL, '', '', '',
  'ffffffff-ffff-4fff-bfff-ffffffffffff', NULL, NULL, '', NULL,
  '', '', '', '', NULL, '2020-01-01 00:00:00+00',
  '', 'silver', '',
  '', '',
  '{}', ARRAY['', NULL], ARRAY[NULL]::inet[]),
 -- NULL wherever the column takes it.
 (1005, 'NULL', NULL, NULL, NULL, 'null@null.test', NULL, NULL,
  NULL, NULL, NULL, NULL, NULL, NULL,
  NULL, NULL, NULL, NULL, 1.00, NULL,
  NULL, NULL, NULL, NULL, NULL, NULL,
  '00000000-0000-0000-0000-000000000001', NULL, NULL, NULL, NULL,
  NULL, NULL, 'NULL', NULL, NULL, 'infinity',
  NULL, 'bronze', NULL,
  NULL, NULL,
  'null', NULL, NULL),
 -- SQL look-alikes and dump-format characters inside values.
 (1006, 'Semi;colon', 'Paren);', 'Robert''); DROP TABLE people;--', 'bobby_tables', 'semi@colon.test', '(555) 010-9999', '1970-01-01',
  E'1 Tab\tStreet', E'City\r\nNewline', '94107-1234', 'Ohio', 'France', 'FR',
  -33.868820, 151.209290, '6011 0009 9013 9424', 'NL91ABNA0417164300', 1234567.89, 12.34,
  '172.16.254.1/16', '2001:db8::ff00:42:8329', '00:00:00:00:00:00', 'http://semi.test/a;b/c?d=e;f', 'semi.test', E'curl/8.0 (\\.\n)',
  'c56a4180-65aa-42ec-a945-5fd21dec0538', '123-45-6789', 42, 'X1-Y2-Z3', md5('semi'),
  E'\');\nINSERT INTO people VALUES (1);\n--', 'sys', E'\\.', '6011-0009-9013-9424', 123456, '2038-01-19 03:14:07+00',
  E'values (1,2); INSERT INTO x VALUES (3);\n\\.\n-- not a comment', 'silver', E'COPY 2024 FROM stdin;\n\\.',
  'Dear Bobby', 'bobby.handle',
  '[{"contact": {"email": "root-array@not-matched.test"}}]',
  ARRAY['semi@colon.test', '),(@x.test', '\N'], ARRAY['10.1.2.3'::inet, '10.1.2.4'::inet]);

-- Orders reference people by id and by e-mail: the foreign key on a masked column only validates at
-- restore if each address maps to the same fake in both tables.
CREATE TABLE public.orders (
    id integer PRIMARY KEY,
    person_id integer NOT NULL REFERENCES public.people (id),
    customer_email varchar(120) REFERENCES public.people (email),
    amount numeric(12,2) NOT NULL CHECK (amount > 0),
    note text
);

INSERT INTO public.orders
SELECT n, p.id, CASE WHEN n % 10 = 0 THEN NULL ELSE p.email END, round(10 + (n * 7.77) % 900, 2), 'order ' || n
FROM generate_series(1, 400) AS n
JOIN public.people AS p ON p.id = 1 + (n * 7) % 300;

INSERT INTO public.orders VALUES
 (1001, 1001, 'o''brien@quote.test', 0.01, 'quote'),
 (1002, 1002, 'back\slash@bs.test', 99.99, 'backslash'),
 (1003, 1003, 'zoë.ñúñez@exämple.test', 5.00, 'unicode'),
 (1004, 1006, 'semi@colon.test', 1.00, NULL);


-- A key-value settings table, as WordPress (wp_options) and Magento (core_config_data) keep them: one
-- column holds a site URL in one row and a secret in the next; `switch` picks the rule by option_name.
CREATE TABLE public.settings (
    id integer PRIMARY KEY,
    option_name varchar(191) NOT NULL UNIQUE,
    option_value text
);

INSERT INTO public.settings VALUES
 (1, 'siteurl', 'https://shop.example.com'),
 (2, 'home', 'https://shop.example.com/'),
 (3, 'admin_email', 'owner@shop.example.com'),
 (4, 'search_host', 'es-prod-1.internal:9200'),
 (5, 'stripe_secret', 'sk_live_51Habcdefghijk'),
 (6, 'blogname', E'It''s my shop\t\\ with a tab\nand a newline'),
 (7, 'stripe_secret_old', NULL),
 (8, 'cron_enabled', '1'),
 (9, 'empty', ''),
 (10, 'admin_email_2', NULL),
 (11, 'stripe_settings', 'a:6:{s:7:"enabled";s:3:"yes";s:5:"title";s:22:"Kreditkarte – Stripe";s:10:"secret_key";s:27:"sk_live_51Habcdefghijklmnop";s:15:"publishable_key";s:27:"pk_live_51Habcdefghijklmnop";s:5:"owner";a:2:{s:5:"email";s:17:"zoë@shop.example";s:2:"id";i:7;}s:5:"limit";i:250;}');
