import { describe, expect, it } from 'vitest';
import { parseCreateTable } from '../../../src/dialects/mysql/ddl.js';
import { pgColumnType } from '../../../src/dialects/postgres/types.js';
import type { ColumnType } from '../../../src/model.js';
import { bind, inputs } from './helpers.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('uuid', () => {
  it('writes a keyed version-4 UUID', () => {
    const f = bind('uuid');
    for (const v of inputs(1000)) expect(f(v)).toMatch(UUID);
    expect(f('a')).toBe(bind('uuid')('a'));
    expect(f('a')).not.toBe(bind('uuid', { secret: 'x' })('a'));
  });

  it("keeps the original's style", () => {
    expect(bind('uuid')('1B4E28BA2FA111D2883F0016D3CCA427')).toMatch(/^[0-9A-F]{32}$/);
    expect(bind('uuid')('{1b4e28ba-2fa1-11d2-883f-0016d3cca427}')).toMatch(/^\{[0-9a-f-]{36}\}$/);
  });
});

describe('digits, format-preserving', () => {
  it('digits: new digits, separators kept', () => {
    const out = bind('digits')('078-05-1120')!;
    expect(out).toMatch(/^\d{3}-\d{2}-\d{4}$/);
    expect(out).not.toBe('078-05-1120');
    expect(bind('digits')('AB-123')).toMatch(/^AB-\d{3}$/);
  });

  it('digits: keepFirst/keepLast count digits, not separators', () => {
    expect(bind({ transformer: 'digits', keepFirst: 2, keepLast: 2 })('12-34-56-78')).toMatch(/^12-\d\d-\d\d-78$/);
  });

  it('digits on an integer column: same digit count, inside the range, a bijection', () => {
    const f = bind('digits', { type: { kind: 'integer', raw: 'integer' } });
    const outs = new Set<string>();
    for (const v of inputs(20000, (i) => String(2147463647 + i))) {
      const out = f(v)!;
      expect(out).toMatch(/^[1-9]\d{9}$/);
      expect(Number(out)).toBeLessThanOrEqual(2147483647);
      outs.add(out);
    }
    expect(outs.size).toBe(20000);
    expect(f('-42')).toMatch(/^-[1-9]\d$/);
    expect(f('7')).toMatch(/^\d$/);
  });

  describe('digits on 64-bit integer columns, with the types the DDL readers give', () => {
    const INT8_MAX = 9223372036854775807n;
    const UINT8_MAX = 18446744073709551615n;
    const pgBigint = pgColumnType(['pg_catalog', 'int8'], [], false, new Map());
    const my = parseCreateTable('CREATE TABLE `snow` (`flake` bigint(20) DEFAULT NULL, `uflake` bigint(20) unsigned DEFAULT NULL)');
    const myType = (name: string): ColumnType => my.columns.find((c) => c.name === name)!.type!;

    /** Every fake has the original's digit count and sign, lies in [min, max], and distinct originals stay distinct. */
    function expectInRangeBijection(type: ColumnType, originals: bigint[], min: bigint, max: bigint): void {
      const f = bind({ transformer: 'digits', unique: true }, { type });
      const outs = new Set<string>();
      for (const o of originals) {
        const out = f(String(o))!;
        expect(out.replace('-', '').length, `${o} → ${out}`).toBe(String(o).replace('-', '').length);
        expect(out.startsWith('-'), `${o} → ${out}`).toBe(o < 0n);
        expect(BigInt(out) >= min && BigInt(out) <= max, `${o} → ${out} in [${min}, ${max}]`).toBe(true);
        outs.add(out);
      }
      expect(outs.size).toBe(originals.length);
    }

    const near = (from: bigint, n: number, step = 1000003n): bigint[] => Array.from({ length: n }, (_, i) => from + BigInt(i) * step);

    it('PostgreSQL bigint: 19-digit ids (snowflakes, 2^63-1) stay 19 digits and inside int8', () => {
      expectInRangeBijection(pgBigint, [...near(1234567890123456789n, 3000), ...near(INT8_MAX - 2999n, 3000, 1n)], -INT8_MAX - 1n, INT8_MAX);
      expectInRangeBijection(pgBigint, [...near(-1234567890123456789n, 2000), -INT8_MAX - 1n], -INT8_MAX - 1n, INT8_MAX);
    });

    it('MariaDB BIGINT and BIGINT UNSIGNED: 19- and 20-digit ids stay inside the column range', () => {
      expectInRangeBijection(myType('flake'), near(1234567890123456789n, 3000), -INT8_MAX - 1n, INT8_MAX);
      expectInRangeBijection(myType('uflake'), [...near(12345678901234567890n, 3000), ...near(UINT8_MAX - 999n, 1000, 1n)], 0n, UINT8_MAX);
    });

    it('16-digit ids (above 2^53) of a bigint column keep their digit count', () => {
      expectInRangeBijection(pgBigint, near(9007199254740993n, 2000), -INT8_MAX - 1n, INT8_MAX);
    });
  });

  it('format-preserving: letters stay letters with case, digits stay digits', () => {
    const out = bind('format-preserving')('AB-1234-x')!;
    expect(out).toMatch(/^[A-Z]{2}-\d{4}-[a-z]$/);
  });

  it('format-preserving: a bijection per shape', () => {
    const f = bind('format-preserving');
    const outs = new Set(inputs(26 * 26 * 30, (i) => `${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(65 + (Math.floor(i / 26) % 26))}${Math.floor(i / 676)}`).map((v) => f(v)));
    expect(outs.size).toBe(26 * 26 * 30);
  });

  it('long values (≥ 85 bits of room) get keyed draws', () => {
    const v = '1234567890123456789012345678901234567890';
    expect(bind('digits')(v)).toMatch(/^\d{40}$/);
  });
});

describe('hash', () => {
  it('is a keyed hex digest of the requested length, cut to the column', () => {
    expect(bind('hash')('jane')).toMatch(/^[0-9a-f]{32}$/);
    expect(bind({ transformer: 'hash', length: 12 })('jane')).toMatch(/^[0-9a-f]{12}$/);
    expect(bind('hash', { type: { kind: 'text', maxLength: 10 } })('jane')).toMatch(/^[0-9a-f]{10}$/);
    expect(bind('hash')('jane')).not.toBe(bind('hash', { secret: 'other' })('jane'));
  });
});
