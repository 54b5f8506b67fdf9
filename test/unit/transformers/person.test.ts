import { beforeAll, describe, expect, it } from 'vitest';
import { loadLocales } from '../../../src/seed/faker.js';
import { bind, inputs, problems } from './helpers.js';

beforeAll(async () => {
  await loadLocales(['de', 'ru', 'ja', 'fr']);
});

describe('first-name, last-name, full-name', () => {
  it('give the same fake for the same original and secret', () => {
    for (const t of ['first-name', 'last-name', 'full-name']) {
      expect(bind(t)('Jane')).toBe(bind(t)('Jane'));
      expect(bind(t)('Jane')).toMatch(/^\p{L}/u);
    }
  });

  it('change with the secret', () => {
    const a = inputs(50).map((v) => bind('full-name')(v));
    const b = inputs(50).map((v) => bind('full-name', { secret: 'other' })(v));
    expect(a.filter((x, i) => x === b[i]).length).toBeLessThan(5);
  });

  it('write a first and last name separated by a space', () => {
    expect(bind('full-name')('Jane Doe')).toMatch(/^\S+ \S+/);
  });

  it('use the locale', () => {
    expect(bind({ transformer: 'full-name', locale: 'ru' })('x')).toMatch(/^[А-Яа-яЁё -]+$/);
    expect(bind({ transformer: 'last-name', locale: 'ja' })('x')).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
  });

  it('never exceed varchar(n)', () => {
    const f = bind('full-name', { type: { kind: 'text', maxLength: 8 } });
    for (const v of inputs(500)) expect(f(v)!.length).toBeLessThanOrEqual(8);
  });

  it('reject an unknown locale with a suggestion', () => {
    expect(problems({ transformer: 'first-name', locale: 'de_DX' }).join()).toMatch(/unknown locale "de_DX".*did you mean "de_(AT|CH)"/);
  });
});

describe('email', () => {
  it('writes first.last.tag@domain with an 85-bit tag', () => {
    const out = bind('email')('jane@acme.io')!;
    expect(out).toMatch(/^[a-z0-9]+\.[a-z0-9]+\.[a-z2-9]{17}@example\.com$/);
  });

  it('uses the domain param, or keeps the original domain', () => {
    expect(bind({ transformer: 'email', domain: 'test.invalid' })('jane@acme.io')).toMatch(/@test\.invalid$/);
    expect(bind({ transformer: 'email', keepDomain: true })('jane@acme.io')).toMatch(/@acme\.io$/);
  });

  it('maps an address to the same fake in unique and non-unique columns', () => {
    expect(bind('email', { unique: true })('jane@acme.io')).toBe(bind('email')('jane@acme.io'));
  });

  it('keeps the tag when the column is short', () => {
    const f = bind('email', { type: { kind: 'text', maxLength: 32 } });
    for (const v of inputs(200)) {
      const out = f(v)!;
      expect(out.length).toBeLessThanOrEqual(32);
      expect(out).toMatch(/[a-z2-9]{17}@example\.com$/);
    }
  });

  it('writes ASCII local parts for non-Latin locales', () => {
    expect(bind({ transformer: 'email', locale: 'ru' })('x@y.z')).toMatch(/^[a-z0-9.]+@example\.com$/);
  });
});

describe('username', () => {
  it('is name_name_tag by default and name + 2 digits when short', () => {
    expect(bind('username')('jdoe')).toMatch(/^[a-z0-9]+_[a-z0-9]+_[a-z2-9]{17}$/);
    expect(bind({ transformer: 'username', short: true })('jdoe')).toMatch(/^[a-z0-9]+[._]?[a-z0-9]+\d{1,2}$/);
  });

  it('fits a varchar(20) and keeps the tag', () => {
    const f = bind('username', { type: { kind: 'text', maxLength: 20 } });
    for (const v of inputs(200)) expect(f(v)!).toMatch(/^.{0,3}_?[a-z2-9]{17}$/);
  });
});

describe('phone', () => {
  it("keeps the original's shape and country code", () => {
    const out = bind('phone')('+1 (415) 555-0132')!;
    expect(out).toMatch(/^\+1 \(\d{3}\) \d{3}-\d{4}$/);
    expect(out).not.toBe('+1 (415) 555-0132');
  });

  it('follows a format', () => {
    expect(bind({ transformer: 'phone', format: '+44 #### ######' })('x')).toMatch(/^\+44 \d{4} \d{6}$/);
  });

  it('permutes digits on unique columns: distinct phones stay distinct', () => {
    const f = bind('phone', { unique: true });
    const seen = new Set(inputs(20000, (i) => `+1 555-${String(i).padStart(7, '0')}`).map((v) => f(v)));
    expect(seen.size).toBe(20000);
  });
});

describe('date-of-birth', () => {
  it('keeps the year by default and the time part of a timestamp', () => {
    expect(bind('date-of-birth')('1984-07-12')).toMatch(/^1984-\d\d-\d\d$/);
    expect(bind('date-of-birth')('1984-07-12 10:00:00')).toMatch(/^1984-\d\d-\d\d 10:00:00$/);
  });

  it('keeps the age band', () => {
    const f = bind({ transformer: 'date-of-birth', keep: 'band', bandYears: 10 });
    for (const v of inputs(200, (i) => `19${80 + (i % 10)}-0${1 + (i % 9)}-1${i % 10}`)) expect(f(v)).toMatch(/^198\d-\d\d-\d\d$/);
  });

  it('draws between minYear and maxYear for keep: none and for non-dates', () => {
    const f = bind({ transformer: 'date-of-birth', keep: 'none', minYear: 1950, maxYear: 1959 });
    for (const v of inputs(100)) expect(f(v)).toMatch(/^195\d-\d\d-\d\d$/);
  });

  it('writes valid calendar dates', () => {
    const f = bind('date-of-birth');
    for (const v of inputs(1000, (i) => `2000-02-${String(1 + (i % 29)).padStart(2, '0')}`)) {
      const out = f(v)!;
      const d = new Date(`${out}T00:00:00Z`);
      expect(d.toISOString().slice(0, 10)).toBe(out);
    }
  });
});
