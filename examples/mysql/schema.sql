-- A typical e-commerce schema with a little data, for the example rules next to it.
-- Dump it with: mariadb -e 'CREATE DATABASE shop' && mariadb shop < schema.sql && mariadb-dump shop > shop.sql
SET NAMES utf8mb4;

CREATE TABLE customers (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  email VARCHAR(190) NOT NULL UNIQUE,
  first_name VARCHAR(60),
  last_name VARCHAR(60),
  phone VARCHAR(32),
  date_of_birth DATE,
  password_hash VARCHAR(100) NOT NULL,
  marketing_opt_in TINYINT(1) NOT NULL DEFAULT 0,
  created_at DATETIME NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE addresses (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  customer_id BIGINT UNSIGNED NOT NULL,
  kind ENUM('billing','shipping') NOT NULL,
  line1 VARCHAR(200) NOT NULL,
  line2 VARCHAR(200),
  city VARCHAR(100) NOT NULL,
  postal_code VARCHAR(16),
  country CHAR(2) NOT NULL,
  CONSTRAINT fk_address_customer FOREIGN KEY (customer_id) REFERENCES customers (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE products (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  sku VARCHAR(32) NOT NULL UNIQUE,
  name VARCHAR(200) NOT NULL,
  description TEXT,
  price_cents INT NOT NULL,
  stock INT NOT NULL DEFAULT 0
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE orders (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  customer_id BIGINT UNSIGNED NOT NULL,
  status VARCHAR(20) NOT NULL,
  shipping_address_id BIGINT UNSIGNED,
  contact_email VARCHAR(190),
  total_cents INT NOT NULL,
  currency CHAR(3) NOT NULL DEFAULT 'EUR',
  customer_note TEXT,
  ip_address VARCHAR(45),
  placed_at DATETIME NOT NULL,
  CONSTRAINT fk_order_customer FOREIGN KEY (customer_id) REFERENCES customers (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE order_items (
  order_id BIGINT UNSIGNED NOT NULL,
  product_id INT UNSIGNED NOT NULL,
  quantity INT NOT NULL,
  unit_price_cents INT NOT NULL,
  PRIMARY KEY (order_id, product_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE payments (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  order_id BIGINT UNSIGNED NOT NULL,
  provider VARCHAR(20) NOT NULL,
  card_number VARCHAR(23),
  card_holder VARCHAR(120),
  iban VARCHAR(42),
  amount_cents INT NOT NULL,
  paid_at DATETIME
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE reviews (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  product_id INT UNSIGNED NOT NULL,
  customer_id BIGINT UNSIGNED NOT NULL,
  rating TINYINT NOT NULL,
  body TEXT,
  created_at DATETIME NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE sessions (
  id CHAR(36) NOT NULL PRIMARY KEY,
  customer_id BIGINT UNSIGNED NOT NULL,
  token VARCHAR(64) NOT NULL,
  user_agent VARCHAR(255),
  ip VARCHAR(45),
  expires_at DATETIME NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE audit_log (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  customer_id BIGINT UNSIGNED,
  event VARCHAR(40) NOT NULL,
  details JSON,
  at DATETIME NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Shop settings (key-value): the site URL, the search cluster, the payment key and the jobs switch
-- are what makes a staging copy talk to production; rules.json rewrites them per row with `switch`.
CREATE TABLE settings (
  name VARCHAR(191) NOT NULL PRIMARY KEY,
  value TEXT,
  updated_at DATETIME NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

INSERT INTO customers (email, first_name, last_name, phone, date_of_birth, password_hash, marketing_opt_in, created_at)
SELECT CONCAT('customer', seq, '@mail.example'),
       ELT(1 + seq % 5, 'Ada', 'Grace', 'Linus', 'Margaret', 'Ken'),
       ELT(1 + seq % 5, 'Lovelace', 'Hopper', 'Torvalds', 'Hamilton', 'Thompson'),
       CONCAT('+44 20 7946 ', LPAD(100 + seq, 4, '0')),
       DATE_ADD('1960-01-01', INTERVAL (seq * 397) % 15000 DAY),
       CONCAT('$2b$12$', MD5(CONCAT('pw', seq))),
       seq % 3 = 0,
       DATE_ADD('2023-01-01 00:00:00', INTERVAL seq * 17 HOUR)
FROM seq_1_to_40;

INSERT INTO addresses (customer_id, kind, line1, line2, city, postal_code, country)
SELECT 1 + seq % 40, ELT(1 + seq % 2, 'billing', 'shipping'), CONCAT(seq, ' High Street'), IF(seq % 4 = 0, CONCAT('Flat ', seq), NULL),
       ELT(1 + seq % 3, 'London', 'Leeds', 'York'), CONCAT('N', seq % 9, ' ', seq % 7, 'AB'), 'GB'
FROM seq_1_to_60;

INSERT INTO products (sku, name, description, price_cents, stock)
SELECT CONCAT('SKU-', LPAD(seq, 4, '0')), CONCAT('Product ', seq), CONCAT('A fine product, number ', seq), 500 + seq * 125, seq * 3
FROM seq_1_to_15;

INSERT INTO orders (customer_id, status, shipping_address_id, contact_email, total_cents, customer_note, ip_address, placed_at)
SELECT 1 + seq % 40, ELT(1 + seq % 3, 'paid', 'shipped', 'cancelled'), 1 + seq % 60, CONCAT('customer', 1 + seq % 40, '@mail.example'),
       1000 + seq * 37, IF(seq % 5 = 0, CONCAT('Call me on +44 20 7946 0', LPAD(seq, 3, '0'), ' before delivery'), NULL),
       CONCAT('192.0.2.', seq % 250), DATE_ADD('2024-01-01 00:00:00', INTERVAL seq * 5 HOUR)
FROM seq_1_to_80;

INSERT INTO order_items (order_id, product_id, quantity, unit_price_cents)
SELECT o.seq, 1 + (o.seq + p.seq * 7) % 15, 1 + p.seq, 500 + p.seq * 125 FROM seq_1_to_80 o, seq_1_to_2 p;

INSERT INTO payments (order_id, provider, card_number, card_holder, iban, amount_cents, paid_at)
SELECT seq, ELT(1 + seq % 2, 'card', 'sepa'),
       IF(seq % 2 = 0, '4111 1111 1111 1111', NULL),
       IF(seq % 2 = 0, 'Ada Lovelace', NULL),
       IF(seq % 2 = 1, 'DE89 3704 0044 0532 0130 00', NULL),
       1000 + seq * 37, DATE_ADD('2024-01-01 01:00:00', INTERVAL seq * 5 HOUR)
FROM seq_1_to_80;

INSERT INTO reviews (product_id, customer_id, rating, body, created_at)
SELECT 1 + seq % 15, 1 + seq % 40, 1 + seq % 5, CONCAT('Review ', seq, ': works as described.'), DATE_ADD('2024-02-01 00:00:00', INTERVAL seq DAY)
FROM seq_1_to_30;

INSERT INTO sessions (id, customer_id, token, user_agent, ip, expires_at)
SELECT CONCAT(LEFT(MD5(CONCAT('session', seq)), 8), '-', SUBSTR(MD5(CONCAT('session', seq)), 9, 4), '-4', SUBSTR(MD5(CONCAT('session', seq)), 14, 3), '-a', SUBSTR(MD5(CONCAT('session', seq)), 18, 3), '-', RIGHT(MD5(CONCAT('session', seq)), 12)),
       1 + seq % 40, MD5(CONCAT('token', seq)), 'Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0',
       CONCAT('198.51.100.', seq), DATE_ADD('2024-06-01 00:00:00', INTERVAL seq HOUR)
FROM seq_1_to_25;

INSERT INTO audit_log (customer_id, event, details, at)
SELECT 1 + seq % 40, 'login', JSON_OBJECT('ip', CONCAT('203.0.113.', seq), 'email', CONCAT('customer', 1 + seq % 40, '@mail.example')),
       DATE_ADD('2024-03-01 00:00:00', INTERVAL seq * 3 HOUR)
FROM seq_1_to_50;

INSERT INTO settings (name, value, updated_at) VALUES
 ('base_url', 'https://shop.example', '2024-01-01 00:00:00'),
 ('search.host', 'https://search-prod.shop.example:9200', '2024-01-01 00:00:00'),
 ('payments.api_key', 'sk_live_4eC39HqLyjWDarjtT1zdp7dc', '2024-01-01 00:00:00'),
 ('mail.support_address', 'support@shop.example', '2024-01-01 00:00:00'),
 ('jobs.enabled', 'true', '2024-01-01 00:00:00'),
 ('shop.name', 'Example Shop', '2024-01-01 00:00:00'),
 ('shop.currency', 'EUR', '2024-01-01 00:00:00');
