#!/usr/bin/env node
// Transformer micro-bench: values/s per transformer, bound the way the plan binds them (validate →
// bindRule → apply), on realistic originals, after `npm run build` (imports dist/).
//
//   node bench/transformers.mjs                       every transformer, median of 5 rounds of 300 ms
//   node bench/transformers.mjs --only email,phone --rounds 9 --ms 500
//   node bench/transformers.mjs --lru                 also: with vs without an LRU of recent originals
//   node bench/transformers.mjs --lru --distinct      the LRU's cost when nothing repeats
//   node bench/transformers.mjs --json                machine-readable
//
// Inputs: 20 000 distinct originals per transformer, cycled (no cache is involved unless --lru).
// Transformers with a byte path (the plan's route for fields that are raw UTF-8 in the dump) are also
// measured through it, on the same originals as UTF-8 bytes.
// Rates are per CPU second of this process (steady on a shared machine) and per wall-clock second.
// The LRU section draws 1e6 originals from a Zipf(1.0) distribution over 100 000 distinct values
// (about what contact emails in an orders table or names look like), decodes each from bytes like
// the plan does, and compares values/s with and without a two-generation LRU (src/transformers/lru.ts).
import os from 'node:os';
import { packUtf8 } from './lib/bytes.mjs';
import { parseArgs } from './lib/cli.mjs';
import { distPaths } from './lib/dist.mjs';
import { createRng } from './lib/prng.mjs';

const dist = distPaths('transformers/registry.js');
const { validateColumnRule } = await import(dist('rules/load.js'));
const { bindRule } = await import(dist('transformers/bind.js'));
const { TRANSFORMERS } = await import(dist('transformers/registry.js'));
const { Keyring } = await import(dist('seed/keyring.js'));
const { loadLocales } = await import(dist('seed/faker.js'));
const { withLru } = await import(dist('transformers/lru.js'));

const args = parseArgs(process.argv.slice(2), { flags: ['lru', 'distinct', 'json', 'help', 'h'] });
if (args.help || args.h) {
  console.log('usage: node bench/transformers.mjs [--only a,b] [--rounds 5] [--ms 300] [--lru] [--json]');
  process.exit(0);
}
const ROUNDS = Number(args.rounds ?? 5);
const MS = Number(args.ms ?? 300);
const N = 20_000;
const rng = createRng('veil-bench-transformers');
const pick = (a) => a[rng.int(a.length)];
const digits = (n) => Array.from({ length: n }, () => rng.int(10)).join('');
const FIRST = ['James', 'Mary', 'Zoë', 'José', 'Łukasz', "D'Andre", 'Ana María', 'Yuki', 'Алексей', 'Priya'];
const LAST = ['Smith', "O'Brien", 'Müller', 'García', 'van der Berg', 'Tanaka', 'Иванов', 'Nguyễn', 'Okafor', 'Rossi'];
const luhnDigit = (body) => {
  let sum = 0;
  for (let k = 0; k < body.length; k++) {
    let d = Number(body[body.length - 1 - k]);
    if (k % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
};
const date = () => new Date(Date.UTC(1940, 0, 1) + rng.int(80 * 365) * 86400000).toISOString().slice(0, 10);

/** name → [rule spec, original generator, column type?] */
const CASES = {
  'first-name': ['first-name', () => pick(FIRST)],
  'last-name': ['last-name', () => pick(LAST)],
  'full-name': ['full-name', (i) => `${pick(FIRST)} ${pick(LAST)} ${i}`],
  username: ['username', (i) => `jdoe${i}`],
  email: ['email', (i) => `${pick(FIRST).toLowerCase()}.${i}@acme.example`],
  phone: ['phone', () => `+1 (${digits(3)}) ${digits(3)}-${digits(4)}`],
  'date-of-birth': ['date-of-birth', date],
  'street-address': ['street-address', (i) => `${i} Main St`],
  city: ['city', (i) => `Springfield ${i}`],
  zip: ['zip', () => digits(5)],
  state: ['state', () => pick(['CA', 'California', 'TX', 'Bavaria'])],
  country: ['country', () => pick(['France', 'FR', 'Germany', 'DEU'])],
  latitude: ['latitude', () => (rng.int(180_000_000) / 1e6 - 90).toFixed(6)],
  longitude: ['longitude', () => (rng.int(360_000_000) / 1e6 - 180).toFixed(6)],
  'credit-card': ['credit-card', () => {
    const body = `411111${digits(9)}`;
    return body + luhnDigit(body);
  }],
  iban: ['iban', () => `DE${digits(2)} ${digits(4)} ${digits(4)} ${digits(4)} ${digits(4)} ${digits(2)}`],
  noise: ['noise', () => `${rng.int(100000)}.${digits(2)}`],
  ipv4: ['ipv4', () => `${rng.int(256)}.${rng.int(256)}.${rng.int(256)}.${rng.int(256)}`],
  ipv6: ['ipv6', () => `2001:db8:${rng.int(65536).toString(16)}::${rng.int(65536).toString(16)}`],
  mac: ['mac', () => Array.from({ length: 6 }, () => rng.int(256).toString(16).padStart(2, '0')).join(':')],
  url: ['url', (i) => `https://shop.example/u/${i}?ref=mail`],
  domain: ['domain', (i) => `acme${i}.io`],
  'user-agent': ['user-agent', (i) => `curl/8.${i}`],
  uuid: ['uuid', () => crypto.randomUUID()],
  digits: ['digits', () => `${digits(3)}-${digits(2)}-${digits(4)}`],
  'format-preserving': ['format-preserving', () => `AB-${digits(6)}-x`],
  hash: ['hash', (i) => `user${i}@example.org`],
  null: ['null', (i) => String(i)],
  keep: ['keep', (i) => String(i)],
  fixed: [{ transformer: 'fixed', value: 'x' }, (i) => String(i)],
  mask: [{ transformer: 'mask', keepLast: 4 }, () => digits(16)],
  'int-range': ['int-range', (i) => String(i + 1), { raw: 'integer', kind: 'integer' }],
  'date-shift': ['date-shift', () => `${date()} 10:22:33.123+02`],
  text: ['text', (i) => `Call me after ${i} please, the door code is 4711.`],
  choice: [{ transformer: 'choice', values: ['bronze', 'silver', 'gold'] }, (i) => String(i)],
  'regex-replace': [{ transformer: 'regex-replace', pattern: '\\d+' }, (i) => `Order ${i} for Jane`],
  template: [{ transformer: 'template', template: '{{masked.first_name|slug}}.{{tag}}@example.com' }, (i) => String(i)],
  json: [
    { transformer: 'json', paths: { '$.email': 'email', '$.phone': 'phone', '$.address.city': 'city' } },
    (i) => `{"email": "user${i}@acme.example", "phone": "+1 555 ${digits(7)}", "address": {"street": "${i} Main St", "city": "Paris", "zip": "75001"}, "prefs": {"newsletter": true, "tags": ["a", "b"]}}`,
  ],
  array: [{ transformer: 'array', element: 'email' }, (i) => `{user${i}@a.example,"x ${i}@b.example",NULL}`],
};

const keyring = new Keyring('bench-secret');
const ROW = { original: (c) => (c === 'first_name' ? 'Jane' : undefined), masked: (c) => (c === 'first_name' ? 'Maria' : undefined) };

/** Bind like the plan does; `noCache` binds without bindRule's adaptive LRU. */
function bound(spec, type, noCache = false) {
  let rule = validateColumnRule('col', spec, '$', (p, m) => {
    throw new Error(`${p}: ${m}`);
  });
  if (noCache) rule = { ...rule, transformer: { ...rule.transformer, cache: false } };
  return bindRule(rule, { name: 'col', type }, { keyring, dialect: 'postgres', table: { schema: 'public', name: 't' } });
}

/**
 * values/s of `apply` over `inputs` (cycled), median of ROUNDS rounds of MS ms, both per wall-clock
 * second and per CPU second of this process (user + sys): on a shared machine the wall-clock rate
 * includes the time other processes held the CPU, the CPU rate does not.
 */
function measure(apply, inputs) {
  for (let i = 0; i < Math.min(inputs.length, 5000); i++) apply(inputs[i]); // warm-up
  const wall = [];
  const cpu = [];
  let sink = 0;
  for (let r = 0; r < ROUNDS; r++) {
    let n = 0;
    const t0 = process.hrtime.bigint();
    const c0 = process.cpuUsage();
    let dt = 0;
    do {
      for (let k = 0; k < 1000; k++) {
        const out = apply(inputs[(n + k) % inputs.length]);
        sink += out === null ? 0 : out.length;
      }
      n += 1000;
      dt = Number(process.hrtime.bigint() - t0) / 1e6;
    } while (dt < MS);
    const c = process.cpuUsage(c0);
    wall.push((n / dt) * 1000);
    cpu.push(n / ((c.user + c.system) / 1e6));
  }
  if (sink === -1) console.log('');
  const med = (a) => a.sort((x, y) => x - y)[Math.floor(a.length / 2)];
  return { median: med(cpu), wall: med(wall), min: Math.min(...cpu), max: Math.max(...cpu) };
}

const only = args.only ? new Set(String(args.only).split(',')) : undefined;
const missing = TRANSFORMERS.map((t) => t.name).filter((n) => !CASES[n]);
if (missing.length) console.error(`no bench case for: ${missing.join(', ')}`);
await loadLocales(['en']);

const results = [];
for (const [name, [spec, gen, type]] of Object.entries(CASES)) {
  if (only && !only.has(name)) continue;
  const inputs = Array.from({ length: N }, (_, i) => gen(i));
  const b = bound(spec, type);
  const m = measure((v) => b.apply(v, ROW), inputs);
  // The byte path (what the plan uses for raw UTF-8 fields): the same inputs as bytes in one buffer.
  let bytePath;
  if (b.applyBytes) {
    const { all, starts } = packUtf8(inputs);
    const out = new Uint8Array(4096);
    // Only the originals the byte path takes: one that declines (-1) goes the string route in the plan,
    // and timing the decline would report a rate no value gets.
    const idx = inputs.map((_, i) => i).filter((i) => b.applyBytes(all, starts[i], starts[i + 1], out) >= 0);
    const declined = inputs.length - idx.length;
    bytePath = idx.length === 0 ? { declined } : { ...measure((i) => ({ length: b.applyBytes(all, starts[i], starts[i + 1], out) }), idx), declined };
  }
  results.push({ name, spec, ...m, bytePath });
  if (!args.json) console.error(`${name.padEnd(18)} ${fmt(m.median)}${bytePath ? `  byte path ${bytePathText(bytePath, N)}` : ''}`);
}

/** The byte path's rate (and ns per value), and how many of the n originals it declined. */
function bytePathText(bp, n, ns = false) {
  if (bp.median === undefined) return `declines all ${fmt(n)} (string path)`;
  const rate = ns ? `${fmt(bp.median)} (${Math.round(1e9 / bp.median)})` : fmt(bp.median);
  return bp.declined > 0 ? `${rate}, ${fmt(bp.declined)} of ${fmt(n)} declined` : rate;
}

function fmt(x) {
  return Math.round(x).toLocaleString('en-US');
}

/** Zipf(s) sample of `count` indices over [0, n): inverse CDF by binary search. */
function zipf(n, s, count) {
  const cdf = new Float64Array(n);
  let acc = 0;
  for (let k = 0; k < n; k++) cdf[k] = acc += 1 / (k + 1) ** s;
  const out = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const u = (rng.next() / 4294967296) * acc;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid] < u) lo = mid + 1;
      else hi = mid;
    }
    out[i] = lo;
  }
  return out;
}

const lru = [];
if (args.lru) {
  const POOL = 100_000;
  const idx = args.distinct ? Int32Array.from({ length: POOL }, (_, i) => i) : zipf(POOL, 1.0, 1_000_000);
  const distinctSeen = new Set(idx).size;
  for (const name of ['full-name', 'email', 'phone', 'credit-card', 'street-address', 'text', 'json']) {
    if (only && !only.has(name)) continue;
    const [spec, gen, type] = CASES[name];
    // Each original is decoded from bytes as the plan does, so every value is a fresh string (a
    // repeated string object would have its hash cached by V8 and flatter the cache).
    const pool = Array.from({ length: POOL }, (_, i) => Buffer.from(gen(i), 'utf8'));
    const stream = Array.from(idx, (k) => pool[k]);
    const plain = bound(spec, type, true);
    const without = measure((buf) => plain.apply(buf.toString('utf8'), ROW), stream);
    const row = { cap: 0 };
    const perCap = [];
    for (const cap of [1024, 8192]) {
      const b = bound(spec, type, true);
      // the cache sits around the bound rule, as bindRule places it (here: never switching off)
      const cached = withLru((v) => b.apply(v, ROW), { capacity: cap, minHitRatio: 0 });
      const ctx = {};
      const m = measure((buf) => cached(buf.toString('utf8'), ctx), stream);
      const total = cached.stats.hits + cached.stats.misses;
      perCap.push({ cap, ...m, hitRatio: cached.stats.hits / total });
      row.cap = cap;
    }
    {
      // the adaptive cache as bindRule uses it (capacity 1024, off below 40% hits)
      const cached = withLru((v) => plain.apply(v, ROW));
      const ctx = {};
      const m = measure((buf) => cached(buf.toString('utf8'), ctx), stream);
      const total = cached.stats.hits + cached.stats.misses + cached.stats.bypassed;
      perCap.push({ cap: 'adaptive', ...m, hitRatio: cached.stats.hits / total });
    }
    lru.push({ name, without, withLru: perCap });
    if (!args.json) console.error(`lru ${name.padEnd(15)} ${fmt(without.median)} → ${perCap.map((p) => `${fmt(p.median)} (cap ${p.cap}, hits ${(100 * p.hitRatio).toFixed(0)}%)`).join(', ')}`);
  }
  lru.distinct = distinctSeen;
}

const load = os.loadavg().map((x) => x.toFixed(2)).join(' ');
if (args.json) {
  console.log(JSON.stringify({ node: process.version, cpus: os.cpus().length, load, rounds: ROUNDS, ms: MS, results, lru }, null, 2));
} else {
  console.log(`\n${new Date().toISOString().slice(0, 16)}Z · ${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'} · Node ${process.version} · load ${load} · median of ${ROUNDS} × ${MS} ms\n`);
  console.log('| transformer | values per CPU s (median) | CPU ns/value | min–max per CPU s | values per wall s | byte path: values per CPU s (ns/value) |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const r of results) {
    const bp = r.bytePath ? bytePathText(r.bytePath, N, true) : '–';
    console.log(`| ${r.name} | ${fmt(r.median)} | ${Math.round(1e9 / r.median)} | ${fmt(r.min)}–${fmt(r.max)} | ${fmt(r.wall)} | ${bp} |`);
  }
  if (lru.length) {
    console.log(args.distinct ? '\nLRU: 100 000 distinct originals, no repeats\n' : `\nLRU: 1e6 originals, Zipf(1.0) over 100 000 distinct (${lru.distinct} distinct drawn)\n`);
    console.log('| transformer | no cache, values per CPU s | LRU 1024: values per CPU s (hits) | LRU 8192: values per CPU s (hits) | adaptive LRU 1024 (hits) |');
    console.log('| --- | ---: | ---: | ---: | ---: |');
    for (const r of lru) {
      console.log(`| ${r.name} | ${fmt(r.without.median)} | ${r.withLru.map((p) => `${fmt(p.median)} (${(100 * p.hitRatio).toFixed(0)}%)`).join(' | ')} |`);
    }
  }
}
