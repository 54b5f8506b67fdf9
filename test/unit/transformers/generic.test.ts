import { describe, expect, it } from 'vitest';
import { isVeilError } from '../../../src/errors.js';
import { bind, inputs, problems, rowOf } from './helpers.js';

describe('null, keep, fixed, mask', () => {
  it('null writes SQL NULL, keep the original, fixed the value', () => {
    expect(bind('null')('x')).toBeNull();
    expect(bind('keep')('x')).toBe('x');
    expect(bind({ transformer: 'fixed', value: 0 })('x')).toBe('0');
    expect(bind({ transformer: 'fixed', value: true })('x')).toBe('true');
  });

  it('mask keeps the first/last N characters and, on request, separators', () => {
    expect(bind({ transformer: 'mask', keepLast: 4 })('4111111111111111')).toBe('************1111');
    expect(bind({ transformer: 'mask', keepSeparators: true, char: '#' })('ab-cd')).toBe('##-##');
  });
});

describe('int-range', () => {
  it('maps integers inside the range by a permutation (a bijection)', () => {
    const f = bind({ transformer: 'int-range', min: 1, max: 1000 });
    const outs = inputs(1000, (i) => String(i + 1)).map((v) => Number(f(v)));
    expect(new Set(outs).size).toBe(1000);
    expect(Math.min(...outs)).toBe(1);
    expect(Math.max(...outs)).toBe(1000);
  });

  it('draws inside the range for other originals', () => {
    const f = bind({ transformer: 'int-range', min: 10, max: 20 });
    for (const v of ['5000', '-3', 'abc', '1.5']) {
      const out = Number(f(v));
      expect(out).toBeGreaterThanOrEqual(10);
      expect(out).toBeLessThanOrEqual(20);
    }
  });

  it("defaults to the column's range, bigint included", () => {
    const small = bind('int-range', { type: { kind: 'integer', raw: 'smallint' } });
    for (const v of inputs(300, (i) => String(i + 1))) expect(Number(small(v))).toBeLessThanOrEqual(32767);
    const big = bind('int-range', { type: { kind: 'integer', raw: 'bigint' } });
    const out = BigInt(big('9223372036854775000')!);
    expect(out <= 9223372036854775807n && out >= 1n).toBe(true);
  });

  it('keeps numeric(p, s) columns in range', () => {
    const f = bind('int-range', { type: { kind: 'numeric', raw: 'numeric(4,0)', precision: 4, scale: 0 } });
    for (const v of inputs(100, (i) => String(i))) expect(Number(f(v))).toBeLessThanOrEqual(9999);
  });
});

describe('date-shift', () => {
  it('keeps the layout and time of day of every literal style', () => {
    const f = bind({ transformer: 'date-shift', days: 30 });
    const cases: [string, RegExp][] = [
      ['2024-01-31', /^\d{4}-\d\d-\d\d$/],
      ['2024-01-31 10:22:33.123+02', /^\d{4}-\d\d-\d\d 10:22:33\.123\+02$/],
      ['2024-01-31 10:22:33', /^\d{4}-\d\d-\d\d 10:22:33$/],
      ['2024-01-31T10:22:33Z', /^\d{4}-\d\d-\d\dT10:22:33Z$/],
      ['2024-01-31 10:22:33.123456-05:30', /^\d{4}-\d\d-\d\d 10:22:33\.123456-05:30$/],
    ];
    for (const [v, re] of cases) {
      const out = f(v)!;
      expect(out).toMatch(re);
      const days = (Date.parse(out.slice(0, 10)) - Date.parse(v.slice(0, 10))) / 86400000;
      expect(Math.abs(days)).toBeGreaterThanOrEqual(1);
      expect(Math.abs(days)).toBeLessThanOrEqual(30);
    }
  });

  it('keeps zero dates, infinities, BC dates and non-dates', () => {
    const f = bind('date-shift');
    for (const v of ['0000-00-00', '0000-00-00 00:00:00', 'infinity', '-infinity', '0044-03-15 BC', 'soon']) expect(f(v)).toBe(v);
  });

  it('writes valid dates around month ends and leap days', () => {
    const f = bind({ transformer: 'date-shift', days: 400 });
    for (const v of inputs(1000, (i) => new Date(Date.UTC(2020, 0, 1) + i * 86400000).toISOString().slice(0, 10))) {
      const out = f(v)!;
      expect(new Date(`${out}T00:00:00Z`).toISOString().slice(0, 10)).toBe(out);
    }
  });
});

describe('text', () => {
  it('writes lorem of at most the original length', () => {
    const f = bind('text');
    for (const v of inputs(200, (i) => 'x'.repeat(i))) {
      const out = f(v)!;
      expect(out.length).toBeLessThanOrEqual(v.length);
      if (v.length >= 12) expect(out.length).toBeGreaterThan(v.length / 2);
    }
    expect(f('Call me after 6pm please.')).toMatch(/^[A-Z][a-z .]+\.$/);
  });

  it('fits the column', () => {
    expect(bind('text', { type: { kind: 'text', maxLength: 5 } })('a long long text')!.length).toBeLessThanOrEqual(5);
  });
});

describe('choice', () => {
  it('picks from the values (null = SQL NULL), weighted on request', () => {
    const f = bind({ transformer: 'choice', values: ['a', 'b', null] });
    const outs = new Set(inputs(300).map((v) => f(v)));
    expect(outs).toEqual(new Set(['a', 'b', null]));
    const w = bind({ transformer: 'choice', values: ['a', 'b'], weights: [0, 1] });
    for (const v of inputs(100)) expect(w(v)).toBe('b');
  });

  it("uses an enum column's labels without values", () => {
    const f = bind('choice', { type: { kind: 'enum', labels: ['red', 'green'] } });
    for (const v of inputs(50)) expect(['red', 'green']).toContain(f(v));
  });

  it('rejects weights that do not match the values', () => {
    expect(problems({ transformer: 'choice', values: ['a'], weights: [1, 2] }).join()).toMatch(/one weight per value/);
  });
});

describe('regex-replace', () => {
  it('replaces matches with same-shape fakes by default', () => {
    expect(bind({ transformer: 'regex-replace', pattern: '\\d+' })('Order 4711 for Jane')).toMatch(/^Order \d{4} for Jane$/);
  });

  it('uses a replacement with groups', () => {
    expect(bind({ transformer: 'regex-replace', pattern: '(\\w+)@\\w+', replacement: '$1@masked' })('mail jane@acme now')).toBe('mail jane@masked now');
  });

  it('rejects a bad pattern when the rules are loaded', () => {
    expect(problems({ transformer: 'regex-replace', pattern: '(' }).join()).toMatch(/\$\.x\.pattern: not a valid regular expression/);
  });
});

describe('template', () => {
  const row = rowOf({ first_name: 'Jane', last_name: 'Doe Smith', nick: null }, { first_name: 'Maria', last_name: 'Kozey' });

  it('composes from originals and masked values, with filters', () => {
    const f = bind({ transformer: 'template', template: '{{first_name|lower}}.{{last_name|slug}}@example.com' });
    expect(f('x', row)).toBe('jane.doesmith@example.com');
    const g = bind({ transformer: 'template', template: '{{masked.first_name|initial}}. {{masked.last_name|upper}} ({{nick}})' });
    expect(g('x', row)).toBe('M. KOZEY ()');
  });

  it('adds a keyed tag for unique columns, and {{value}} for the original', () => {
    expect(bind({ transformer: 'template', template: 'u-{{tag}}' })('a')).toMatch(/^u-[a-z2-9]{17}$/);
    expect(bind({ transformer: 'template', template: '<{{value}}>' })('a')).toBe('<a>');
  });

  it('declares the columns it reads', async () => {
    const { validateColumnRule } = await import('../../../src/rules/load.js');
    const { bindRule } = await import('../../../src/transformers/bind.js');
    const { Keyring } = await import('../../../src/seed/keyring.js');
    const rule = validateColumnRule('email', { transformer: 'template', template: '{{a}}{{masked.b}}{{a}}{{tag}}' }, '$', () => {})!;
    const b = bindRule(rule, { name: 'email' }, { keyring: new Keyring('s'), dialect: 'mysql', table: { name: 't' } });
    expect(b.reads).toEqual(['a', 'b']);
    expect(b.readsMasked).toEqual(['b']);
  });

  it('rejects unknown filters at load time and reading its own masked value at bind time', () => {
    expect(problems({ transformer: 'template', template: '{{a|shout}}' }).join()).toMatch(/unknown filter "shout"/);
    try {
      bind({ transformer: 'template', template: '{{masked.col}}' });
      expect.unreachable();
    } catch (e) {
      expect(isVeilError(e) && e.code).toBe('RULES_INVALID');
    }
  });
});
