#!/usr/bin/env node
// SipHash micro-bench: ns per call of the pure-JS SipHash-2-4 (src/seed/siphash.ts) vs the
// WebAssembly one (src/seed/siphash-wasm.ts), 64- and 128-bit output, after `npm run build`.
//
//   node bench/siphash.mjs                                  default lengths, median of 7 rounds of 200 ms
//   node bench/siphash.mjs --lengths 0,25,4096 --rounds 9 --ms 300 --bits 128
//
// A second table times hashing a JS string's UTF-8 bytes (Domain.bits(value) in src/seed/keyring.ts):
// Buffer.write into a scratch buffer + JS sip128, vs sip128Utf8 (encodes straight into wasm memory).
//
// Each call hashes a different slice of a 64 KiB window of a random buffer (offsets vary, as values
// inside a dump chunk do; the chunk was just parsed, so it is in cache) under one of 8 keys in turn (as interleaved columns' consistency domains do). Time is
// CPU time of this process (steadier than wall time on a shared machine); implementations alternate
// round by round so drift hits both alike.
import { parseArgs } from './lib/cli.mjs';
import { distPaths } from './lib/dist.mjs';

const dist = distPaths('seed/siphash-wasm.js');
const JS = await import(dist('seed/siphash.js'));
const WASM = await import(dist('seed/siphash-wasm.js'));

const args = parseArgs(process.argv.slice(2));
const lengths = String(args.lengths ?? '0,7,8,15,25,64,256,4096,1048576').split(',').map(Number);
const rounds = Number(args.rounds ?? 7);
const ms = Number(args.ms ?? 200);
const bitsList = String(args.bits ?? '64,128').split(',').map(Number);

const BUF = new Uint8Array(2 << 20);
let x = 0x9e3779b9;
for (let i = 0; i < BUF.length; i++) {
  x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
  BUF[i] = x & 0xff;
}
const KEYS = Array.from({ length: 8 }, (_, k) => JS.sipKeyFromBytes(BUF.subarray(k * 16, k * 16 + 16)));

/** Calls per timing check: about 2 ms of work, so the clock is read rarely. */
const batchOf = (len) => Math.max(1, Math.floor(2e6 / (40 + len * 2)));

function round(impl, bits, len) {
  const fn = bits === 128 ? impl.sip128 : impl.sip64;
  const out = new Uint32Array(4);
  const span = Math.min(BUF.length, (64 << 10) + len) - len - 64;
  const batch = batchOf(len);
  let calls = 0, off = 0, acc = 0;
  const c0 = process.cpuUsage();
  let us = 0;
  do {
    for (let b = 0; b < batch; b++) {
      off = (off + 4099) % span;
      fn(KEYS[b & 7], BUF, off, off + len, out);
      acc ^= out[0];
    }
    calls += batch;
    const c = process.cpuUsage(c0);
    us = c.user + c.system;
  } while (us < ms * 1000);
  if (acc === 0.5) console.log(acc); // keep the results alive
  return (us * 1000) / calls;
}

/** 64 strings of `len` printable ASCII characters, or with every 5th one 'é' (2 UTF-8 bytes). */
const stringsOf = (len, accented) =>
  Array.from({ length: 64 }, (_, k) => Array.from(BUF.subarray(k * 997, k * 997 + len), (b, i) =>
    accented && i % 5 === 4 ? 'é' : String.fromCharCode(0x20 + (b % 95))).join(''));
const STRINGS = lengths.filter((l) => l <= 4096).flatMap((len) => [
  { label: `${len} ASCII`, strings: stringsOf(len, false) },
  ...(len >= 5 ? [{ label: `${len} with é`, strings: stringsOf(len, true) }] : []),
]);
const scratch = Buffer.allocUnsafe(1 << 16);
const STRING_IMPLS = {
  js: (key, s, out) => JS.sip128(key, scratch, 0, scratch.write(s, 0, 'utf8'), out),
  wasm: (key, s, out) => WASM.sip128Utf8(key, s, out),
};

function stringRound(fn, strings) {
  const out = new Uint32Array(4);
  let calls = 0, acc = 0, us = 0;
  const c0 = process.cpuUsage();
  do {
    for (let b = 0; b < 4096; b++) {
      fn(KEYS[b & 7], strings[b & 63], out);
      acc ^= out[0];
    }
    calls += 4096;
    const c = process.cpuUsage(c0);
    us = c.user + c.system;
  } while (us < ms * 1000);
  if (acc === 0.5) console.log(acc);
  return (us * 1000) / calls;
}

const median = (a) => [...a].sort((p, q) => p - q)[a.length >> 1];

console.log(`node ${process.version}, median of ${rounds} rounds of ${ms} ms CPU, ns/call`);
console.log('| bits | length | JS ns | wasm ns | JS / wasm |');
console.log('| ---: | ---: | ---: | ---: | ---: |');
for (const bits of bitsList) {
  for (const len of lengths) {
    const t = { js: [], wasm: [] };
    round(JS, bits, len); round(WASM, bits, len); // warm-up
    for (let r = 0; r < rounds; r++) {
      t.js.push(round(JS, bits, len));
      t.wasm.push(round(WASM, bits, len));
    }
    const j = median(t.js), w = median(t.wasm);
    const f = (v) => (v >= 1e4 ? v.toFixed(0) : v.toFixed(1));
    console.log(`| ${bits} | ${len} | ${f(j)} | ${f(w)} | ${(j / w).toFixed(2)} |`);
  }
}

console.log('');
console.log('| string | JS ns (write + sip128) | wasm ns (sip128Utf8) | JS / wasm |');
console.log('| ---: | ---: | ---: | ---: |');
for (const { label, strings } of STRINGS) {
  const t = { js: [], wasm: [] };
  stringRound(STRING_IMPLS.js, strings); stringRound(STRING_IMPLS.wasm, strings);
  for (let r = 0; r < rounds; r++) {
    t.js.push(stringRound(STRING_IMPLS.js, strings));
    t.wasm.push(stringRound(STRING_IMPLS.wasm, strings));
  }
  const j = median(t.js), w = median(t.wasm);
  console.log(`| ${label} | ${j.toFixed(1)} | ${w.toFixed(1)} | ${(j / w).toFixed(2)} |`);
}
