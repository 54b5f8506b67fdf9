import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SettingsSample, STAGING_HOST, settingRule, settingsColumns } from '../../src/scan/settings.js';
import { findTransformer } from '../../src/transformers/registry.js';
import { runVeil } from '../integration/helpers/veil.js';
import { scratch } from '../cli/helpers.js';

describe('key-value settings tables', () => {
  it('are recognised by a name column and a value column', () => {
    expect(settingsColumns(['option_id', 'option_name', 'option_value', 'autoload'])).toEqual({ key: 'option_name', value: 'option_value' });
    expect(settingsColumns(['config_id', 'scope', 'scope_id', 'path', 'value', 'updated_at'])).toEqual({ key: 'path', value: 'value' });
    expect(settingsColumns(['umeta_id', 'user_id', 'meta_key', 'meta_value'])).toEqual({ key: 'meta_key', value: 'meta_value' });
    // Rails' rails-settings-cached
    expect(settingsColumns(['id', 'var', 'value', 'created_at', 'updated_at'])).toEqual({ key: 'var', value: 'value' });
    expect(settingsColumns(['id', 'email', 'first_name'])).toBeUndefined();
    expect(settingsColumns(['id', 'name', 'price'])).toBeUndefined();
  });

  it.each([
    ['siteurl', 'https://shop.example.com', { transformer: 'fixed', value: `https://${STAGING_HOST}` }],
    ['web/unsecure/base_url', 'http://shop.example.com/', { transformer: 'fixed', value: `http://${STAGING_HOST}` }],
    ['catalog/search/elasticsearch7_server_hostname', 'es-prod-1.internal', { transformer: 'fixed', value: STAGING_HOST }],
    ['search.host', 'es-prod-1.internal:9200', { transformer: 'fixed', value: `${STAGING_HOST}:9200` }],
    ['smtp_host', '10.0.0.25', { transformer: 'fixed', value: STAGING_HOST }],
    // a cookie domain for every subdomain, as Magento's documentation writes it
    ['web/cookie/cookie_domain', '.acme-shop.com', { transformer: 'fixed', value: `.${STAGING_HOST}` }],
    ['admin_email', 'owner@shop.example.com', 'email'],
    ['stripe_secret_key', 'sk_live_4eC39HqLyjWDarjtT1zdp7dc', { transformer: 'hash', length: 32 }],
    ['payment/api_token', 'abcdefgh', { transformer: 'hash', length: 16 }],
    // WordPress core's POP3 password for post-by-email; PayPal's API signature in Magento
    ['mailserver_pass', 'Pr0d-Po3-Secret', { transformer: 'hash', length: 16 }],
    ['paypal/wpp/api_signature', 'AFcWxV21C7fd0v3bYYYRCpSSRl31A3fLp0mX1bq5vRz8WhhdTXvXh7q1', { transformer: 'hash', length: 32 }],
    ['cron_enabled', '1', { transformer: 'fixed', value: '0' }],
    ['jobs.enabled', 'true', { transformer: 'fixed', value: 'false' }],
    ['newsletter_sending', 'yes', { transformer: 'fixed', value: 'no' }],
    // a switch that disables: Magento's "Disable Email Communications" set to No means mail goes out
    ['system/smtp/disable', '0', { transformer: 'fixed', value: '1' }],
    ['mail_disabled', 'false', { transformer: 'fixed', value: 'true' }],
    ['support_phone', '+44 20 7946 0123', 'phone'],
    ['first_name', 'Jane', 'first-name'],
    ['_billing_last_name', 'Doe', 'last-name'],
    ['billing_address_1', '1 Main St', 'street-address'],
    ['billing_postcode', 'SW1A 1AA', 'zip'],
  ])('%s = %s needs %j', (key, value, rule) => {
    expect(settingRule(key, value)?.rule).toEqual(rule);
  });

  it('reaches into PHP-serialized settings: a php-serialized rule with a path per entry that needs one', () => {
    const stripe = 'a:4:{s:7:"enabled";s:3:"yes";s:10:"secret_key";s:27:"sk_live_51Habcdefghijklmnop";s:15:"publishable_key";s:10:"pk_live_51";s:6:"owners";a:1:{i:0;a:2:{s:5:"email";s:10:"a@b.example";s:2:"id";i:7;}}}';
    expect(settingRule('woocommerce_stripe_settings', stripe.replace('s:10:"a@b.example"', 's:11:"a@b.example"'))?.rule).toEqual({
      transformer: 'php-serialized',
      paths: { '$.secret_key': { transformer: 'hash', length: 27 }, '$.owners[*].email': 'email' },
    });
    // keys that are data (a hash, a number) become wildcards, so the path matches every row
    const sessions = `a:1:{s:64:"${'ab'.repeat(32)}";a:2:{s:2:"ip";s:11:"203.0.113.5";s:5:"login";i:1700000000;}}`;
    expect(settingRule('user_sessions', sessions)?.rule).toEqual({ transformer: 'php-serialized', paths: { '$.*.ip': 'ipv4' } });
    // a setting named as a credential is replaced whole, serialized or not
    expect(settingRule('session_tokens', sessions)?.rule).toEqual({ transformer: 'hash', length: 32 });
    // nothing to rewrite inside: no rule
    expect(settingRule('wp_capabilities', 'a:1:{s:8:"customer";b:1;}')).toBeUndefined();
    expect(settingRule('broken', 'a:1:{s:99:"x";}')).toBeUndefined();
  });

  it.each([
    ['blogname', 'My Shop'],
    ['shop.currency', 'EUR'],
    ['posts_per_page', '10'],
    ['api_version', '2024-06-01'],
    ['theme_enabled', 'true'],
    ['hostname_label', 'not a host name'],
    ['bypass_cache_for', 'logged-in-users'],
    // mail already disabled: turning the switch "off" would turn mail on
    ['system/smtp/disable', '1'],
    ['cron_disabled', 'yes'],
    // a record that the mail went out: WooCommerce sends the new-order mail again when it says false
    ['_new_order_email_sent', 'true'],
  ])('%s = %s needs no rule', (key, value) => {
    expect(settingRule(key, value)).toBeUndefined();
  });

  it('drafts a hash length the hash transformer accepts, for credentials longer than 32 characters', () => {
    // a live Stripe secret key is 107 characters; Magento keeps encrypted keys ("0:3:…") of 40 and more
    for (const [key, value] of [
      ['stripe_secret_key', `sk_live_51${'Nq7xT2bV9kLm3Pw8RzYcD4fGhJ6sA1eQ'.repeat(3)}`],
      ['payment/braintree/private_key', '0:3:lY3Ckq0u+8Yvq3sBm3rD5TrN1Jv0Vn5dXlJ8q1Yw2ZQ='],
    ]) {
      const rule = settingRule(key, value)?.rule;
      expect(rule).toEqual({ transformer: 'hash', length: 32 });
      const { transformer, ...params } = rule as { transformer: string };
      expect(findTransformer(transformer)?.params.safeParse(params).success, key).toBe(true);
    }
  });

  // names that mention a kind of personal data, over values that are not of that kind: WordPress core
  // and WooCommerce defaults, and Magento's sender name; masking them breaks the setting
  it.each([
    ['admin_email_lifespan', '1735689600'],
    ['woocommerce_email_base_color', '#7f54b3'],
    ['woocommerce_email_from_name', 'Acme Shop'],
    ['woocommerce_email_footer_text', '{site_title} &mdash; Built with {WooCommerce}'],
    ['trans_email/ident_general/name', 'Owner'],
    ['woocommerce_registration_generate_username', 'yes'],
    ['woocommerce_registration_generate_password', 'yes'],
    ['woocommerce_enable_signup_and_login_from_checkout', 'no'],
    ['default_email_category', '1'],
    ['require_name_email', '1'],
  ])('%s = %s is no personal data', (key, value) => {
    expect(settingRule(key, value)).toBeUndefined();
  });

  it.each([
    ['billing_phone', '4155550123', 'phone'],
    ['_billing_email', 'jane at example dot com', 'email'],
    ['nickname', 'jdoe', 'username'],
    ['_shipping_city', 'Zürich', 'city'],
  ])('%s = %s is still %s by its name', (key, value, rule) => {
    expect(settingRule(key, value)?.rule).toBe(rule);
  });

  it('pairs the key and value of each sampled row, once per setting', () => {
    const s = new SettingsSample('option_name', 'option_value');
    const row = (k: string | null, v: string | null): void => {
      s.take('option_id', '1');
      s.take('option_name', k);
      s.take('option_value', v);
      s.endRow();
    };
    row('siteurl', 'https://a.example');
    row('siteurl', 'https://b.example');
    row('blogname', 'Shop');
    row(null, 'https://c.example');
    row('home', null);
    row('admin_email', 'a@b.example');
    expect(s.guess()?.cases.map((c) => c.key)).toEqual(['siteurl', 'admin_email']);
    expect(new SettingsSample('k', 'v').guess()).toBeUndefined();
  });
});

describe.each(['postgres', 'mysql'])('scan of the %s example (a settings table)', (dialect) => {
  it('drafts a switch on the setting name; the draft passes check --strict and leaves no production value', async () => {
    const dump = `examples/${dialect}/shop.sql`;
    const s = await runVeil(['scan', '-i', dump]);
    expect(s.code, s.stderr).toBe(0);
    const draft = JSON.parse(s.stdout.toString('utf8'));
    const table = dialect === 'postgres' ? 'public.settings' : 'settings';
    expect(draft.tables[table].columns.name).toBe('keep');
    expect(draft.tables[table].columns.value).toEqual({
      transformer: 'switch',
      column: 'name',
      cases: {
        base_url: { transformer: 'fixed', value: `https://${STAGING_HOST}` },
        'search.host': { transformer: 'fixed', value: `https://${STAGING_HOST}` },
        'payments.api_key': { transformer: 'hash', length: 32 },
        'mail.support_address': 'email',
        'jobs.enabled': { transformer: 'fixed', value: 'false' },
      },
    });
    expect(s.stderr).toContain('value → switch on name, per row:');
    expect(s.stderr).toContain('"payments.api_key" → hash: payments.api_key looks like a credential');
    const rules = `${scratch}/settings-draft-${dialect}.json`;
    writeFileSync(rules, s.stdout);
    const c = await runVeil(['check', rules, '-i', dump, '--strict']);
    expect(c.code, c.stderr).toBe(0);
    const m = await runVeil([rules, '-i', dump, '--seed', 's']);
    expect(m.code, m.stderr).toBe(0);
    const out = m.stdout.toString('utf8');
    for (const prod of ['search-prod.shop.example', 'sk_live_', 'support@shop.example', 'https://shop.example']) expect(out).not.toContain(prod);
    expect(out).toContain('Example Shop');
  });
});

describe('scan of a settings table whose value column is too narrow for a case', () => {
  it('leaves that case out of the rules and says so, naming the setting', async () => {
    const dump = `--
-- PostgreSQL database dump
--

SET client_encoding = 'UTF8';

CREATE TABLE public.settings (
    name text NOT NULL,
    value character varying(12)
);

COPY public.settings (name, value) FROM stdin;
admin_email	a@b.example
jobs.enabled	true
shop.name	Shop
\\.

--
-- PostgreSQL database dump complete
--
`;
    const file = `${scratch}/narrow-settings.sql`;
    writeFileSync(file, dump);
    const s = await runVeil(['scan', '-i', file]);
    expect(s.code, s.stderr).toBe(0);
    const draft = JSON.parse(s.stdout.toString('utf8'));
    expect(draft.tables['public.settings'].columns.value).toEqual({ transformer: 'switch', column: 'name', cases: { 'jobs.enabled': { transformer: 'fixed', value: 'false' } } });
    expect(s.stderr).toMatch(/"admin_email": NOT DRAFTED \(transformer "email": an email on example\.com needs at least 29 characters[^)]*\), write its rule by hand/);
  });
});
