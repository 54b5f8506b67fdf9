/**
 * Key-value tables as WordPress 6 / WooCommerce 8 and Magento 2.4 create them (shop-kv.sql: wp_options,
 * wp_users, wp_usermeta, wp_postmeta, core_config_data) through the whole flow on the real MariaDB:
 * load into a scratch database → mariadb-dump → `veil-stream scan` drafts a `switch` rule per key-value
 * table → `check --strict` → mask with the draft → restore (strict mode, unique checks on) into a fresh
 * database. The source database is the oracle: the assertions join source and copy on the primary key
 * in SQL and compare bytes (HEX / MD5), so no client escaping stands between the test and the data.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithService } from '../helpers/services.js';
import { runVeil } from '../helpers/veil.js';
import { dropDeadScratchDbs, dump, loadFile, makeRestoreStrict, sql } from '../mysql/mariadb.js';

const SHOP_SQL = fileURLToPath(new URL('./shop-kv.sql', import.meta.url));
const SEED = 'kv-integration';
const STAGING = 'staging.invalid';

type Rule = string | { transformer: string; [param: string]: unknown };
interface SwitchRule {
  transformer: string;
  column: string;
  cases: Record<string, Rule>;
  otherwise?: Rule;
  [param: string]: unknown;
}
interface Draft {
  strict: boolean;
  tables: Record<string, { columns: Record<string, Rule> }>;
}

interface KvTable {
  table: string;
  pk: string;
  key: string;
  value: string;
  /** Every other column: the draft keeps them, the copy must hold them as they were. */
  others: string[];
}
const KV: KvTable[] = [
  { table: 'wp_options', pk: 'option_id', key: 'option_name', value: 'option_value', others: ['option_name', 'autoload'] },
  { table: 'wp_usermeta', pk: 'umeta_id', key: 'meta_key', value: 'meta_value', others: ['user_id', 'meta_key'] },
  { table: 'wp_postmeta', pk: 'meta_id', key: 'meta_key', value: 'meta_value', others: ['post_id', 'meta_key'] },
  { table: 'core_config_data', pk: 'config_id', key: 'path', value: 'value', others: ['scope', 'scope_id', 'path', 'updated_at'] },
];

const fixed = (value: string) => ({ transformer: 'fixed', value });
const hash = (length: number) => ({ transformer: 'hash', length });

/** The cases a reviewer expects for each key-value table of shop-kv.sql: what points at production, or is personal. */
const EXPECTED_CASES: Record<string, Record<string, Rule>> = {
  wp_options: {
    siteurl: fixed(`https://${STAGING}`),
    home: fixed(`https://${STAGING}`),
    admin_email: 'email',
    comments_notify: fixed('0'),
    moderation_notify: fixed('0'),
    mailserver_url: fixed(STAGING),
    mailserver_login: 'email',
    mailserver_pass: hash(16),
    ping_sites: fixed(`http://${STAGING}`),
    wordpress_api_key: hash(16),
    woocommerce_store_address: 'street-address',
    woocommerce_store_city: 'city',
    woocommerce_store_postcode: 'zip',
    woocommerce_email_from_address: 'email',
    woocommerce_stock_email_recipient: 'email',
    woocommerce_merchant_email_notifications: fixed('no'),
    ep_host: fixed(`https://${STAGING}`),
  },
  wp_usermeta: {
    nickname: 'username',
    first_name: 'first-name',
    last_name: 'last-name',
    billing_first_name: 'first-name',
    billing_last_name: 'last-name',
    billing_address_1: 'street-address',
    billing_address_2: 'street-address',
    billing_city: 'city',
    billing_postcode: 'zip',
    billing_phone: 'phone',
    billing_email: 'email',
    shipping_first_name: 'first-name',
    shipping_last_name: 'last-name',
    shipping_address_1: 'street-address',
    shipping_address_2: 'street-address',
    shipping_city: 'city',
    shipping_postcode: 'zip',
    shipping_phone: 'phone',
    session_tokens: 'hash',
    // WordPress keeps the user's IP (last octet zeroed) for the events widget, serialized
    'community-events-location': { transformer: 'php-serialized', paths: { '$.ip': 'ipv4' } },
  },
  wp_postmeta: {
    _customer_ip_address: 'ipv4',
    _billing_first_name: 'first-name',
    _billing_last_name: 'last-name',
    _billing_address_1: 'street-address',
    _billing_address_2: 'street-address',
    _billing_city: 'city',
    _billing_postcode: 'zip',
    _billing_email: 'email',
    _billing_phone: 'phone',
    _billing_address_index: 'street-address',
    _shipping_first_name: 'first-name',
    _shipping_last_name: 'last-name',
    _shipping_address_1: 'street-address',
    _shipping_address_2: 'street-address',
    _shipping_city: 'city',
    _shipping_postcode: 'zip',
    _shipping_address_index: 'street-address',
  },
  core_config_data: {
    'web/unsecure/base_url': fixed(`http://${STAGING}`),
    'web/secure/base_url': fixed(`https://${STAGING}`),
    'web/unsecure/base_media_url': fixed(`https://${STAGING}`),
    'web/cookie/cookie_domain': fixed(`.${STAGING}`),
    'admin/url/custom': fixed(`https://${STAGING}`),
    'catalog/search/opensearch_server_hostname': fixed(STAGING),
    'catalog/search/opensearch_password': hash(16),
    'system/smtp/host': fixed(STAGING),
    'system/smtp/disable': fixed('1'),
    'payment/checkmo/active': fixed('0'),
    'payment/braintree/active': fixed('0'),
    'payment/braintree/private_key': hash(32),
    'payment/mollie_general/apikey_live': hash(31),
    'paypal/wpp/api_password': hash(32),
    'sales_email/order/enabled': fixed('0'),
    'newsletter/general/active': fixed('0'),
    'trans_email/ident_general/email': 'email',
    'trans_email/ident_sales/email': 'email',
    'trans_email/ident_support/email': 'email',
    'contact/email/recipient_email': 'email',
    'general/store_information/phone': 'phone',
    'general/store_information/street_line1': 'street-address',
  },
};

/** Settings a copy may keep: no case may name them (WordPress and WooCommerce defaults whose names mention email, username, password…). */
const HARMLESS: Record<string, string[]> = {
  wp_options: [
    'blogname', 'blogdescription', 'active_plugins', 'wp_user_roles', 'cron', 'rewrite_rules', 'widget_block', 'admin_email_lifespan',
    'require_name_email', 'default_email_category', 'woocommerce_email_from_name', 'woocommerce_email_footer_text',
    'woocommerce_email_base_color', 'woocommerce_registration_generate_username', 'woocommerce_registration_generate_password',
    'woocommerce_enable_signup_and_login_from_checkout', 'woocommerce_queue_flush_rewrite_rules', 'mailserver_port', 'ep_index_prefix',
  ],
  wp_usermeta: ['wp_capabilities', 'locale', 'description', 'rich_editing', 'last_update', 'billing_country', '_woocommerce_persistent_cart_1'],
  wp_postmeta: ['_order_total', '_order_key', '_payment_method', '_transaction_id', '_new_order_email_sent', '_wp_attachment_metadata', '_product_attributes', '_sku'],
  core_config_data: [
    'trans_email/ident_general/name', 'general/store_information/name', 'web/unsecure/base_link_url', 'design/head/default_title',
    'catalog/search/opensearch_server_port', 'crontab/default/jobs/sitemap_generate/schedule/cron_expr', 'payment/braintree/merchant_id',
  ],
};

/** Values of production that no key-value table of the copy may hold, in any row. */
const PRODUCTION = [
  'acme-shop.com', 'acme-mail.net', 'acme-internal.net', 'opensearch-prod', 'smtp-prod',
  'Pr0d-Po3-Secret', 'Os-Pr0d-Pa55word', 'lY3Ckq0u', 'live_Hq8sTz2x', 'Xk9vB2nM5qW8', '8f14e45fceea',
];

/** A SQL string literal (backslash escapes are on: the sessions use the server's default sql_mode). */
const lit = (s: string): string => `'${s.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
const list = (xs: string[]): string => xs.map(lit).join(', ');
const ruleName = (r: Rule): string => (typeof r === 'string' ? r : r.transformer);

describeWithService('MariaDB', 'WordPress / WooCommerce / Magento key-value tables: scan → check → mask → restore', () => {
  const prefix = `vkv_${process.pid}_`;
  const srcDb = `${prefix}src`;
  const outDb = `${prefix}out`;
  let work = '';
  let dumpFile = '';
  let draftFile = '';
  let draft: Draft;
  let scanStderr = '';
  let maskStderr = '';
  const S = (t: string) => `\`${srcDb}\`.\`${t}\``;
  const O = (t: string) => `\`${outDb}\`.\`${t}\``;
  /** The rows to mask are those of the expected cases (the oracle), which the draft is asserted to equal. */
  const cases = (t: string): Record<string, Rule> => EXPECTED_CASES[t];

  beforeAll(async () => {
    // databases of earlier runs whose process is gone
    await dropDeadScratchDbs('vkv');
    // ours, if a crashed run had this pid
    for (const db of [srcDb, outDb]) await sql(`DROP DATABASE IF EXISTS \`${db}\``);
    work = await mkdtemp(join(tmpdir(), 'veil-it-kv-'));
    await sql(`CREATE DATABASE \`${srcDb}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci`);
    await loadFile(SHOP_SQL, srcDb);

    dumpFile = join(work, 'shop.sql');
    await dump('mariadb-dump', [], [srcDb], dumpFile);
    const scan = await runVeil(['scan', '-i', dumpFile]);
    scanStderr = scan.stderr;
    if (scan.code !== 0) throw new Error(`veil-stream scan exited with ${scan.code}:\n${scan.stderr}`);
    draftFile = join(work, 'draft.json');
    await writeFile(draftFile, scan.stdout);
    draft = JSON.parse(scan.stdout.toString('utf8')) as Draft;

    const maskedFile = join(work, 'masked.sql');
    const m = await runVeil([draftFile, '-i', dumpFile, '-o', maskedFile, '--seed', SEED]);
    maskStderr = m.stderr;
    if (m.code !== 0) throw new Error(`veil-stream exited with ${m.code}:\n${m.stderr}`);
    await makeRestoreStrict(maskedFile);
    await sql(`CREATE DATABASE \`${outDb}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci`);
    await loadFile(maskedFile, outDb);
  });

  afterAll(async () => {
    for (const db of [srcDb, outDb]) await sql(`DROP DATABASE IF EXISTS \`${db}\``);
    if (work && !process.env.KEEP) await rm(work, { recursive: true, force: true });
  });

  it('the source holds the rows of shop-kv.sql', async () => {
    const rows = await sql(KV.map((k) => `SELECT '${k.table}', COUNT(*) FROM ${S(k.table)}`).join(' UNION ALL '));
    expect(Object.fromEntries(rows.map(([t, n]) => [t, Number(n)]))).toEqual({ wp_options: 94, wp_usermeta: 1199, wp_postmeta: 820, core_config_data: 128 });
  });

  it('scan drafts a switch on the key column of every key-value table, with the expected cases and no other', () => {
    for (const k of KV) {
      const columns = draft.tables[k.table]?.columns;
      expect(columns, k.table).toBeDefined();
      for (const c of [k.pk, ...k.others]) expect(columns[c], `${k.table}.${c}`).toBe('keep');
      const rule = columns[k.value] as SwitchRule;
      expect(rule.transformer, k.table).toBe('switch');
      expect(rule.column, k.table).toBe(k.key);
      expect(rule.otherwise, k.table).toBeUndefined(); // default: keep
      expect(rule.cases, `${k.table}: cases`).toEqual(EXPECTED_CASES[k.table]);
      const named = HARMLESS[k.table].filter((h) => h in rule.cases);
      expect(named, `${k.table}: cases for harmless settings`).toEqual([]);
    }
    expect(draft.strict).toBe(true);
    expect(draft.tables.wp_users.columns).toMatchObject({
      user_email: 'email',
      user_login: 'username',
      display_name: 'full-name',
      user_nicename: 'username',
      user_pass: 'hash',
      user_url: 'url', // the user's own website
    });
    // the reasons go to stderr, one line per case
    expect(scanStderr).toContain('option_value → switch on option_name, per row:');
    expect(scanStderr).toContain('"payment/braintree/private_key" → hash: payment/braintree/private_key looks like a credential');
  });

  it('check --strict passes on the draft', async () => {
    const c = await runVeil(['check', draftFile, '-i', dumpFile, '--strict']);
    expect(c.code, c.stderr).toBe(0);
    expect(`${c.stdout.toString('utf8')}${c.stderr}`).toContain('strict: ok');
  });

  it('masks with the draft without a warning, and the strict restore keeps every row and every other column', async () => {
    expect(maskStderr).not.toMatch(/RULES?_|MISMATCH|warning|error/i);
    for (const k of [...KV, { table: 'wp_users', pk: 'ID', others: ['user_registered', 'user_activation_key', 'user_status'] }]) {
      const [[src, out, joined]] = await sql(
        `SELECT (SELECT COUNT(*) FROM ${S(k.table)}), (SELECT COUNT(*) FROM ${O(k.table)}), COUNT(*) FROM ${S(k.table)} s JOIN ${O(k.table)} o USING (${k.pk})`,
      );
      expect(Number(src), k.table).toBeGreaterThan(0);
      expect([out, joined], `${k.table}: rows`).toEqual([src, src]);
      const diff = k.others.map((c) => `SUM(NOT (s.\`${c}\` <=> o.\`${c}\`))`).join(', ');
      const [changed] = await sql(`SELECT ${diff} FROM ${S(k.table)} s JOIN ${O(k.table)} o USING (${k.pk})`);
      expect(Object.fromEntries(k.others.map((c, i) => [c, Number(changed[i])])), `${k.table}: unruled columns changed`).toEqual(Object.fromEntries(k.others.map((c) => [c, 0])));
    }
  });

  it('keeps every harmless setting byte for byte, PHP-serialized values and tricky text included', async () => {
    for (const k of KV) {
      const keys = Object.keys(cases(k.table));
      const [[total, changed, serialized]] = await sql(
        `SELECT COUNT(*), SUM(NOT (MD5(s.${k.value}) <=> MD5(o.${k.value}))), SUM(s.${k.value} LIKE 'a:%{%}')
         FROM ${S(k.table)} s JOIN ${O(k.table)} o USING (${k.pk})
         WHERE s.${k.key} IS NULL OR BINARY s.${k.key} NOT IN (${list(keys)})`,
      );
      expect(Number(total), `${k.table}: rows without a case`).toBeGreaterThan(20);
      expect(Number(changed), `${k.table}: rows without a case that changed`).toBe(0);
      if (k.table !== 'core_config_data') expect(Number(serialized), `${k.table}: PHP-serialized values kept`).toBeGreaterThan(5);
    }
    const hexOf = async (q: string) => Buffer.from((await sql(q))[0][0], 'hex').toString('utf8');
    expect(await hexOf(`SELECT HEX(option_value) FROM ${O('wp_options')} WHERE option_name = 'blogdescription'`)).toBe('Just another "WordPress" site\'s tagline \\ with a backslash');
    expect(await hexOf(`SELECT HEX(option_value) FROM ${O('wp_options')} WHERE option_name = 'blogname'`)).toBe('Acme — Ünïcödé «Shop» 🛒');
    expect(await hexOf(`SELECT HEX(option_value) FROM ${O('wp_options')} WHERE option_name = 'woocommerce_email_footer_text'`)).toBe(
      '{site_title} &mdash; Built with {WooCommerce}\nLine two: "quoted" back\\slash ✓',
    );
    expect(await hexOf(`SELECT HEX(option_value) FROM ${O('wp_options')} WHERE option_name = 'widget_block'`)).toBe(
      'a:1:{i:2;a:1:{s:7:"content";s:42:"<!-- wp:search {\\"label\\":\\"Search\\"} /-->";}}',
    );
    expect(await hexOf(`SELECT HEX(value) FROM ${O('core_config_data')} WHERE path = 'design/head/default_title'`)).toBe('Acme "Beste" Preise — Ümlaut \\ Backslash\nzweite Zeile');
    expect(await sql(`SELECT meta_value, COUNT(*) FROM ${O('wp_usermeta')} WHERE meta_key = 'wp_capabilities' GROUP BY meta_value ORDER BY 1`)).toEqual([
      ['a:1:{s:13:"administrator";b:1;}', '1'],
      ['a:1:{s:8:"customer";b:1;}', '30'],
    ]);
  });

  it('rewrites every non-empty value of a case, to the case\'s fixed value, a hash, or a fake of its kind', async () => {
    for (const k of KV) {
      const all = cases(k.table);
      const keys = Object.keys(all);
      const unchanged = await sql(
        `SELECT s.${k.key}, COUNT(*) FROM ${S(k.table)} s JOIN ${O(k.table)} o USING (${k.pk})
         WHERE BINARY s.${k.key} IN (${list(keys)}) AND s.${k.value} <> '' AND BINARY s.${k.value} = BINARY o.${k.value} GROUP BY 1 ORDER BY 1`,
      );
      expect(unchanged, `${k.table}: case rows left as they were`).toEqual([]);
      for (const [key, rule] of Object.entries(all)) {
        if (typeof rule === 'string' || !['fixed', 'hash'].includes(rule.transformer)) continue;
        const check = rule.transformer === 'fixed' ? `BINARY o.${k.value} = ${lit(String(rule.value))}` : `o.${k.value} REGEXP '^[0-9a-f]{${Number(rule.length)}}$'`;
        const [[n, ok]] = await sql(`SELECT COUNT(*), SUM(${check}) FROM ${O(k.table)} o WHERE BINARY o.${k.key} = ${lit(key)} AND o.${k.value} IS NOT NULL`);
        expect(Number(n), `${k.table} ${key}: rows`).toBeGreaterThan(0);
        expect(ok, `${k.table} ${key}: ${rule.transformer}`).toBe(n);
      }
    }
    // every store view's base URL, the generated rows of core_config_data
    const [[n, staging]] = await sql(`SELECT COUNT(*), SUM(BINARY value = 'http://${STAGING}') FROM ${O('core_config_data')} WHERE path = 'web/unsecure/base_url'`);
    expect([n, staging]).toEqual(['26', '26']);
    // fakes of their kind
    const [[emails, fakeEmails]] = await sql(
      `SELECT COUNT(*), SUM(meta_value LIKE '%_@example.com' AND meta_value NOT LIKE '%acme%') FROM ${O('wp_usermeta')} WHERE meta_key = 'billing_email'`,
    );
    expect(fakeEmails).toBe(emails);
    const ips = await sql(`SELECT meta_value FROM ${O('wp_postmeta')} WHERE meta_key = '_customer_ip_address'`);
    expect(ips).toHaveLength(16);
    for (const [ip] of ips) expect(ip).toMatch(/^\d{1,3}(\.\d{1,3}){3}$/);
  });

  it('keeps NULL as NULL, and \'\' as \'\' unless the case is fixed', async () => {
    for (const k of KV) {
      const [[nulls, lost]] = await sql(
        `SELECT SUM(s.${k.value} IS NULL), SUM((s.${k.value} IS NULL) <> (o.${k.value} IS NULL)) FROM ${S(k.table)} s JOIN ${O(k.table)} o USING (${k.pk})`,
      );
      if (k.table !== 'wp_options') expect(Number(nulls), `${k.table}: NULLs in the source`).toBeGreaterThan(0); // option_value is NOT NULL
      expect(Number(lost), `${k.table}: NULL changed`).toBe(0);
      const filled = await sql(
        `SELECT s.${k.key}, o.${k.value} FROM ${S(k.table)} s JOIN ${O(k.table)} o USING (${k.pk}) WHERE s.${k.value} = '' AND BINARY o.${k.value} <> '' ORDER BY 1`,
      );
      expect(filled, `${k.table}: '' rewritten`).toEqual(k.table === 'core_config_data' ? [['catalog/search/opensearch_server_hostname', STAGING]] : []);
    }
    // NULL values of cases: a fixed one (a store view's secure base URL) and fakes (customers' second address lines)
    const [[baseUrl]] = await sql(`SELECT value IS NULL FROM ${O('core_config_data')} WHERE scope = 'stores' AND scope_id = 2 AND path = 'web/secure/base_url'`);
    expect(baseUrl).toBe('1');
    const [[addr2Nulls, addr2Empty]] = await sql(`SELECT SUM(meta_value IS NULL), SUM(meta_value = '') FROM ${O('wp_usermeta')} WHERE meta_key = 'billing_address_2'`);
    expect([addr2Nulls, addr2Empty]).toEqual(['10', '10']);
    const [[keyless]] = await sql(`SELECT meta_value FROM ${O('wp_usermeta')} WHERE meta_key IS NULL`);
    expect(keyless).toBe('a meta row without a key');
  });

  it('leaves no production URL, host or secret, and no customer\'s email, phone, name or address, in any key-value table', async () => {
    // what the source held in the rows of cases, and the customers' columns of wp_users (6+ bytes: shorter ones,
    // like postcodes, occur inside other values by chance)
    // (as bytes: core_config_data is utf8mb3, whose bytes are utf8mb4's for the characters it can hold)
    const needles = KV.map((k) => `SELECT CAST(${k.value} AS BINARY) AS v FROM ${S(k.table)} WHERE BINARY ${k.key} IN (${list(Object.keys(cases(k.table)))})`);
    needles.push(...['user_email', 'user_login', 'display_name'].map((c) => `SELECT CAST(${c} AS BINARY) FROM ${S('wp_users')}`));
    needles.push(...PRODUCTION.map((p) => `SELECT CAST(${lit(p)} AS BINARY)`));
    const found: string[][] = [];
    for (const k of KV) {
      found.push(
        ...(await sql(
          `SELECT '${k.table}', o.${k.key}, n.v FROM (SELECT DISTINCT v FROM (${needles.join(' UNION ALL ')}) x WHERE LENGTH(v) >= 6) n
           JOIN ${O(k.table)} o ON INSTR(CAST(o.${k.value} AS BINARY), n.v) > 0 ORDER BY 2, 3`,
        )),
      );
    }
    expect(found, 'production values in the copy (table, key, value)').toEqual([]);
    const [[needleCount]] = await sql(`SELECT COUNT(DISTINCT v) FROM (${needles.join(' UNION ALL ')}) x WHERE LENGTH(v) >= 6`);
    expect(Number(needleCount)).toBeGreaterThan(300);
  });

  it('gives an original the same fake wherever the draft masks it with the same transformer (wp_users, usermeta, postmeta, options, Magento)', async () => {
    // (transformer, original, fake) for every masked non-empty value: the switch cases and wp_users' rules
    const parts: string[] = [];
    for (const k of KV) {
      for (const [key, rule] of Object.entries(cases(k.table))) {
        // fixed values and hashes of different lengths differ by design
        if (['fixed', 'hash'].includes(ruleName(rule))) continue;
        parts.push(
          `SELECT ${lit(ruleName(rule))} AS t, HEX(s.${k.value}) AS orig, HEX(o.${k.value}) AS fake FROM ${S(k.table)} s JOIN ${O(k.table)} o USING (${k.pk})
           WHERE BINARY s.${k.key} = ${lit(key)} AND s.${k.value} <> ''`,
        );
      }
    }
    for (const c of ['user_email', 'user_login', 'display_name']) {
      parts.push(`SELECT ${lit(ruleName(draft.tables.wp_users.columns[c]))}, HEX(s.${c}), HEX(o.${c}) FROM ${S('wp_users')} s JOIN ${O('wp_users')} o USING (ID)`);
    }
    const pairs = `(${parts.join(' UNION ALL ')}) p`;
    expect(await sql(`SELECT t, orig, COUNT(DISTINCT fake) n FROM ${pairs} GROUP BY t, orig HAVING n > 1`), 'originals with more than one fake').toEqual([]);
    // originals masked in more than one place, per transformer
    const shared = await sql(`SELECT t, COUNT(*) FROM (SELECT t, orig FROM ${pairs} GROUP BY t, orig HAVING COUNT(*) > 1) x GROUP BY t ORDER BY t`);
    // 30 customers' addresses in wp_users and billing_email plus the owner's (also admin_email and Magento's general
    // contact); 8 first and 8 last names; the 20 phones also in shipping_phone or an order; 30 address lines 1 and 10
    // lines 2 in billing and shipping; 5 cities; 30 postcodes; 31 logins in user_login and nickname
    expect(Object.fromEntries(shared.map(([t, n]) => [t, Number(n)]))).toEqual({
      email: 31, 'first-name': 8, 'last-name': 8, phone: 20, 'street-address': 40, city: 5, zip: 30, username: 31,
    });

    // and explicitly: each customer's address in wp_users, their billing_email and their orders' _billing_email
    const rows = await sql(
      `SELECT su.ID, ou.user_email, om.meta_value, (SELECT GROUP_CONCAT(DISTINCT op.meta_value) FROM ${S('wp_postmeta')} sp JOIN ${O('wp_postmeta')} op USING (meta_id)
              WHERE sp.meta_key = '_billing_email' AND sp.meta_value = su.user_email)
       FROM ${S('wp_users')} su JOIN ${O('wp_users')} ou USING (ID)
       JOIN ${O('wp_usermeta')} om ON om.user_id = su.ID AND om.meta_key = 'billing_email' ORDER BY su.ID`,
    );
    expect(rows).toHaveLength(30);
    let withOrders = 0;
    for (const [id, userEmail, billingEmail, orderEmails] of rows) {
      expect(userEmail, `user ${id}`).toMatch(/@example\.com$/);
      expect(billingEmail, `user ${id}: billing_email`).toBe(userEmail);
      if (orderEmails !== 'NULL') {
        expect(orderEmails, `user ${id}: _billing_email of the orders`).toBe(userEmail);
        withOrders++;
      }
    }
    expect(withOrders).toBe(12);
    // the shop owner: wp_users, wp_options.admin_email and Magento's general contact were the same address
    const [[owner, admin, magento]] = await sql(
      `SELECT (SELECT user_email FROM ${O('wp_users')} WHERE ID = 1), (SELECT option_value FROM ${O('wp_options')} WHERE option_name = 'admin_email'),
              (SELECT value FROM ${O('core_config_data')} WHERE path = 'trans_email/ident_general/email')`,
    );
    expect(owner).not.toBe('owner@acme-shop.com');
    expect([admin, magento]).toEqual([owner, owner]);
  });

  it('fails with RULES_UNUSED naming a mistyped case, and writes no -o file; --allow-unused-rules makes it a warning', async () => {
    const rules = {
      tables: {
        wp_options: {
          columns: {
            option_value: {
              transformer: 'switch',
              column: 'option_name',
              cases: { site_url: fixed('https://staging.example.com'), home: fixed('https://staging.example.com'), admin_email: 'email' },
            },
          },
        },
      },
    };
    const rulesFile = join(work, 'typo.json');
    await writeFile(rulesFile, JSON.stringify(rules));
    const out = join(work, 'typo.sql');
    const r = await runVeil([rulesFile, '-i', dumpFile, '-o', out, '--seed', SEED]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain('RULES_UNUSED');
    expect(r.stderr).toContain('$.tables.wp_options.columns.option_value.cases.site_url');
    expect(r.stderr).not.toContain('cases.home');
    expect(existsSync(out)).toBe(false);

    const w = await runVeil([rulesFile, '-i', dumpFile, '-o', out, '--seed', SEED, '--allow-unused-rules']);
    expect(w.code, w.stderr).toBe(0);
    expect(w.stderr).toMatch(/warning RULES_UNUSED\w* at \$\.tables\.wp_options\.columns\.option_value\.cases\.site_url/);
    // which is why it fails by default: the production site URL went into the copy
    const text = await readFile(out, 'utf8');
    expect(text).toContain("'siteurl','https://acme-shop.com'");
    expect(text).toContain("'home','https://staging.example.com'");
  });
});
