import { commonParams, defineTransformer, z } from './define.js';

export const nullify = defineTransformer({
  name: 'null',
  category: 'generic',
  summary: 'Replace with SQL NULL: jane@acme.io → NULL',
  example: { before: 'jane@acme.io', after: 'NULL' },
  params: z.object({ ...commonParams }),
  accepts: ['any'],
  // SQL NULLs never collide in a UNIQUE index
  canBeUnique: true,
  check: (_p, column) => (column.notNull ? 'the column is NOT NULL' : undefined),
  create: () => () => null,
});

export const keep = defineTransformer({
  name: 'keep',
  category: 'generic',
  summary: 'Keep the original (marks a column as reviewed): 42 → 42',
  example: { before: '42', after: '42' },
  params: z.object({ ...commonParams }),
  accepts: ['any'],
  canBeUnique: true,
  create: () => (value) => value,
});

export const fixed = defineTransformer({
  name: 'fixed',
  category: 'generic',
  summary: 'The same value for every row: +1 415 555 0132 → 000',
  example: { before: '+1 415 555 0132', after: '000', params: { value: '000' } },
  params: z.object({
    ...commonParams,
    value: z.union([z.string(), z.number(), z.boolean()]).describe('The replacement, written as this text (numbers and booleans as their SQL literal).'),
  }),
  accepts: ['any'],
  replacesEmpty: true,
  create(params) {
    const v = String(params.value);
    return () => v;
  },
});
