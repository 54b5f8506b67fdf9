import type { Sink } from '../../core/sink.js';
import { escapeString } from './literal.js';

/** The escape letter of an ASCII byte, as mysql_real_escape_string writes it (0: none). */
const ESCAPE = new Uint8Array(128);
ESCAPE[0x00] = 0x30; // \0
ESCAPE[0x0a] = 0x6e; // \n
ESCAPE[0x0d] = 0x72; // \r
ESCAPE[0x5c] = 0x5c; // \\
ESCAPE[0x27] = 0x27; // \'
ESCAPE[0x22] = 0x22; // \"
ESCAPE[0x1a] = 0x5a; // \Z

/** Longer values go through a string (the sink's buffer holds 256 KiB). */
const MAX_DIRECT = 8192;

/**
 * Write `value` as a '...' literal of a UTF-8 dump, escaped like escapeString(), straight into the
 * sink's buffer: no intermediate string or Buffer. ASCII is written byte by byte; from the first
 * non-ASCII character on, the rest is escaped and UTF-8 encoded by the runtime.
 */
export function writeQuotedUtf8(sink: Sink, value: string): void {
  const n = value.length;
  if (n > MAX_DIRECT) {
    sink.pushString(`'${escapeString(value)}'`, 'utf8');
    return;
  }
  // an escaped character takes 2 bytes, any UTF-16 unit at most 3
  const out = sink.reserve(3 * n + 2);
  let p = sink.length;
  out[p++] = 0x27;
  for (let i = 0; i < n; i++) {
    const c = value.charCodeAt(i);
    if (c >= 0x80) {
      p += out.write(escapeString(value.slice(i)), p, 'utf8');
      break;
    }
    const e = ESCAPE[c];
    if (e === 0) out[p++] = c;
    else {
      out[p++] = 0x5c;
      out[p++] = e;
    }
  }
  out[p++] = 0x27;
  sink.commit(p);
}

/** The same literal for a value given as its UTF-8 bytes src[s, e) (multi-byte sequences need no escapes). */
export function writeQuotedBytes(sink: Sink, src: Uint8Array, s: number, e: number): void {
  const out = sink.reserve(2 * (e - s) + 2);
  let p = sink.length;
  out[p++] = 0x27;
  for (let i = s; i < e; i++) {
    const c = src[i];
    const esc = c < 0x80 ? ESCAPE[c] : 0;
    if (esc === 0) out[p++] = c;
    else {
      out[p++] = 0x5c;
      out[p++] = esc;
    }
  }
  out[p++] = 0x27;
  sink.commit(p);
}
