import { describe, expect, it } from 'vitest';
import { VeilError } from '../../../src/errors.js';
import { mapArray, quote } from '../../../src/transformers/pg-array.js';
import { bind, problems } from './helpers.js';

describe('PostgreSQL array literals', () => {
  it('parses quoted, unquoted, NULL and nested elements', () => {
    const seen: (string | null)[] = [];
    const out = mapArray('{a, "c d" ,NULL,"NULL","",\\{x,{1,2}}', (e) => {
      seen.push(e);
      return e;
    });
    expect(seen).toEqual(['a', 'c d', null, 'NULL', '', '{x', '1', '2']);
    expect(out).toBe('{a,"c d",NULL,"NULL","","{x",{1,2}}');
  });

  it('keeps a dimension decoration and quotes like array_out', () => {
    expect(mapArray('[0:1]={x,y}', (e) => e)).toBe('[0:1]={x,y}');
    expect(quote('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(quote('null')).toBe('"null"');
    expect(quote('a,b')).toBe('"a,b"');
    expect(quote(' x')).toBe('" x"');
  });
});

describe('array', () => {
  it('applies the element rule to each element; NULL elements stay NULL', () => {
    const out = bind({ transformer: 'array', element: 'email' })('{jane@acme.io,NULL,"x y"}')!;
    expect(out).toMatch(/^\{[a-z0-9.]+@example\.com,NULL,[a-z0-9.]+@example\.com\}$/);
    expect(bind({ transformer: 'array', element: 'null' })('{a,b}')).toBe('{NULL,NULL}');
  });

  it('writes valid literals for fakes with special characters', () => {
    const out = bind({ transformer: 'array', element: { transformer: 'fixed', value: 'a "b", {c}' } })('{{1,2},{3,4}}');
    expect(out).toBe('{{"a \\"b\\", {c}","a \\"b\\", {c}"},{"a \\"b\\", {c}","a \\"b\\", {c}"}}');
  });

  it("binds the element rule to the column's element type", () => {
    const f = bind({ transformer: 'array', element: 'int-range' }, { type: { kind: 'array', raw: 'smallint[]', element: { kind: 'integer', raw: 'smallint' } } });
    for (const x of f('{1,2,30000}')!.slice(1, -1).split(',')) expect(Number(x)).toBeLessThanOrEqual(32767);
  });

  it('rejects an invalid literal with DUMP_VALUE_REJECTED, or nulls/keeps it', () => {
    expect(() => bind({ transformer: 'array', element: 'keep' })('{a,"b}')).toThrow(VeilError);
    expect(() => bind({ transformer: 'array', element: 'keep' })('a,b')).toThrow(/character 1/);
    expect(bind({ transformer: 'array', element: 'keep', onInvalid: 'null' })('{a')).toBeNull();
    expect(bind({ transformer: 'array', element: 'keep', onInvalid: 'keep' })('{a')).toBe('{a');
  });

  it('validates the element rule when the rules are loaded', () => {
    expect(problems({ transformer: 'array', element: { transformer: 'mask', keep: 1 } }).join()).toMatch(/\$\.x\.element\.keep: unknown parameter/);
    expect(problems({ transformer: 'array' }).join()).toMatch(/\$\.x\.element: missing nested rule/);
  });
});
