import { describe, expect, it } from 'vitest';
import { bind } from './helpers.js';

/** A column's '' stays '' unless the transformer replaces empties (fixed); nested rules do the same. */
describe("'' inside json values and array elements", () => {
  it("json: a '' string stays '' for transformers that keep '' in a column", () => {
    const f = bind({ transformer: 'json', paths: { '$.email': 'email', '$.tags[*]': 'null', '$.name': { transformer: 'mask', keepLast: 1 } } });
    expect(f('{"email": "", "tags": ["", "x"], "name": ""}')).toBe('{"email": "", "tags": ["", null], "name": ""}');
  });

  it("json: a transformer that replaces '' in a column (fixed) replaces it inside JSON too", () => {
    expect(bind({ transformer: 'json', paths: { '$.a': { transformer: 'fixed', value: 'x' } } })('{"a":""}')).toBe('{"a":"x"}');
  });

  it("array: '' elements stay '', the others are masked", () => {
    const out = bind({ transformer: 'array', element: 'email' })('{"",x@y.test,NULL}')!;
    expect(out).toMatch(/^\{"",[a-z0-9.]+@example\.com,NULL\}$/);
    expect(bind({ transformer: 'array', element: { transformer: 'fixed', value: 'z' } })('{"",a}')).toBe('{z,z}');
  });

  it("array of json: a '' element is not parsed as JSON (it stays '', as in a json column)", () => {
    expect(bind({ transformer: 'array', element: { transformer: 'json', paths: { '$.a': 'email' } } })('{""}')).toBe('{""}');
  });
});
