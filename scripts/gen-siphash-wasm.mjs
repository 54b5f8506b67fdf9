#!/usr/bin/env node
// Writes src/seed/siphash-wasm.generated.ts: SipHash-2-4 (64- and 128-bit output), and the SipHash-1-3
// Feistel network of src/transformers/fpe.ts, as a WebAssembly module: native i64 arithmetic, rounds
// unrolled. No wasm toolchain needed: the functions below are written in a flat, WAT-like instruction
// list and assembled by the small emitter at the bottom.
//
// Memory layout (one 64 KiB page, never grown, so JS views of it never detach):
//   [0, CAP)          input bytes, copied in by JS (CAP is a multiple of 8)
//   [CAP, CAP + 8)    slack: the tail is read as one i64 and masked, so it may read past the input
//   [OUT, OUT + 16)   output, little-endian u32 words (out[0] = low word of the first 64 bits)
//
// Exports: mem; h64/h128(k0l, k0h, k1l, k1h, len) hash [0, len) in one call (len <= CAP);
// init(k0l, k0h, k1l, k1h, v1x), update(len), fin64/fin128(len, total) hash a longer input in CAP-byte
// blocks (state in globals; v1x = 0xee for 128-bit output, else 0); feistel(k0l, k0h, k1l, k1h, tweak,
// rounds, sizeA, sizeB, a, b) runs the keyed permutation's rounds and writes a, b as two f64 at OUT.
// Run: node scripts/gen-siphash-wasm.mjs [--check]   (--check exits 1 if the committed file differs)
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const CAP = 65472;
export const OUT = 65488;

// ---- The SipHash code, as instruction lists ------------------------------------------------------
// `$x` is a local (or a global in global.get/set), numbers after an opcode are its immediates.

const add = (a, b) => `local.get $${a} local.get $${b} i64.add local.set $${a}`;
const rotxor = (a, r, b) => `local.get $${a} i64.const ${r} i64.rotl local.get $${b} i64.xor local.set $${a}`;
const rot32 = (a) => `local.get $${a} i64.const 32 i64.rotl local.set $${a}`;
const SIPROUND = [
  add('v0', 'v1'), rotxor('v1', 13, 'v0'), rot32('v0'),
  add('v2', 'v3'), rotxor('v3', 16, 'v2'),
  add('v0', 'v3'), rotxor('v3', 21, 'v0'),
  add('v2', 'v1'), rotxor('v1', 17, 'v2'), rot32('v2'),
].join('\n');
const rounds = (n) => Array(n).fill(SIPROUND).join('\n');
const xorInto = (a, b) => `local.get $${a} local.get $${b} i64.xor local.set $${a}`;
const xorConst = (a, c) => `local.get $${a} i64.const ${c} i64.xor local.set $${a}`;
const key64 = (lo, hi) =>
  `local.get $${lo} i64.extend_i32_u local.get $${hi} i64.extend_i32_u i64.const 32 i64.shl i64.or`;

/** v0..v3 from the key halves k0, k1 (already on locals); v1 additionally xored with local $v1x. */
const INIT = `
${key64('k0l', 'k0h')} local.set $k0
${key64('k1l', 'k1h')} local.set $k1
local.get $k0 i64.const 0x736f6d6570736575 i64.xor local.set $v0
local.get $k1 i64.const 0x646f72616e646f6d i64.xor local.set $v1
local.get $k0 i64.const 0x6c7967656e657261 i64.xor local.set $v2
local.get $k1 i64.const 0x7465646279746573 i64.xor local.set $v3`;

/** Compress the whole 8-byte blocks of [0, $end): m = load(i); v3 ^= m; 2 rounds; v0 ^= m. */
const BLOCKS = `
i32.const 0 local.set $i
block
  local.get $end i32.eqz br_if 0
  loop
    local.get $i i64.load 0 local.set $m
    ${xorInto('v3', 'm')}
    ${rounds(2)}
    ${xorInto('v0', 'm')}
    local.get $i i32.const 8 i32.add local.tee $i
    local.get $end i32.lt_u br_if 0
  end
end`;

/** The last block: the (len & 7) tail bytes read as one masked i64, with (total & 0xff) << 56. */
const TAIL = `
local.get $end i64.load 0
i64.const 1 local.get $len i32.const 7 i32.and i32.const 3 i32.shl i64.extend_i32_u i64.shl
i64.const 1 i64.sub i64.and
local.get $total i64.extend_i32_u i64.const 56 i64.shl i64.or local.set $m
${xorInto('v3', 'm')}
${rounds(2)}
${xorInto('v0', 'm')}`;

const store = (off) =>
  `i32.const ${OUT} local.get $v0 local.get $v1 i64.xor local.get $v2 i64.xor local.get $v3 i64.xor i64.store ${off}`;

const FINAL = (words) => `
${xorConst('v2', words === 4 ? '0xee' : '0xff')}
${rounds(4)}
${store(0)}${
  words === 4
    ? `
${xorConst('v1', '0xdd')}
${rounds(4)}
${store(8)}`
    : ''
}`;

const ENDOF = `local.get $len i32.const -8 i32.and local.set $end`;
const loadState = ['v0', 'v1', 'v2', 'v3'].map((v) => `global.get $g${v.slice(1)} local.set $${v}`).join('\n');
const saveState = ['v0', 'v1', 'v2', 'v3'].map((v) => `local.get $${v} global.set $g${v.slice(1)}`).join('\n');
const KEY_PARAMS = ['k0l', 'k0h', 'k1l', 'k1h'];
const ROUND_STATE = { v0: 'i64', v1: 'i64', v2: 'i64', v3: 'i64', m: 'i64', i: 'i32' };
const STATE = { ...ROUND_STATE, end: 'i32' };

const oneShot = (words) => ({
  name: `h${words * 32}`,
  params: [...KEY_PARAMS, 'len'],
  locals: { ...STATE, k0: 'i64', k1: 'i64', total: 'i32' },
  body: `${INIT}
${words === 4 ? xorConst('v1', '0xee') : ''}
local.get $len local.set $total
${ENDOF}
${BLOCKS}
${TAIL}
${FINAL(words)}`,
});

const finish = (words) => ({
  name: `fin${words * 32}`,
  params: ['len', 'total'],
  locals: STATE,
  body: `${loadState}
${ENDOF}
${BLOCKS}
${TAIL}
${FINAL(words)}`,
});

/**
 * The Feistel network of src/transformers/fpe.ts (balanced, over Z_na × Z_nb), all rounds in one call:
 * round r adds F(r, other half) to one half (a on even rounds, mod na; b on odd ones, mod nb), where
 * F = floor(frac(h) × size) and h = SipHash-1-3-64 under (k0, k1) of the 64-bit block
 * (x mod 2^32) | ((floor(x / 2^32) & 0xfffff) | r << 20) << 32, with the tweak xored into v0's low word
 * and no length block (fixed-length input); frac(h) = ((h >>> 43) × 2^32 + (h & 0xffffffff)) / 2^53.
 * The halves and sizes are integral f64 below 2^53 (exact in i64); a and b go back as f64 to OUT.
 */
const SIP13_BLOCK = `
${key64('k0l', 'k0h')} local.set $k0
${key64('k1l', 'k1h')} local.set $k1
local.get $k0 i64.const 0x736f6d6570736575 i64.xor local.get $tweak i64.extend_i32_u i64.xor local.set $v0
local.get $k1 i64.const 0x646f72616e646f6d i64.xor local.set $v1
local.get $k0 i64.const 0x6c7967656e657261 i64.xor local.set $v2
local.get $k1 i64.const 0x7465646279746573 i64.xor local.get $m i64.xor local.set $v3
${SIPROUND}
${xorInto('v0', 'm')}
${xorConst('v2', '0xff')}
${rounds(3)}
local.get $v0 local.get $v1 i64.xor local.get $v2 i64.xor local.get $v3 i64.xor local.set $h`;

/** F of the other half x (on the stack: size) → floor(frac(h) × size) as i64. */
// (× 2^-53: the same double as ÷ 2^53, without a division)
const BELOW = `
local.get $h i64.const 43 i64.shr_u i64.const 32 i64.shl local.get $h i64.const 0xffffffff i64.and i64.or
f64.convert_i64_u f64.const 1.1102230246251565e-16 f64.mul`;

/**
 * (t + half) mod size for t = floor(u * size) <= size and half < size: the sum is below 2 * size, so
 * one conditional subtraction gives the remainder (a 64-bit division per round before).
 */
const ADD_MOD = (half, size) =>
  `local.get $${half} i64.add local.tee $s local.get $${size} i64.sub local.get $s local.get $s local.get $${size} i64.ge_u select local.set $${half}`;

const FEISTEL = {
  name: 'feistel',
  params: [...KEY_PARAMS, 'tweak', 'rounds', 'sizeA:f64', 'sizeB:f64', 'A:f64', 'B:f64'],
  locals: { k0: 'i64', k1: 'i64', v0: 'i64', v1: 'i64', v2: 'i64', v3: 'i64', m: 'i64', h: 'i64', x: 'i64', a: 'i64', b: 'i64', na: 'i64', nb: 'i64', r: 'i32', s: 'i64' },
  body: `
local.get $A i64.trunc_f64_u local.set $a
local.get $B i64.trunc_f64_u local.set $b
local.get $sizeA i64.trunc_f64_u local.set $na
local.get $sizeB i64.trunc_f64_u local.set $nb
i32.const 0 local.set $r
block
  local.get $rounds i32.eqz br_if 0
  loop
    local.get $a local.get $b local.get $r i32.const 1 i32.and select local.set $x
    local.get $x i64.const 0xffffffff i64.and
    local.get $x i64.const 32 i64.shr_u i64.const 0xfffff i64.and local.get $r i32.const 20 i32.shl i64.extend_i32_u i64.or
    i64.const 32 i64.shl i64.or local.set $m
    ${SIP13_BLOCK}
    local.get $r i32.const 1 i32.and
    if
      ${BELOW} local.get $sizeB f64.mul f64.floor i64.trunc_f64_u ${ADD_MOD('b', 'nb')}
    else
      ${BELOW} local.get $sizeA f64.mul f64.floor i64.trunc_f64_u ${ADD_MOD('a', 'na')}
    end
    local.get $r i32.const 1 i32.add local.tee $r
    local.get $rounds i32.lt_u br_if 0
  end
end
i32.const ${OUT} local.get $a f64.convert_i64_u f64.store 0
i32.const ${OUT} local.get $b f64.convert_i64_u f64.store 8`,
};

const FUNCS = [
  oneShot(2),
  oneShot(4),
  {
    name: 'init',
    params: [...KEY_PARAMS, 'v1x'],
    locals: { v0: 'i64', v1: 'i64', v2: 'i64', v3: 'i64', k0: 'i64', k1: 'i64' },
    body: `${INIT}
local.get $v1 local.get $v1x i64.extend_i32_u i64.xor local.set $v1
${saveState}`,
  },
  { name: 'update', params: ['end'], locals: ROUND_STATE, body: `${loadState}\n${BLOCKS}\n${saveState}` },
  finish(2),
  finish(4),
  FEISTEL,
];
const GLOBALS = ['g0', 'g1', 'g2', 'g3'];

// ---- The emitter ---------------------------------------------------------------------------------

const OPS = {
  block: 0x02, loop: 0x03, end: 0x0b, br_if: 0x0d,
  'local.get': 0x20, 'local.set': 0x21, 'local.tee': 0x22, 'global.get': 0x23, 'global.set': 0x24,
  'i64.load': 0x29, 'i64.store': 0x37, 'i32.const': 0x41, 'i64.const': 0x42,
  'i32.eqz': 0x45, 'i32.lt_u': 0x49, 'i64.ge_u': 0x5a, 'i32.add': 0x6a, 'i32.and': 0x71, 'i32.shl': 0x74,
  'i64.add': 0x7c, 'i64.sub': 0x7d, 'i64.and': 0x83, 'i64.or': 0x84, 'i64.xor': 0x85, 'i64.shl': 0x86,
  'i64.rotl': 0x89, 'i64.extend_i32_u': 0xad,
  if: 0x04, else: 0x05, select: 0x1b, 'f64.store': 0x39, 'f64.const': 0x44,
  'i64.rem_u': 0x82, 'i64.shr_u': 0x88, 'f64.floor': 0x9c, 'f64.mul': 0xa2, 'f64.div': 0xa3,
  'i64.trunc_f64_u': 0xb1, 'f64.convert_i64_u': 0xba,
};
const TYPE = { i32: 0x7f, i64: 0x7e, f64: 0x7c };
/** A param is `name` (i32) or `name:type`. */
const paramName = (p) => p.split(':')[0];
const paramType = (p) => TYPE[p.split(':')[1] ?? 'i32'];

function uleb(n) {
  const out = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
}
function sleb(n /* BigInt */) {
  const out = [];
  for (;;) {
    const b = Number(n & 0x7fn);
    n >>= 7n;
    if ((n === 0n && !(b & 0x40)) || (n === -1n && b & 0x40)) return out.push(b), out;
    out.push(b | 0x80);
  }
}
const str = (s) => [...uleb(s.length), ...Buffer.from(s, 'utf8')];
const vec = (items) => [...uleb(items.length), ...items.flat()];
const section = (id, bytes) => [id, ...uleb(bytes.length), ...bytes];

/** Assemble one instruction list; `$name` resolves through `locals` (or GLOBALS for global.*). */
function assemble(text, locals) {
  const toks = text.split(/\s+/).filter(Boolean);
  const out = [];
  for (let t = 0; t < toks.length; t++) {
    const op = toks[t];
    if (!(op in OPS)) throw new Error(`unknown opcode ${op}`);
    out.push(OPS[op]);
    const arg = () => toks[++t];
    const ref = (table) => {
      const a = arg();
      const k = table.indexOf(a.slice(1));
      if (!a.startsWith('$') || k < 0) throw new Error(`unknown name ${a} after ${op}`);
      return uleb(k);
    };
    if (op === 'block' || op === 'loop' || op === 'if') out.push(0x40);
    else if (op === 'br_if') out.push(...uleb(Number(arg())));
    else if (op.startsWith('local.')) out.push(...ref(locals));
    else if (op.startsWith('global.')) out.push(...ref(GLOBALS));
    else if (op === 'i32.const') out.push(...sleb(BigInt.asIntN(32, BigInt(arg()))));
    else if (op === 'i64.const') out.push(...sleb(BigInt.asIntN(64, BigInt(arg()))));
    else if (op === 'i64.load' || op === 'i64.store' || op === 'f64.store') out.push(0x03, ...uleb(Number(arg()))); // align 8, offset
    else if (op === 'f64.const') {
      const b = Buffer.alloc(8);
      b.writeDoubleLE(Number(arg()));
      out.push(...b);
    }
  }
  return out;
}

export function buildModule() {
  const sigs = [];
  const typeOf = (f) => {
    const sig = JSON.stringify(f.params.map(paramType));
    if (!sigs.includes(sig)) sigs.push(sig);
    return sigs.indexOf(sig);
  };
  const fnTypes = FUNCS.map(typeOf);
  const codes = FUNCS.map((f) => {
    const locals = Object.entries(f.locals);
    const names = [...f.params.map(paramName), ...locals.map(([n]) => n)];
    const decls = vec(locals.map(([, t]) => [1, TYPE[t]]));
    const body = [...decls, ...assemble(f.body, names), OPS.end];
    return [...uleb(body.length), ...body];
  });
  const types = sigs.map((s) => [0x60, ...vec(JSON.parse(s)), 0]);
  const globals = GLOBALS.map(() => [TYPE.i64, 1, OPS['i64.const'], 0, OPS.end]);
  const exports = [[...str('mem'), 2, 0], ...FUNCS.map((f, i) => [...str(f.name), 0, ...uleb(i)])];
  return Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0,
    ...section(1, vec(types)),
    ...section(3, vec(fnTypes.map((t) => uleb(t)))),
    ...section(5, vec([[1, 1, 1]])), // one memory: min 1 page, max 1 page
    ...section(6, vec(globals)),
    ...section(7, vec(exports)),
    ...section(10, vec(codes)),
  ]);
}

export function generatedSource() {
  const b64 = Buffer.from(buildModule()).toString('base64');
  const lines = b64.match(/.{1,100}/g).map((l) => `  '${l}'`);
  return `// GENERATED by scripts/gen-siphash-wasm.mjs — edit the generator, not this file.
// Regenerate: node scripts/gen-siphash-wasm.mjs (test/unit/seed/siphash-wasm-generated.test.ts checks it is current).
/* eslint-disable */

/** Input bytes go to [0, SIP_WASM_CAP) of the module's memory (a multiple of 8). */
export const SIP_WASM_CAP = ${CAP};
/** The module writes its output (u32 little-endian words) at this byte offset. */
export const SIP_WASM_OUT = ${OUT};
/** SipHash-2-4 and the SipHash-1-3 Feistel rounds as a WebAssembly module (${buildModule().length} bytes), base64. */
export const SIP_WASM_BASE64 =
${lines.join(' +\n')};
`;
}

const target = fileURLToPath(new URL('../src/seed/siphash-wasm.generated.ts', import.meta.url));
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const src = generatedSource();
  if (process.argv.includes('--check')) {
    if (readFileSync(target, 'utf8') !== src) {
      console.error(`${target} is stale: run node scripts/gen-siphash-wasm.mjs`);
      process.exit(1);
    }
  } else {
    writeFileSync(target, src);
    console.log(`wrote ${target}`);
  }
}
