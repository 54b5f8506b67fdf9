/**
 * Key-value tables (WordPress wp_options and wp_usermeta / wp_postmeta, Magento core_config_data,
 * "settings" tables): one column names the setting, another holds its value. Sampling pairs them per
 * row, so `scan` can draft a `switch` rule for the settings that point a copy at production (URLs and
 * hosts), that are live credentials, that switch background jobs or mail on, or that hold personal
 * data (by value, or by the setting's name: WooCommerce keeps `_billing_email`, `billing_phone`,
 * `first_name` of customers in meta tables).
 */
import { transformerFor } from '../policy/pii-kinds.js';
import type { PiiKind } from '../policy/pii-kinds.js';
import { describeKind, piiKindOfKey } from '../policy/pii-names.js';
import { kindOfValue } from '../policy/pii-values.js';
import { PathSet, parseJsonPath } from '../transformers/json-path.js';
import { PhpScanner, PhpSyntaxError } from '../transformers/php-scan.js';

/** Column names of the setting's name, and of its value (exact names, case-insensitive). */
const KEY_COLUMNS = /^(option_name|name|key|var|path|setting|setting_name|setting_key|config_key|config_path|option_key|meta_key|attribute_code)$/i;
const VALUE_COLUMNS = /^(option_value|value|setting_value|config_value|val|meta_value)$/i;

/** A rule as it goes into the draft rules file. */
export type SettingRule = string | { transformer: string; [param: string]: unknown };

export interface SettingCase {
  /** The setting's name (the key column's value). */
  key: string;
  rule: SettingRule;
  reason: string;
}

export interface SettingsGuess {
  keyColumn: string;
  cases: SettingCase[];
}

/** A host nothing resolves (RFC 2606 reserves .invalid): the draft's stand-in for the staging address. */
export const STAGING_HOST = 'staging.invalid';

/** The key and value columns of a key-value table, when its sampled columns have both. */
export function settingsColumns(columns: Iterable<string>): { key: string; value: string } | undefined {
  let key: string | undefined;
  let value: string | undefined;
  for (const c of columns) {
    if (key === undefined && KEY_COLUMNS.test(c)) key = c;
    else if (value === undefined && VALUE_COLUMNS.test(c)) value = c;
  }
  return key !== undefined && value !== undefined ? { key, value } : undefined;
}

/** At most this many settings get a case (the sample is the table's first rows anyway). */
const MAX_CASES = 200;

/** Pairs the key and value of each sampled row; keeps only the settings that need a rule. */
export class SettingsSample {
  private key: string | null = null;
  private value: string | null = null;
  private readonly found = new Map<string, SettingCase>();

  constructor(readonly keyColumn: string, readonly valueColumn: string) {}

  take(column: string, value: string | null): void {
    if (column === this.keyColumn) this.key = value;
    else if (column === this.valueColumn) this.value = value;
  }

  endRow(): void {
    const { key, value } = this;
    this.key = null;
    this.value = null;
    if (key === null || value === null || value === '' || this.found.has(key) || this.found.size >= MAX_CASES) return;
    const r = settingRule(key, value);
    if (r) this.found.set(key, { key, ...r });
  }

  guess(): SettingsGuess | undefined {
    return this.found.size > 0 ? { keyColumn: this.keyColumn, cases: [...this.found.values()] } : undefined;
  }
}

const URL = /^[a-z][a-z0-9+.-]*:\/\/([^/\s:?#]+)/i;
const HOST_KEY = /(^|[^a-z])(url|uri|host|hostname|endpoint|domain|server|webhook|callback|base_?url)s?([^a-z]|$)/i;
const HOST_VALUE = /^\.?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+(:\d{1,5})?\/?$/i;
const SECRET_KEY = /(secret|token|passw|api_?key|apikey|private_?key|credential|license_?key|access_?key|signing_?key|api_?signature|(^|[^a-z])(pass|pwd)([^a-z]|$))/i;
const SWITCH_KEY = /(cron|jobs?([^a-z]|$)|schedul|queue|worker|mail|smtp|newsletter|webhook|sync|export|notif|payment)/i;
/** The hash transformer's longest digest: a longer `length` fails its params, and the draft would drop the case. */
const HASH_MAX = 32;
const ON_OFF: Record<string, string> = { true: 'false', '1': '0', yes: 'no', on: 'off', enabled: 'disabled', TRUE: 'FALSE', Yes: 'No', On: 'Off' };
const OFF_ON: Record<string, string> = Object.fromEntries(Object.entries(ON_OFF).map(([on, off]) => [off, on]));
/** A switch that disables (Magento's system/smtp/disable): "off" means the jobs or mail run. */
const DISABLING = new Set(['disable', 'disabled', 'pause', 'paused', 'suspend', 'suspended', 'mute', 'muted']);
/** Last words of settings that record or count something, or name an id: a flag there is no switch. */
const RECORD = new Set(['sent', 'delivered', 'done', 'completed', 'processed', 'count', 'id', 'ids', 'category', 'lifespan', 'version']);

/** A mail or jobs switch by its name: on/off settings named so, but not records (`_new_order_email_sent`) or requirements. */
function switchKind(key: string): 'enables' | 'disables' | undefined {
  if (!SWITCH_KEY.test(key)) return undefined;
  const w = key.toLowerCase().split(/[^a-z0-9]+/).filter((x) => x.length > 0);
  const last = w[w.length - 1] ?? '';
  if (RECORD.has(last) || w.includes('require') || w.includes('required')) return undefined;
  return DISABLING.has(last) ? 'disables' : 'enables';
}

const FLAGS = new Set(Object.entries(ON_OFF).flat().map((f) => f.toLowerCase()));
const WORDY_KINDS = new Set<PiiKind>(['email', 'first-name', 'last-name', 'full-name', 'username', 'street-address', 'city']);

/**
 * Whether a value can be the personal data the setting's name mentions. Names of settings mention a kind
 * without holding it: `admin_email_lifespan` is a timestamp, `woocommerce_email_base_color` a colour,
 * `woocommerce_registration_generate_username` a flag, `trans_email/ident_general/name` a sender's name.
 */
function fitsName(kind: PiiKind, key: string, value: string): boolean {
  if (FLAGS.has(value.toLowerCase())) return false;
  if (WORDY_KINDS.has(kind) && !/\p{L}/u.test(value)) return false;
  // an address, or a setting whose name ends in one (`_billing_email`, whatever its first value)
  if (kind === 'email') return value.includes('@') || /e?mail$/i.test(key);
  return true;
}

/** Every scalar of a PHP-serialized value, at any depth. */
const EVERY_VALUE = new PhpScanner(new PathSet([parseJsonPath('$..*')]));
/** At most this many paths go into one drafted php-serialized rule. */
const MAX_PHP_PATHS = 20;

/**
 * A PHP-serialized setting (WordPress plugins keep theirs as one array: a payment gateway's live keys,
 * an SMTP password): a php-serialized rule with a path per entry that needs a rule (by the same tests
 * as a setting of its own, on the entry's key and value); array indexes become [*].
 */
function serializedRule(key: string, value: string): { rule: SettingRule; reason: string } | undefined {
  if (!/^[aO]:\d+:/.test(value)) return undefined;
  const paths: Record<string, SettingRule> = {};
  const why: string[] = [];
  try {
    EVERY_VALUE.scan(value, (_p, kind, _s, _e, text, keys) => {
      if ((kind !== 'string' && kind !== 'int') || text === '' || Object.keys(paths).length >= MAX_PHP_PATHS) return;
      const name = [...keys].reverse().find((k): k is string => typeof k === 'string');
      const r = name === undefined ? undefined : scalarRule(name, text);
      if (!r || typeof r.rule === 'object' && r.rule.transformer === 'php-serialized') return;
      const path = pathOf(keys);
      if (paths[path] !== undefined) return;
      paths[path] = r.rule;
      why.push(`${path} (${r.reason})`);
    });
  } catch (e) {
    if (e instanceof PhpSyntaxError) return undefined;
    throw e;
  }
  if (why.length === 0) return undefined;
  return { rule: { transformer: 'php-serialized', paths }, reason: `${key} holds PHP-serialized settings: ${why.join('; ')}` };
}

/**
 * `$.a.b[*].c`, with ["…"] for keys a path cannot spell plainly. Keys that are data rather than names
 * (indexes, numbers, hex tokens: WordPress keys session_tokens by a hash) become wildcards, so the path
 * matches every row, not just the sampled one.
 */
function pathOf(keys: readonly (string | number)[]): string {
  let p = '$';
  for (const k of keys) {
    if (typeof k === 'number') p += '[*]';
    else if (/^(\d+|[0-9a-f]{16,}|[0-9A-F]{16,})$/.test(k)) p += '.*';
    else if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(k)) p += `.${k}`;
    else p += `["${k.replace(/["\\]/g, '\\$&')}"]`;
  }
  return p;
}

/** The rule a setting needs, and why; undefined for settings a copy may keep. */
export function settingRule(key: string, value: string): { rule: SettingRule; reason: string } | undefined {
  // a setting named as a credential is replaced whole, serialized or not (session_tokens, api_credentials)
  if (SECRET_KEY.test(key)) return scalarRule(key, value);
  return serializedRule(key, value) ?? scalarRule(key, value);
}

/** settingRule for a plain (not serialized) value. */
function scalarRule(key: string, value: string): { rule: SettingRule; reason: string } | undefined {
  const kind = kindOfValue(value);
  if (kind === 'email') return { rule: 'email', reason: `${key} holds an email address` };
  const url = URL.exec(value);
  if (url) {
    return {
      rule: { transformer: 'fixed', value: `${value.slice(0, value.indexOf('://'))}://${STAGING_HOST}` },
      reason: `${key} holds a URL (${url[1]}): a copy would link to or call it; put your staging address in the rule`,
    };
  }
  if (HOST_KEY.test(key) && (HOST_VALUE.test(value) || kind === 'ip')) {
    const port = /:\d+\/?$/.exec(value)?.[0].replace('/', '') ?? '';
    const dot = value.startsWith('.') ? '.' : '';
    return { rule: { transformer: 'fixed', value: `${dot}${STAGING_HOST}${port}` }, reason: `${key} holds a host (${value}): a copy would connect to it; put your staging host in the rule` };
  }
  if (SECRET_KEY.test(key) && value.length >= 8 && !/\s/.test(value)) {
    return { rule: { transformer: 'hash', length: Math.min(HASH_MAX, Math.max(16, value.length)) }, reason: `${key} looks like a credential: a copy must not hold the live one` };
  }
  const sw = switchKind(key);
  if (sw === 'enables' && ON_OFF[value] !== undefined) {
    return { rule: { transformer: 'fixed', value: ON_OFF[value] }, reason: `${key} is on: a copy would run the jobs or send the mail it switches on` };
  }
  if (sw === 'disables' && OFF_ON[value] !== undefined) {
    return { rule: { transformer: 'fixed', value: OFF_ON[value] }, reason: `${key} is off: a copy would run the jobs or send the mail it disables` };
  }
  if (kind === 'phone' || kind === 'iban' || kind === 'card') {
    return { rule: kind === 'card' ? 'credit-card' : kind, reason: `${key} holds a ${kind === 'card' ? 'card number' : kind === 'iban' ? 'IBAN' : 'phone number'}` };
  }
  const byName = piiKindOfKey(key);
  if (byName !== undefined && byName !== 'json' && byName !== 'free-text' && fitsName(byName, key, value)) {
    return { rule: transformerFor(byName, undefined, () => true), reason: `the name ${key} suggests ${describeKind(byName)}` };
  }
  return undefined;
}
