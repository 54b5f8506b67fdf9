/** IPv4/IPv6 parsing and formatting (RFC 5952 canonical text for IPv6). */

export interface ParsedIp {
  v: 4 | 6;
  /** IPv4: one u32; IPv6: eight 16-bit groups. */
  words: number[];
  /** Text after the address that is kept: "/24", "%eth0/64". */
  suffix: string;
}

const V4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

export function parseIpv4(s: string): number | undefined {
  const m = V4.exec(s);
  if (!m) return undefined;
  let x = 0;
  for (let i = 1; i <= 4; i++) {
    const o = Number(m[i]);
    if (o > 255) return undefined;
    x = x * 256 + o;
  }
  return x;
}

/** parseIpv4 of the UTF-8 bytes src[start, end) (no surrounding text), or -1. */
export function parseIpv4Bytes(src: Uint8Array, start: number, end: number): number {
  let x = 0;
  let parts = 0;
  let i = start;
  while (parts < 4) {
    let o = 0;
    const d0 = i;
    while (i < end && i - d0 < 3 && src[i] >= 48 && src[i] <= 57) o = o * 10 + src[i++] - 48;
    if (i === d0 || o > 255) return -1;
    x = x * 256 + o;
    if (++parts < 4) {
      if (i >= end || src[i] !== 46) return -1;
      i++;
    }
  }
  return i === end ? x : -1;
}

/** formatIpv4 into out at n; returns the new end. */
export function formatIpv4Bytes(x: number, out: Uint8Array, n: number): number {
  for (let k = 3; k >= 0; k--) {
    const o = (x >>> (8 * k)) & 255; // (x is a u32; a variable `2 ** n` would call the C library's pow)
    if (o >= 100) out[n++] = 48 + Math.floor(o / 100);
    if (o >= 10) out[n++] = 48 + (Math.floor(o / 10) % 10);
    out[n++] = 48 + (o % 10);
    if (k > 0) out[n++] = 46;
  }
  return n;
}

export function formatIpv4(x: number): string {
  return `${Math.floor(x / 16777216) & 255}.${(x >>> 16) & 255}.${(x >>> 8) & 255}.${x & 255}`;
}

export function parseIp(text: string): ParsedIp | undefined {
  const t = text.trim();
  const cut = t.search(/[%/]/);
  const addr = cut < 0 ? t : t.slice(0, cut);
  const suffix = cut < 0 ? '' : t.slice(cut);
  const v4 = parseIpv4(addr);
  if (v4 !== undefined) return { v: 4, words: [v4], suffix };
  const groups = parseIpv6(addr);
  return groups ? { v: 6, words: groups, suffix } : undefined;
}

function parseIpv6(s: string): number[] | undefined {
  if (!/^[0-9A-Fa-f:.]+$/.test(s) || !s.includes(':')) return undefined;
  const dbl = s.indexOf('::');
  if (dbl !== s.lastIndexOf('::')) return undefined;
  // a dotted IPv4 may only end the address ("::ffff:1.2.3.4"), not the part before "::"
  const side = (part: string, dotted: boolean): number[] | undefined => {
    if (part === '') return [];
    const out: number[] = [];
    const items = part.split(':');
    for (let i = 0; i < items.length; i++) {
      const it = items[i];
      if (dotted && i === items.length - 1 && it.includes('.')) {
        const v4 = parseIpv4(it);
        if (v4 === undefined) return undefined;
        out.push(Math.floor(v4 / 65536), v4 & 0xffff);
      } else {
        if (!/^[0-9A-Fa-f]{1,4}$/.test(it)) return undefined;
        out.push(parseInt(it, 16));
      }
    }
    return out;
  };
  if (dbl >= 0) {
    const head = side(s.slice(0, dbl), false);
    const tail = side(s.slice(dbl + 2), true);
    if (!head || !tail || head.length + tail.length > 7) return undefined;
    return [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
  }
  const all = side(s, true);
  return all && all.length === 8 ? all : undefined;
}

/**
 * parseIp's IPv6 address (no suffix, no surrounding text) from the UTF-8 bytes src[start, end) into
 * out's eight groups; false where parseIp would not read an IPv6 address from the same text.
 */
export function parseIpv6Bytes(src: Uint8Array, start: number, end: number, out: Uint16Array): boolean {
  let colon = false;
  for (let i = start; i < end; i++) {
    const c = src[i];
    if (c === 58) colon = true;
    else if (c !== 46 && hexDigit(c) < 0) return false;
  }
  if (!colon) return false;
  let dbl = -1;
  for (let i = start; i + 1 < end; i++) {
    if (src[i] !== 58 || src[i + 1] !== 58) continue;
    if (dbl >= 0) return false; // a second "::" (":::" holds two)
    dbl = i;
  }
  if (dbl < 0) return groupsBytes(src, start, end, out, true) === 8;
  const head = groupsBytes(src, start, dbl, out, false);
  if (head < 0) return false;
  const tail = groupsBytes(src, dbl + 2, end, TAIL, true);
  if (tail < 0 || head + tail > 7) return false;
  out.fill(0, head, 8 - tail);
  for (let k = 0; k < tail; k++) out[8 - tail + k] = TAIL[k];
  return true;
}

const TAIL = new Uint16Array(8);

/**
 * The ':'-separated groups of src[from, to) into out from 0 (a dotted IPv4 last, where `dotted`
 * allows it, is two groups); the count, or -1.
 */
function groupsBytes(src: Uint8Array, from: number, to: number, out: Uint16Array, dotted: boolean): number {
  if (from === to) return 0;
  let k = 0;
  let i = from;
  for (;;) {
    let j = i;
    while (j < to && src[j] !== 58) j++;
    let dot = false;
    for (let m = i; m < j; m++) if (src[m] === 46) dot = true;
    if (dot) {
      const v4 = dotted && j === to && k <= 6 ? parseIpv4Bytes(src, i, j) : -1;
      if (v4 < 0) return -1;
      out[k++] = Math.floor(v4 / 65536);
      out[k++] = v4 & 0xffff;
    } else {
      if (j === i || j - i > 4 || k >= 8) return -1;
      let g = 0;
      for (let m = i; m < j; m++) g = g * 16 + hexDigit(src[m]);
      out[k++] = g;
    }
    if (j === to) return k;
    i = j + 1;
  }
}

function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  const l = c | 0x20;
  return l >= 97 && l <= 102 ? l - 87 : -1;
}

const HEX = new Uint8Array([48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 97, 98, 99, 100, 101, 102]);

/** formatIpv6 into out at n (at least 39 bytes of room); returns the new end. */
export function formatIpv6Bytes(g: ArrayLike<number>, out: Uint8Array, n: number): number {
  const [bestStart, bestLen] = longestZeroRun(g);
  for (let i = 0; i < 8; i++) {
    if (i === bestStart) {
      out[n++] = 58;
      out[n++] = 58;
      i += bestLen - 1;
      continue;
    }
    if (i > 0 && i !== bestStart + bestLen) out[n++] = 58;
    const x = g[i];
    if (x >= 0x1000) out[n++] = HEX[x >>> 12];
    if (x >= 0x100) out[n++] = HEX[(x >>> 8) & 15];
    if (x >= 0x10) out[n++] = HEX[(x >>> 4) & 15];
    out[n++] = HEX[x & 15];
  }
  return n;
}

/** Where the first longest run of two or more zero groups starts, and its length ([-1, 1]: none). */
function longestZeroRun(g: ArrayLike<number>): [number, number] {
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (g[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  return [bestStart, bestLen];
}

/** RFC 5952: lower case, no leading zeros, the longest run (≥ 2) of zero groups as "::". */
export function formatIpv6(g: number[]): string {
  const [bestStart, bestLen] = longestZeroRun(g);
  const hex = g.map((x) => x.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}
