#!/usr/bin/env node
// Bench runner: generates (or reuses) an input dump, then measures in one run, each N times:
//   cat IN | cat > /dev/null                                    (the pipe floor)
//   cat IN | node bench/passthrough.mjs | cat > /dev/null       (the Node stream floor)
//   cat IN | <veil cmd> RULES --seed bench | cat > /dev/null    (none / typical / heavy rules)
// and prints a Markdown table: median wall seconds, MB/s (1 MB = 1e6 bytes), peak RSS and CPU time of
// the middle process (via /usr/bin/time), time ratios to cat and to the Node pass-through.
//
//   node bench/run.mjs --dialect postgres --layout copy --size 1GB [--runs 3] [--keep]
//   node bench/run.mjs --dialect mysql --layout oneline --sizes 100MB,1GB,2GB --rules typical
//   options: --cmd "node bin/veil-stream.js"  --cases cat,node,none,typical,heavy  --seed 42
//            --append bench/RESULTS.md  --input FILE  --veil-args "--dialect mysql"  --verify  --no-snapshot
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync, execSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs, parseSize, sizeTag } from './lib/cli.mjs';
import { machineInfo, renderTable } from './lib/report.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.dirname(HERE);
const OUT_DIR = path.join(HERE, 'out');
const TIME = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
const sh = (s) => `'${String(s).replace(/'/g, `'\\''`)}'`;

const args = parseArgs(process.argv.slice(2), { flags: ['keep', 'verify', 'help', 'h', 'quiet', 'no-snapshot'] });
if (args.help || args.h) {
  process.stdout.write(fs.readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(1, 14)
    .map((l) => l.replace(/^\/\/ ?/, '')).join('\n') + '\n');
  process.exit(0);
}
const dialect = args.dialect ?? 'postgres';
const layout = args.layout ?? (dialect === 'mysql' ? 'extended' : 'copy');
const runs = Math.max(1, Number(args.runs ?? 3));
const seed = String(args.seed ?? '42');
const DEFAULT_CMD = 'node bin/veil-stream.js';
let cmd = args.cmd ?? DEFAULT_CMD;
const veilArgs = args['veil-args'] ?? '';
const sizes = args.input ? [null] : String(args.sizes ?? args.size ?? '1GB').split(',').map(parseSize);
const ruleSets = String(args.rules ?? (args.sizes ? 'typical' : 'none,typical,heavy')).split(',');
const caseNames = args.cases ? String(args.cases).split(',') : ['cat', 'node', ...ruleSets];
const log = (s) => { if (!args.quiet) process.stderr.write(s + '\n'); };

/** The shell pipeline for a case; the middle command runs under /usr/bin/time. */
function pipeline(name, input, timeFile) {
  const timed = (c) => (TIME ? `${TIME} -f '%M %U %S' -o ${sh(timeFile)} ${c}` : c);
  if (name === 'cat') return `cat ${sh(input)} | ${timed('cat')} > /dev/null`;
  if (name === 'node') return `cat ${sh(input)} | ${timed('node ' + sh(path.join(HERE, 'passthrough.mjs')))} | cat > /dev/null`;
  const rules = path.join(HERE, 'rules', `${dialect}-${name}.json`);
  if (!fs.existsSync(rules)) throw new Error(`no rules file ${rules}`);
  return `cat ${sh(input)} | ${timed(`${cmd} ${sh(rules)} --seed bench ${veilArgs}`)} | cat > /dev/null`;
}

function measure(name, input, inputBytes) {
  const timeFile = path.join(os.tmpdir(), `veil-bench-${process.pid}.time`);
  const script = `set -o pipefail; ${pipeline(name, input, timeFile)}`;
  const t0 = process.hrtime.bigint();
  const r = spawnSync('bash', ['-c', script], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 << 20 });
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  let rssKB = NaN;
  let cpu = NaN;
  if (TIME && fs.existsSync(timeFile)) {
    // /usr/bin/time may prefix "Command exited with non-zero status N"; the numbers are on the last line.
    const last = fs.readFileSync(timeFile, 'utf8').trim().split('\n').pop().split(' ').map(Number);
    [rssKB] = last;
    cpu = last[1] + last[2];
    fs.rmSync(timeFile, { force: true });
  }
  const stderr = r.stderr.toString().trim();
  if (r.status !== 0) {
    return { ok: false, secs, error: `exit ${r.status}: ${stderr.split('\n').slice(-3).join(' | ').slice(0, 300)}` };
  }
  return { ok: true, secs, rssKB, cpu, mbps: inputBytes / 1e6 / secs };
}

/**
 * Untimed correctness check: no rules must give the input back byte for byte; other rules are checked
 * row by row against the input by bench/check.mjs (its own dump reader): unruled columns and JSON
 * leaves unchanged, NULLs kept, the same rows.
 */
function verify(name, input) {
  if (name === 'cat' || name === 'node') return '';
  const rules = path.join(HERE, 'rules', `${dialect}-${name}.json`);
  const veil = `set -o pipefail; cat ${sh(input)} | ${cmd} ${sh(rules)} --seed bench ${veilArgs} | `;
  if (name === 'none') {
    const r = spawnSync('bash', ['-c', `${veil}cmp -s - ${sh(input)} && echo identical || echo DIFFERENT`], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    return `output ${r.stdout.toString().trim()}`;
  }
  const check = `node ${sh(path.join(HERE, 'check.mjs'))} --json --dialect ${dialect} --rules ${sh(rules)} ${sh(input)} -`;
  const r = spawnSync('bash', ['-c', veil + check], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 26 });
  let report;
  try {
    report = JSON.parse(r.stdout.toString());
  } catch {
    return `check did not run (exit ${r.status}: ${r.stderr.toString().trim().split('\n').slice(-1)[0]})`;
  }
  const size = `output ${(report.maskedBytes / 1e6).toFixed(1)} MB`;
  if (!report.ok) log(`check of ${name} FAILED:\n  ${report.firstProblems.join('\n  ')}`);
  return report.ok && r.status === 0 ? `${size}, check passed (${report.rows} rows)` : `${size}, CHECK FAILED (${report.problems} problems)`;
}

function ensureInput(size) {
  if (args.input) return { file: path.resolve(args.input), generated: false };
  const tag = `${dialect}-${layout}-${sizeTag(size)}${seed === '42' ? '' : `-s${seed}`}`;
  const file = path.join(OUT_DIR, `${tag}.sql`);
  if (fs.existsSync(file)) { log(`reusing ${path.relative(ROOT, file)}`); return { file, generated: false }; }
  log(`generating ${path.relative(ROOT, file)} …`);
  const r = spawnSync(process.execPath, [path.join(HERE, 'gen.mjs'), '--dialect', dialect, '--layout', layout,
    '--size', String(size), '--seed', seed, '-o', file], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) throw new Error('generator failed');
  return { file, generated: true };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

// With the default command, bench a private copy of bin/ + dist/ so a rebuild by someone else during
// the run cannot mix two builds into one table (--no-snapshot to bench the live tree).
const info = machineInfo(ROOT, cmd);
let snapshot = null;
if (cmd === DEFAULT_CMD && !args['no-snapshot'] && caseNames.some((c) => c !== 'cat' && c !== 'node')) {
  snapshot = fs.mkdtempSync(path.join(os.tmpdir(), 'veil-bench-'));
  for (const d of ['bin', 'dist']) fs.cpSync(path.join(ROOT, d), path.join(snapshot, d), { recursive: true });
  fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(snapshot, 'package.json'));
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(snapshot, 'node_modules'));
  cmd = `node ${path.join(snapshot, 'bin', 'veil-stream.js')}`;
  log(`benching a snapshot of bin/ + dist/ in ${snapshot}`);
  const cleanup = () => { fs.rmSync(snapshot, { recursive: true, force: true }); process.exit(130); };
  process.on('SIGINT', cleanup);
  process.on('SIGTERM', cleanup);
}

const rows = [];
const notes = [];
const load0 = os.loadavg()[0];
for (const size of sizes) {
  const { file, generated } = ensureInput(size);
  const bytes = fs.statSync(file).size;
  spawnSync('bash', ['-c', `cat ${sh(file)} > /dev/null`]); // warm the page cache
  const results = Object.fromEntries(caseNames.map((c) => [c, []]));
  // Rounds are interleaved (every case once per round) so background load spreads over all cases.
  for (let i = 0; i < runs; i++) {
    for (const c of caseNames) {
      const m = measure(c, file, bytes);
      results[c].push(m);
      log(`  ${path.basename(file)} ${c.padEnd(8)} run ${i + 1}/${runs}: ` +
        (m.ok ? `${m.secs.toFixed(2)} s, ${m.mbps.toFixed(0)} MB/s, RSS ${(m.rssKB / 1024).toFixed(0)} MB` : m.error));
    }
  }
  const med = {};
  for (const c of caseNames) {
    const ok = results[c].filter((m) => m.ok);
    if (ok.length === 0) {
      notes.push(`${c} on ${path.basename(file)} failed: ${results[c][0].error}`);
      rows.push({ name: c, bytes, failed: true });
      continue;
    }
    med[c] = median(ok.map((m) => m.secs));
    const row = {
      name: c, bytes, secs: med[c], mbps: bytes / 1e6 / med[c],
      rssMB: Math.max(...ok.map((m) => m.rssKB)) / 1024, cpu: median(ok.map((m) => m.cpu)),
      min: Math.min(...ok.map((m) => m.secs)), max: Math.max(...ok.map((m) => m.secs)),
      vsCat: null, vsNode: null, check: args.verify ? verify(c, file) : '',
    };
    rows.push(row);
  }
  for (const r of rows) {
    if (r.bytes !== bytes || r.failed) continue;
    if (med.cat) r.vsCat = r.secs / med.cat;
    if (med.node) r.vsNode = r.secs / med.node;
  }
  if (generated && !args.keep) fs.rmSync(file, { force: true });
}

if (snapshot) fs.rmSync(snapshot, { recursive: true, force: true });
const load1 = os.loadavg()[0];
const title = `${dialect} ${layout}` + (sizes.length > 1 ? ` — sizes ${sizes.map(sizeTag).join(', ')}, rules ${ruleSets.join(',')}` : '');
const table = renderTable(rows, { showSize: sizes.length > 1 || !!args.input, showCheck: !!args.verify });
const md = [
  `### ${title}`,
  '',
  `${info.date} · ${info.machine} · load avg ${load0.toFixed(2)} → ${load1.toFixed(2)} · ${runs} runs, median`,
  `veil: \`${snapshot ? DEFAULT_CMD : cmd}\` @ ${info.commit}${snapshot ? ' (snapshot taken at start)' : ''} · input seed ${seed}`,
  `command: \`node bench/run.mjs ${process.argv.slice(2).join(' ')}\``,
  '',
  table,
  ...notes.map((n) => `\n> ${n}`),
  '',
].join('\n');
process.stdout.write(md + '\n');
if (args.append) {
  fs.appendFileSync(path.resolve(args.append), '\n' + md);
  log(`appended to ${args.append}`);
}
if (load0 > 0.5 || load1 > 0.5) {
  log(`note: load average was ${load0.toFixed(2)} → ${load1.toFixed(2)} on ${os.cpus().length} cores; numbers may be noisy`);
}
