import { describe, expect, it } from 'vitest';
import { bind, ibanValid, inputs, luhn } from './helpers.js';

describe('credit-card', () => {
  it('writes a Luhn-valid number of the same length and layout, issuer kept', () => {
    const f = bind('credit-card');
    for (const v of ['4111 1111 1111 1111', '5500-0000-0000-0004', '378282246310005', '6011111111111117']) {
      const out = f(v)!;
      expect(luhn(out)).toBe(true);
      expect(out.replace(/\d/g, '#')).toBe(v.replace(/\d/g, '#'));
      expect(out.replace(/\D/g, '').slice(0, 6)).toBe(v.replace(/\D/g, '').slice(0, 6));
      expect(out).not.toBe(v);
    }
  });

  it('keeps the last 4 on request and stays valid', () => {
    const f = bind({ transformer: 'credit-card', keepLast4: true, keepIssuer: false });
    for (const v of inputs(500, (i) => `4${String(i * 7919).padStart(14, '0')}`)) {
      const valid = v + [...Array(10).keys()].find((c) => luhn(v + c));
      const out = f(valid)!;
      expect(luhn(out)).toBe(true);
      expect(out.slice(-4)).toBe(valid.slice(-4));
      expect(out[0]).toBe('4');
    }
  });

  it('is never longer than the column, even for non-card input', () => {
    const f = bind('credit-card', { type: { kind: 'text', maxLength: 14 } });
    const out = f('n/a')!;
    expect(out.length).toBeLessThanOrEqual(14);
    expect(luhn(out)).toBe(true);
  });

  it('maps distinct valid cards to distinct cards', () => {
    const f = bind('credit-card');
    const cards = inputs(20000, (i) => {
      const body = `411111${String(i).padStart(9, '0')}`;
      return body + [...Array(10).keys()].find((c) => luhn(body + c));
    });
    expect(new Set(cards.map((c) => f(c))).size).toBe(cards.length);
  });
});

describe('iban', () => {
  it('keeps country, length and layout with valid check digits', () => {
    const f = bind('iban');
    for (const v of ['DE89 3704 0044 0532 0130 00', 'GB82WEST12345698765432', 'FR1420041010050500013M02606', 'NL91ABNA0417164300']) {
      const out = f(v)!;
      expect(ibanValid(out)).toBe(true);
      expect(out.slice(0, 2)).toBe(v.slice(0, 2));
      expect(out.length).toBe(v.length);
      expect(out.replace(/[0-9]/g, '9').replace(/[A-Z]/g, 'A')).toBe(v.replace(/[0-9]/g, '9').replace(/[A-Z]/g, 'A'));
    }
  });

  it('keeps the bank code on request', () => {
    expect(bind({ transformer: 'iban', keepBank: 8 })('DE89370400440532013000')!.slice(4, 12)).toBe('37040044');
  });

  it('writes a fresh valid IBAN for other text', () => {
    expect(ibanValid(bind('iban')('unknown')!)).toBe(true);
  });
});

describe('noise', () => {
  it('moves by at most the percentage and keeps the scale and sign', () => {
    const f = bind({ transformer: 'noise', percent: 10 });
    for (const v of inputs(500, (i) => `${i % 3 ? '' : '-'}${(i * 13.37 + 1).toFixed(2)}`)) {
      const out = f(v)!;
      expect(out).toMatch(/^-?\d+\.\d{2}$/);
      expect(Math.sign(Number(out))).toBe(Math.sign(Number(v)));
      expect(Math.abs(Number(out) - Number(v))).toBeLessThanOrEqual(Math.abs(Number(v)) * 0.1 + 0.01);
    }
  });

  it('is exact for large numerics', () => {
    expect(bind('noise')('123456789012345678901234.5678')).toMatch(/^\d{23,25}\.\d{4}$/);
  });

  it('keeps integers integral and inside the column range', () => {
    const f = bind({ transformer: 'noise', percent: 50 }, { type: { kind: 'integer', raw: 'smallint' } });
    for (const v of ['32767', '-32768', '30000', '7']) {
      const out = f(v)!;
      expect(out).toMatch(/^-?\d+$/);
      expect(Number(out)).toBeLessThanOrEqual(32767);
      expect(Number(out)).toBeGreaterThanOrEqual(-32768);
    }
  });

  it('stays inside numeric(p, s)', () => {
    const f = bind({ transformer: 'noise', percent: 50 }, { type: { kind: 'numeric', raw: 'numeric(5,2)', precision: 5, scale: 2 } });
    for (const v of ['999.99', '-999.99', '950.00']) expect(Math.abs(Number(f(v)))).toBeLessThanOrEqual(999.99);
  });

  it('uses absolute noise and keeps non-numbers', () => {
    const f = bind({ transformer: 'noise', absolute: 5 });
    const out = Number(f('100'));
    expect(out).toBeGreaterThanOrEqual(95);
    expect(out).toBeLessThanOrEqual(105);
    expect(f('NaN')).toBe('NaN');
    expect(f('Infinity')).toBe('Infinity');
  });

  it('rejects percent and absolute together', () => {
    expect(() => bind({ transformer: 'noise', percent: 5, absolute: 5 })).toThrow(/either "percent" or "absolute"/);
  });
});
