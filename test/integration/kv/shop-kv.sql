-- Key-value tables of a WordPress 6 / WooCommerce 8 shop and of a Magento 2.4 store, as their installers
-- create them (column names, types, keys, charsets, collations), with production settings and customer
-- data in them. Loaded into a scratch database by test/integration/kv/wordpress-magento.test.ts (no
-- CREATE DATABASE / USE here). Production markers the test looks for after masking: acme-shop.com,
-- acme-mail.net, opensearch-prod, smtp-prod, the secrets below, the customers' names and phones.
--
-- Customers' names are made up so that no fake name can equal one by chance.

SET NAMES utf8mb4;

-- ---------------------------------------------------------------------------------------------
-- WordPress core tables (wp-admin/includes/schema.php, utf8mb4_unicode_520_ci)

CREATE TABLE `wp_options` (
  `option_id` bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  `option_name` varchar(191) NOT NULL DEFAULT '',
  `option_value` longtext NOT NULL,
  `autoload` varchar(20) NOT NULL DEFAULT 'yes',
  PRIMARY KEY (`option_id`),
  UNIQUE KEY `option_name` (`option_name`),
  KEY `autoload` (`autoload`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

CREATE TABLE `wp_users` (
  `ID` bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  `user_login` varchar(60) NOT NULL DEFAULT '',
  `user_pass` varchar(255) NOT NULL DEFAULT '',
  `user_nicename` varchar(50) NOT NULL DEFAULT '',
  `user_email` varchar(100) NOT NULL DEFAULT '',
  `user_url` varchar(100) NOT NULL DEFAULT '',
  `user_registered` datetime NOT NULL DEFAULT '0000-00-00 00:00:00',
  `user_activation_key` varchar(255) NOT NULL DEFAULT '',
  `user_status` int(11) NOT NULL DEFAULT 0,
  `display_name` varchar(250) NOT NULL DEFAULT '',
  PRIMARY KEY (`ID`),
  KEY `user_login_key` (`user_login`),
  KEY `user_nicename` (`user_nicename`),
  KEY `user_email` (`user_email`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

CREATE TABLE `wp_usermeta` (
  `umeta_id` bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  `user_id` bigint(20) unsigned NOT NULL DEFAULT 0,
  `meta_key` varchar(255) DEFAULT NULL,
  `meta_value` longtext DEFAULT NULL,
  PRIMARY KEY (`umeta_id`),
  KEY `user_id` (`user_id`),
  KEY `meta_key` (`meta_key`(191))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

CREATE TABLE `wp_postmeta` (
  `meta_id` bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  `post_id` bigint(20) unsigned NOT NULL DEFAULT 0,
  `meta_key` varchar(255) DEFAULT NULL,
  `meta_value` longtext DEFAULT NULL,
  PRIMARY KEY (`meta_id`),
  KEY `post_id` (`post_id`),
  KEY `meta_key` (`meta_key`(191))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

-- ---------------------------------------------------------------------------------------------
-- Magento 2.4 (app/code/Magento/Config/etc/db_schema.xml)

CREATE TABLE `core_config_data` (
  `config_id` int(10) unsigned NOT NULL AUTO_INCREMENT COMMENT 'Config ID',
  `scope` varchar(8) NOT NULL DEFAULT 'default' COMMENT 'Config Scope',
  `scope_id` int(11) NOT NULL DEFAULT 0 COMMENT 'Config Scope ID',
  `path` varchar(255) NOT NULL DEFAULT 'general' COMMENT 'Config Path',
  `value` text DEFAULT NULL COMMENT 'Config Value',
  `updated_at` timestamp NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp() COMMENT 'Updated At',
  PRIMARY KEY (`config_id`),
  UNIQUE KEY `CORE_CONFIG_DATA_SCOPE_SCOPE_ID_PATH` (`scope`,`scope_id`,`path`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci COMMENT='Config Data';

-- ---------------------------------------------------------------------------------------------
-- wp_options: core, WooCommerce and plugin settings

INSERT INTO `wp_options` (`option_name`, `option_value`, `autoload`) VALUES
('siteurl', 'https://acme-shop.com', 'yes'),
('home', 'https://acme-shop.com', 'yes'),
('blogname', 'Acme — Ünïcödé «Shop» 🛒', 'yes'),
('blogdescription', 'Just another "WordPress" site\'s tagline \\ with a backslash', 'yes'),
('users_can_register', '0', 'yes'),
('admin_email', 'owner@acme-shop.com', 'yes'),
('start_of_week', '1', 'yes'),
('use_balanceTags', '0', 'yes'),
('use_smilies', '1', 'yes'),
('require_name_email', '1', 'yes'),
('comments_notify', '1', 'yes'),
('posts_per_rss', '10', 'yes'),
('rss_use_excerpt', '0', 'yes'),
('mailserver_url', 'mail.acme-shop.com', 'yes'),
('mailserver_login', 'inbox@acme-shop.com', 'yes'),
('mailserver_pass', 'Pr0d-Po3-Secret', 'yes'),
('mailserver_port', '110', 'yes'),
('default_category', '1', 'yes'),
('default_comment_status', 'open', 'yes'),
('default_ping_status', 'open', 'yes'),
('default_pingback_flag', '1', 'yes'),
('posts_per_page', '10', 'yes'),
('date_format', 'F j, Y', 'yes'),
('time_format', 'g:i a', 'yes'),
('links_updated_date_format', 'F j, Y g:i a', 'yes'),
('comment_moderation', '0', 'yes'),
('moderation_notify', '1', 'yes'),
('permalink_structure', '/%year%/%monthnum%/%postname%/', 'yes'),
('rewrite_rules', 'a:2:{s:24:"^wc-auth/v([1]{1})/(.*)?";s:63:"index.php?wc-auth-version=$matches[1]&wc-auth-route=$matches[2]";s:21:"(.?.+?)(?:/([0-9]+))?";s:47:"index.php?pagename=$matches[1]&page=$matches[2]";}', 'yes'),
('hack_file', '0', 'yes'),
('blog_charset', 'UTF-8', 'yes'),
('moderation_keys', '', 'no'),
('active_plugins', 'a:2:{i:0;s:27:"woocommerce/woocommerce.php";i:1;s:19:"akismet/akismet.php";}', 'yes'),
('category_base', '', 'yes'),
('ping_sites', 'http://rpc.pingomatic.com/', 'yes'),
('comment_max_links', '2', 'yes'),
('gmt_offset', '0', 'yes'),
('default_email_category', '1', 'yes'),
('recently_edited', '', 'no'),
('template', 'twentytwentyfour', 'yes'),
('stylesheet', 'twentytwentyfour', 'yes'),
('comment_registration', '0', 'yes'),
('html_type', 'text/html', 'yes'),
('use_trackback', '0', 'yes'),
('default_role', 'customer', 'yes'),
('db_version', '57155', 'yes'),
('uploads_use_yearmonth_folders', '1', 'yes'),
('upload_path', '', 'yes'),
('blog_public', '1', 'yes'),
('default_link_category', '2', 'yes'),
('show_on_front', 'posts', 'yes'),
('tag_base', '', 'yes'),
('show_avatars', '1', 'yes'),
('avatar_rating', 'G', 'yes'),
('upload_url_path', '', 'yes'),
('thumbnail_size_w', '150', 'yes'),
('timezone_string', 'America/Los_Angeles', 'yes'),
('page_for_posts', '0', 'yes'),
('page_on_front', '0', 'yes'),
('default_post_format', '0', 'yes'),
('link_manager_enabled', '0', 'yes'),
('initial_db_version', '53496', 'yes'),
('wp_user_roles', 'a:2:{s:13:"administrator";a:2:{s:4:"name";s:13:"Administrator";s:12:"capabilities";a:1:{s:14:"manage_options";b:1;}}s:8:"customer";a:2:{s:4:"name";s:8:"Customer";s:12:"capabilities";a:1:{s:4:"read";b:1;}}}', 'yes'),
('fresh_site', '0', 'off'),
('widget_block', 'a:1:{i:2;a:1:{s:7:"content";s:42:"<!-- wp:search {\\"label\\":\\"Search\\"} /-->";}}', 'yes'),
('sidebars_widgets', 'a:2:{s:19:"wp_inactive_widgets";a:0:{}s:13:"array_version";i:3;}', 'yes'),
('cron', 'a:2:{i:1700003600;a:1:{s:16:"wp_version_check";a:1:{s:32:"40cd750bba9870f18aada2478b24840a";a:3:{s:8:"schedule";s:10:"twicedaily";s:4:"args";a:0:{}s:8:"interval";i:43200;}}}s:7:"version";i:2;}', 'on'),
('admin_email_lifespan', '1735689600', 'yes'),
('wordpress_api_key', '8f14e45fceea', 'yes'),
('woocommerce_store_address', '1 Quillfeather Lane', 'yes'),
('woocommerce_store_city', 'Quarrington', 'yes'),
('woocommerce_default_country', 'US:CA', 'yes'),
('woocommerce_store_postcode', '94107', 'yes'),
('woocommerce_allowed_countries', 'all', 'yes'),
('woocommerce_currency', 'USD', 'yes'),
('woocommerce_enable_guest_checkout', 'yes', 'no'),
('woocommerce_enable_signup_and_login_from_checkout', 'no', 'no'),
('woocommerce_registration_generate_username', 'yes', 'no'),
('woocommerce_registration_generate_password', 'yes', 'no'),
('woocommerce_email_from_name', 'Acme Shop', 'no'),
('woocommerce_email_from_address', 'orders@acme-shop.com', 'no'),
('woocommerce_email_header_image', '', 'no'),
('woocommerce_email_footer_text', '{site_title} &mdash; Built with {WooCommerce}\nLine two: "quoted" back\\slash ✓', 'no'),
('woocommerce_email_base_color', '#7f54b3', 'no'),
('woocommerce_email_background_color', '#f7f7f7', 'no'),
('woocommerce_stock_email_recipient', 'stock@acme-shop.com', 'no'),
('woocommerce_merchant_email_notifications', 'yes', 'no'),
('woocommerce_allow_tracking', 'no', 'no'),
('woocommerce_version', '8.5.2', 'yes'),
('woocommerce_db_version', '8.5.2', 'yes'),
('woocommerce_queue_flush_rewrite_rules', 'no', 'yes'),
('ep_host', 'https://es-prod.acme-shop.com:9200/', 'yes'),
('ep_index_prefix', 'acme_', 'yes'),
('_transient_woocommerce_cache_excluded_uris', 'a:0:{}', 'yes');

-- ---------------------------------------------------------------------------------------------
-- customers (a temporary table only builds the rows; it is not dumped)

CREATE TEMPORARY TABLE `people` AS
SELECT seq AS n, seq + 1 AS id,
  ELT(1 + seq % 8, 'Zoëlla', 'Ørjanna', 'Quillon', 'D''Arcelle', 'Þórhildur', 'Xiomaran', 'Brisëis', 'Ludovique') AS first,
  ELT(1 + (seq DIV 8 + seq) % 8, 'O''Brannagh', 'Van der Quist', 'Ødegårdsen', 'Kowalczykówna', 'Nguyễnová', 'Smythe-Farquhar', 'Brückenmeier', 'MacIlwraith') AS last,
  CONCAT(ELT(1 + seq % 8, 'zoella', 'orjanna', 'quillon', 'darcelle', 'thorhildur', 'xiomaran', 'briseis', 'ludovique'), '.',
         ELT(1 + (seq DIV 8 + seq) % 8, 'obrannagh', 'vanderquist', 'odegardsen', 'kowalczykowna', 'nguyenova', 'smythefarquhar', 'bruckenmeier', 'macilwraith'), seq) AS login,
  CONCAT('+1 (415) 555-', LPAD(1000 + seq, 4, '0')) AS phone,
  CONCAT(seq * 7, ' ', ELT(1 + seq % 4, 'Quillfeather Lane', 'Rue de l''Église', 'Ødegård Allé', 'Backslash \\ Row')) AS addr1,
  CASE seq % 3 WHEN 0 THEN CONCAT('Apt ', seq) WHEN 1 THEN '' ELSE NULL END AS addr2,
  ELT(1 + seq % 5, 'Quarrington', 'Zürichsee-Dorf', 'Saint-Éloi-des-Bois', 'Llanfairquill', 'New Brammelton') AS city,
  LPAD(seq * 7919 % 100000, 5, '0') AS postcode
FROM seq_1_to_30;

ALTER TABLE `people` ADD COLUMN `email` varchar(100);
-- the apostrophe is valid in an address's local part
UPDATE `people` SET email = CASE WHEN n = 5 THEN CONCAT('d''arcelle.', n, '@acme-mail.net') ELSE CONCAT(login, '@acme-mail.net') END;

INSERT INTO `wp_users` VALUES
(1, 'shopowner', '$P$BzR0dQ2n1fJ0tWg7F3nVb9mY6q8h3s/', 'shopowner', 'owner@acme-shop.com', 'https://acme-shop.com', '2023-05-01 09:00:00', '', 0, 'Ozymandias Ødegårdsen');

INSERT INTO `wp_users` (`ID`, `user_login`, `user_pass`, `user_nicename`, `user_email`, `user_url`, `user_registered`, `user_activation_key`, `user_status`, `display_name`)
SELECT id, login, CONCAT('$wp$2y$10$', SUBSTRING(SHA2(CONCAT('pw', n), 256), 1, 53)), REPLACE(login, '.', '-'), email, '',
  '2024-01-01 00:00:00' + INTERVAL n HOUR, '', 0, CONCAT(first, ' ', last)
FROM `people` ORDER BY id;

-- user meta: the shop owner, then each customer's keys in the order WordPress and WooCommerce add them
INSERT INTO `wp_usermeta` (`user_id`, `meta_key`, `meta_value`) VALUES
(1, 'nickname', 'shopowner'),
(1, 'first_name', 'Ozymandias'),
(1, 'last_name', 'Ødegårdsen'),
(1, 'description', 'Runs the shop.\nLikes "tea" & back\\slashes — ☕'),
(1, 'rich_editing', 'true'),
(1, 'syntax_highlighting', 'true'),
(1, 'comment_shortcuts', 'false'),
(1, 'admin_color', 'fresh'),
(1, 'use_ssl', '0'),
(1, 'show_admin_bar_front', 'true'),
(1, 'locale', ''),
(1, 'wp_capabilities', 'a:1:{s:13:"administrator";b:1;}'),
(1, 'wp_user_level', '10'),
(1, 'dismissed_wp_pointers', 'wp496_privacy'),
(1, 'wp_dashboard_quick_press_last_post_id', '4'),
(1, 'community-events-location', 'a:1:{s:2:"ip";s:11:"203.0.113.0";}'),
(1, 'wp_user-settings', 'libraryContent=browse&editor=tinymce'),
(1, 'wp_user-settings-time', '1700000000'),
(1, NULL, 'a meta row without a key');

INSERT INTO `wp_usermeta` (`user_id`, `meta_key`, `meta_value`)
SELECT p.id, k.meta_key, CASE k.meta_key
    WHEN 'nickname' THEN p.login
    WHEN 'first_name' THEN p.first
    WHEN 'last_name' THEN p.last
    WHEN 'description' THEN ''
    WHEN 'rich_editing' THEN 'true'
    WHEN 'syntax_highlighting' THEN 'true'
    WHEN 'comment_shortcuts' THEN 'false'
    WHEN 'admin_color' THEN 'fresh'
    WHEN 'use_ssl' THEN '0'
    WHEN 'show_admin_bar_front' THEN 'true'
    WHEN 'locale' THEN IF(p.n % 4 = 0, 'de_DE', '')
    WHEN 'wp_capabilities' THEN 'a:1:{s:8:"customer";b:1;}'
    WHEN 'wp_user_level' THEN '0'
    WHEN 'dismissed_wp_pointers' THEN ''
    WHEN 'last_update' THEN 1700000000 + p.n
    WHEN 'billing_first_name' THEN p.first
    WHEN 'billing_last_name' THEN p.last
    WHEN 'billing_company' THEN ''
    WHEN 'billing_address_1' THEN p.addr1
    WHEN 'billing_address_2' THEN p.addr2
    WHEN 'billing_city' THEN p.city
    WHEN 'billing_postcode' THEN p.postcode
    WHEN 'billing_country' THEN 'US'
    WHEN 'billing_state' THEN 'CA'
    WHEN 'billing_phone' THEN CASE p.n % 10 WHEN 3 THEN '' WHEN 7 THEN NULL ELSE p.phone END
    WHEN 'billing_email' THEN p.email
    WHEN 'shipping_first_name' THEN p.first
    WHEN 'shipping_last_name' THEN p.last
    WHEN 'shipping_company' THEN ''
    WHEN 'shipping_address_1' THEN p.addr1
    WHEN 'shipping_address_2' THEN p.addr2
    WHEN 'shipping_city' THEN p.city
    WHEN 'shipping_postcode' THEN p.postcode
    WHEN 'shipping_country' THEN 'US'
    WHEN 'shipping_state' THEN 'CA'
    WHEN 'shipping_phone' THEN IF(p.n % 2 = 0, p.phone, '')
    WHEN 'paying_customer' THEN '1'
    WHEN 'wc_last_active' THEN 1700000000 + 86400 * p.n
    WHEN '_woocommerce_persistent_cart_1' THEN 'a:1:{s:4:"cart";a:0:{}}'
    WHEN 'session_tokens' THEN CONCAT('a:1:{s:64:"', SHA2(CONCAT('token', p.n), 256), '";a:4:{s:10:"expiration";i:', 1700600000 + p.n,
      ';s:2:"ip";s:', LENGTH(CONCAT('198.51.100.', p.n)), ':"198.51.100.', p.n,
      '";s:2:"ua";s:70:"Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0";s:5:"login";i:1700000000;}}')
  END
FROM `people` p
JOIN (
  SELECT 1 AS o, 'nickname' AS meta_key UNION ALL SELECT 2, 'first_name' UNION ALL SELECT 3, 'last_name' UNION ALL
  SELECT 4, 'description' UNION ALL SELECT 5, 'rich_editing' UNION ALL SELECT 6, 'syntax_highlighting' UNION ALL
  SELECT 7, 'comment_shortcuts' UNION ALL SELECT 8, 'admin_color' UNION ALL SELECT 9, 'use_ssl' UNION ALL
  SELECT 10, 'show_admin_bar_front' UNION ALL SELECT 11, 'locale' UNION ALL SELECT 12, 'wp_capabilities' UNION ALL
  SELECT 13, 'wp_user_level' UNION ALL SELECT 14, 'dismissed_wp_pointers' UNION ALL SELECT 15, 'last_update' UNION ALL
  SELECT 16, 'billing_first_name' UNION ALL SELECT 17, 'billing_last_name' UNION ALL SELECT 18, 'billing_company' UNION ALL
  SELECT 19, 'billing_address_1' UNION ALL SELECT 20, 'billing_address_2' UNION ALL SELECT 21, 'billing_city' UNION ALL
  SELECT 22, 'billing_postcode' UNION ALL SELECT 23, 'billing_country' UNION ALL SELECT 24, 'billing_state' UNION ALL
  SELECT 25, 'billing_phone' UNION ALL SELECT 26, 'billing_email' UNION ALL SELECT 27, 'shipping_first_name' UNION ALL
  SELECT 28, 'shipping_last_name' UNION ALL SELECT 29, 'shipping_company' UNION ALL SELECT 30, 'shipping_address_1' UNION ALL
  SELECT 31, 'shipping_address_2' UNION ALL SELECT 32, 'shipping_city' UNION ALL SELECT 33, 'shipping_postcode' UNION ALL
  SELECT 34, 'shipping_country' UNION ALL SELECT 35, 'shipping_state' UNION ALL SELECT 36, 'shipping_phone' UNION ALL
  SELECT 37, 'paying_customer' UNION ALL SELECT 38, 'wc_last_active' UNION ALL SELECT 39, '_woocommerce_persistent_cart_1' UNION ALL
  SELECT 40, 'session_tokens'
) k
-- only some customers are logged in
WHERE k.meta_key <> 'session_tokens' OR p.n % 3 = 0
ORDER BY p.id, k.o;

-- ---------------------------------------------------------------------------------------------
-- wp_postmeta: products and their images first (lower post IDs), then WooCommerce orders stored as posts

INSERT INTO `wp_postmeta` (`post_id`, `meta_key`, `meta_value`)
SELECT 10 + s.seq, k.meta_key, CASE k.meta_key
    WHEN '_edit_lock' THEN CONCAT(1700000000 + s.seq, ':1')
    WHEN '_edit_last' THEN '1'
    WHEN '_sku' THEN CONCAT('HOODIE-', LPAD(s.seq, 3, '0'))
    WHEN '_regular_price' THEN CONCAT(40 + s.seq, '.00')
    WHEN '_price' THEN CONCAT(35 + s.seq, '.99')
    WHEN '_stock_status' THEN 'instock'
    WHEN '_manage_stock' THEN 'no'
    WHEN '_product_attributes' THEN 'a:0:{}'
    WHEN '_thumbnail_id' THEN 20 + s.seq
    WHEN 'total_sales' THEN s.seq * 3
    WHEN '_tax_status' THEN 'taxable'
    WHEN '_product_version' THEN '8.5.2'
  END
FROM seq_1_to_6 s
JOIN (
  SELECT 1 AS o, '_edit_lock' AS meta_key UNION ALL SELECT 2, '_edit_last' UNION ALL SELECT 3, '_sku' UNION ALL
  SELECT 4, '_regular_price' UNION ALL SELECT 5, '_price' UNION ALL SELECT 6, '_stock_status' UNION ALL
  SELECT 7, '_manage_stock' UNION ALL SELECT 8, '_product_attributes' UNION ALL SELECT 9, '_thumbnail_id' UNION ALL
  SELECT 10, 'total_sales' UNION ALL SELECT 11, '_tax_status' UNION ALL SELECT 12, '_product_version'
) k
ORDER BY s.seq, k.o;

INSERT INTO `wp_postmeta` (`post_id`, `meta_key`, `meta_value`)
SELECT 20 + seq, '_wp_attached_file', CONCAT('2024/01/hoodie-', seq, '.jpg') FROM seq_1_to_6;

INSERT INTO `wp_postmeta` (`post_id`, `meta_key`, `meta_value`)
SELECT 20 + seq, '_wp_attachment_metadata',
  CONCAT('a:3:{s:5:"width";i:1200;s:6:"height";i:1200;s:4:"file";s:', LENGTH(CONCAT('2024/01/hoodie-', seq, '.jpg')), ':"2024/01/hoodie-', seq, '.jpg";}')
FROM seq_1_to_6;

-- orders 101..116: customer ((k - 1) % 30) + 1, every fourth a guest with an address of its own
CREATE TEMPORARY TABLE `orders` AS
SELECT s.seq AS k, 100 + s.seq AS post_id, IF(s.seq % 4 = 0, 0, p.id) AS customer,
  p.first, p.last, p.addr1, p.addr2, p.city, p.postcode,
  IF(s.seq % 4 = 0, CONCAT('guest', s.seq, '@acme-mail.net'), p.email) AS email,
  IF(s.seq % 4 = 0, CONCAT('+44 20 7946 ', LPAD(s.seq, 4, '0')), p.phone) AS phone,
  CONCAT('198.51.100.', 100 + s.seq) AS ip,
  CONCAT(ROUND(20 + s.seq * 13.37, 2)) AS total
FROM seq_1_to_16 s JOIN `people` p ON p.n = (s.seq - 1) % 30 + 1;

INSERT INTO `wp_postmeta` (`post_id`, `meta_key`, `meta_value`)
SELECT r.post_id, k.meta_key, CASE k.meta_key
    WHEN '_order_key' THEN CONCAT('wc_order_', SUBSTRING(MD5(CONCAT('order', r.k)), 1, 13))
    WHEN '_customer_user' THEN r.customer
    WHEN '_payment_method' THEN IF(r.k % 2 = 0, 'stripe', 'cod')
    WHEN '_payment_method_title' THEN IF(r.k % 2 = 0, 'Credit Card (Stripe)', 'Cash on delivery')
    WHEN '_transaction_id' THEN IF(r.k % 2 = 0, CONCAT('ch_3Oq', SUBSTRING(MD5(CONCAT('ch', r.k)), 1, 20)), '')
    WHEN '_customer_ip_address' THEN r.ip
    WHEN '_customer_user_agent' THEN 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36'
    WHEN '_created_via' THEN 'checkout'
    WHEN '_cart_hash' THEN MD5(CONCAT('cart', r.k))
    WHEN '_billing_first_name' THEN r.first
    WHEN '_billing_last_name' THEN r.last
    WHEN '_billing_company' THEN ''
    WHEN '_billing_address_1' THEN r.addr1
    WHEN '_billing_address_2' THEN r.addr2
    WHEN '_billing_city' THEN r.city
    WHEN '_billing_state' THEN 'CA'
    WHEN '_billing_postcode' THEN r.postcode
    WHEN '_billing_country' THEN 'US'
    WHEN '_billing_email' THEN r.email
    WHEN '_billing_phone' THEN r.phone
    WHEN '_shipping_first_name' THEN r.first
    WHEN '_shipping_last_name' THEN r.last
    WHEN '_shipping_company' THEN ''
    WHEN '_shipping_address_1' THEN r.addr1
    WHEN '_shipping_address_2' THEN r.addr2
    WHEN '_shipping_city' THEN r.city
    WHEN '_shipping_state' THEN 'CA'
    WHEN '_shipping_postcode' THEN r.postcode
    WHEN '_shipping_country' THEN 'US'
    WHEN '_shipping_phone' THEN ''
    WHEN '_order_currency' THEN 'USD'
    WHEN '_cart_discount' THEN '0'
    WHEN '_order_shipping' THEN '5.00'
    WHEN '_order_tax' THEN '0'
    WHEN '_order_total' THEN r.total
    WHEN '_order_version' THEN '8.5.2'
    WHEN '_prices_include_tax' THEN 'no'
    WHEN '_billing_address_index' THEN CONCAT_WS(' ', r.first, r.last, '', r.addr1, IFNULL(r.addr2, ''), r.city, 'CA', r.postcode, 'US', r.email, r.phone)
    WHEN '_shipping_address_index' THEN CONCAT_WS(' ', r.first, r.last, '', r.addr1, IFNULL(r.addr2, ''), r.city, 'CA', r.postcode, 'US')
    WHEN 'is_vat_exempt' THEN 'no'
    WHEN '_date_paid' THEN 1700000000 + 3600 * r.k
    WHEN '_paid_date' THEN CONCAT('2023-11-14 ', LPAD(r.k % 24, 2, '0'), ':13:20')
    WHEN '_download_permissions_granted' THEN 'yes'
    WHEN '_recorded_sales' THEN 'yes'
    WHEN '_new_order_email_sent' THEN 'true'
    WHEN '_order_stock_reduced' THEN 'yes'
  END
FROM `orders` r
JOIN (
  SELECT 1 AS o, '_order_key' AS meta_key UNION ALL SELECT 2, '_customer_user' UNION ALL SELECT 3, '_payment_method' UNION ALL
  SELECT 4, '_payment_method_title' UNION ALL SELECT 5, '_transaction_id' UNION ALL SELECT 6, '_customer_ip_address' UNION ALL
  SELECT 7, '_customer_user_agent' UNION ALL SELECT 8, '_created_via' UNION ALL SELECT 9, '_cart_hash' UNION ALL
  SELECT 10, '_billing_first_name' UNION ALL SELECT 11, '_billing_last_name' UNION ALL SELECT 12, '_billing_company' UNION ALL
  SELECT 13, '_billing_address_1' UNION ALL SELECT 14, '_billing_address_2' UNION ALL SELECT 15, '_billing_city' UNION ALL
  SELECT 16, '_billing_state' UNION ALL SELECT 17, '_billing_postcode' UNION ALL SELECT 18, '_billing_country' UNION ALL
  SELECT 19, '_billing_email' UNION ALL SELECT 20, '_billing_phone' UNION ALL SELECT 21, '_shipping_first_name' UNION ALL
  SELECT 22, '_shipping_last_name' UNION ALL SELECT 23, '_shipping_company' UNION ALL SELECT 24, '_shipping_address_1' UNION ALL
  SELECT 25, '_shipping_address_2' UNION ALL SELECT 26, '_shipping_city' UNION ALL SELECT 27, '_shipping_state' UNION ALL
  SELECT 28, '_shipping_postcode' UNION ALL SELECT 29, '_shipping_country' UNION ALL SELECT 30, '_shipping_phone' UNION ALL
  SELECT 31, '_order_currency' UNION ALL SELECT 32, '_cart_discount' UNION ALL SELECT 33, '_order_shipping' UNION ALL
  SELECT 34, '_order_tax' UNION ALL SELECT 35, '_order_total' UNION ALL SELECT 36, '_order_version' UNION ALL
  SELECT 37, '_prices_include_tax' UNION ALL SELECT 38, '_billing_address_index' UNION ALL SELECT 39, '_shipping_address_index' UNION ALL
  SELECT 40, 'is_vat_exempt' UNION ALL SELECT 41, '_date_paid' UNION ALL SELECT 42, '_paid_date' UNION ALL
  SELECT 43, '_download_permissions_granted' UNION ALL SELECT 44, '_recorded_sales' UNION ALL SELECT 45, '_new_order_email_sent' UNION ALL
  SELECT 46, '_order_stock_reduced'
) k
ORDER BY r.post_id, k.o;

-- ---------------------------------------------------------------------------------------------
-- core_config_data: default scope, a second website, store views (a generated base URL each)

INSERT INTO `core_config_data` (`scope`, `scope_id`, `path`, `value`, `updated_at`) VALUES
('default', 0, 'web/seo/use_rewrites', '1', '2023-05-01 09:00:00'),
('default', 0, 'web/unsecure/base_url', 'http://acme-shop.com/', '2023-05-01 09:00:00'),
('default', 0, 'web/secure/base_url', 'https://acme-shop.com/', '2023-05-01 09:00:00'),
('default', 0, 'web/unsecure/base_link_url', '{{unsecure_base_url}}', '2023-05-01 09:00:00'),
('default', 0, 'web/secure/base_link_url', '{{secure_base_url}}', '2023-05-01 09:00:00'),
('default', 0, 'web/unsecure/base_media_url', 'https://cdn.acme-shop.com/media/', '2023-05-01 09:00:00'),
('default', 0, 'web/secure/use_in_frontend', '1', '2023-05-01 09:00:00'),
('default', 0, 'web/secure/use_in_adminhtml', '1', '2023-05-01 09:00:00'),
('default', 0, 'web/cookie/cookie_domain', '.acme-shop.com', '2023-05-01 09:00:00'),
('default', 0, 'web/cookie/cookie_lifetime', '3600', '2023-05-01 09:00:00'),
('default', 0, 'web/default/front', 'cms', '2023-05-01 09:00:00'),
('default', 0, 'general/locale/code', 'de_DE', '2023-05-01 09:00:00'),
('default', 0, 'general/locale/timezone', 'Europe/Berlin', '2023-05-01 09:00:00'),
('default', 0, 'general/region/display_all', '1', '2023-05-01 09:00:00'),
('default', 0, 'general/store_information/name', 'Acme Großhandel GmbH', '2023-05-01 09:00:00'),
('default', 0, 'general/store_information/phone', '+49 30 9876 5432', '2023-05-01 09:00:00'),
('default', 0, 'general/store_information/street_line1', 'Friedrichstraße 12', '2023-05-01 09:00:00'),
('default', 0, 'currency/options/base', 'EUR', '2023-05-01 09:00:00'),
('default', 0, 'currency/options/allow', 'EUR,USD', '2023-05-01 09:00:00'),
('default', 0, 'catalog/search/engine', 'opensearch', '2023-05-01 09:00:00'),
('default', 0, 'catalog/search/opensearch_server_hostname', 'opensearch-prod.acme-internal.net', '2023-05-01 09:00:00'),
('default', 0, 'catalog/search/opensearch_server_port', '9200', '2023-05-01 09:00:00'),
('default', 0, 'catalog/search/opensearch_index_prefix', 'magento2', '2023-05-01 09:00:00'),
('default', 0, 'catalog/search/opensearch_enable_auth', '1', '2023-05-01 09:00:00'),
('default', 0, 'catalog/search/opensearch_password', 'Os-Pr0d-Pa55word', '2023-05-01 09:00:00'),
('default', 0, 'catalog/search/opensearch_server_timeout', '15', '2023-05-01 09:00:00'),
('default', 0, 'payment/checkmo/active', '1', '2023-05-01 09:00:00'),
('default', 0, 'payment/braintree/active', '1', '2023-05-01 09:00:00'),
('default', 0, 'payment/braintree/environment', 'production', '2023-05-01 09:00:00'),
('default', 0, 'payment/braintree/merchant_id', 'acmeshopprod', '2023-05-01 09:00:00'),
('default', 0, 'payment/braintree/private_key', '0:3:lY3Ckq0u+8Yvq3sBm3rD5TrN1Jv0Vn5dXlJ8q1Yw2ZQ=', '2023-05-01 09:00:00'),
('default', 0, 'payment/mollie_general/apikey_live', 'live_Hq8sTz2xWvK4mN7pR9bD3fG6jL', '2023-05-01 09:00:00'),
('default', 0, 'paypal/wpp/api_password', '0:3:Xk9vB2nM5qW8eR1tY4uI7oP0aS3dF6gH', '2023-05-01 09:00:00'),
('default', 0, 'trans_email/ident_general/name', 'Owner', '2023-05-01 09:00:00'),
('default', 0, 'trans_email/ident_general/email', 'owner@acme-shop.com', '2023-05-01 09:00:00'),
('default', 0, 'trans_email/ident_sales/name', 'Sales', '2023-05-01 09:00:00'),
('default', 0, 'trans_email/ident_sales/email', 'sales@acme-shop.com', '2023-05-01 09:00:00'),
('default', 0, 'trans_email/ident_support/email', 'support@acme-shop.com', '2023-05-01 09:00:00'),
('default', 0, 'contact/email/recipient_email', 'hello@acme-shop.com', '2023-05-01 09:00:00'),
('default', 0, 'sales_email/order/enabled', '1', '2023-05-01 09:00:00'),
('default', 0, 'newsletter/general/active', '1', '2023-05-01 09:00:00'),
('default', 0, 'system/smtp/disable', '0', '2023-05-01 09:00:00'),
('default', 0, 'system/smtp/host', 'smtp-prod.acme-internal.net', '2023-05-01 09:00:00'),
('default', 0, 'system/smtp/port', '25', '2023-05-01 09:00:00'),
('default', 0, 'design/head/default_title', 'Acme "Beste" Preise — Ümlaut \\ Backslash\nzweite Zeile', '2023-05-01 09:00:00'),
('default', 0, 'design/footer/copyright', 'Copyright © 2024 Acme. Alle Rechte vorbehalten.', '2023-05-01 09:00:00'),
('default', 0, 'design/header/welcome', '', '2023-05-01 09:00:00'),
('default', 0, 'dev/debug/template_hints_storefront', NULL, '2023-05-01 09:00:00'),
('default', 0, 'crontab/default/jobs/sitemap_generate/schedule/cron_expr', '0 3 * * *', '2023-05-01 09:00:00'),
('default', 0, 'admin/url/use_custom', '1', '2023-05-01 09:00:00'),
('default', 0, 'admin/url/custom', 'https://admin.acme-shop.com/', '2023-05-01 09:00:00'),
('websites', 1, 'web/unsecure/base_url', 'http://de.acme-shop.com/', '2023-06-01 10:30:00'),
('websites', 1, 'web/secure/base_url', 'https://de.acme-shop.com/', '2023-06-01 10:30:00'),
('websites', 1, 'catalog/search/opensearch_server_hostname', '', '2023-06-01 10:30:00'),
('websites', 1, 'general/locale/code', 'de_AT', '2023-06-01 10:30:00'),
('stores', 2, 'web/secure/base_url', NULL, '2023-06-01 10:30:00');

INSERT INTO `core_config_data` (`scope`, `scope_id`, `path`, `value`, `updated_at`)
SELECT 'stores', 10 + seq, 'web/unsecure/base_url', CONCAT('http://store', seq, '.acme-shop.com/'), '2023-07-01 00:00:00' + INTERVAL seq MINUTE FROM seq_1_to_24;

INSERT INTO `core_config_data` (`scope`, `scope_id`, `path`, `value`, `updated_at`)
SELECT 'stores', 10 + seq, 'design/theme/theme_id', IF(seq % 2 = 0, '4', '3'), '2023-07-01 00:00:00' FROM seq_1_to_24;

INSERT INTO `core_config_data` (`scope`, `scope_id`, `path`, `value`, `updated_at`)
SELECT 'stores', 10 + seq, 'general/locale/code', ELT(1 + seq % 3, 'de_DE', 'fr_FR', 'en_GB'), '2023-07-01 00:00:00' FROM seq_1_to_24;

DROP TEMPORARY TABLE `orders`;
DROP TEMPORARY TABLE `people`;
