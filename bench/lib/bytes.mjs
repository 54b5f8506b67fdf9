// Byte-level output for the bench generator: rows are written straight into one large Buffer
// (no per-row strings), then flushed with few large writeSync calls. Helpers take (buf, off) and
// return the new offset so V8 can keep both in registers.
import fs from 'node:fs';

export class ByteOut {
  constructor(fd, cap = 16 << 20) {
    this.fd = fd;
    this.buf = Buffer.allocUnsafe(cap);
    this.off = 0;
    this.flushed = 0;
    this.limit = cap - (1 << 20); // rows are < 64 KiB; keep 1 MiB headroom after each check
  }
  /** Exact bytes produced so far. */
  get size() { return this.flushed + this.off; }
  /** Call between rows: flushes once the buffer is nearly full. */
  maybeFlush() { if (this.off > this.limit) this.flush(); }
  /** Writes an arbitrary string (headers, DDL). */
  str(s) {
    if (this.off + s.length * 3 > this.buf.length) {
      this.flush();
      if (s.length * 3 > this.buf.length) { this.writeAll(Buffer.from(s, 'utf8')); return; }
    }
    this.off += this.buf.utf8Write(s, this.off);
  }
  flush() {
    if (this.off === 0) return;
    this.writeAll(this.buf.subarray(0, this.off));
    this.off = 0;
  }
  writeAll(b) {
    let off = 0;
    while (off < b.length) {
      try {
        off += fs.writeSync(this.fd, b, off, b.length - off);
      } catch (e) {
        if (e.code !== 'EAGAIN') throw e; // non-blocking stdout pipe: wait a moment and retry
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2);
      }
    }
    this.flushed += b.length;
  }
}

export const enc = (s) => Buffer.from(s, 'utf8');

/**
 * Strings as UTF-8 one after another in one buffer, as fields sit in a chunk: value i is
 * all[starts[i], starts[i + 1]) (for the micro-benches' byte paths).
 */
export function packUtf8(values) {
  const parts = values.map(enc);
  const starts = new Int32Array(parts.length + 1);
  for (let i = 0; i < parts.length; i++) starts[i + 1] = starts[i] + parts[i].length;
  return { all: Buffer.concat(parts), starts };
}

/** Copies pre-encoded bytes. */
export function put(b, o, s) {
  const n = s.length;
  if (n < 32) {
    for (let i = 0; i < n; i++) b[o + i] = s[i];
  } else {
    b.set(s, o);
  }
  return o + n;
}

/** Unsigned decimal, n < 2^31. */
export function putUint(b, o, n) {
  if (n < 10) { b[o] = 48 + n; return o + 1; }
  const len = n < 100 ? 2 : n < 1000 ? 3 : n < 10000 ? 4 : n < 100000 ? 5 : n < 1000000 ? 6
    : n < 10000000 ? 7 : n < 100000000 ? 8 : n < 1000000000 ? 9 : 10;
  let e = o + len;
  while (e > o) { const q = (n / 10) | 0; b[--e] = 48 + n - q * 10; n = q; }
  return o + len;
}

/** Zero-padded decimal of fixed width. */
export function putPad(b, o, n, width) {
  let e = o + width;
  while (e > o) { const q = (n / 10) | 0; b[--e] = 48 + n - q * 10; n = q; }
  return o + width;
}

const HEX = enc('0123456789abcdef');
/** Lowercase hex without leading zeros, n < 2^16. */
export function putHex16(b, o, n) {
  if (n >= 0x1000) b[o++] = HEX[n >>> 12];
  if (n >= 0x100) b[o++] = HEX[(n >>> 8) & 15];
  if (n >= 0x10) b[o++] = HEX[(n >>> 4) & 15];
  b[o++] = HEX[n & 15];
  return o;
}
