/**
 * Every registered transformer, on a column whose type and constraints real schemas use, through the
 * real dump tools and servers: pg-all.sql → pg_dump (COPY and --inserts) → veil-stream pg-rules.json →
 * psql ON_ERROR_STOP into a fresh database, and mysql-all.sql → mariadb-dump → veil-stream
 * mysql-rules.json → mariadb (strict mode, unique checks on). A restore that succeeds proves that every
 * type, CHECK, NOT NULL, varchar(n), UNIQUE and FOREIGN KEY accepted the fakes; the assertions then
 * compare the restored rows with the source row by row: what changed, what must not, NULLs, shapes
 * (Luhn, mod-97, UUID, IP, JSON, arrays, templates) and consistency across tables.
 */
import { isIPv4, isIPv6 } from 'node:net';
import { unserialize } from 'php-serialize';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRANSFORMERS } from '../../../src/transformers/registry.js';
import { asciiSlug } from '../../../src/transformers/text-fit.js';
import { createScratchDb, dropLeftoverScratchDbs, dropOwnScratchDbs, pgDump, psqlFile, query, quoteIdent, restoreIntoFreshDb } from '../helpers/pg.js';
import { runOk } from '../helpers/proc.js';
import { describeWithService } from '../helpers/services.js';
import { runVeil } from '../helpers/veil.js';
import { dropDeadScratchDbs, dump, loadFile, makeRestoreStrict, sql } from '../mysql/mariadb.js';

const here = (file: string): string => fileURLToPath(new URL(file, import.meta.url));
const PG_SQL = here('./pg-all.sql');
const PG_RULES = here('./pg-rules.json');
const MY_SQL = here('./mysql-all.sql');
const MY_RULES = here('./mysql-rules.json');
const SEED = 's';

// ---------------------------------------------------------------------------------------------
// rules files

type RuleSpec = string | { transformer: string; paths?: Record<string, RuleSpec>; element?: RuleSpec; cases?: Record<string, RuleSpec>; otherwise?: RuleSpec; [k: string]: unknown };
interface RulesFile {
  tables: Record<string, { columns?: Record<string, RuleSpec> }>;
}

function readRules(file: string): Promise<RulesFile> {
  return readFile(file, 'utf8').then((t) => JSON.parse(t) as RulesFile);
}

/** Every transformer a rule uses, nested json paths and array elements included. */
function transformersOf(rule: RuleSpec): string[] {
  if (typeof rule === 'string') return [rule];
  const nested = [
    ...Object.values(rule.paths ?? {}),
    ...Object.values(rule.cases ?? {}),
    ...(rule.element !== undefined ? [rule.element] : []),
    ...(rule.otherwise !== undefined ? [rule.otherwise] : []),
  ];
  return [rule.transformer, ...nested.flatMap(transformersOf)];
}

function usedTransformers(rules: RulesFile): Set<string> {
  return new Set(Object.values(rules.tables).flatMap((t) => Object.values(t.columns ?? {}).flatMap(transformersOf)));
}

/** Transformers that only make sense in one dialect. */
const PG_ONLY = new Set(['array']);

describe('restore-all rules files cover every registered transformer', () => {
  const registered = TRANSFORMERS.map((t) => t.name);

  it('pg-rules.json uses every transformer of the registry', async () => {
    const used = usedTransformers(await readRules(PG_RULES));
    expect(registered.filter((n) => !used.has(n)), 'registered transformers without a column in pg-rules.json').toEqual([]);
    expect([...used].filter((n) => !registered.includes(n)), 'names in pg-rules.json that are not transformers').toEqual([]);
  });

  it('mysql-rules.json uses every transformer except the PostgreSQL-only ones', async () => {
    const used = usedTransformers(await readRules(MY_RULES));
    expect(registered.filter((n) => !used.has(n) && !PG_ONLY.has(n)), 'registered transformers without a column in mysql-rules.json').toEqual([]);
    expect([...used].filter((n) => !registered.includes(n)), 'names in mysql-rules.json that are not transformers').toEqual([]);
  });

  it('the built CLI lists exactly the registry (`transformers --json`)', async () => {
    const r = await runVeil(['transformers', '--json']);
    expect(r.code).toBe(0);
    const listed = (JSON.parse(r.stdout.toString('utf8')) as { name: string }[]).map((t) => t.name);
    expect(listed).toEqual(registered);
  });
});

// ---------------------------------------------------------------------------------------------
// oracles (independent of the implementation)

type Row = Record<string, string | null>;

const TAG = '[a-kmnp-z2-9]{17}'; // 17 base-32 characters (no l, o, 0, 1)
const EMAIL_RE = new RegExp(`^[a-z0-9]+\\.[a-z0-9]+\\.${TAG}@example\\.com$`);
const UUID_V4_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function luhnValid(s: string): boolean {
  const digits = s.replace(/\D/g, '');
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return digits.length >= 12 && sum % 10 === 0;
}

function ibanValid(s: string): boolean {
  const compact = s.replace(/[ -]/g, '').toUpperCase();
  if (!/^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$/.test(compact)) return false;
  const moved = compact.slice(4) + compact.slice(0, 4);
  let r = 0;
  for (const ch of moved) r = /\d/.test(ch) ? (r * 10 + Number(ch)) % 97 : (r * 100 + ch.charCodeAt(0) - 55) % 97;
  return r === 1;
}

/** Digits → #: the layout of a number (separators, length). */
const digitShape = (s: string): string => s.replace(/[0-9]/g, '#');
/** Digits → 9, ASCII letters → A/a: the layout format-preserving transformers keep. */
const charShape = (s: string): string => s.replace(/[0-9]/g, '9').replace(/[A-Z]/g, 'A').replace(/[a-z]/g, 'a');
const hexShape = (s: string): string => s.replace(/[0-9a-fA-F]/g, 'h');

/** The 8 groups of an IPv6 address (suffix after / or % dropped). */
function ipv6Groups(text: string): number[] {
  const addr = text.split(/[/%]/)[0];
  expect(isIPv6(addr), `${addr} is IPv6`).toBe(true);
  let s = addr;
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (v4) {
    const o = v4[1].split('.').map(Number);
    s = `${s.slice(0, -v4[1].length)}${((o[0] << 8) | o[1]).toString(16)}:${((o[2] << 8) | o[3]).toString(16)}`;
  }
  const [head, tail] = s.includes('::') ? s.split('::') : [s, undefined];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...new Array<string>(8 - h.length - t.length).fill('0'), ...t];
  return groups.map((g) => parseInt(g, 16));
}

const firstCodePoint = (s: string): string => (s.length > 0 ? String.fromCodePoint(s.codePointAt(0)!) : '');

/** What the mask transformer must write (keepFirst/keepLast code points; separators with keepSeparators). */
function masked(orig: string, keepFirst: number, keepLast: number, char: string, keepSeparators: boolean): string {
  const cps = Array.from(orig);
  return cps.map((c, i) => (i < keepFirst || i >= cps.length - keepLast || (keepSeparators && !/[\p{L}\p{N}]/u.test(c)) ? c : char)).join('');
}

/** Epoch milliseconds of a date/timestamp literal as either server prints it. */
function epochMs(s: string): number {
  let t = s.replace(' ', 'T');
  if (/[+-]\d\d$/.test(t)) t += ':00';
  else if (!/[zZ]|[+-]\d\d:\d\d$/.test(t)) t += 'Z';
  const ms = Date.parse(t);
  expect(Number.isNaN(ms), `parse ${s}`).toBe(false);
  return ms;
}

const DAY = 86_400_000;

// ---------------------------------------------------------------------------------------------
// per-column expectations

/**
 * How a ruled column's restored value must relate to the original.
 * - all: every non-NULL, non-empty original (where `applies`) changed;
 * - most: at least 90% of them changed: the fake comes from a small list (names, states, enum labels,
 *   a 5-year band of birth dates, noise on small amounts), so an equal draw is legitimate;
 * - keep: unchanged; fixed: the fixed value for every non-NULL original ('' included);
 * - null: NULL for every non-empty original.
 * Every kind keeps NULL as NULL, and '' as '' (except fixed).
 */
interface ColumnSpec {
  change: 'all' | 'most' | 'keep' | 'fixed' | 'null';
  value?: string;
  /** For most: the smallest share of changed values (default 0.9). */
  min?: number;
  /** Originals that must change (default: every non-NULL, non-empty one). */
  applies?: (orig: string) => boolean;
  /** Shape check of each masked value (orig non-NULL and non-empty); return false or throw on mismatch. */
  shape?: (v: string, orig: string, row: Row, origRow: Row) => boolean | void;
}

interface Dataset {
  people: Row[];
  orders: Row[];
  settings: Row[];
}

/**
 * The key-value settings table under `switch` (same rules in both dialects): the rows its cases name
 * get their rule, every other row (NULL and '' included) is restored exactly as it was.
 */
function checkSettings(src: Row[], out: Row[]): void {
  const restored = new Map(out.map((r) => [r.option_name!, r.option_value]));
  const original = new Map(src.map((r) => [r.option_name!, r.option_value]));
  expect([...restored.keys()].sort()).toEqual([...original.keys()].sort());
  const fixed: Record<string, string> = {
    siteurl: 'https://staging.example.com',
    home: 'https://staging.example.com/',
    search_host: 'localhost:9200',
    cron_enabled: '0',
  };
  for (const [name, value] of Object.entries(fixed)) expect(restored.get(name), name).toBe(value);
  expect(restored.get('admin_email')).toMatch(EMAIL_RE);
  expect(restored.get('stripe_secret')).toMatch(/^[0-9a-f]{24}$/);
  for (const name of ['blogname', 'stripe_secret_old', 'empty', 'admin_email_2']) expect(restored.get(name), name).toBe(original.get(name));
  // php-serialized inside a switch case: still valid for PHP, the secret and the email replaced
  const before = unserialize(original.get('stripe_settings')!) as Record<string, any>;
  const after = unserialize(restored.get('stripe_settings')!) as Record<string, any>;
  expect(after.secret_key).toMatch(/^[0-9a-f]{32}$/);
  expect(after.owner.email).toMatch(EMAIL_RE);
  expect(after.owner.email).not.toBe(before.owner.email);
  expect({ ...after, secret_key: 0, owner: { ...after.owner, email: 0 } }).toEqual({ ...before, secret_key: 0, owner: { ...before.owner, email: 0 } });
  expect(original.get('blogname')).toContain("It's my shop\t");
  expect(restored.get('stripe_secret_old')).toBeNull();
}

function byId(rows: Row[]): Map<string, Row> {
  return new Map(rows.map((r) => [r.id!, r]));
}

/** Check every ruled column of `people` against its spec; returns how many values were checked. */
function checkColumns(specs: Record<string, ColumnSpec>, src: Row[], out: Row[]): number {
  const restored = byId(out);
  let checked = 0;
  for (const [column, spec] of Object.entries(specs)) {
    let applicable = 0;
    let changed = 0;
    const unchanged: string[] = [];
    for (const o of src) {
      const r = restored.get(o.id!)!;
      const before = o[column];
      const after = r[column];
      const where = `people.${column} id=${o.id} (${JSON.stringify(before)} → ${JSON.stringify(after)})`;
      if (before === null) {
        expect(after, `${where}: NULL stays NULL`).toBeNull();
        continue;
      }
      if (spec.change === 'keep') {
        expect(after, where).toBe(before);
        continue;
      }
      if (spec.change === 'fixed') {
        expect(after, where).toBe(spec.value);
        continue;
      }
      if (before === '') {
        expect(after, `${where}: '' stays ''`).toBe('');
        continue;
      }
      if (spec.change === 'null') {
        expect(after, where).toBeNull();
        continue;
      }
      expect(after, `${where}: a fake is never NULL`).not.toBeNull();
      checked++;
      if (spec.shape) expect(spec.shape(after!, before, r, o), `${where}: shape`).not.toBe(false);
      if (spec.applies && !spec.applies(before)) continue;
      applicable++;
      if (after !== before) changed++;
      else unchanged.push(`${o.id}: ${before}`);
    }
    if (spec.change === 'all') expect(unchanged, `people.${column}: unchanged values`).toEqual([]);
    if (spec.change === 'most') {
      expect(changed / applicable, `people.${column}: changed ${changed}/${applicable}; unchanged: ${unchanged.join(', ')}`).toBeGreaterThanOrEqual(spec.min ?? 0.9);
    }
  }
  return checked;
}

function expectUniqueValues(rows: Row[], columns: readonly string[]): void {
  for (const c of columns) {
    const values = rows.map((r) => r[c]).filter((v): v is string => v !== null);
    const dupes = values.filter((v, i) => values.indexOf(v) !== i);
    expect(dupes, `duplicates in ${c}`).toEqual([]);
  }
}

const num = (s: string): number => Number(s);

/** |masked − orig| within `pct` percent (plus one unit of the last decimal, for rounding). */
const withinPercent = (pct: number) => (v: string, o: string) => Math.abs(num(v) - num(o)) <= (Math.abs(num(o)) * pct) / 100 + 0.01 + 1e-9;

const sameDigitShape = (v: string, o: string) => digitShape(v) === digitShape(o);

/** Phone-like originals keep their layout; free text gets a fresh "(###) ###-####". */
function phoneShape(v: string, o: string): boolean {
  if (/^[0-9 +()\-./xX]*$/.test(o) && o.replace(/\D/g, '').length >= 4) {
    const cc = /^\+\d+(?=\D)/.exec(o)?.[0];
    return digitShape(v) === digitShape(o) && (cc === undefined || v.startsWith(cc));
  }
  return /^\(\d{3}\) \d{3}-\d{4}$/.test(v);
}

function coordShape(limit: number, radiusKm: number) {
  return (v: string, o: string) => {
    let d = Math.abs(num(v) - num(o));
    if (limit === 180) d = Math.min(d, 360 - d);
    return Math.abs(num(v)) <= limit && d <= radiusKm / 111.32 + 2e-6 && v.split('.')[1]?.length === o.split('.')[1]?.length;
  };
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL

async function pgRows(db: string, table: string): Promise<Row[]> {
  const cols = await query<{ column_name: string }>(
    db,
    `SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = '${table}' ORDER BY ordinal_position`,
  );
  const list = cols.map(({ column_name: c }) => `${quoteIdent(c)}::text AS ${quoteIdent(c)}`).join(', ');
  return query<Row>(db, `SELECT ${list} FROM public.${quoteIdent(table)} ORDER BY id`);
}

async function pgDataset(db: string): Promise<Dataset> {
  return { people: await pgRows(db, 'people'), orders: await pgRows(db, 'orders'), settings: await pgRows(db, 'settings') };
}

/** Array columns as JSON arrays of element text (NULL elements → null). */
async function pgArrays(db: string): Promise<Map<string, { alt_emails: (string | null)[] | null; ip_history: (string | null)[] | null }>> {
  const rows = await query<{ id: number; alt_emails: (string | null)[] | null; ip_history: (string | null)[] | null }>(
    db,
    'SELECT id, to_json(alt_emails) AS alt_emails, to_json(ip_history::text[]) AS ip_history FROM public.people ORDER BY id',
  );
  return new Map(rows.map((r) => [String(r.id), r]));
}

const PG_UNIQUE = ['username', 'email', 'phone', 'card_number', 'iban', 'ip', 'mac', 'company_domain', 'ext_id', 'ssn', 'account_no', 'ref_code', 'api_token', 'loyalty_no', 'handle'] as const;

const PG_SPECS: Record<string, ColumnSpec> = {
  first_name: { change: 'most', shape: (v) => v.length <= 40 },
  last_name: { change: 'most', shape: (v) => v.length <= 40 },
  full_name: { change: 'all', shape: (v) => /^\S+ \S/.test(v) && v.length <= 60 },
  username: { change: 'all', shape: (v) => new RegExp(`^[a-z0-9]+_[a-z0-9]+_${TAG}$`).test(v) },
  email: { change: 'all', shape: (v) => EMAIL_RE.test(v) },
  phone: { change: 'all', shape: phoneShape },
  birth_date: {
    change: 'most',
    shape: (v, o) => Math.floor(num(v.slice(0, 4)) / 5) === Math.floor(num(o.slice(0, 4)) / 5),
  },
  street: { change: 'all', shape: (v) => v.length <= 100 },
  city: { change: 'most', shape: (v) => v.length <= 60 },
  zip: {
    change: 'most',
    applies: (o) => o.replace(/[^0-9A-Za-z]/g, '').length > 2,
    // keepFirst 2: the original's shape, its first two letters/digits kept
    shape: (v, o) => charShape(v) === charShape(o) && v.replace(/[^0-9A-Za-z]/g, '').slice(0, 2) === o.replace(/[^0-9A-Za-z]/g, '').slice(0, 2),
  },
  state: { change: 'most', shape: (v, o) => (o.trim().length <= 3 ? v.length <= 3 : v.length > 3) },
  country: { change: 'most', shape: (v) => v.length > 3 },
  country_code: { change: 'most', shape: (v) => /^[A-Z]{2}$/.test(v) },
  lat: { change: 'all', shape: coordShape(90, 5) },
  lon: { change: 'all', shape: coordShape(180, 5) },
  card_number: {
    change: 'all',
    shape: (v, o) => luhnValid(v) && digitShape(v) === digitShape(o) && v.replace(/\D/g, '').slice(0, 6) === o.replace(/\D/g, '').slice(0, 6),
  },
  iban: {
    change: 'all',
    shape: (v, o) => ibanValid(v) && charShape(v.slice(4)) === charShape(o.slice(4)) && v.slice(0, 2) === o.slice(0, 2),
  },
  balance: { change: 'most', applies: (o) => num(o) !== 0, shape: (v, o) => num(v) >= 0 && withinPercent(15)(v, o) },
  score: { change: 'most', shape: (v, o) => Math.abs(num(v)) <= 999.99 && Math.sign(num(v)) === Math.sign(num(o)) && withinPercent(50)(v, o) },
  ip: {
    change: 'all',
    shape: (v, o) => isIPv4(v.split('/')[0]) && (v.split('/')[1] ?? '') === (o.split('/')[1] ?? ''),
  },
  ip6: {
    change: 'all',
    // keepPrefix 16: the first group survives; IPv6 stays IPv6
    shape: (v, o) => ipv6Groups(v)[0] === ipv6Groups(o)[0] && (v.split('/')[1] ?? '') === (o.split('/')[1] ?? ''),
  },
  mac: { change: 'all', shape: (v, o) => hexShape(v) === hexShape(o) },
  homepage: { change: 'all', shape: (v, o) => v.startsWith(o.slice(0, o.indexOf('://') + 3)) },
  company_domain: {
    change: 'all',
    shape: (v, o) => new RegExp(`^${TAG}\\.[a-z]+-[a-z]+\\.[a-z]+$`).test(v) && v.endsWith(`.${o.split('.').pop()!.toLowerCase()}`),
  },
  // Faker's pool: browsers, and a few crawlers (Googlebot/2.1 …)
  user_agent: { change: 'all', shape: (v) => v.length <= 200 && /^[A-Za-z]+\/\d/.test(v) },
  ext_id: { change: 'all', shape: (v) => UUID_V4_RE.test(v) },
  ssn: { change: 'all', shape: (v) => /^\d{3}-\d{2}-\d{4}$/.test(v) },
  account_no: { change: 'all', shape: (v, o) => /^\d+$/.test(v) && v.length === o.length && BigInt(v) <= 9223372036854775807n },
  // keepFirst 1; 'ÄÖ-12-ü' has two ASCII slots, one kept: its only fake digit may be its own
  ref_code: { change: 'all', applies: (o) => o.replace(/[^0-9A-Za-z]/g, '').length >= 4, shape: (v, o) => charShape(v) === charShape(o) && v[0] === o[0] },
  api_token: { change: 'all', shape: (v) => /^[0-9a-f]{32}$/.test(v) },
  secret_note: { change: 'null' },
  created_by: { change: 'keep' },
  internal_note: { change: 'fixed', value: 'redacted: it\'s "fine" \\ back\tslash' },
  card_display: { change: 'all', shape: (v, o) => v === masked(o, 0, 4, '*', true) },
  loyalty_no: { change: 'all', shape: (v) => /^\d+$/.test(v) && num(v) >= 100000 && num(v) <= 999999 },
  signup_at: {
    change: 'all',
    applies: (o) => o !== 'infinity' && o !== '-infinity',
    shape: (v, o) => {
      if (o === 'infinity' || o === '-infinity') return v === o;
      const d = epochMs(v) - epochMs(o);
      return d % DAY === 0 && Math.abs(d) >= DAY && Math.abs(d) <= 60 * DAY;
    },
  },
  bio: { change: 'all', shape: (v, o) => Array.from(v).length <= Math.min(200, Array.from(o).length) && !/\d/.test(v) },
  // weighted draw from 4 labels: about 30% of rows draw their own label again
  tier: { change: 'most', min: 0.5, shape: (v) => ['bronze', 'silver', 'gold', "it's platinum"].includes(v) },
  support_note: { change: 'all', applies: (o) => /\d{4,}/.test(o), shape: sameDigitShape },
  greeting: {
    change: 'all',
    shape: (v, _o, r, o) => v === `Dear ${firstCodePoint(o.first_name ?? '').toUpperCase()}. ${r.last_name ?? ''} of ${r.city ?? ''}`,
  },
  handle: {
    change: 'all',
    shape: (v, _o, r) => new RegExp(`^${asciiSlug(r.first_name ?? '')}\\.${asciiSlug(r.last_name ?? '')}\\.${TAG}$`).test(v),
  },
  // a root array is not reached by the $.… paths (checked unchanged with the json paths below)
  profile: { change: 'all', applies: (o) => o.startsWith('{') && /"(contact|address|kyc|devices|tags|score|deep)"/.test(o) },
  // '' elements stay '' (as a column's ''): an array of only '' and NULL elements stays as it is
  alt_emails: { change: 'all', applies: (o) => !/^\{((""|NULL)(,(""|NULL))*)?\}$/.test(o) },
  ip_history: { change: 'all', applies: (o) => o !== '{}' && o !== '{NULL}' },
};

/** Masked JSON of one profile: the selected paths changed as their rules say, everything else byte-equal. */
function checkPgProfile(id: string, before: unknown, after: unknown, maskedEmail: string | null, origEmail: string | null): void {
  const at = `people.profile id=${id}`;
  if (before === null || typeof before !== 'object' || Array.isArray(before)) {
    // JSON null, and a root array whose objects the $.… paths do not reach, stay as they were
    expect(after, at).toEqual(before);
    return;
  }
  const b = structuredClone(before) as Record<string, any>;
  const a = structuredClone(after) as Record<string, any>;
  if (typeof b.contact?.email === 'string') {
    expect(a.contact.email, `${at} $.contact.email`).toMatch(EMAIL_RE);
    if (b.contact.email === origEmail) expect(a.contact.email, `${at}: same address as the email column, same fake`).toBe(maskedEmail);
    delete a.contact.email;
    delete b.contact.email;
  }
  if (Array.isArray(b.contact?.phones)) {
    expect(a.contact.phones.length).toBe(b.contact.phones.length);
    b.contact.phones.forEach((p: string, i: number) => {
      expect(phoneShape(a.contact.phones[i], p), `${at} $.contact.phones[${i}] ${p} → ${a.contact.phones[i]}`).toBe(true);
      expect(a.contact.phones[i]).not.toBe(p);
    });
    delete a.contact.phones;
    delete b.contact.phones;
  }
  for (const key of ['city', 'street'] as const) {
    if (typeof b.address?.[key] === 'string') {
      expect(typeof a.address[key], `${at} $.address.${key}`).toBe('string');
      expect(a.address[key], `${at} $.address.${key}`).not.toBe(b.address[key]);
      delete a.address[key];
      delete b.address[key];
    }
  }
  // $..ssn: at any depth, digits replaced in the same layout
  const ssnHolders = (o: Record<string, any>): Record<string, any>[] =>
    Object.values(o).flatMap((v) => (v && typeof v === 'object' ? ssnHolders(v) : [])).concat('ssn' in o ? [o] : []);
  const bh = ssnHolders(b);
  const ah = ssnHolders(a);
  expect(ah.length, `${at}: ssn keys`).toBe(bh.length);
  bh.forEach((h, i) => {
    expect(sameDigitShape(ah[i].ssn, h.ssn), `${at} ssn ${h.ssn} → ${ah[i].ssn}`).toBe(true);
    expect(ah[i].ssn).not.toBe(h.ssn);
    delete ah[i].ssn;
    delete h.ssn;
  });
  if (Array.isArray(b.devices)) {
    b.devices.forEach((d: Record<string, unknown>, i: number) => {
      expect(isIPv4(a.devices[i].ip), `${at} $.devices[${i}].ip ${a.devices[i].ip}`).toBe(true);
      expect(a.devices[i].ip).not.toBe(d.ip);
      delete a.devices[i].ip;
      delete d.ip;
    });
  }
  if (Array.isArray(b.tags) && b.tags.length > 0) {
    expect(a.tags[0], `${at} $.tags[0]`).toBe('redacted');
    a.tags[0] = b.tags[0];
  }
  if (typeof b.score === 'number') {
    expect(typeof a.score, `${at} $.score stays a number`).toBe('number');
    expect(Math.abs(a.score - b.score), `${at} $.score`).toBeLessThanOrEqual(Math.abs(b.score) * 0.2 + 0.1);
    delete a.score;
    delete b.score;
  }
  expect(a, `${at}: everything outside the ruled paths is unchanged`).toEqual(b);
}

interface PgMode {
  readonly name: string;
  readonly flags: readonly string[];
}
const PG_MODES: readonly PgMode[] = [
  { name: 'plain (COPY)', flags: [] },
  { name: '--inserts', flags: ['--inserts'] },
];

describeWithService('PostgreSQL', 'every transformer: pg_dump → veil-stream → psql restore into PostgreSQL', () => {
  let work = '';
  let srcDb = '';
  let src: Dataset;
  let srcArrays: Awaited<ReturnType<typeof pgArrays>>;
  const restoredByMode = new Map<string, Dataset>();

  beforeAll(async () => {
    await dropLeftoverScratchDbs();
    work = await mkdtemp(join(tmpdir(), 'veil-it-all-pg-'));
    srcDb = await createScratchDb('all_transformers_src');
    await psqlFile(srcDb, PG_SQL);
    src = await pgDataset(srcDb);
    srcArrays = await pgArrays(srcDb);
  });

  afterAll(async () => {
    await dropOwnScratchDbs();
    if (work && !process.env.KEEP) await rm(work, { recursive: true, force: true });
  });

  it('the source holds the generated and the hand-written rows', () => {
    expect(src.people).toHaveLength(306);
    expect(src.orders).toHaveLength(404);
    expect(Object.keys(src.people[0]).filter((c) => c !== 'id').sort()).toEqual(Object.keys(PG_SPECS).sort());
  });

  it('every column of people has a rule, and every rule an expectation here', async () => {
    const rules = await readRules(PG_RULES);
    expect(Object.keys(rules.tables['public.people'].columns ?? {}).sort()).toEqual(Object.keys(PG_SPECS).sort());
  });

  describe.each(PG_MODES)('pg_dump $name', (mode) => {
    let out: Dataset;
    let outArrays: Awaited<ReturnType<typeof pgArrays>>;
    let stderr = '';

    beforeAll(async () => {
      const slug = mode.name.replace(/[^a-z0-9]+/gi, '-');
      const dumpFile = join(work, `${slug}.sql`);
      const maskedFile = join(work, `${slug}.masked.sql`);
      await pgDump(srcDb, mode.flags, dumpFile);
      const r = await runVeil([PG_RULES, '-i', dumpFile, '-o', maskedFile, '--seed', SEED]);
      stderr = r.stderr;
      if (r.code !== 0) throw new Error(`veil-stream exited with ${r.code}:\n${r.stderr}`);
      const { db } = await restoreIntoFreshDb(`all_transformers_${slug}`, maskedFile);
      out = await pgDataset(db);
      outArrays = await pgArrays(db);
      restoredByMode.set(mode.name, out);
    });

    it('masks without a rules error or a type mismatch, and the restore (ON_ERROR_STOP) keeps every row', () => {
      expect(stderr).not.toMatch(/RULES?_|MISMATCH|error/i);
      expect(out.people).toHaveLength(src.people.length);
      expect(out.orders).toHaveLength(src.orders.length);
      expect(out.people.map((r) => r.id)).toEqual(src.people.map((r) => r.id));
    });

    it('every ruled column changed as its transformer says, NULLs and empty strings kept, shapes valid', () => {
      const checked = checkColumns(PG_SPECS, src.people, out.people);
      expect(checked).toBeGreaterThan(40 * 250);
    });

    it('UNIQUE columns hold distinct fakes (the restore built their indexes)', () => {
      expectUniqueValues(out.people, PG_UNIQUE);
    });

    it('switch: each settings row gets the rule its option_name picks; the other rows are unchanged', () => {
      checkSettings(src.settings, out.settings);
    });

    it('json paths: each selected value masked by its nested rule, everything else unchanged', () => {
      const restored = byId(out.people);
      for (const o of src.people) {
        const r = restored.get(o.id!)!;
        if (o.profile === null) continue;
        checkPgProfile(o.id!, JSON.parse(o.profile), JSON.parse(r.profile!), r.email, o.email);
      }
    });

    it('arrays: a valid literal with each element masked, NULL elements kept, same e-mail → same fake', () => {
      const restored = byId(out.people);
      for (const o of src.people) {
        const before = srcArrays.get(o.id!)!;
        const after = outArrays.get(o.id!)!;
        const r = restored.get(o.id!)!;
        for (const column of ['alt_emails', 'ip_history'] as const) {
          const b = before[column];
          const a = after[column];
          if (b === null) {
            expect(a, `${column} id=${o.id}`).toBeNull();
            continue;
          }
          expect(a, `${column} id=${o.id}`).toHaveLength(b.length);
          b.forEach((el, i) => {
            const got = a![i];
            const where = `${column}[${i + 1}] id=${o.id}: ${el} → ${got}`;
            if (el === null) return expect(got, where).toBeNull();
            if (el === '') return expect(got, `${where}: '' stays ''`).toBe('');
            expect(got, where).not.toBe(el);
            if (column === 'alt_emails') {
              expect(got, where).toMatch(EMAIL_RE);
              if (el === o.email) expect(got, `${where}: same fake as the email column`).toBe(r.email);
            } else if (isIPv4(el.split('/')[0])) {
              // ipv4 with keepPrefix 8: first octet and the /n suffix kept
              expect(isIPv4(got!.split('/')[0]), where).toBe(true);
              expect(got!.split('.')[0], where).toBe(el.split('.')[0]);
              expect(got!.split('/')[1], where).toBe(el.split('/')[1]);
            } else {
              // an IPv6 element stays IPv6 (keepPrefix 8: its first 8 bits)
              expect(ipv6Groups(got!)[0] >> 8, where).toBe(ipv6Groups(el)[0] >> 8);
              expect(got!.split('/')[1], where).toBe(el.split('/')[1]);
            }
          });
        }
      }
    });

    it('orders: the same e-mail maps to the same fake (the foreign key on it validated), amounts moved within ±5', () => {
      const people = byId(out.people);
      const srcPeople = byId(src.people);
      const restored = byId(out.orders);
      let same = 0;
      for (const o of src.orders) {
        const r = restored.get(o.id!)!;
        expect(r.person_id).toBe(o.person_id);
        expect(r.note).toBe(o.note);
        if (o.customer_email === null) {
          expect(r.customer_email).toBeNull();
        } else {
          expect(o.customer_email).toBe(srcPeople.get(o.person_id!)!.email);
          expect(r.customer_email, `orders.customer_email id=${o.id}`).toBe(people.get(o.person_id!)!.email);
          same++;
        }
        expect(num(r.amount!)).toBeGreaterThanOrEqual(0.01);
        expect(Math.abs(num(r.amount!) - num(o.amount!))).toBeLessThanOrEqual(5 + 1e-9);
      }
      expect(same).toBeGreaterThan(300);
    });
  });

  it('COPY and --inserts dumps restore to the same masked data', () => {
    const [a, b] = PG_MODES.map((m) => restoredByMode.get(m.name));
    expect(a).toBeDefined();
    expect(b).toEqual(a);
  });
});

// ---------------------------------------------------------------------------------------------
// MariaDB

/** Rows of a table as JSON (every value as text via CONCAT, NULL as null), in id order. */
async function myRows(db: string, table: string): Promise<Row[]> {
  const cols = await sql(`SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = '${db}' AND TABLE_NAME = '${table}' ORDER BY ORDINAL_POSITION`);
  const pairs = cols.map(([c]) => `'${c}', CONCAT('', \`${c}\`)`).join(', ');
  const r = await runOk('mariadb', ['--batch', '--raw', '--skip-column-names', '--default-character-set=utf8mb4', db], {
    input: `SET SESSION group_concat_max_len = 1073741824;\nSELECT JSON_ARRAYAGG(JSON_OBJECT(${pairs})) FROM \`${table}\`;\n`,
  });
  const rows = JSON.parse(r.stdout.toString('utf8')) as Row[];
  return rows.sort((x, y) => num(x.id!) - num(y.id!));
}

async function myDataset(db: string): Promise<Dataset> {
  return { people: await myRows(db, 'people'), orders: await myRows(db, 'orders'), settings: await myRows(db, 'settings') };
}

const MY_UNIQUE = ['username', 'email', 'phone', 'card_number', 'iban', 'ip', 'mac', 'company_domain', 'ext_id', 'legacy_ref', 'ssn', 'account_no', 'ref_code', 'api_token', 'loyalty_no', 'handle'] as const;
const MY_TIERS = ['bronze', 'silver', 'gold', "it's platinum"];
const MY_SUPPORT_RE = (() => {
  const rule = { pattern: "[\\p{L}\\p{N}'._%+\\\\-]+@[\\p{L}\\p{N}-]+(\\.[\\p{L}\\p{N}-]+)+", flags: 'gi' };
  return new RegExp(rule.pattern, `${rule.flags}u`);
})();

const MY_SPECS: Record<string, ColumnSpec> = {
  first_name: { change: 'most', shape: (v) => v.length <= 40 },
  last_name: { change: 'most', shape: (v) => v.length <= 40 },
  full_name: { change: 'all', shape: (v) => v.length > 0 && v.length <= 60 },
  username: { change: 'all', shape: (v) => new RegExp(`^[a-z0-9]+_[a-z0-9]+_${TAG}$`).test(v) },
  email: { change: 'all', shape: (v) => EMAIL_RE.test(v) },
  phone: { change: 'all', shape: phoneShape },
  birth_date: {
    change: 'most',
    // keep: year (a zero date has no year: any year between 1940 and 2005)
    shape: (v, o) => (o.startsWith('0000') ? num(v.slice(0, 4)) >= 1940 && num(v.slice(0, 4)) <= 2005 : v.slice(0, 4) === o.slice(0, 4)),
  },
  street: { change: 'all', shape: (v) => v.length <= 100 },
  city: { change: 'most', shape: (v) => v.length <= 60 },
  zip: { change: 'most', shape: (v) => /^\d{5}$/.test(v) },
  state: { change: 'most', shape: (v) => v.length <= 3 },
  country: { change: 'most', shape: (v, o) => (/^[A-Za-z]{2}$/.test(o) ? /^[A-Za-z]{2}$/.test(v) : v.length > 3) },
  country_code: { change: 'most', shape: (v) => /^[A-Z]{2}$/.test(v) },
  lat: { change: 'all', shape: coordShape(90, 1) },
  lon: { change: 'all', shape: coordShape(180, 1) },
  card_number: {
    change: 'all',
    shape: (v, o) =>
      luhnValid(v) &&
      digitShape(v) === digitShape(o) &&
      v.replace(/\D/g, '').slice(0, 6) === o.replace(/\D/g, '').slice(0, 6) &&
      v.replace(/\D/g, '').slice(-4) === o.replace(/\D/g, '').slice(-4),
  },
  iban: {
    change: 'all',
    // keepBank 8: country and the first 8 characters after the check digits kept
    shape: (v, o) => ibanValid(v) && charShape(v) === charShape(o) && v.replace(/ /g, '').slice(4, 12) === o.replace(/ /g, '').slice(4, 12) && v.slice(0, 2) === o.slice(0, 2),
  },
  balance: { change: 'most', applies: (o) => num(o) !== 0, shape: (v, o) => num(v) >= 0 && withinPercent(10)(v, o) },
  score: { change: 'most', shape: (v, o) => Math.abs(num(v)) <= 999.99 && Math.abs(num(v) - num(o)) <= 100 + 1e-9 },
  ip: { change: 'all', shape: (v, o) => isIPv4(v) && v.split('.')[0] === o.split('.')[0] },
  ip6: { change: 'all', shape: (v) => isIPv6(v) },
  mac: {
    change: 'all',
    shape: (v, o) => hexShape(v) === hexShape(o) && v.replace(/[^0-9a-f]/gi, '').slice(0, 6) === o.replace(/[^0-9a-f]/gi, '').slice(0, 6),
  },
  homepage: {
    change: 'all',
    applies: (o) => /^[a-z]+:\/\/[^/?#]+[/?]./.test(o),
    shape: (v, o) => v.split('/').slice(0, 3).join('/') === o.split('/').slice(0, 3).join('/'),
  },
  company_domain: { change: 'all', shape: (v) => new RegExp(`^${TAG}\\.[a-z]+-[a-z]+\\.[a-z]+$`).test(v) },
  user_agent: { change: 'all', shape: (v) => v.length <= 200 && /^[A-Za-z]+\/\d/.test(v) },
  ext_id: { change: 'all', shape: (v) => UUID_V4_RE.test(v) },
  legacy_ref: { change: 'all', shape: (v) => /^\{[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}\}$/.test(v) },
  ssn: { change: 'all', shape: (v, o) => /^\d{3}-\d{2}-\d{4}$/.test(v) && v.slice(-4) === o.slice(-4) },
  account_no: { change: 'all', shape: (v, o) => /^\d+$/.test(v) && v.length === o.length },
  ref_code: { change: 'all', applies: (o) => o.replace(/[^0-9A-Za-z]/g, '').length >= 4, shape: (v, o) => charShape(v) === charShape(o) },
  api_token: { change: 'all', shape: (v) => /^[0-9a-f]{32}$/.test(v) },
  secret_note: { change: 'null' },
  created_by: { change: 'keep' },
  internal_note: { change: 'fixed', value: 'redacted: it\'s "fine" \\ back\tslash' },
  card_display: { change: 'all', applies: (o) => Array.from(o).length > 8, shape: (v, o) => v === masked(o, 4, 4, '#', false) },
  loyalty_no: { change: 'all', shape: (v) => /^\d+$/.test(v) && num(v) >= 100000 && num(v) <= 99999999 },
  signup_at: {
    change: 'all',
    shape: (v, o) => {
      const d = epochMs(v) - epochMs(o);
      return d % DAY === 0 && Math.abs(d) >= 30 * DAY && Math.abs(d) <= 365 * DAY;
    },
  },
  bio: { change: 'all', shape: (v, o) => Array.from(v).length <= Array.from(o).length && !/\d/.test(v) },
  // a draw from the 4 labels of the ENUM (read from the DDL): a quarter of rows draw their own label
  tier: { change: 'most', min: 0.5, shape: (v) => MY_TIERS.includes(v) },
  support_note: {
    change: 'all',
    applies: (o) => o.includes('@'),
    shape: (v, o) => v === o.replace(MY_SUPPORT_RE, '[email]'),
  },
  greeting: {
    change: 'all',
    shape: (v, _o, r, o) => v === `${r.first_name ?? ''} ${(r.last_name ?? '').toUpperCase()} (${firstCodePoint(o.first_name ?? '')}.)`,
  },
  handle: { change: 'all', shape: (v, _o, r) => new RegExp(`^${TAG}@${asciiSlug(r.last_name ?? '')}$`).test(v) },
  profile: { change: 'all', applies: (o) => o.startsWith('{') && /"(contact|home address|phones|bank|cards|meta|score|deep)"/.test(o) },
};

function checkMyProfile(id: string, before: unknown, after: unknown, maskedEmail: string | null, origEmail: string | null): void {
  const at = `people.profile id=${id}`;
  if (before === null || typeof before !== 'object' || Array.isArray(before)) {
    expect(after, at).toEqual(before);
    return;
  }
  const b = structuredClone(before) as Record<string, any>;
  const a = structuredClone(after) as Record<string, any>;
  if (typeof b.contact?.email === 'string') {
    expect(a.contact.email, `${at} $.contact.email`).toMatch(EMAIL_RE);
    if (b.contact.email === origEmail) expect(a.contact.email, `${at}: same address as the email column, same fake`).toBe(maskedEmail);
    delete a.contact.email;
    delete b.contact.email;
  }
  if (typeof b.contact?.name === 'string') {
    expect(a.contact.name, `${at} $.contact.name`).not.toBe(b.contact.name);
    delete a.contact.name;
    delete b.contact.name;
  }
  for (const key of ['city', 'street']) {
    if (typeof b['home address']?.[key] === 'string') {
      expect(a['home address'][key], `${at} $['home address'].${key}`).not.toBe(b['home address'][key]);
      delete a['home address'][key];
      delete b['home address'][key];
    }
  }
  if (Array.isArray(b.phones) && b.phones.length > 1) {
    expect(phoneShape(a.phones[1], b.phones[1]), `${at} $.phones[1] ${b.phones[1]} → ${a.phones[1]}`).toBe(true);
    expect(a.phones[1]).not.toBe(b.phones[1]);
    a.phones[1] = b.phones[1];
  }
  // $..iban at any depth
  const ibanHolders = (o: Record<string, any>): Record<string, any>[] =>
    Object.values(o).flatMap((v) => (v && typeof v === 'object' ? ibanHolders(v) : [])).concat('iban' in o ? [o] : []);
  const bh = ibanHolders(b);
  const ah = ibanHolders(a);
  expect(ah.length, `${at}: iban keys`).toBe(bh.length);
  bh.forEach((h, i) => {
    expect(ibanValid(ah[i].iban), `${at} iban ${h.iban} → ${ah[i].iban}`).toBe(true);
    expect(ah[i].iban).not.toBe(h.iban);
    delete ah[i].iban;
    delete h.iban;
  });
  if (Array.isArray(b.cards)) {
    b.cards.forEach((c: Record<string, string>, i: number) => {
      expect(luhnValid(a.cards[i].number), `${at} $.cards[${i}].number ${a.cards[i].number}`).toBe(true);
      expect(a.cards[i].number).not.toBe(c.number);
      delete a.cards[i].number;
      delete c.number;
    });
  }
  if (b.meta && typeof b.meta === 'object') {
    for (const k of Object.keys(b.meta)) {
      expect(a.meta[k], `${at} $.meta.${k}`).toBeNull();
      delete a.meta[k];
      delete b.meta[k];
    }
  }
  if (typeof b.score === 'number') {
    expect(Number.isInteger(a.score) && a.score >= 1 && a.score <= 1000, `${at} $.score ${a.score}`).toBe(true);
    delete a.score;
    delete b.score;
  }
  expect(a, `${at}: everything outside the ruled paths is unchanged`).toEqual(b);
}

describeWithService('MariaDB', 'every transformer: mariadb-dump → veil-stream → mariadb restore (strict mode)', () => {
  const prefix = `vta_${process.pid}_`;
  const srcDb = `${prefix}src`;
  const outDb = `${prefix}out`;
  let work = '';
  let src: Dataset;
  let out: Dataset;
  let stderr = '';

  beforeAll(async () => {
    // databases of earlier runs whose process is gone
    await dropDeadScratchDbs('vta');
    work = await mkdtemp(join(tmpdir(), 'veil-it-all-my-'));
    await sql(`CREATE DATABASE \`${srcDb}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await loadFile(MY_SQL, srcDb);
    src = await myDataset(srcDb);

    const dumpFile = join(work, 'dump.sql');
    const maskedFile = join(work, 'masked.sql');
    await dump('mariadb-dump', [], [srcDb], dumpFile);
    const r = await runVeil([MY_RULES, '-i', dumpFile, '-o', maskedFile, '--seed', SEED]);
    stderr = r.stderr;
    if (r.code !== 0) throw new Error(`veil-stream exited with ${r.code}:\n${r.stderr}`);
    await makeRestoreStrict(maskedFile);
    await sql(`CREATE DATABASE \`${outDb}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await loadFile(maskedFile, outDb);
    out = await myDataset(outDb);
  });

  afterAll(async () => {
    for (const db of [srcDb, outDb]) await sql(`DROP DATABASE IF EXISTS \`${db}\``);
    if (work && !process.env.KEEP) await rm(work, { recursive: true, force: true });
  });

  it('the source holds the generated and the hand-written rows', () => {
    expect(src.people).toHaveLength(306);
    expect(src.orders).toHaveLength(404);
    expect(Object.keys(src.people[0]).filter((c) => c !== 'id').sort()).toEqual(Object.keys(MY_SPECS).sort());
  });

  it('every column of people has a rule, and every rule an expectation here', async () => {
    const rules = await readRules(MY_RULES);
    expect(Object.keys(rules.tables.people.columns ?? {}).sort()).toEqual(Object.keys(MY_SPECS).sort());
  });

  it('masks without a rules error or a type mismatch, and the strict restore keeps every row', () => {
    expect(stderr).not.toMatch(/RULES?_|MISMATCH|error/i);
    expect(out.people).toHaveLength(src.people.length);
    expect(out.orders).toHaveLength(src.orders.length);
    expect(out.people.map((r) => r.id)).toEqual(src.people.map((r) => r.id));
  });

  it('switch: each settings row gets the rule its option_name picks; the other rows are unchanged', () => {
    checkSettings(src.settings, out.settings);
  });

  it('every ruled column changed as its transformer says, NULLs and empty strings kept, shapes valid', () => {
    const checked = checkColumns(MY_SPECS, src.people, out.people);
    expect(checked).toBeGreaterThan(40 * 250);
  });

  it('UNIQUE columns (known from the DDL, no "unique" in the rules) hold distinct fakes, also under the case-insensitive collation', async () => {
    expectUniqueValues(out.people, MY_UNIQUE);
    const counts = MY_UNIQUE.map((c) => `COUNT(\`${c}\`) - COUNT(DISTINCT \`${c}\`)`).join(', ');
    const [row] = await sql(`SELECT ${counts} FROM \`${outDb}\`.people`);
    expect(Object.fromEntries(MY_UNIQUE.map((c, i) => [c, Number(row[i])]))).toEqual(Object.fromEntries(MY_UNIQUE.map((c) => [c, 0])));
  });

  it('json paths: each selected value masked by its nested rule, everything else unchanged', () => {
    const restored = byId(out.people);
    for (const o of src.people) {
      const r = restored.get(o.id!)!;
      if (o.profile === null) continue;
      checkMyProfile(o.id!, JSON.parse(o.profile), JSON.parse(r.profile!), r.email, o.email);
    }
  });

  it('orders: the same e-mail maps to the same fake in both tables (every foreign key still matches)', async () => {
    const people = byId(out.people);
    const restored = byId(out.orders);
    for (const o of src.orders) {
      const r = restored.get(o.id!)!;
      expect(r.person_id).toBe(o.person_id);
      expect(r.note).toBe(o.note);
      if (o.customer_email === null) expect(r.customer_email).toBeNull();
      else expect(r.customer_email, `orders.customer_email id=${o.id}`).toBe(people.get(o.person_id!)!.email);
      expect(num(r.amount!)).toBeGreaterThan(0);
    }
    // the dump restores with foreign_key_checks off: ask the server whether each one still holds
    const [[orphans]] = await sql(
      `SELECT COUNT(*) FROM \`${outDb}\`.orders o LEFT JOIN \`${outDb}\`.people p ON p.email = o.customer_email WHERE o.customer_email IS NOT NULL AND p.id IS NULL`,
    );
    expect(Number(orphans)).toBe(0);
  });
});
