#!/usr/bin/env node
// Seeded generator of realistic SQL dumps of any size, no database needed.
//   node bench/gen.mjs --dialect postgres|mysql --layout <layout> --size 1GB --seed 42 -o bench/out/pg-1g.sql
// Layouts: postgres: copy (pg_dump plain), inserts (pg_dump --inserts)
//          mysql:    extended (mariadb-dump 10.11, ~1 MB statements, one tuple per line),
//                    oneline (classic mysqldump: one INSERT per table on one line)
import fs from 'node:fs';
import path from 'node:path';
import { createRng, hashString } from './lib/prng.mjs';
import { buildPools } from './lib/data.mjs';
import { makeRowWriters } from './lib/rows.mjs';
import { ByteOut, enc } from './lib/bytes.mjs';
import { parseArgs, parseSize } from './lib/cli.mjs';
import * as D from './lib/dialects.mjs';

export const LAYOUTS = { postgres: ['copy', 'inserts'], mysql: ['extended', 'oneline'] };
const NET_BUFFER_LENGTH = 1046528; // mariadb-dump 10.11 default (1 MiB - 1 KiB)
const SHARE = { audit_log: 0.22, orders: 0.33, products: 0.03, users: 0.42 };

/** Average encoded row length for a table (sampled with an independent PRNG stream). */
function sampleRowBytes(codec, pools, seed, table, framing) {
  const b = makeRowWriters(codec, pools, createRng(seed, 99), hashString(String(seed)));
  b.setUserCount(1000);
  const w = new ByteOut(-1);
  const n = 3000;
  for (let i = 1; i <= n; i++) { b.rows[table](w, i); w.off += framing; }
  return w.off / n;
}

export function generate({ dialect, layout, size, seed, fd }) {
  if (!LAYOUTS[dialect]) throw new Error('--dialect must be postgres or mysql');
  if (!LAYOUTS[dialect].includes(layout)) {
    throw new Error(`--layout for ${dialect} must be one of: ${LAYOUTS[dialect].join(', ')}`);
  }
  const codec = D.makeCodec(dialect === 'mysql' ? 'mysql' : layout === 'copy' ? 'pg-copy' : 'pg-insert');
  const pools = buildPools(createRng(seed, 1));
  const rng = createRng(seed, 2);
  const writers = makeRowWriters(codec, pools, rng, hashString(String(seed)));
  const out = new ByteOut(fd);
  const framing = (t) => (layout === 'copy' ? 1 : layout === 'inserts' ? `INSERT INTO public.${t} VALUES ();\n`.length : 4);

  // Fixed counts for users/products (orders reference users; MariaDB prints AUTO_INCREMENT up front);
  // byte budgets for audit_log and orders so the file lands close to the requested size.
  const est = {};
  for (const t of ['users', 'products']) est[t] = sampleRowBytes(codec, pools, seed, t, framing(t));
  const count = {
    users: Math.max(1, Math.floor((size * SHARE.users) / est.users)),
    products: Math.max(1, Math.floor((size * SHARE.products) / est.products)),
  };
  writers.setUserCount(count.users);
  const tailBytes = count.users * est.users + count.products * est.products + 8000;
  const budget = { audit_log: size * SHARE.audit_log, orders: size - tailBytes };
  const rows = { audit_log: 0, orders: 0, products: 0, users: 0 };

  const key = () => {
    const a = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
    let s = '';
    for (let i = 0; i < 63; i++) s += a[rng.next() % a.length];
    return s;
  };

  /** Writes rows of table t: before(id) frames each row (returns nothing), row is written, after(). */
  const emitRows = (t, before, after) => {
    const row = writers.rows[t];
    const max = count[t];
    const stop = budget[t];
    let id = 1;
    for (; max !== undefined ? id <= max : id === 1 || out.size < stop; id++) {
      out.maybeFlush();
      before(id);
      row(out, id);
      after(id);
    }
    rows[t] = id - 1;
  };
  const bytes = (arr) => { const b = out.buf; let o = out.off; for (let i = 0; i < arr.length; i++) b[o++] = arr[i]; out.off = o; };
  const nl = () => { out.buf[out.off++] = 10; };
  const nop = () => {};

  if (dialect === 'postgres') {
    const restrictKey = key();
    out.str(D.pgHeader(restrictKey));
    for (const t of D.SCHEMA) {
      out.str(D.pgDataComment(t));
      if (layout === 'copy') {
        out.str(D.pgCopyLine(t));
        emitRows(t.name, nop, nl);
        out.str('\\.\n\n\n');
      } else {
        const pre = enc(`INSERT INTO public.${t.name} VALUES (`);
        const post = enc(');\n');
        emitRows(t.name, () => bytes(pre), () => bytes(post));
        out.str('\n\n');
      }
    }
    out.str(D.pgFooter(restrictKey));
  } else {
    out.str(D.myHeader('shop'));
    for (const t of D.SCHEMA) {
      out.str(D.myTableStart(t, (count.products ?? 0) + 1));
      const pat = `INSERT INTO \`${t.name}\` VALUES`;
      if (layout === 'extended') {
        // mariadb-dump: a tuple joins the statement while total + 2 + len("(...)") < net_buffer_length,
        // else ";\n" + a new INSERT. 10.11 puts "VALUES" and every tuple on its own line.
        const first = enc(pat + '\n(');
        const cont = enc(',\n(');
        const restart = enc(';\n' + pat + '\n(');
        const init = pat.length + 1;
        let total = 0;
        let start = 0;
        emitRows(t.name, (id) => { start = out.off; bytes(id === 1 ? first : cont); }, (id) => {
          out.buf[out.off++] = 41; // ')'
          const len = out.off - start - (id === 1 ? first.length : cont.length) + 3; // 2 + "(...)"
          if (id === 1) { total = init + len; return; }
          if (total + len < NET_BUFFER_LENGTH) { total += len; return; }
          // Does not fit: turn ",\n(" into ";\nINSERT INTO `t` VALUES\n(".
          const shift = restart.length - cont.length;
          out.buf.copyWithin(start + restart.length, start + cont.length, out.off);
          out.buf.set(restart, start);
          out.off += shift;
          total = init + len;
        });
        out.str(';\n');
      } else {
        const first = enc(pat + ' (');
        const cont = enc(',(');
        emitRows(t.name, (id) => bytes(id === 1 ? first : cont), () => { out.buf[out.off++] = 41; });
        out.str(';\n');
      }
      out.str(D.myTableEnd(t));
    }
    out.str(D.myFooter('2025-01-15 10:00:00'));
  }
  out.flush();
  return { bytes: out.flushed, rows };
}

async function main() {
  const args = parseArgs(process.argv.slice(2), { aliases: { o: 'out' }, flags: ['quiet', 'help', 'h'] });
  if (args.help || args.h) {
    process.stdout.write(
      'usage: node bench/gen.mjs --dialect postgres|mysql --layout <layout> --size 1GB [--seed 42] [-o FILE]\n' +
      `layouts: postgres: ${LAYOUTS.postgres.join(', ')}; mysql: ${LAYOUTS.mysql.join(', ')}\n` +
      'Without -o the dump goes to stdout. Same seed and size → byte-identical output.\n');
    return;
  }
  const dialect = args.dialect ?? 'postgres';
  const layout = args.layout ?? LAYOUTS[dialect]?.[0];
  const size = parseSize(args.size ?? '100MB');
  const seed = args.seed ?? '42';
  let fd = 1;
  let tmp;
  if (args.out && args.out !== '-') {
    fs.mkdirSync(path.dirname(args.out), { recursive: true });
    tmp = `${args.out}.tmp`;
    fd = fs.openSync(tmp, 'w');
  }
  const t0 = process.hrtime.bigint();
  const res = generate({ dialect, layout, size, seed, fd });
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  if (tmp) { fs.closeSync(fd); fs.renameSync(tmp, args.out); }
  if (!args.quiet) {
    const r = Object.entries(res.rows).map(([k, v]) => `${k}=${v}`).join(' ');
    process.stderr.write(`gen: ${dialect}/${layout} ${(res.bytes / 1e6).toFixed(1)} MB in ${secs.toFixed(2)} s ` +
      `(${(res.bytes / 1e6 / secs).toFixed(0)} MB/s) rows: ${r}${args.out ? ` → ${args.out}` : ''}\n`);
  }
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('/gen.mjs')) {
  main().catch((e) => { process.stderr.write(`gen: ${e.message}\n`); process.exitCode = 1; });
}
