-- veil-stream: one column per transformer (arrays are PostgreSQL-only), with the MariaDB types and
-- constraints real schemas put on them: VARCHAR(n)/CHAR(n), UNIQUE (read from the DDL, so rules need no
-- "unique"), NOT NULL, CHECK, DECIMAL, INT/BIGINT UNSIGNED, DATE/DATETIME, ENUM, JSON, UUID, INET4/INET6.
-- Loaded by restore-all.test.ts into a scratch database (no CREATE DATABASE/USE here), dumped with
-- mariadb-dump, masked with mysql-rules.json and restored in strict mode with unique checks on.
-- Deterministic: no RAND(), no NOW(); rows 1..300 come from the Sequence engine, 1001.. are by hand.
SET NAMES utf8mb4;
SET sql_mode = 'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION';

DELIMITER ;;
-- Not part of the dump: dropped at the end.
CREATE FUNCTION luhn_complete(body VARCHAR(30)) RETURNS VARCHAR(31) DETERMINISTIC
BEGIN
  DECLARE total INT DEFAULT 0;
  DECLARE pos INT DEFAULT 1;
  DECLARE d INT;
  WHILE pos <= CHAR_LENGTH(body) DO
    SET d = CAST(SUBSTRING(body, pos, 1) AS UNSIGNED);
    IF (CHAR_LENGTH(body) - pos) % 2 = 0 THEN
      SET d = d * 2;
      IF d > 9 THEN SET d = d - 9; END IF;
    END IF;
    SET total = total + d;
    SET pos = pos + 1;
  END WHILE;
  RETURN CONCAT(body, (10 - total % 10) % 10);
END;;
DELIMITER ;

CREATE TABLE people (
  id INT UNSIGNED NOT NULL,
  first_name VARCHAR(40) NOT NULL,
  last_name VARCHAR(40) DEFAULT NULL,
  full_name VARCHAR(60) DEFAULT NULL,
  username VARCHAR(60) DEFAULT NULL,
  email VARCHAR(120) NOT NULL,
  phone VARCHAR(30) DEFAULT NULL,
  birth_date DATE DEFAULT NULL,
  street VARCHAR(100) DEFAULT NULL,
  city VARCHAR(60) DEFAULT NULL,
  zip VARCHAR(10) DEFAULT NULL,
  state VARCHAR(30) DEFAULT NULL,
  country VARCHAR(60) DEFAULT NULL,
  country_code CHAR(2) DEFAULT NULL,
  lat DECIMAL(9,6) DEFAULT NULL,
  lon DECIMAL(9,6) DEFAULT NULL,
  card_number VARCHAR(23) DEFAULT NULL,
  iban VARCHAR(42) DEFAULT NULL,
  balance DECIMAL(12,2) NOT NULL DEFAULT 0.00,
  score DECIMAL(5,2) DEFAULT NULL,
  ip INET4 DEFAULT NULL,
  ip6 INET6 DEFAULT NULL,
  mac VARCHAR(17) DEFAULT NULL,
  homepage VARCHAR(255) DEFAULT NULL,
  company_domain VARCHAR(80) DEFAULT NULL,
  user_agent VARCHAR(200) DEFAULT NULL,
  ext_id UUID NOT NULL,
  legacy_ref CHAR(38) DEFAULT NULL,
  ssn CHAR(11) DEFAULT NULL,
  account_no BIGINT UNSIGNED DEFAULT NULL,
  ref_code VARCHAR(12) DEFAULT NULL,
  api_token CHAR(32) DEFAULT NULL,
  secret_note TEXT,
  created_by VARCHAR(40) DEFAULT NULL,
  internal_note VARCHAR(255) NOT NULL,
  card_display VARCHAR(23) DEFAULT NULL,
  loyalty_no INT UNSIGNED DEFAULT NULL,
  signup_at DATETIME(3) NOT NULL,
  bio TEXT,
  tier ENUM('bronze','silver','gold','it''s platinum') NOT NULL DEFAULT 'bronze',
  support_note TEXT,
  greeting VARCHAR(120) DEFAULT NULL,
  handle VARCHAR(64) DEFAULT NULL,
  profile JSON DEFAULT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_username (username),
  UNIQUE KEY uq_email (email),
  UNIQUE KEY uq_phone (phone),
  UNIQUE KEY uq_card (card_number),
  UNIQUE KEY uq_iban (iban),
  UNIQUE KEY uq_ip (ip),
  UNIQUE KEY uq_mac (mac),
  UNIQUE KEY uq_domain (company_domain),
  UNIQUE KEY uq_ext (ext_id),
  UNIQUE KEY uq_legacy (legacy_ref),
  UNIQUE KEY uq_ssn (ssn),
  UNIQUE KEY uq_account (account_no),
  UNIQUE KEY uq_ref (ref_code),
  UNIQUE KEY uq_token (api_token),
  UNIQUE KEY uq_loyalty (loyalty_no),
  UNIQUE KEY uq_handle (handle),
  CONSTRAINT ck_email CHECK (email = '' OR LOCATE('@', email) > 1),
  CONSTRAINT ck_country_code CHECK (CAST(country_code AS BINARY) REGEXP '^[A-Z]{2}$'),
  CONSTRAINT ck_lat CHECK (lat BETWEEN -90 AND 90),
  CONSTRAINT ck_lon CHECK (lon BETWEEN -180 AND 180),
  CONSTRAINT ck_balance CHECK (balance >= 0),
  CONSTRAINT ck_mac CHECK (mac REGEXP '^(([0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2}|([0-9A-Fa-f]{4}[.]){2}[0-9A-Fa-f]{4})$'),
  CONSTRAINT ck_ssn CHECK (ssn REGEXP '^[0-9]{3}-[0-9]{2}-[0-9]{4}$'),
  CONSTRAINT ck_loyalty CHECK (loyalty_no BETWEEN 100000 AND 99999999),
  CONSTRAINT ck_legacy CHECK (CAST(legacy_ref AS BINARY) REGEXP '^[{][0-9A-F]{8}-([0-9A-F]{4}-){3}[0-9A-F]{12}[}]$')
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO people
SELECT i,
       CONCAT(ELT(1 + i % 7, 'Jane', 'John', 'Maria', 'Ahmed', 'Li', 'Olga', 'Zoë'), i),
       IF(i % 13 = 0, NULL, CONCAT(ELT(1 + i % 5, 'Doe', 'Smith', 'Müller', 'O''Neil', 'Nakamura'), i)),
       IF(i % 17 = 0, NULL, CONCAT('Person Number ', i)),
       CONCAT('user_', i),
       CONCAT('person', i, '@corp-', i % 5, '.test'),
       CONCAT('+1 (415) 555-', LPAD(i, 4, '0')),
       IF(i % 19 = 0, NULL, DATE '1950-01-01' + INTERVAL (i * 97) % 20000 DAY),
       CONCAT(i, ' Main Street'),
       ELT(1 + i % 3, 'Springfield', 'Shelbyville', 'Ogdenville'),
       LPAD(10000 + i * 37, 5, '0'),
       ELT(1 + i % 5, 'California', 'Texas', 'NY', 'Ohio', 'WA'),
       ELT(1 + i % 4, 'France', 'Germany', 'Peru', 'Japan'),
       ELT(1 + i % 4, 'FR', 'DE', 'US', 'JP'),
       ROUND(48.858370 + i * 0.0137, 6),
       ROUND(2.294481 - i * 0.0211, 6),
       CASE i % 2 WHEN 0 THEN luhn_complete(CONCAT('411111', LPAD(i, 9, '0')))
                  ELSE INSERT(INSERT(INSERT(luhn_complete(CONCAT('550000', LPAD(i, 9, '0'))), 13, 0, ' '), 9, 0, ' '), 5, 0, ' ') END,
       CONCAT('37040044', LPAD(i, 10, '0')),
       ROUND((i * 123.45) % 100000, 2),
       IF(i % 23 = 0, NULL, ROUND(999.99 - i * 3.1, 2)),
       CONCAT('10.', i DIV 256, '.', i % 256, '.', 1 + i % 7),
       CONCAT('2001:db8::', HEX(i)),
       CONCAT('00:1A:2B:', LPAD(HEX(i DIV 65536 % 256), 2, '0'), ':', LPAD(HEX(i DIV 256 % 256), 2, '0'), ':', LPAD(HEX(i % 256), 2, '0')),
       CONCAT('https://acme.io/u/', i, '?ref=mail&id=', i),
       CONCAT('company', i, '.io'),
       CONCAT('curl/8.', i % 10, '.0'),
       CAST(CONCAT(SUBSTR(MD5(CONCAT('u', i)), 1, 8), '-', SUBSTR(MD5(CONCAT('u', i)), 9, 4), '-4', SUBSTR(MD5(CONCAT('u', i)), 14, 3), '-8',
                   SUBSTR(MD5(CONCAT('u', i)), 18, 3), '-', SUBSTR(MD5(CONCAT('u', i)), 21, 12)) AS UUID),
       UPPER(CONCAT('{', SUBSTR(MD5(CONCAT('l', i)), 1, 8), '-', SUBSTR(MD5(CONCAT('l', i)), 9, 4), '-', SUBSTR(MD5(CONCAT('l', i)), 13, 4), '-',
                    SUBSTR(MD5(CONCAT('l', i)), 17, 4), '-', SUBSTR(MD5(CONCAT('l', i)), 21, 12), '}')),
       CONCAT(LPAD(100 + i, 3, '0'), '-', LPAD(i % 100, 2, '0'), '-', LPAD(1000 + i, 4, '0')),
       4000000000 + i * 7919,
       CONCAT('AB-', LPAD(i, 4, '0'), '-x'),
       MD5(CONCAT('tok', i)),
       IF(i % 3 = 0, NULL, CONCAT('secret ', i)),
       CONCAT('admin', i % 3),
       CONCAT('internal ', i),
       luhn_complete(CONCAT('411111', LPAD(i, 9, '0'))),
       100000 + i * 13,
       TIMESTAMP '2023-01-01 00:00:00' + INTERVAL i * 26000 SECOND + INTERVAL (i % 4) * 250000 MICROSECOND,
       CONCAT('Likes hiking, cooking and number ', i, '. Call after 6pm.'),
       ELT(1 + i % 4, 'bronze', 'silver', 'gold', 'it''s platinum'),
       CONCAT('Order ', 4000 + i, ' from person', i, '@corp-', i % 5, '.test, call back'),
       CONCAT('Dear J. ', i),
       CONCAT('handle.', i),
       IF(i % 9 = 0, NULL, JSON_OBJECT(
         'contact', JSON_OBJECT('email', CONCAT('person', i, '@corp-', i % 5, '.test'), 'name', CONCAT('Person ', i)),
         'home address', JSON_OBJECT('city', 'Springfield', 'street', CONCAT(i, ' Main Street')),
         'phones', JSON_ARRAY(CONCAT('+1 (415) 555-', LPAD(i, 4, '0')), CONCAT('+44 20 7946 ', LPAD(i, 4, '0'))),
         'bank', JSON_OBJECT('iban', 'DE89370400440532013000', 'since', 2019),
         'cards', JSON_ARRAY(JSON_OBJECT('number', luhn_complete(CONCAT('400000', LPAD(i, 9, '0'))), 'exp', '12/30')),
         'meta', JSON_OBJECT('ip', CONCAT('10.9.', i % 256, '.1'), 'agent', 'curl/8.0', 'visits', i),
         'score', i * 1.5))
FROM (SELECT seq AS i FROM seq_1_to_300) AS s;
-- The IBAN column got the BBAN above; give it check digits and, on odd rows, the printed layout.
UPDATE people SET iban = CONCAT('DE', LPAD(98 - CAST(CONCAT(iban, '131400') AS DECIMAL(40,0)) % 97, 2, '0'), iban);
UPDATE people SET iban = TRIM(REGEXP_REPLACE(iban, '(.{4})', '\\1 ')) WHERE id % 2 = 1;

-- Hand rows: quotes, backslashes, unicode, empty strings, NULLs, edge values.
INSERT INTO people VALUES
 (1001, 'Seán', 'O''Brien', 'Seán O''Brien', 'o''brien', 'o''brien@quote.test', '+353 1 234 5678', '1900-01-01',
  '12 O''Connell St', 'Dún Laoghaire', 'D02 X285', 'TX', 'Côte d''Ivoire', 'IE',
  89.999999, 179.999999, '5500-0000-0000-0004', 'GB82 WEST 1234 5698 7654 32', 0.00, 999.99,
  '255.255.255.255', '::ffff:10.0.0.1', '00-1a-2b-3c-4d-5e', 'https://o-brien.ie/it''s/42?q=a''b', 'o-brien.co.uk', 'Mozilla/5.0 (it''s "quoted")',
  '1b4e28ba-2fa1-11d2-883f-0016d3cca427', '{1B4E28BA-2FA1-11D2-883F-0016D3CCA427}', '078-05-1120', 0, 'QZ-0000-''a', REPEAT('f', 32),
  'it''s secret', 'o''admin', 'it''s "internal"', '5500 0000 0000 0004', 99999999, '1999-12-31 23:59:59.999',
  'It''s a "quoted" bio; with ''quotes''.', 'it''s platinum', 'Mail o''brien@quote.test or O.Brien@Quote.TEST now',
  'Dear O''Brien', 'o''brien.handle',
  '{"contact": {"email": "o''brien@quote.test"}, "note": "it''s \\"x\\"", "phones": ["+353 1 234 5678", "+353 1 234 5679"]}'),
 (1002, 'Back\\slash', 'Tab\tName', 'Back\\slash Name', 'back\\slash', 'back\\slash@bs.test', '555\\1234', '1984-02-29',
  'Line\nBreak Street 5', 'C:\\Temp', '\\0', 'California', 'Back\\Land', 'DE',
  -89.999999, -179.999999, '4111111111111111', 'de89 3704 0044 0532 0130 00', 12.50, -999.99,
  '0.0.0.0', 'fe80::1', '001a.2b3c.4d5f', 'https://bs.test/a\\b?x=\\N', 'back-slash.io', 'Agent\\with\\backslash',
  '00000000-0000-4000-8000-000000000000', '{00000000-0000-0000-0000-0000000000AB}', '000-00-0000', 9007199254740991, 'a\\b-12', CONCAT('\\\\', REPEAT('0', 30)),
  '\\N', 'C:\\Users', 'tab\there\nnewline \\ backslash', '4111\\1111\\1111\\1111', 100000, '2000-02-29 12:00:00',
  'Backslash \\ and \\N and \\. on its own:\n\\.\nend', 'bronze', 'Ticket to back\\slash@bs.test, no\\mail',
  'Dear \\ back', 'back\\slash.handle',
  '{"contact": {"email": "b\\\\s@bs.test"}, "bank": {"iban": "GB82WEST12345698765432"}, "k\\\\ey": "v\\\\al"}'),
 (1003, 'Zoë', 'Ñúñez', '山田 太郎', 'zoë_ñúñez', 'zoë.ñúñez@exämple.test', '+49 30 1234567', '2005-12-31',
  'Bahnhofstraße 1', 'Zürich', '8001', 'Zürich', 'Österreich', 'AT',
  0.000001, -0.000001, '3782 822463 10005', 'FR14 2004 1010 0505 0001 3M02 606', 99999.99, 0.01,
  '192.168.100.200', '2001:db8:85a3::8a2e:370:7334', 'AA:BB:CC:DD:EE:FF', 'https://exämple.test/straße/ü?q=ö', 'exämple.de', 'Mozilla/5.0 😀',
  '6ba7b810-9dad-11d1-80b4-00c04fd430c8', '{6BA7B810-9DAD-11D1-80B4-00C04FD430C8}', '999-99-9999', 1234567890, 'ÄÖ-12-ü', MD5('😀'),
  'Emoji 😀🚀', '漢字', 'ünïcödé 😀', '3782 8224 6310 005', 500000, '2024-02-29 00:00:00',
  'Emoji 😀🚀 and CJK 漢字, then Ünïcödé.', 'gold', 'Référence für zoë@exämple.test 😀',
  'Liebe Zoë', 'zoë.handle',
  '{"contact": {"email": "\\u00fcser@ex\\u00e4mple.test"}, "home address": {"city": "K\\u00f6ln", "street": "Straße 😀"}, "deep": {"deeper": {"iban": "NL91ABNA0417164300"}}}'),
 -- Empty strings wherever the column takes them (one per UNIQUE column).
 (1004, '', '', '', '', '', '', NULL,
  '', '', '', '', '', NULL,
  NULL, NULL, NULL, NULL, 0, NULL,
  NULL, NULL, NULL, '', '', '',
  'ffffffff-ffff-4fff-bfff-ffffffffffff', NULL, NULL, NULL, '', '',
  '', '', '', '', NULL, '2020-01-01 00:00:00',
  '', 'silver', '',
  '', '',
  '{}'),
 -- NULL wherever the column takes it.
 (1005, 'NULL', NULL, NULL, NULL, 'null@null.test', NULL, NULL,
  NULL, NULL, NULL, NULL, NULL, NULL,
  NULL, NULL, NULL, NULL, 1.00, NULL,
  NULL, NULL, NULL, NULL, NULL, NULL,
  '00000000-0000-0000-0000-000000000001', NULL, NULL, NULL, NULL, NULL,
  NULL, NULL, 'NULL', NULL, NULL, '1000-01-01 00:00:00',
  NULL, 'bronze', NULL,
  NULL, NULL,
  'null'),
 -- SQL look-alikes and dump-format characters inside values.
 (1006, 'Semi;colon', 'Paren);', 'Robert''); DROP TABLE people;--', 'bobby_tables', 'semi@colon.test', '(555) 010-9999', '1970-01-01',
  '1 Tab\tStreet', 'City\r\nNewline', '94107-1234', 'Ohio', 'France', 'FR',
  -33.868820, 151.209290, '6011 0009 9013 9424', 'NL91ABNA0417164300', 1234567.89, 12.34,
  '172.16.254.1', '2001:db8::ff00:42:8329', '00:00:00:00:00:00', 'http://semi.test/a;b/c?d=e;f', 'semi.test', 'curl/8.0 (\\.\n)',
  'c56a4180-65aa-42ec-a945-5fd21dec0538', '{C56A4180-65AA-42EC-A945-5FD21DEC0538}', '123-45-6789', 42, 'X1-Y2-Z3', MD5('semi'),
  '\');\nINSERT INTO people VALUES (1);\n--', 'sys', '\\.', '6011-0009-9013-9424', 123456, '2038-01-19 03:14:07',
  'values (1,2); INSERT INTO x VALUES (3);\n-- not a comment /* nor this */', 'silver', 'INSERT INTO `x` VALUES (\'a@b.test\'),(\'c@d.test\');',
  'Dear Bobby', 'bobby.handle',
  '[{"contact": {"email": "root-array@not-matched.test"}}]');

-- A zero date (mariadb-dump writes it as '0000-00-00'): needs a non-strict session to go in.
SET sql_mode = 'NO_ENGINE_SUBSTITUTION';
UPDATE people SET birth_date = '0000-00-00' WHERE id = 1005;
SET sql_mode = 'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION';

CREATE TABLE orders (
  id INT UNSIGNED NOT NULL,
  person_id INT UNSIGNED NOT NULL,
  customer_email VARCHAR(120) DEFAULT NULL,
  amount DECIMAL(12,2) NOT NULL,
  note VARCHAR(100) DEFAULT NULL,
  PRIMARY KEY (id),
  KEY fk_person (person_id),
  KEY fk_email (customer_email),
  CONSTRAINT fk_orders_person FOREIGN KEY (person_id) REFERENCES people (id),
  CONSTRAINT fk_orders_email FOREIGN KEY (customer_email) REFERENCES people (email),
  CONSTRAINT ck_amount CHECK (amount > 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO orders
SELECT n, p.id, IF(n % 10 = 0, NULL, p.email), ROUND(10 + (n * 7.77) % 900, 2), CONCAT('order ', n)
FROM (SELECT seq AS n FROM seq_1_to_400) AS s
JOIN people AS p ON p.id = 1 + (n * 7) % 300;

INSERT INTO orders VALUES
 (1001, 1001, 'o''brien@quote.test', 0.01, 'quote'),
 (1002, 1002, 'back\\slash@bs.test', 99.99, 'backslash'),
 (1003, 1003, 'zoë.ñúñez@exämple.test', 5.00, 'unicode'),
 (1004, 1006, 'semi@colon.test', 1.00, NULL);

DROP FUNCTION luhn_complete;

-- A key-value settings table, as WordPress (wp_options) and Magento (core_config_data) keep them: one
-- column holds a site URL in one row and a secret in the next; `switch` picks the rule by option_name.
CREATE TABLE settings (
  id INT UNSIGNED NOT NULL,
  option_name VARCHAR(191) NOT NULL,
  option_value LONGTEXT DEFAULT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY option_name (option_name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO settings VALUES
 (1, 'siteurl', 'https://shop.example.com'),
 (2, 'home', 'https://shop.example.com/'),
 (3, 'admin_email', 'owner@shop.example.com'),
 (4, 'search_host', 'es-prod-1.internal:9200'),
 (5, 'stripe_secret', 'sk_live_51Habcdefghijk'),
 (6, 'blogname', 'It''s my shop\t\\ with a tab\nand a newline \0 \Z'),
 (7, 'stripe_secret_old', NULL),
 (8, 'cron_enabled', '1'),
 (9, 'empty', ''),
 (10, 'admin_email_2', NULL),
 (11, 'stripe_settings', 'a:6:{s:7:"enabled";s:3:"yes";s:5:"title";s:22:"Kreditkarte – Stripe";s:10:"secret_key";s:27:"sk_live_51Habcdefghijklmnop";s:15:"publishable_key";s:27:"pk_live_51Habcdefghijklmnop";s:5:"owner";a:2:{s:5:"email";s:17:"zoë@shop.example";s:2:"id";i:7;}s:5:"limit";i:250;}');
