#!/usr/bin/env node
// Checks a masked dump against its original, row by row, with a reader of its own (no veil-stream code):
//   - the same tables, in the same order, with the same number of rows;
//   - every column the rules do not name: byte for byte the same value;
//   - ruled columns: NULL stays NULL (and a value stays a value, except under "null");
//   - json rules: the document still parses, keeps every leaf its paths do not reach, unchanged, and
//     gets no new ones; the leaves they reach are counted as changed or not.
// Ruled values that come out equal to the original are counted, not failed (a fake may equal it);
// empty strings and NULLs are counted apart.
//
//   node bench/check.mjs --rules bench/rules/mysql-heavy.json ORIGINAL.sql MASKED.sql   (MASKED may be -)
//   options: --dialect mysql|postgres (default: from the dump's first bytes)  --json
// Exit 0 when the check passes, 1 when it fails (the first problems are printed), 2 on bad usage.

import fs from 'node:fs';
import { parseArgs } from './lib/cli.mjs';
import { DumpRows } from './lib/dump-rows.mjs';

const args = parseArgs(process.argv.slice(2), { flags: ['json', 'help', 'h'] });
if (args.help || args.h || args._.length !== 2 || !args.rules) {
  process.stderr.write('usage: node bench/check.mjs --rules RULES.json [--dialect mysql|postgres] [--json] ORIGINAL.sql MASKED.sql|-\n');
  process.exit(args.help || args.h ? 0 : 2);
}
const [origPath, maskedPath] = args._;
const rules = JSON.parse(fs.readFileSync(args.rules, 'utf8'));
const dialect = args.dialect ?? sniff(origPath);
const mysql = dialect === 'mysql';

const MAX_PROBLEMS = 10;
const problems = [];
let problemCount = 0;
const problem = (msg) => {
  problemCount++;
  if (problems.length < MAX_PROBLEMS) problems.push(msg);
};

const a = new DumpRows(fs.openSync(origPath, 'r'), { mysql });
const b = new DumpRows(maskedPath === '-' ? 0 : fs.openSync(maskedPath, 'r'), { mysql });
/** table → { rows, columns: name → { changed, same, empty, nulls }, json: { docs, ruledChanged, ruledSame, kept } } */
const tables = new Map();
let rows = 0;
/** json rule → its compiled paths (pathsOf) */
const compiled = new WeakMap();

for (;;) {
  const x = a.next();
  const y = b.next();
  if (x === null || y === null) {
    if (x !== null) problem(`the masked dump ends early: ${x.table} row ${stat(x.table).rows + 1} and more are missing`);
    if (y !== null) problem(`the masked dump has rows the original does not (${y.table})`);
    break;
  }
  if (x.table !== y.table) {
    problem(`row ${rows + 1}: table ${y.table} in the masked dump where the original has ${x.table}`);
    break;
  }
  rows++;
  const st = stat(x.table);
  st.rows++;
  const where = () => `${x.table} row ${st.rows} (masked dump line ${b.line})`;
  if (x.fields.length !== y.fields.length) {
    problem(`${where()}: ${y.fields.length} fields, the original has ${x.fields.length}`);
    continue;
  }
  const tableRules = rulesOf(x.table);
  for (let i = 0; i < x.fields.length; i++) {
    const col = x.columns[i];
    const rule = tableRules?.[col];
    const u = x.fields[i];
    const v = y.fields[i];
    if (rule === undefined) {
      if (u !== v) problem(`${where()}: column ${col} has no rule but changed: ${show(u)} → ${show(v)}`);
      continue;
    }
    const name = typeof rule === 'string' ? rule : rule.transformer;
    const cs = st.columns.get(col) ?? st.columns.set(col, { changed: 0, same: 0, empty: 0, nulls: 0 }).get(col);
    if (u === null || v === null) {
      if (u === null && v !== null) problem(`${where()}: column ${col} was NULL and became ${show(v)}`);
      if (u !== null && v === null && name !== 'null') problem(`${where()}: column ${col} became NULL under "${name}"`);
      if (u === null) cs.nulls++;
      continue;
    }
    if (u === '') cs.empty++;
    else if (u === v) cs.same++;
    else cs.changed++;
    if (name === 'json' && rule.paths) checkJson(st.json, u, v, pathsOf(rule), () => `${where()}: column ${col}`);
  }
}

const report = {
  ok: problemCount === 0,
  dialect,
  rows,
  maskedBytes: b.bytes,
  tables: Object.fromEntries(
    [...tables].map(([t, s]) => [t, { rows: s.rows, columns: Object.fromEntries(s.columns), ...(s.json.docs ? { json: s.json } : {}) }]),
  ),
  problems: problemCount,
  firstProblems: problems,
};
if (args.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
else {
  for (const [t, s] of tables) {
    // the share changed of the values neither NULL nor empty
    const cols = [...s.columns].map(([c, v]) => `${c} ${pct(v.changed, v.changed + v.same)} changed`);
    const js = s.json.docs ? `; json: ${s.json.docs} docs, ${s.json.kept} unruled leaves kept, ruled leaves ${pct(s.json.ruledChanged, s.json.ruledChanged + s.json.ruledSame)} changed` : '';
    process.stdout.write(`${t}: ${s.rows} rows${cols.length ? `; ${cols.join(', ')}` : ''}${js}\n`);
  }
  process.stdout.write(report.ok ? `check passed: ${rows} rows\n` : `check FAILED: ${problemCount} problems\n${problems.map((p) => `  ${p}`).join('\n')}\n`);
}
process.exit(report.ok ? 0 : 1);

function stat(table) {
  let s = tables.get(table);
  if (!s) {
    s = { rows: 0, columns: new Map(), json: { docs: 0, kept: 0, ruledChanged: 0, ruledSame: 0 } };
    tables.set(table, s);
  }
  return s;
}

/** The rules' columns for a table named as the dump names it (schema-qualified or not). */
function rulesOf(table) {
  const t = rules.tables ?? {};
  const short = table.includes('.') ? table.slice(table.indexOf('.') + 1) : table;
  return (t[table] ?? t[short] ?? t[`public.${short}`])?.columns;
}

/** A json rule's compiled paths, once per rule (not once per document). */
function pathsOf(rule) {
  let p = compiled.get(rule);
  if (p === undefined) compiled.set(rule, (p = compilePaths(Object.keys(rule.paths))));
  return p;
}

/** JSON paths as lists of steps: a key, an index, or '*' ($.a.b, $.a[*], $.a[0], $.*); null for other syntax. */
function compilePaths(paths) {
  return paths.map((p) => {
    if (p === '$') return [];
    if (!/^\$(\.[A-Za-z_$][\w$]*|\.\*|\[\*\]|\[\d+\])+$/.test(p)) return null;
    return [...p.matchAll(/\.([A-Za-z_$][\w$]*)|\.\*|\[\*\]|\[(\d+)\]/g)].map((m) => (m[1] !== undefined ? m[1] : m[2] !== undefined ? Number(m[2]) : '*'));
  });
}

/** Whether `pattern` reaches the leaf at `path` (the leaf itself, or a subtree holding it). */
function reaches(pattern, path) {
  if (pattern.length > path.length) return false;
  for (let i = 0; i < pattern.length; i++) if (pattern[i] !== '*' && pattern[i] !== path[i]) return false;
  return true;
}

function checkJson(js, u, v, patterns, where) {
  let d1;
  try {
    d1 = JSON.parse(u);
  } catch {
    return; // not JSON in the original: onInvalid decides, nothing to compare
  }
  js.docs++;
  let d2;
  try {
    d2 = JSON.parse(v);
  } catch {
    problem(`${where()}: the masked document is not JSON: ${show(v)}`);
    return;
  }
  if (patterns.some((p) => p === null)) return; // paths this reader does not follow: the document parses, no more
  const l1 = leaves(d1);
  const l2 = leaves(d2);
  const ruled = (path) => patterns.some((p) => reaches(p, path));
  for (const [k, [path, val]] of l1) {
    if (ruled(path)) {
      if (l2.has(k) && l2.get(k)[1] === val) js.ruledSame++;
      else js.ruledChanged++;
      continue;
    }
    if (!l2.has(k)) problem(`${where()}: the unruled leaf ${k} is missing: ${show(u)} → ${show(v)}`);
    else if (l2.get(k)[1] !== val) problem(`${where()}: the unruled leaf ${k} changed: ${show(u)} → ${show(v)}`);
    else js.kept++;
  }
  for (const [k, [path]] of l2) if (!l1.has(k) && !ruled(path)) problem(`${where()}: a new leaf ${k}: ${show(u)} → ${show(v)}`);
}

/** Every leaf (scalar, or empty object or array) of a document: key "a.b.0" → [path, JSON text]. */
function leaves(doc, path = [], out = new Map()) {
  if (doc !== null && typeof doc === 'object') {
    const entries = Array.isArray(doc) ? doc.map((x, i) => [i, x]) : Object.entries(doc);
    if (entries.length === 0) out.set(path.join('.'), [path, JSON.stringify(doc)]);
    for (const [k, x] of entries) leaves(x, [...path, k], out);
  } else out.set(path.join('.'), [path, JSON.stringify(doc)]);
  return out;
}

function sniff(file) {
  const fd = fs.openSync(file, 'r');
  const head = Buffer.alloc(8192);
  const n = fs.readSync(fd, head, 0, head.length, 0);
  fs.closeSync(fd);
  return /MySQL dump|MariaDB dump|CREATE TABLE `/.test(head.toString('utf8', 0, n)) ? 'mysql' : 'postgres';
}

function show(s) {
  if (s === null) return 'NULL';
  return JSON.stringify(s.length > 160 ? `${s.slice(0, 160)}…` : s);
}

function pct(n, d) {
  return d === 0 ? '-' : `${((100 * n) / d).toFixed(1)}%`;
}
