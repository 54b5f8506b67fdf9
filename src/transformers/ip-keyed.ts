import type { KeyedPermutation } from './fpe.js';
import { UNIQUE_BITS } from './text-fit.js';

/**
 * Keyed fake addresses and networks, the first `keep` bits kept:
 * - an IPv4 address: a keyed permutation of the bits after `keep` (a bijection);
 * - an IPv6 address: the bits after `keep` from the value's 128 keyed bits;
 * - a network (PostgreSQL cidr) a.b.c.d/n: only the n network bits change, the host bits stay zero
 *   (cidr rejects anything else); a keyed permutation of the network bits after `keep` (a bijection of
 *   the /n networks), or keyed bits when at least UNIQUE_BITS of them change (IPv6).
 */

export function ipv4Address(x: number, keep: number, perm: KeyedPermutation): number {
  return ipv4Bits(x, 32, keep, perm);
}

/** 2^k for k in 0..32, looked up (`2 ** k` of a variable k is a call into the C library's pow). */
const POW2 = Float64Array.from({ length: 33 }, (_, k) => 2 ** k);

/** The top `width` bits of x permuted after the first `keep` of them (tweaked per width and keep). */
function ipv4Bits(x: number, width: number, keep: number, perm: KeyedPermutation): number {
  if (keep >= width) return x;
  const unit = POW2[32 - width];
  const net = Math.floor(x / unit);
  const size = POW2[width - keep];
  const high = net - (net % size);
  // width 32 keeps the tweak addresses always had, so a /32 network maps like its address
  return (high + perm.permuteInt(net % size, size, 4 + keep * 256 + (32 - width) * 65536)) * unit;
}

/** An IPv4 network of prefix length n (0..32): host bits zero, network bits permuted. */
export function ipv4Network(x: number, n: number, keep: number, perm: KeyedPermutation): number {
  return ipv4Bits(x, n, Math.min(keep, n), perm);
}

export function ipv6Address(words: ArrayLike<number>, keep: number, bits: Uint32Array): number[] {
  const out = new Array<number>(8);
  ipv6AddressInto(words, keep, bits, out);
  return out;
}

/** ipv6Address into `out` (the byte path's reused groups). */
export function ipv6AddressInto(words: ArrayLike<number>, keep: number, bits: Uint32Array, out: { [i: number]: number }): void {
  for (let i = 0; i < 8; i++) {
    const fresh = (bits[i >> 1] >>> (i & 1 ? 0 : 16)) & 0xffff;
    const keepBits = Math.max(0, Math.min(16, keep - i * 16));
    const mask = keepBits === 0 ? 0 : (0xffff << (16 - keepBits)) & 0xffff;
    out[i] = (words[i] & mask) | (fresh & ~mask & 0xffff);
  }
}

/** An IPv6 network of prefix length n (0..128): host bits zero; network bits permuted, or keyed when ≥ UNIQUE_BITS change. */
export function ipv6Network(words: readonly number[], n: number, keep: number, perm: KeyedPermutation, bits: Uint32Array): number[] {
  const k = Math.min(keep, n);
  const free = n - k;
  const host = BigInt(128 - n);
  let v: bigint;
  if (free >= UNIQUE_BITS) {
    v = (toBig(ipv6Address(words, k, bits)) >> host) << host;
  } else {
    const net = toBig(words) >> host;
    const size = 1n << BigInt(free);
    v = ((net - (net % size)) + perm.permuteBig(net % size, size, 6 + k * 256)) << host;
  }
  return fromBig(v);
}

function toBig(words: readonly number[]): bigint {
  let v = 0n;
  for (let i = 0; i < 8; i++) v = (v << 16n) | BigInt(words[i]);
  return v;
}

function fromBig(v: bigint): number[] {
  const out = new Array<number>(8);
  for (let i = 7; i >= 0; i--) {
    out[i] = Number(v & 0xffffn);
    v >>= 16n;
  }
  return out;
}
