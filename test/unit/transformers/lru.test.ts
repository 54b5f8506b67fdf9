import { describe, expect, it } from 'vitest';
import type { ValueCtx } from '../../../src/transformers/define.js';
import { withLru } from '../../../src/transformers/lru.js';
import { bind } from './helpers.js';

const ctx = {} as ValueCtx;

describe('withLru', () => {
  it('returns what the transformer returns, NULL included, and counts hits', () => {
    let calls = 0;
    const f = withLru((v) => (calls++, v === 'n' ? null : v.toUpperCase()), { minHitRatio: 0 });
    expect(f('a', ctx)).toBe('A');
    expect(f('a', ctx)).toBe('A');
    expect(f('n', ctx)).toBeNull();
    expect(f('n', ctx)).toBeNull();
    expect(calls).toBe(2);
    expect(f.stats.hits).toBe(2);
  });

  it('switches itself off when values do not repeat, and probes again later', () => {
    const f = withLru((v) => v, { probe: 100, retryAfter: 50 });
    for (let i = 0; i < 100; i++) f(`v${i}`, ctx);
    expect(f.stats.enabled).toBe(false);
    for (let i = 0; i < 50; i++) f('same', ctx);
    expect(f.stats.bypassed).toBe(50);
    expect(f.stats.enabled).toBe(true);
  });

  it('keeps at most two generations of entries and skips long originals', () => {
    let calls = 0;
    const f = withLru((v) => (calls++, v), { capacity: 4, maxLength: 3, minHitRatio: 0 });
    for (const v of ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i']) f(v, ctx);
    calls = 0;
    f('a', ctx); // evicted
    f('i', ctx); // recent
    f('long', ctx);
    f('long', ctx);
    expect(calls).toBe(3);
  });

  it('does not change any fake of a cached transformer', () => {
    const cached = bind('credit-card');
    const values = Array.from({ length: 3000 }, (_, i) => `4111 1111 1111 ${String(i % 700).padStart(4, '0')}`);
    const first = values.map((v) => cached(v));
    const again = values.map((v) => bind('credit-card')(v));
    expect(first).toEqual(again);
  });
});
