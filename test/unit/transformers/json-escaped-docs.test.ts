import { describe, expect, it } from 'vitest';
import { mask } from '../../../src/index.js';
import { validateRules } from '../../../src/rules/load.js';

/**
 * JSON documents with escapes in the dump (mysqldump writes every JSON quote as \", COPY writes a
 * JSON "\n" as \\n) are unescaped into one scratch buffer, written again for each field. Keys the
 * path matcher remembers by their bytes must not change with it: here "ua" (unruled) has the length
 * of "ip" (ruled), and each document overwrites the one before at the same place.
 */
const rules = (table: string) => validateRules({ tables: { [table]: { columns: { doc: { transformer: 'json', paths: { '$.ip': 'ipv4' } } } } } });

/** The doc of every row, parsed, in order. */
function docs(sql: string, field: RegExp): Record<string, string>[] {
  return [...sql.matchAll(field)].map((m) => JSON.parse(m[1].replace(/\\(.)/g, '$1')) as Record<string, string>);
}

const ROWS = [
  { ip: '10.0.0.1', note: 'a\nb' },
  { ua: 'Mozilla/5', note: 'c\nd' },
  { ip: '10.0.0.3', note: 'e\nf' },
  { ua: 'Opera/9', ip: '10.0.0.4' },
  { ua: 'curl/8', note: 'g\nh' },
];

function check(before: Record<string, string>[], after: Record<string, string>[]): void {
  expect(after.map((d) => Object.keys(d))).toEqual(before.map((d) => Object.keys(d)));
  after.forEach((d, i) => {
    if (before[i].ua !== undefined) expect(d.ua, `row ${i + 1}: ua is not ruled`).toBe(before[i].ua);
    if (before[i].note !== undefined) expect(d.note).toBe(before[i].note);
    if (before[i].ip !== undefined) {
      expect(d.ip, `row ${i + 1}: ip is ruled`).not.toBe(before[i].ip);
      expect(d.ip).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    }
  });
}

describe('json paths in escaped documents', () => {
  it('PostgreSQL COPY: fields with escapes mask the ruled key only, row after row', async () => {
    const copyText = (d: object) => JSON.stringify(d).replace(/\\/g, '\\\\');
    const dump = [
      'CREATE TABLE public.t (id integer, doc jsonb);',
      'COPY public.t (id, doc) FROM stdin;',
      ...ROWS.map((d, i) => `${i + 1}\t${copyText(d)}`),
      '\\.',
      '',
    ].join('\n');
    const { output } = await mask(dump, { rules: rules('public.t'), secret: 's' });
    const field = /^\d+\t(.*)$/gm;
    check(docs(dump, field), docs(output.toString('utf8'), field));
  });

  it('MySQL INSERT: every JSON quote escaped, the ruled key masked, the others kept', async () => {
    const literal = (d: object) => `'${JSON.stringify(d).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}'`;
    const dump = [
      'CREATE TABLE `t` (`id` int(11) NOT NULL, `doc` longtext CHECK (json_valid(`doc`)), PRIMARY KEY (`id`));',
      `INSERT INTO \`t\` VALUES ${ROWS.map((d, i) => `(${i + 1},${literal(d)})`).join(',')};`,
      '',
    ].join('\n');
    const { output } = await mask(dump, { rules: rules('t'), secret: 's', dialect: 'mysql' });
    const field = /\(\d+,'((?:[^'\\]|\\.)*)'\)/g;
    check(docs(dump, field), docs(output.toString('utf8'), field));
  });
});
