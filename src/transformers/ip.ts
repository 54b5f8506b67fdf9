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
  const side = (part: string): number[] | undefined => {
    if (part === '') return [];
    const out: number[] = [];
    const items = part.split(':');
    for (let i = 0; i < items.length; i++) {
      const it = items[i];
      if (i === items.length - 1 && it.includes('.')) {
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
    const head = side(s.slice(0, dbl));
    const tail = side(s.slice(dbl + 2));
    if (!head || !tail || head.length + tail.length > 7) return undefined;
    return [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
  }
  const all = side(s);
  return all && all.length === 8 ? all : undefined;
}

/** RFC 5952: lower case, no leading zeros, the longest run (≥ 2) of zero groups as "::". */
export function formatIpv6(g: number[]): string {
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
  const hex = g.map((x) => x.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}
