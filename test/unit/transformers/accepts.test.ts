import { describe, expect, it } from 'vitest';
import { pgColumnType } from '../../../src/dialects/postgres/types.js';
import { checkAccepts } from '../../../src/transformers/accepts.js';
import { findTransformer } from '../../../src/transformers/registry.js';

const t = (name: string) => findTransformer(name)!;

describe('checkAccepts', () => {
  it('passes fitting kinds and unknown types', () => {
    expect(checkAccepts(t('email'), { raw: 'varchar(255)', kind: 'text', maxLength: 255 })).toBeUndefined();
    expect(checkAccepts(t('email'), undefined)).toBeUndefined();
    expect(checkAccepts(t('email'), { raw: 'citext', kind: 'other' })).toBeUndefined();
    expect(checkAccepts(t('null'), { raw: 'jsonb', kind: 'json' })).toBeUndefined();
    expect(checkAccepts(t('date-shift'), { raw: 'timestamptz', kind: 'timestamp' })).toBeUndefined();
  });

  it('names the mismatch and suggests a transformer', () => {
    expect(checkAccepts(t('email'), { raw: 'integer', kind: 'integer' })).toBe(
      'transformer "email" writes text values; column is integer (integer): use int-range, noise or digits',
    );
    expect(checkAccepts(t('first-name'), { raw: 'jsonb', kind: 'json' })).toMatch(/use json$/);
    expect(checkAccepts(t('full-name'), { raw: 'mood', kind: 'enum', labels: ['a'] })).toMatch(/use choice$/);
  });

  it("runs the transformer's own fit check with params", () => {
    const col = { raw: 'varchar(10)', kind: 'text' as const, maxLength: 10 };
    expect(checkAccepts(t('uuid'), col, { params: {} })).toMatch(/UUID needs 32 to 38 characters/);
    expect(checkAccepts(t('email'), col, { params: { domain: 'example.com', keepDomain: false } })).toMatch(/needs at least 29 characters/);
    expect(checkAccepts(t('choice'), { raw: 'mood', kind: 'enum', labels: ['a', 'b'] }, { params: { values: ['a', 'c'] } })).toMatch(/"c" is not a label/);
    expect(checkAccepts(t('int-range'), { raw: 'smallint', kind: 'integer' }, { params: { max: 100000 } })).toMatch(/above the column's maximum 32767/);
    expect(checkAccepts(t('null'), undefined, { params: {}, column: { name: 'id', notNull: true } })).toMatch(/NOT NULL/);
  });

  it('refuses unique columns for transformers that cannot keep values distinct', () => {
    expect(checkAccepts(t('first-name'), undefined, { unique: true })).toMatch(/cannot guarantee distinct values/);
    expect(checkAccepts(t('username'), undefined, { unique: true, params: { short: true } })).toMatch(/with these params cannot/);
    expect(checkAccepts(t('username'), undefined, { unique: true, params: { short: false } })).toBeUndefined();
    expect(checkAccepts(t('hash'), { raw: 'varchar(16)', kind: 'text', maxLength: 16 }, { unique: true, params: { length: 32 } })).toMatch(/22 hex/);
    for (const name of ['email', 'uuid', 'int-range', 'digits', 'format-preserving', 'ipv4', 'credit-card', 'iban', 'keep']) {
      expect(checkAccepts(t(name), undefined, { unique: true }), name).toBeUndefined();
    }
  });

  it('PostgreSQL macaddr / macaddr8 take mac, and only mac of the internet transformers', () => {
    const pg = (name: string) => pgColumnType(['pg_catalog', name], [], false, new Map());
    for (const type of [pg('macaddr'), pg('macaddr8')]) {
      expect(checkAccepts(t('mac'), type, { params: { keepOui: false }, unique: true }), type.raw).toBeUndefined();
      for (const ip of ['ipv4', 'ipv6']) {
        expect(checkAccepts(t(ip), type, { params: { keepPrefix: 0 } }), `${ip} on ${type.raw}`).toMatch(/\((mac)\): use mac$/);
      }
    }
    for (const type of [pg('inet'), pg('cidr')]) {
      expect(checkAccepts(t('ipv4'), type), type.raw).toBeUndefined();
      expect(checkAccepts(t('mac'), type), type.raw).toMatch(/use ipv4 or ipv6$/);
    }
  });
});
