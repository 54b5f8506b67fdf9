import { describe, expect, it } from 'vitest';
import { checkAccepts } from '../../../src/transformers/accepts.js';
import { findTransformer } from '../../../src/transformers/registry.js';
import { fitParts } from '../../../src/transformers/text-fit.js';
import { bind, rowOf } from './helpers.js';

const TAG = '[a-kmnp-z2-9]{17}';
const LOGIN = '{{masked.first_name|slug}}.{{masked.last_name|slug}}.{{tag}}';
const varchar = (n: number) => ({ kind: 'text' as const, raw: `varchar(${n})`, maxLength: n });

describe('template with {{tag}} in a narrow column', () => {
  const row = rowOf({}, { first_name: 'Maximiliane', last_name: 'Oberhauser-Wittgenstein' });

  it('shortens the column values, keeps the separators and the whole tag', () => {
    const f = bind({ transformer: 'template', template: LOGIN }, { type: varchar(30) });
    const out = f('login1', row)!;
    expect(out).toHaveLength(30);
    expect(out).toMatch(new RegExp(`^maximi\\.oberh\\.${TAG}$`));
  });

  it('distinct originals keep distinct values when the names are the same', () => {
    const f = bind({ transformer: 'template', template: LOGIN, unique: true }, { type: varchar(24) });
    const outs = new Set(Array.from({ length: 5000 }, (_, i) => f(`login${i}`, row)));
    expect(outs.size).toBe(5000);
    for (const out of [...outs].slice(0, 50)) expect(out).toMatch(new RegExp(`^max\\.ob\\.${TAG}$`));
  });

  it('cuts fixed text only when the column values are gone, never the tag', () => {
    const f = bind({ transformer: 'template', template: 'user-{{tag}}@example.com' }, { type: varchar(21) });
    expect(f('a', row)).toMatch(new RegExp(`^us${TAG}@e$`));
    expect(bind({ transformer: 'template', template: '{{tag}}' }, { type: varchar(17) })('a')).toMatch(new RegExp(`^${TAG}$`));
  });

  it('leaves values that fit, and templates without a tag, as before', () => {
    expect(bind({ transformer: 'template', template: LOGIN }, { type: varchar(64) })('a', row)).toMatch(new RegExp(`^maximiliane\\.oberhauserwittgenstein\\.${TAG}$`));
    expect(bind({ transformer: 'template', template: '{{masked.first_name}}-{{masked.last_name}}' }, { type: varchar(12) })('a', row)).toBe('Maximiliane-');
  });

  it('is a rules error (type mismatch) when the tag alone does not fit the column', () => {
    const template = findTransformer('template')!;
    const column = { name: 'login', type: varchar(16) };
    expect(checkAccepts(template, column.type, { params: { template: LOGIN }, column })).toMatch(/\{\{tag\}\} needs 17 characters; the column holds 16/);
    expect(checkAccepts(template, varchar(17), { params: { template: LOGIN } })).toBeUndefined();
    expect(checkAccepts(template, varchar(3), { params: { template: '{{first_name}}' } })).toBeUndefined();
  });
});

describe('fitParts', () => {
  it('shares the room among the parts that may be cut, shortest kept whole, earlier parts first', () => {
    expect(fitParts(['abcdef', '.', 'uvwxyz', '.', 'TAG'], [0, 1, 0, 1, 2], 10)).toBe('abc.uv.TAG');
    expect(fitParts(['ab', '-', 'uvwxyz', '-', 'TAG'], [0, 1, 0, 1, 2], 11)).toBe('ab-uvwx-TAG');
    expect(fitParts(['abc', 'T'], [0, 2], 10)).toBe('abcT');
  });

  it('never splits a surrogate pair', () => {
    expect(fitParts(['😀😀😀', 'T'], [0, 2], 3)).toBe('😀😀T');
  });
});
