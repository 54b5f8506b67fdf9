import { beforeAll, describe, expect, it } from 'vitest';
import { loadLocales } from '../../../src/seed/faker.js';
import { bind, inputs } from './helpers.js';

beforeAll(async () => {
  await loadLocales(['de', 'ja', 'en_CA', 'fr']);
});

describe('street-address', () => {
  it('writes a number and a street in the locale layout', () => {
    expect(bind('street-address')('12 Main St')).toMatch(/^\d{3,5} \S.+$/);
    expect(bind({ transformer: 'street-address', locale: 'de' })('x')).toMatch(/^\S.+ \d+[a-c]?$/);
  });

  it('resolves locale patterns that need Faker itself (ja)', () => {
    const out = bind({ transformer: 'street-address', locale: 'ja' })('x')!;
    expect(out).toMatch(/^\d丁目\d番\d号$/);
    expect(out).not.toContain('{{');
  });

  it('is deterministic and fits the column', () => {
    const f = bind('street-address', { type: { kind: 'text', maxLength: 12 } });
    for (const v of inputs(300)) {
      const out = f(v)!;
      expect(out.length).toBeLessThanOrEqual(12);
      expect(out).toBe(f(v));
    }
  });
});

describe('city, zip, state, country', () => {
  it('city: a locale city name', () => {
    expect(bind('city')('Springfield')).toMatch(/^\p{L}[\p{L} '.-]*$/u);
  });

  it('zip: the locale postcode format, cut at the dash for a 5-character column', () => {
    expect(bind('zip')('94107')).toMatch(/^\d{5}(-\d{4})?$/);
    expect(bind({ transformer: 'zip', locale: 'en_CA' })('x')).toMatch(/^[A-Z]\d[A-Z] \d[A-Z]\d$/);
    const f = bind('zip', { type: { kind: 'text', maxLength: 5 } });
    for (const v of inputs(200)) expect(f(v)).toMatch(/^\d{5}$/);
  });

  it("zip: keepFirst keeps the original's shape and first digits", () => {
    expect(bind({ transformer: 'zip', keepFirst: 3 })('94107-1234')).toMatch(/^941\d\d-\d{4}$/);
  });

  it('state: abbreviations for abbreviations', () => {
    expect(bind('state')('CA')).toMatch(/^[A-Z]{2}$/);
    expect(bind('state')('California')!.length).toBeGreaterThan(3);
    expect(bind('state', { type: { kind: 'text', maxLength: 2 } })('California')!.length).toBeLessThanOrEqual(2);
  });

  it('country: ISO codes for codes, names otherwise', () => {
    expect(bind('country')('FR')).toMatch(/^[A-Z]{2}$/);
    expect(bind('country')('fr')).toMatch(/^[a-z]{2}$/);
    expect(bind('country')('FRA')).toMatch(/^[A-Z]{3}$/);
    expect(bind('country')('France')!.length).toBeGreaterThan(3);
    expect(bind({ transformer: 'country', format: 'alpha-3' })('France')).toMatch(/^[A-Z]{3}$/);
  });
});

describe('latitude, longitude', () => {
  it('move by at most radiusKm and keep the decimals', () => {
    const f = bind({ transformer: 'latitude', radiusKm: 10 });
    for (const v of inputs(300, (i) => (i / 7 - 20).toFixed(6))) {
      const out = f(v)!;
      expect(out).toMatch(/^-?\d+\.\d{6}$/);
      expect(Math.abs(Number(out) - Number(v))).toBeLessThanOrEqual(10 / 111.32 + 1e-6);
    }
  });

  it('stay in range: latitude clamps, longitude wraps', () => {
    const lat = bind({ transformer: 'latitude', radiusKm: 500 });
    const lon = bind({ transformer: 'longitude', radiusKm: 500 });
    for (const v of inputs(200, (i) => `${i % 2 ? '' : '-'}89.99${i % 10}`)) expect(Math.abs(Number(lat(v)))).toBeLessThanOrEqual(90);
    for (const v of inputs(200, (i) => `${i % 2 ? '' : '-'}179.99${i % 10}`)) expect(Math.abs(Number(lon(v)))).toBeLessThanOrEqual(180);
  });

  it('give a random coordinate for non-numbers', () => {
    expect(bind('longitude')('n/a')).toMatch(/^-?\d+\.\d{6}$/);
  });
});
