import type { ByteFn, ValueFn } from './define.js';

/**
 * Name lists pre-encoded for the byte path: each name's UTF-8 bytes and its length in UTF-16 units
 * (what the string path compares with a column's maxLength), built once per list.
 */
export interface EncodedNames {
  bytes: Uint8Array[];
  units: Uint16Array;
}

const cache = new WeakMap<readonly string[], EncodedNames>();

export function encodedNames(names: readonly string[]): EncodedNames {
  let e = cache.get(names);
  if (!e) {
    e = { bytes: names.map(utf8Bytes), units: Uint16Array.from(names, (n) => n.length) };
    cache.set(names, e);
  }
  return e;
}

/** Copy `src` into out at n; returns the new end. */
export function put(src: Uint8Array, out: Uint8Array, n: number): number {
  for (let i = 0; i < src.length; i++) out[n++] = src[i];
  return n;
}

/** UTF-8 as a plain Uint8Array: Buffers in the byte loops would make their element loads polymorphic (measured: email 617 → 446 ns). */
export function utf8Bytes(s: string): Uint8Array {
  return new Uint8Array(Buffer.from(s, 'utf8'));
}

const encoder = new TextEncoder();

/** Write the UTF-8 of `s` into out at n; returns the new end, or -1 when it does not fit. */
export function putString(s: string, out: Uint8Array, n: number): number {
  if (n + s.length > out.length) return -1;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) {
      const r = encoder.encodeInto(i === 0 ? s : s.slice(i), out.subarray(n));
      return r.read < s.length - i ? -1 : n + r.written;
    }
    out[n++] = c;
  }
  return n;
}

/**
 * The byte path of a ValueFn whose fake does not depend on the original's text, only on its keyed
 * bits (ctx works from the bytes): the fake's UTF-8, without decoding the original.
 */
export function bytesIgnoringValue(fn: ValueFn): ByteFn {
  return (_src, _s, _e, ctx, out) => {
    const fake = fn('', ctx);
    return fake === null ? -1 : putString(fake, out, 0);
  };
}
