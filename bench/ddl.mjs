#!/usr/bin/env node
// MySQL CREATE TABLE extractor micro-bench: µs per statement over the real mariadb-dump 10.11
// CREATE TABLE statements of the unit fixtures (inet6, PAGE_CHECKSUM, PARTITION BY, generated and
// versioned columns, …), after `npm run build` (imports dist/).
//
//   node bench/ddl.mjs [--rounds 2000]
//
// Issue 3 asked for a hand-written extractor because node-sql-parser rejected real DDL; the extractor
// was measured at 25-50 µs per statement then. This replaces a timed unit test (timing belongs here).
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { parseArgs } from './lib/cli.mjs';
import { distPaths } from './lib/dist.mjs';

const dist = distPaths('dialects/mysql/ddl.js');
const { parseCreateTable } = await import(dist('dialects/mysql/ddl.js'));
const args = parseArgs(process.argv.slice(2), { flags: ['help', 'h'] });
if (args.help || args.h) {
  console.log('usage: node bench/ddl.mjs [--rounds 2000]');
  process.exit(0);
}
const ROUNDS = Number(args.rounds ?? 2000);
const file = new URL('../test/unit/dialects/mysql/fixtures/mariadb-10.11-create-table.sql', import.meta.url);
const bytes = readFileSync(file);
const text = bytes.toString('latin1');
const heads = [...text.matchAll(/^-- db: (\S+) \(([^)]*)\)\n/gm)];
const stmts = heads.map((m, i) => bytes.subarray(m.index + m[0].length, i + 1 < heads.length ? heads[i + 1].index : bytes.length));
for (let i = 0; i < 200; i++) for (const s of stmts) parseCreateTable(s);
const t0 = process.hrtime.bigint();
const c0 = process.cpuUsage();
for (let i = 0; i < ROUNDS; i++) for (const s of stmts) parseCreateTable(s);
const wall = Number(process.hrtime.bigint() - t0) / 1000 / (ROUNDS * stmts.length);
const cpu = process.cpuUsage(c0);
const cpuUs = (cpu.user + cpu.system) / (ROUNDS * stmts.length);
console.log(`${new Date().toISOString().slice(0, 16)}Z · ${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'} · Node ${process.version}`);
console.log(`parseCreateTable: ${wall.toFixed(1)} µs per statement (${cpuUs.toFixed(1)} CPU µs), mean over ${stmts.length} real statements × ${ROUNDS} rounds`);
