import type { ValueCtx, ValueFn } from './define.js';

/**
 * An adaptive cache of recent originals → fakes, for transformers whose fakes cost more than a Map
 * lookup (a lookup hashes the whole original, about what SipHash costs, so cheap transformers are
 * never cached). Two generations approximate LRU without reordering on hits: hits in the old
 * generation move to the new one; a full new generation becomes the old one, so memory stays bounded
 * by 2 × capacity entries of at most maxLength characters.
 *
 * Measured (bench/transformers.mjs --lru): with a Zipf(1.0) repeat pattern (54% hits) the cache gave
 * +20% (email) to +50% (credit-card, json); with no repeats it cost 15-25%. So it watches its hit
 * ratio: below `minHitRatio` over a probe window it switches itself off, and probes again after
 * `retryAfter` uncached values (tables are often sorted, so repeats may start later).
 * Only for pure ValueFns (no row reads): the fake must depend on the original alone.
 */
export interface LruOptions {
  capacity?: number;
  maxLength?: number;
  minHitRatio?: number;
  probe?: number;
  retryAfter?: number;
}

export interface LruStats {
  hits: number;
  misses: number;
  /** Values that went straight to the transformer (cache off, or original too long). */
  bypassed: number;
  enabled: boolean;
}

export function withLru(fn: ValueFn, opts: LruOptions = {}): ValueFn & { stats: LruStats } {
  const capacity = opts.capacity ?? 1024;
  const maxLength = opts.maxLength ?? 512;
  const minHitRatio = opts.minHitRatio ?? 0.4;
  const probe = opts.probe ?? 8192;
  const retryAfter = opts.retryAfter ?? 1 << 20;
  let young = new Map<string, string | null>();
  let old = new Map<string, string | null>();
  const stats: LruStats = { hits: 0, misses: 0, bypassed: 0, enabled: true };
  let windowHits = 0;
  let windowLookups = 0;
  let offFor = 0;
  const cached = (value: string, ctx: ValueCtx): string | null => {
    if (offFor > 0) {
      offFor--;
      stats.bypassed++;
      if (offFor === 0) stats.enabled = true;
      return fn(value, ctx);
    }
    if (value.length > maxLength) {
      stats.bypassed++;
      return fn(value, ctx);
    }
    if (++windowLookups === probe) {
      if (windowHits < probe * minHitRatio) {
        offFor = retryAfter;
        stats.enabled = false;
        young = new Map();
        old = new Map();
      }
      windowHits = 0;
      windowLookups = 0;
    }
    let out = young.get(value);
    if (out !== undefined) {
      stats.hits++;
      windowHits++;
      return out;
    }
    out = old.get(value);
    if (out === undefined) {
      stats.misses++;
      out = fn(value, ctx);
    } else {
      stats.hits++;
      windowHits++;
    }
    if (young.size >= capacity) {
      old = young;
      young = new Map();
    }
    young.set(value, out);
    return out;
  };
  return Object.assign(cached, { stats });
}
