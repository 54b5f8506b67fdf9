-- veil-stream: a purpose-built MariaDB database with data and DDL that stress dump parsing.
-- Load with: mariadb --comments < tricky.sql   (creates veil_tricky and veil_tricky2; drops them first).
-- --comments keeps the comments inside routine bodies, so dumps carry quotes and ;; inside comments.
SET NAMES utf8mb4;
SET sql_mode = 'STRICT_TRANS_TABLES,NO_ENGINE_SUBSTITUTION';
DROP DATABASE IF EXISTS veil_tricky;
DROP DATABASE IF EXISTS veil_tricky2;
CREATE DATABASE veil_tricky CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE DATABASE veil_tricky2 CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
USE veil_tricky;

-- Strings: every byte MySQL escapes, doubled quotes, unicode, emoji, empty and NULL.
CREATE TABLE people (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT,
  email VARCHAR(120) NOT NULL COMMENT 'the user''s "email"; unique',
  first_name VARCHAR(40) DEFAULT NULL,
  last_name CHAR(30) NOT NULL DEFAULT '',
  bio TEXT,
  note MEDIUMTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
  phone VARCHAR(20) DEFAULT 'n/a',
  age TINYINT UNSIGNED DEFAULT NULL,
  score SMALLINT NOT NULL DEFAULT -1,
  balance DECIMAL(12,2) NOT NULL DEFAULT 0.00,
  ratio DOUBLE DEFAULT NULL,
  weight FLOAT(7,3) DEFAULT NULL,
  big BIGINT UNSIGNED DEFAULT NULL,
  med MEDIUMINT DEFAULT NULL,
  born DATE DEFAULT NULL,
  created DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  updated TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  wakes TIME DEFAULT NULL,
  yr YEAR DEFAULT NULL,
  active BOOLEAN NOT NULL DEFAULT TRUE,
  PRIMARY KEY (id),
  UNIQUE KEY uq_email (email),
  KEY idx_name (last_name, first_name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='people, with a ''quoted'' comment';

INSERT INTO people (id, email, first_name, last_name, bio, note, phone, age, score, balance, ratio, weight, big, med, born, created, updated, wakes, yr, active) VALUES
 (1, 'alice@example.com', 'Alice', 'O''Hara', 'plain bio', NULL, '+1 555 0100', 34, 10, 1234.56, 0.5, 61.5, 18446744073709551615, -8388608, '1990-01-31', '2024-01-02 03:04:05.123456', '2024-01-02 03:04:05', '07:30:00', 1990, 1),
 (2, 'bob@example.com', 'Bob', 'Back\\slash', 'tab\there, newline\nthere, cr\rthere', 'quote '' dq " bs \\ end', NULL, 0, -32768, -0.01, -1.5e-300, NULL, 0, 8388607, '2000-02-29', '2024-02-03 00:00:00', '2024-02-03 00:00:00', '-838:59:59', 2000, 0),
 (3, 'carol@example.com', 'Zoë', 'Ñúñez', CONCAT('nul', CHAR(0), 'byte and ctrl-z', CHAR(26), 'end'), 'emoji 😀🎉 and 中文 and ﷽', '', 255, 32767, 9999999999.99, 1e300, -0.001, NULL, NULL, NULL, '1970-01-01 00:00:01', '1970-01-01 00:00:01', '838:59:59', 2155, 1),
 (4, 'dan@example.com', NULL, '', '', '', 'n/a', NULL, 0, 0, NULL, NULL, NULL, NULL, '0000-00-00', '2024-03-04 05:06:07', '2024-03-04 05:06:07', NULL, NULL, 0),
 (5, 'eve@example.com', 'Eve', 'Percent%Under_', 'literal backslash-percent \\% and \\_ and %_ bare', 'line1\r\nline2\n\\n not newline', NULL, 1, 1, 1, 1, 1, 1, 1, '2024-12-31', '2024-12-31 23:59:59.999999', '2024-12-31 23:59:59', '00:00:00', 1901, 1),
 (6, 'frank@example.com', 'Frank', 'Semi;Colon', 'values (1,2); INSERT INTO `x` VALUES (3);\n-- not a comment\n/* nor this */', '),(', 'x''),(''y', 2, 2, 2, 2, 2, 2, 2, NULL, '2024-06-01 00:00:00', '2024-06-01 00:00:00', NULL, NULL, 1);
-- CHAR(0) inside a literal via escape and raw control characters
INSERT INTO people (id, email, first_name, last_name, bio, note) VALUES
 (7, 'gina@example.com', 'Gi\0na', 'Z\Z', 'bell\b and \"dq\" and \'sq\'', CONCAT(CHAR(1),CHAR(2),CHAR(3),CHAR(127),CHAR(8),CHAR(12),CHAR(27)));

-- Binary data: BLOB of all 256 byte values, VARBINARY, BINARY, BIT.
CREATE TABLE blobs (
  id INT NOT NULL,
  data BLOB,
  small VARBINARY(16) DEFAULT NULL,
  fixed BINARY(4) DEFAULT NULL,
  flag BIT(1) DEFAULT NULL,
  bits BIT(10) DEFAULT b'101',
  wide BIT(64) DEFAULT NULL,
  lb LONGBLOB,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

INSERT INTO blobs VALUES
 (1, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
 (2, '', '', '', b'0', b'0', b'0', '');
INSERT INTO blobs (id, data, small, fixed, flag, bits, wide, lb) SELECT 3,
  (SELECT CAST(GROUP_CONCAT(CHAR(seq) ORDER BY seq SEPARATOR '') AS BINARY) FROM (SELECT seq FROM seq_0_to_255) s),
  UNHEX('00275C22270D0A1A09FF80C3'), UNHEX('FFFE0001'), b'1', b'1111111111', b'1111111111111111111111111111111111111111111111111111111111111111',
  UNHEX(REPEAT('C328', 50));
INSERT INTO blobs VALUES (4, 'ascii only', 'abc', 'abcd', b'1', b'1000000001', 0x2700005C0A0D1A22, x'0a');

-- JSON, ENUM/SET with quoted labels, generated columns (VIRTUAL, STORED, PERSISTENT).
CREATE TABLE docs (
  id INT NOT NULL PRIMARY KEY,
  doc JSON,
  kind ENUM('a','b''s','c,d','e"f','g\\h','') NOT NULL DEFAULT 'a',
  tags SET('x','y''z','w') DEFAULT NULL,
  doc_name VARCHAR(100) AS (JSON_UNQUOTE(JSON_EXTRACT(doc, '$.name'))) VIRTUAL,
  name_len INT AS (CHAR_LENGTH(doc_name)) STORED,
  upper_kind VARCHAR(10) GENERATED ALWAYS AS (UPPER(kind)) PERSISTENT,
  secret VARCHAR(20) INVISIBLE DEFAULT 'hidden',
  CONSTRAINT chk_id CHECK (id > 0),
  CHECK (CHAR_LENGTH(kind) < 5)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

INSERT INTO docs (id, doc, kind, tags, secret) VALUES
 (1, '{"name": "Alice", "email": "alice@example.com", "nested": {"q": "it''s \\"quoted\\"", "nl": "a\\nb"}}', 'b''s', 'x,y''z', 'sekrit'),
 (2, '[1, 2.5, true, null, "😀"]', 'c,d', '', DEFAULT),
 (3, NULL, 'e"f', NULL, NULL),
 (4, '{"name": "Tab\\there"}', 'g\\h', 'w', 'x'),
 (5, '{}', '', 'x,w', 'y');

-- Keyword and space-containing identifiers, a backtick inside a name.
CREATE TABLE `order` (
  `select` INT NOT NULL,
  `from` VARCHAR(10) DEFAULT NULL,
  `my col` VARCHAR(10) DEFAULT NULL,
  `we``ird` VARCHAR(10) DEFAULT NULL,
  `ünï` VARCHAR(10) DEFAULT NULL,
  PRIMARY KEY (`select`)
) ENGINE=InnoDB;
INSERT INTO `order` VALUES (1, 'here', 'sp ace', 'tick`', 'ü'), (2, NULL, NULL, NULL, NULL);

CREATE TABLE `my table` (
  `id` INT NOT NULL,
  `the value` TEXT,
  UNIQUE KEY `u id` (`id`)
) ENGINE=MyISAM DEFAULT CHARSET=latin1;
INSERT INTO `my table` VALUES (1, 'café latin1 ÿ'), (2, 'Ä'), (3, NULL);

-- Aria with PAGE_CHECKSUM, inet6/inet4/uuid, partitioning, foreign keys, composite unique.
CREATE TABLE net (
  id BIGINT NOT NULL,
  ip6 INET6 DEFAULT NULL,
  ip4 INET4 DEFAULT NULL,
  u UUID DEFAULT NULL,
  PRIMARY KEY (id)
) ENGINE=Aria PAGE_CHECKSUM=1 TRANSACTIONAL=1;
INSERT INTO net VALUES (1, '::1', '127.0.0.1', '123e4567-e89b-12d3-a456-426614174000'), (2, '2001:db8::ff00:42:8329', '10.0.0.255', NULL), (3, NULL, NULL, NULL);

CREATE TABLE events_log (
  id INT NOT NULL,
  happened DATE NOT NULL,
  msg VARCHAR(200) DEFAULT NULL,
  PRIMARY KEY (id, happened)
) ENGINE=InnoDB
PARTITION BY RANGE (YEAR(happened)) (
  PARTITION p2023 VALUES LESS THAN (2024),
  PARTITION p2024 VALUES LESS THAN (2025),
  PARTITION pmax VALUES LESS THAN MAXVALUE
);
INSERT INTO events_log VALUES (1, '2023-05-05', 'old'), (2, '2024-05-05', 'new'), (3, '2030-01-01', 'future');

CREATE TABLE orders (
  id INT NOT NULL AUTO_INCREMENT,
  person_id INT UNSIGNED NOT NULL,
  email VARCHAR(120) NOT NULL,
  amount DECIMAL(10,2) NOT NULL,
  code CHAR(8) NOT NULL,
  region CHAR(2) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_code_region (code, region),
  UNIQUE KEY uq_code (code),
  CONSTRAINT fk_person FOREIGN KEY (person_id) REFERENCES people (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
INSERT INTO orders (person_id, email, amount, code, region)
  SELECT 1 + (seq % 7), CONCAT('buyer', seq, '@example.com'), seq * 1.25, LPAD(seq, 8, '0'), 'EU'
  FROM seq_1_to_3000;

-- An empty table, a sequence, a system-versioned table.
CREATE TABLE empty_one (id INT PRIMARY KEY, v VARCHAR(5)) ENGINE=InnoDB;
CREATE SEQUENCE seq_ids START WITH 100 INCREMENT BY 5;
CREATE TABLE versioned (id INT PRIMARY KEY, v VARCHAR(10)) WITH SYSTEM VERSIONING;
INSERT INTO versioned VALUES (1, 'one');
UPDATE versioned SET v = 'uno' WHERE id = 1;
-- Explicit invisible ROW START/END columns (dumped with a column list), an application-time period and a
-- column named period.
CREATE TABLE versioned2 (id INT PRIMARY KEY, v VARCHAR(10), rs TIMESTAMP(6) GENERATED ALWAYS AS ROW START INVISIBLE,
  re TIMESTAMP(6) GENERATED ALWAYS AS ROW END INVISIBLE, PERIOD FOR SYSTEM_TIME(rs, re)) WITH SYSTEM VERSIONING;
INSERT INTO versioned2 (id, v) VALUES (1, 'a'), (2, 'b');
UPDATE versioned2 SET v = 'c' WHERE id = 2;
-- (No WITHOUT OVERLAPS key: MariaDB 10.11 cannot REPLACE INTO such a table, so --replace dumps would not restore.)
CREATE TABLE periods (id INT, period INT, s DATE, e DATE, PERIOD FOR app(s, e), UNIQUE KEY u (id, period));
INSERT INTO periods VALUES (1, 7, '2020-01-01', '2021-01-01');

-- Routines, triggers, views, events (dumped with DELIMITER ;;).
DELIMITER ;;
CREATE TRIGGER people_bi BEFORE INSERT ON people FOR EACH ROW
BEGIN
  IF NEW.phone = '' THEN SET NEW.phone = 'n/a'; END IF;
  -- a semicolon; in a comment and 'a string;'
END;;
CREATE PROCEDURE add_person(IN e VARCHAR(120))
BEGIN
  INSERT INTO people (email, last_name) VALUES (e, 'x;y');
  SELECT 'done;' AS msg;
END;;
CREATE FUNCTION shout(s TEXT) RETURNS TEXT DETERMINISTIC
BEGIN
  RETURN CONCAT(UPPER(s), '!;');
END;;
CREATE PROCEDURE tricky_comments()
BEGIN
  -- it's an unbalanced quote in a comment; and a semicolon;;
  # another one's here
  /* block's comment ;; */
  SELECT 'a;;b', "c;;d", `order`.`select` FROM `order`;
END;;
CREATE EVENT purge_log ON SCHEDULE EVERY 1 DAY STARTS '2030-01-01 00:00:00' DO
BEGIN
  DELETE FROM events_log WHERE happened < '2000-01-01';
END;;
CREATE EVENT `mail out` ON SCHEDULE AT '2031-01-01 00:00:00' ON COMPLETION PRESERVE DISABLE COMMENT 'ENABLE after review' DO
  UPDATE events_log SET msg = 'sent' WHERE id = 1;;
DELIMITER ;
CREATE VIEW people_emails AS SELECT id, email, CONCAT(first_name, ' ', last_name) AS full_name FROM people;
CREATE VIEW `my view` AS SELECT `select`, `my col` FROM `order`;

-- DDL oddities: zerofill, SERIAL, COMPRESSED (dumped inside /*M!100301 */), geometry (raw WKB bytes),
-- DEFAULT expressions, quotes/backslashes/parens in defaults, comments and constraint names.
CREATE TABLE ddl_zoo (
  id BIGINT UNSIGNED ZEROFILL NOT NULL,
  s SERIAL,
  c1 VARCHAR(255) CHARACTER SET latin1 COLLATE latin1_bin NOT NULL DEFAULT 'it''s \\ back' COMMENT 'back\\slash and ''q'' and "dq" and `bt`',
  c2 TEXT COMPRESSED,
  c3 VARCHAR(50) COMPRESSED DEFAULT NULL,
  bin_text VARCHAR(10) CHARACTER SET binary,
  g GEOMETRY NOT NULL,
  p POINT DEFAULT NULL,
  d1 DOUBLE(10,2) UNSIGNED DEFAULT NULL,
  d2 DECIMAL(65,30) DEFAULT NULL,
  d3 DECIMAL DEFAULT NULL,
  f1 FLOAT UNSIGNED DEFAULT NULL,
  ts1 TIMESTAMP NULL DEFAULT NULL,
  ts2 TIMESTAMP(3) NOT NULL DEFAULT '2000-01-01 00:00:00.000',
  dt DATETIME DEFAULT '2000-01-01 00:00:00',
  u1 CHAR(36) DEFAULT uuid(),
  n1 INT DEFAULT (1 + 2),
  t1 TINYINT(1) DEFAULT NULL,
  t2 TINYINT DEFAULT NULL,
  bt BIT(8) DEFAULT b'1010',
  lvc LONG VARCHAR,
  nc NATIONAL CHAR(3),
  tt TINYTEXT, mt MEDIUMTEXT, lt LONGTEXT, tb TINYBLOB, mb MEDIUMBLOB,
  dd VARCHAR(20) AS (CONCAT(c1, '/*x*/', ')')) VIRTUAL,
  `comma,col` INT UNIQUE,
  `paren(col` INT,
  KEY k1 (c1(10)),
  UNIQUE KEY uq_pair (t1, t2),
  FULLTEXT KEY ft (tt),
  SPATIAL KEY sp (g),
  CONSTRAINT `chk ) weird` CHECK (n1 <> 0 OR c1 = ')')
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='zoo; with ) paren' ROW_FORMAT=DYNAMIC;
INSERT INTO ddl_zoo (id, c1, c2, c3, bin_text, g, p, d1, d2, d3, f1, n1, t1, t2, lvc, nc, tt, mt, lt, tb, mb, `comma,col`, `paren(col`)
VALUES (42, 'ÿ latin1 é', REPEAT('compress me ', 20), 'short', 'b\0in', ST_GeomFromText('POINT(1 2)'), POINT(3, 4), 12.5, 1.000000000000000000000000000001, 7, 1.5, 9, 1, -128, 'long', 'abc', 'tiny', 'medium', 'long', 'tb', 'mb', 5, 6);

-- The same table name in a second database.
USE veil_tricky2;
CREATE TABLE people (
  id INT NOT NULL PRIMARY KEY,
  email VARCHAR(120) NOT NULL UNIQUE,
  first_name VARCHAR(40)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
INSERT INTO people VALUES (1, 'other@example.org', 'Other'), (2, 'alice@example.com', 'Alice2');
