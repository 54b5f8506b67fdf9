/**
 * SipHash-2-4 (64- and 128-bit output) in WebAssembly: same signatures and results as ./siphash.js
 * (the pure-JS reference), on native i64. The module is tiny and instantiated synchronously at import;
 * it also runs the keyed permutation's SipHash-1-3 Feistel rounds (feistel(), for fpe.ts).
 * The input is copied into the module's memory: 4-byte words through an Int32Array view of the input's
 * buffer for short inputs, Uint8Array.set for longer ones; inputs over SIP_WASM_CAP bytes are hashed in
 * CAP-byte blocks (the memory never grows, so the views of it made here stay valid).
 */
import v8 from 'node:v8';
import { SIP_WASM_BASE64, SIP_WASM_CAP, SIP_WASM_OUT } from './siphash-wasm.generated.js';
import type { SipKey } from './siphash.js';
import { bytesView } from '../core/view.js';

export { sipKeyFromBytes, type SipKey } from './siphash.js';

type Fn = (...args: number[]) => void;
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}
const WA = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

/**
 * Compile the module now, every function, with the optimizing compiler. By default V8 compiles wasm
 * functions lazily and tiers them up when hot, under the flags in force at that moment, and the CLI
 * sets --liftoff-only for the PostgreSQL grammar (cli/memory.ts): with that flag in force these
 * hashes stay in the baseline tier (measured: SipHash-128 of 25 bytes, 300 ns instead of 45). The
 * default flags are restored afterwards.
 */
function compileOptimized(bytes: Uint8Array): object {
  const set = (flags: string): void => {
    try {
      v8.setFlagsFromString(flags);
    } catch {
      /* an engine without these flags compiles as it does */
    }
  };
  set('--no-wasm-lazy-compilation');
  set('--no-wasm-dynamic-tiering');
  try {
    return new WA.Module(bytes);
  } finally {
    set('--wasm-dynamic-tiering');
    set('--wasm-lazy-compilation');
  }
}

const ex = new WA.Instance(compileOptimized(Buffer.from(SIP_WASM_BASE64, 'base64')), {}).exports;
const mem = (ex.mem as { buffer: ArrayBuffer }).buffer;
const h64 = ex.h64 as Fn, h128 = ex.h128 as Fn, init = ex.init as Fn, update = ex.update as Fn;
const fin64 = ex.fin64 as Fn, fin128 = ex.fin128 as Fn, feistelFn = ex.feistel as Fn;
const u8 = new Uint8Array(mem);
const u32 = new Uint32Array(mem);
const O = SIP_WASM_OUT >>> 2;
/** The Feistel halves the module writes back (two f64 at OUT). */
const halves = new Float64Array(mem, SIP_WASM_OUT, 2);
/** The input area as a Buffer, so strings can be UTF-8-encoded straight into it. */
const input = Buffer.from(mem, 0, SIP_WASM_CAP);

/** Up to this many bytes, copy word by word in JS; above, subarray() + set() (~100 ns fixed cost).
 * Measured crossover: 128 B in 198 ns by words vs 252 ns by set(); at 192 B both ~300 ns. */
const COPY_WORDS_MAX = 128;

// An Int32Array over the whole buffer of the last input array: 4-byte reads instead of byte reads.
// Bytes around the input (in the same buffer) may be read too; the module masks them off.
let lastData: Uint8Array | undefined;
let view = new Int32Array(0);
let viewBase = 0;

function viewOf(data: Uint8Array): void {
  lastData = data;
  const ab = data.buffer as ArrayBuffer & { resizable?: boolean; growable?: boolean };
  view = ab.resizable || ab.growable ? new Int32Array(0) : new Int32Array(ab, 0, ab.byteLength >>> 2);
  viewBase = data.byteOffset;
}

/** Copy data[start, start + len) to the module's memory at 0 (up to 3 bytes more may follow). */
function copyIn(data: Uint8Array, start: number, len: number): void {
  if (len > COPY_WORDS_MAX) {
    u8.set(bytesView(data, start, start + len));
    return;
  }
  if (data !== lastData) viewOf(data);
  const at = viewBase + start, words = (len + 3) >>> 2, p = at >>> 2, shift = (at & 3) << 3;
  if (p + words >= view.length) for (let i = 0; i < len; i++) u8[i] = data[start + i];
  else if (shift === 0) for (let w = 0; w < words; w++) u32[w] = view[p + w];
  else {
    let lo = view[p];
    for (let w = 0; w < words; w++) {
      const hi = view[p + w + 1];
      u32[w] = (lo >>> shift) | (hi << (32 - shift));
      lo = hi;
    }
  }
}

/** Inputs over SIP_WASM_CAP bytes: init, CAP-byte updates, then the finishing block. */
function long(key: SipKey, data: Uint8Array, start: number, end: number, words: 2 | 4): void {
  init(key[0], key[1], key[2], key[3], words === 4 ? 0xee : 0);
  let p = start;
  for (; end - p > SIP_WASM_CAP; p += SIP_WASM_CAP) {
    copyIn(data, p, SIP_WASM_CAP);
    update(SIP_WASM_CAP);
  }
  copyIn(data, p, end - p);
  (words === 4 ? fin128 : fin64)(end - p, end - start);
}

export function sip64(key: SipKey, data: Uint8Array, start: number, end: number, out: Uint32Array): void {
  const len = end - start;
  if (len > SIP_WASM_CAP) long(key, data, start, end, 2);
  else {
    copyIn(data, start, len);
    h64(key[0], key[1], key[2], key[3], len);
  }
  out[0] = u32[O];
  out[1] = u32[O + 1];
}

export function sip128(key: SipKey, data: Uint8Array, start: number, end: number, out: Uint32Array): void {
  const len = end - start;
  if (len > SIP_WASM_CAP) long(key, data, start, end, 4);
  else {
    copyIn(data, start, len);
    h128(key[0], key[1], key[2], key[3], len);
  }
  out[0] = u32[O];
  out[1] = u32[O + 1];
  out[2] = u32[O + 2];
  out[3] = u32[O + 3];
}

/** Up to this many UTF-16 units, an all-ASCII string is copied by a JS loop: Buffer.write costs ~100 ns
 * (measured, 24 chars: 110 ns by the loop vs 200 ns by write; at 48 both ~250 ns). */
const ASCII_LOOP_MAX = 32;

/** SipHash-2-4-128 of the UTF-8 bytes of `value` (encoded straight into the module's memory). */
export function sip128Utf8(key: SipKey, value: string, out: Uint32Array): void {
  const n = value.length;
  let len = -1;
  if (n <= ASCII_LOOP_MAX) {
    // Four characters per 32-bit store; a non-ASCII one sends the string to Buffer.write.
    let i = 0, w = 0, or = 0;
    for (; i + 4 <= n; i += 4, w++) {
      const a = value.charCodeAt(i), b = value.charCodeAt(i + 1), c = value.charCodeAt(i + 2), d = value.charCodeAt(i + 3);
      or |= a | b | c | d;
      if (or >= 0x80) break;
      u32[w] = a | (b << 8) | (c << 16) | (d << 24);
    }
    for (; i < n && or < 0x80; i++) {
      const c = value.charCodeAt(i);
      or |= c;
      u8[i] = c;
    }
    if (or < 0x80) len = n;
  }
  if (len < 0) {
    if (n * 3 > SIP_WASM_CAP) {
      const bytes = Buffer.from(value, 'utf8');
      sip128(key, bytes, 0, bytes.length, out);
      return;
    }
    len = input.write(value, 0, 'utf8');
  }
  h128(key[0], key[1], key[2], key[3], len);
  out[0] = u32[O];
  out[1] = u32[O + 1];
  out[2] = u32[O + 2];
  out[3] = u32[O + 3];
}

/** Hash data[start, end) with key into out: 2 words (SipHash-2-4-64) or 4 words (SipHash-2-4-128). */
export function siphash(key: SipKey, data: Uint8Array, start: number, end: number, out: Uint32Array, outWords: 2 | 4): void {
  if (outWords === 4) sip128(key, data, start, end, out);
  else sip64(key, data, start, end, out);
}

/**
 * The rounds of KeyedPermutation's Feistel network (src/transformers/fpe.ts) under `key` (4 words):
 * round r adds floor(frac(SipHash-1-3-64(x | (r << 52))) × size) to one half, mod its size (a on even
 * rounds from x = b, b on odd ones from x = a); see scripts/gen-siphash-wasm.mjs. Sizes and halves are
 * integers below 2^52. Returns [a, b] in a view that the next call overwrites.
 */
export function feistel(key: Uint32Array, tweak: number, rounds: number, sizeA: number, sizeB: number, a: number, b: number): Float64Array {
  feistelFn(key[0], key[1], key[2], key[3], tweak, rounds, sizeA, sizeB, a, b);
  return halves;
}
