import { isUtf8 } from 'node:buffer';
import { bytesView } from './view.js';

/** Ranges up to this length are checked in JS: for short fields the native call's set-up costs more. */
const SHORT = 64;

/**
 * Whether buf[start, end) is well-formed UTF-8, as isUtf8() judges it (no overlong forms, surrogates
 * or code points past U+10FFFF), without a Buffer per call: short ranges in JS, longer ones natively.
 */
export function utf8Valid(buf: Uint8Array, start: number, end: number): boolean {
  if (end - start > SHORT) return isUtf8(bytesView(buf, start, end));
  let i = start;
  while (i < end) {
    const c = buf[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    if (c < 0xc2 || c > 0xf4) return false;
    const c1 = i + 1 < end ? buf[i + 1] : 0;
    if ((c1 & 0xc0) !== 0x80) return false;
    if (c < 0xe0) {
      i += 2;
      continue;
    }
    if (i + 2 >= end || (buf[i + 2] & 0xc0) !== 0x80) return false;
    if (c < 0xf0) {
      if ((c === 0xe0 && c1 < 0xa0) || (c === 0xed && c1 >= 0xa0)) return false; // overlong, surrogate
      i += 3;
      continue;
    }
    if (i + 3 >= end || (buf[i + 3] & 0xc0) !== 0x80) return false;
    if ((c === 0xf0 && c1 < 0x90) || (c === 0xf4 && c1 >= 0x90)) return false; // overlong, past U+10FFFF
    i += 4;
  }
  return true;
}
