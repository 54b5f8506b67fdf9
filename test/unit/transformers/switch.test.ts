import { describe, expect, it } from 'vitest';
import { Masker } from '../../../src/mask.js';
import { validateRules } from '../../../src/rules/load.js';
import { runParallel } from '../../parallel/run-parallel.js';
import { runSized, veilErrorOf } from '../../helpers/run.js';
import { problems } from './helpers.js';

/** A key-value settings table, as WordPress (wp_options) and Magento (core_config_data) keep them. */
const PG = `--
-- PostgreSQL database dump
--

SET client_encoding = 'UTF8';

CREATE TABLE public.options (
    option_id integer NOT NULL,
    option_name character varying(191) NOT NULL,
    option_value text
);

COPY public.options (option_id, option_name, option_value) FROM stdin;
1	siteurl	https://shop.example.com
2	home	https://shop.example.com
3	admin_email	owner@shop.example.com
4	blogname	My Shop\\twith a tab, a \\\\ and \\316\\273 as octal
5	api_key	sk_live_abc123
6	api_key	
7	api_key	\\N
8	NULL	is not null
9	\\N	the key is NULL
\\.

--
-- PostgreSQL database dump complete
--
`;

const MYSQL = `-- MariaDB dump 10.19  Distrib 10.11.19-MariaDB, for debian-linux-gnu (x86_64)
/*!40101 SET NAMES utf8mb4 */;
CREATE TABLE \`options\` (
  \`option_id\` int NOT NULL,
  \`option_name\` varchar(191) NOT NULL,
  \`option_value\` longtext
);
INSERT INTO \`options\` VALUES (1,'siteurl','https://shop.example.com'),(2,'home','https://shop.example.com'),(3,'admin_email','owner@shop.example.com'),(4,'blogname','It\\'s \\"my\\" shop\\r\\n'),(5,'api_key','sk_live_abc123'),(6,'api_key',''),(7,'api_key',NULL);
-- Dump completed on 2026-11-23 19:00:00
`;

const STAGING = 'https://staging.example.com';

function rulesFor(table: string, extra: Record<string, unknown> = {}) {
  return validateRules({
    tables: {
      [table]: {
        columns: {
          option_value: {
            transformer: 'switch',
            column: 'option_name',
            cases: {
              siteurl: { transformer: 'fixed', value: STAGING },
              home: { transformer: 'fixed', value: STAGING },
              admin_email: 'email',
              api_key: { transformer: 'fixed', value: 'sk_test_0000' },
            },
            ...extra,
          },
        },
      },
    },
  });
}

await Masker.prepare(); // (the PostgreSQL grammar)

/** Rules with one rule, for options.option_value. */
const optionValue = (rule: Record<string, unknown>) => validateRules({ tables: { options: { columns: { option_value: rule } } } });

/** The paths a run of PG with worker threads reports as RULES_UNUSED (it must start threads and fail so). */
async function unusedWithThreads(rules: ReturnType<typeof validateRules>): Promise<string[]> {
  const e = await runParallel(Buffer.from(PG), { rules, secret: 's', sampleRows: 0, unusedRules: 'error' }).then(
    () => undefined,
    (err: { code: string; details: { issues: { path: string }[] }; threads: number }) => err,
  );
  expect(e?.threads).toBeGreaterThan(0);
  expect(e?.code).toBe('RULES_UNUSED');
  return e?.details.issues.map((i) => i.path) ?? [];
}

const linesOf = (b: Buffer): string[] => b.toString('utf8').split('\n');

describe('switch: a rule per row, picked by another column', () => {
  it('rewrites the rows its cases name and leaves every other byte as it was (PostgreSQL COPY)', () => {
    const input = Buffer.from(PG);
    const { output, summary } = runSized(input, { rules: rulesFor('options'), secret: 's' }, 1 << 16);
    const [inL, outL] = [linesOf(input), linesOf(output)];
    const row = (id: number): string => outL.find((l) => l.startsWith(`${id}\t`))!;
    expect(row(1)).toBe(`1\tsiteurl\t${STAGING}`);
    expect(row(2)).toBe(`2\thome\t${STAGING}`);
    expect(row(3)).toMatch(/^3\tadmin_email\t[a-z]+\.[a-z]+\.[a-z2-9]{17}@example\.com$/);
    expect(row(5)).toBe('5\tapi_key\tsk_test_0000');
    // otherwise (keep): the escapes stay byte for byte, octal included
    for (const id of [4, 8, 9]) expect(row(id)).toBe(inL.find((l) => l.startsWith(`${id}\t`)));
    // '' is replaced only by a rule that replaces empties (fixed does); NULL stays NULL
    expect(row(6)).toBe('6\tapi_key\tsk_test_0000');
    expect(row(7)).toBe('7\tapi_key\t\\N');
    // every line but the rewritten ones is unchanged
    expect(outL.filter((l, i) => l !== inL[i]).map((l) => l.split('\t')[0])).toEqual(['1', '2', '3', '5', '6']);
    expect(summary.tables.find((t) => t.table === 'public.options')?.masked.option_value).toBe(5);
  });

  it('rewrites the rows its cases name and keeps the other literals as written (MariaDB INSERT)', () => {
    const input = Buffer.from(MYSQL);
    const { output } = runSized(input, { rules: rulesFor('options'), secret: 's' }, 7);
    const text = output.toString('utf8');
    expect(text).toContain(`(1,'siteurl','${STAGING}'),(2,'home','${STAGING}'),(3,'admin_email','`);
    expect(text).toContain(`(4,'blogname','It\\'s \\"my\\" shop\\r\\n'),(5,'api_key','sk_test_0000'),(6,'api_key','sk_test_0000'),(7,'api_key',NULL);`);
    expect(text).not.toContain('owner@shop.example.com');
  });

  it('gives rows without a case the `otherwise` rule', () => {
    const { output } = runSized(Buffer.from(PG), { rules: rulesFor('options', { otherwise: 'null' }), secret: 's' }, 1 << 16);
    const outL = linesOf(output);
    for (const id of [4, 8, 9]) expect(outL.find((l) => l.startsWith(`${id}\t`))).toMatch(/\t\\N$/);
    expect(outL.find((l) => l.startsWith('1\t'))).toBe(`1\tsiteurl\t${STAGING}`);
  });

  it('maps an email case to the same fake as an email column elsewhere (one consistency domain)', () => {
    const dump = PG.replace(
      '\\.\n',
      '\\.\n\nCREATE TABLE public.users (id integer, email text);\n\nCOPY public.users (id, email) FROM stdin;\n1\towner@shop.example.com\n\\.\n',
    );
    const rules = validateRules({
      tables: {
        options: { columns: { option_value: { transformer: 'switch', column: 'option_name', cases: { admin_email: 'email' } } } },
        users: { columns: { email: 'email' } },
      },
    });
    const outL = linesOf(runSized(Buffer.from(dump), { rules, secret: 's' }, 1 << 16).output);
    const fromOptions = outL.find((l) => l.startsWith('3\tadmin_email\t'))!.split('\t')[2];
    const fromUsers = outL.find((l) => l.startsWith('1\t') && !l.includes('siteurl'))!.split('\t')[1];
    expect(fromOptions).toMatch(/@example\.com$/);
    expect(fromOptions).toBe(fromUsers);
  });

  it('gives the same bytes with worker threads', async () => {
    const input = Buffer.from(PG);
    const one = runSized(input, { rules: rulesFor('options'), secret: 's' }, 1 << 16).output;
    // (no sampling: rows of a table being sampled stay in the scanning thread)
    const par = await runParallel(input, { rules: rulesFor('options'), secret: 's', sampleRows: 0 });
    expect(par.threads).toBeGreaterThan(0);
    expect(par.output.equals(one)).toBe(true);
  });

  it('fails with the rule path when the switch column is not in the data', () => {
    const rules = validateRules({ tables: { options: { columns: { option_value: { transformer: 'switch', column: 'option_key', cases: { siteurl: 'null' } } } } } });
    const e = veilErrorOf(() => runSized(Buffer.from(PG), { rules, secret: 's' }, 1 << 16));
    expect(e.code).toBe('RULES_INVALID');
    expect(e.message).toContain('option_key');
    expect(e.details.path).toBe('$.tables.options.columns.option_value.column');
  });

  it('is a type mismatch, before the data, when a case cannot write the column', () => {
    const dump = PG.replace('option_value text', 'option_value varchar(10)');
    const rules = validateRules({
      tables: { options: { columns: { option_value: { transformer: 'switch', column: 'option_name', cases: { siteurl: 'null', admin_email: 'email' } } } } },
    });
    const e = veilErrorOf(() => runSized(Buffer.from(dump), { rules, secret: 's' }, 1 << 16));
    expect(e.code).toBe('RULES_TYPE_MISMATCH');
    expect(e.message).toContain('case "admin_email": transformer "email"');
    expect(e.details.path).toBe('$.tables.options.columns.option_value');
  });

  describe('a case that matches no row (a mistyped setting name would leave its production value)', () => {
    const withTypo = (extra: Record<string, unknown> = {}) =>
      optionValue({
        transformer: 'switch',
        column: 'option_name',
        // api_key's rows hold '' and NULL too: a NULL value still matches its case
        cases: { site_url: { transformer: 'fixed', value: STAGING }, api_key: 'null', home: 'null' },
        ...extra,
      });
    const CASE = '$.tables.options.columns.option_value.cases.site_url';

    it('is RULES_UNUSED at the end of the dump, naming the case', () => {
      const e = veilErrorOf(() => runSized(Buffer.from(PG), { rules: withTypo(), secret: 's', unusedRules: 'error' }, 1 << 16));
      expect(e.code).toBe('RULES_UNUSED');
      expect(e.details.issues.map((i: { path: string }) => i.path)).toEqual([CASE]);
      expect(e.details.issues[0].message).toBe('no row of public.options matched this switch case of column option_value');
    });

    it('is a warning with unused rules allowed, and nothing when the table has no rows', () => {
      const { summary } = runSized(Buffer.from(PG), { rules: withTypo(), secret: 's', unusedRules: 'warn' }, 1 << 16);
      expect(summary.diagnostics.filter((d) => d.code === 'RULES_UNUSED_CASE').map((d) => d.path)).toEqual([CASE]);
      const empty = PG.replace(/^\d+\t.*\n/gm, '');
      expect(empty).toContain('FROM stdin;\n\\.');
      const r = runSized(Buffer.from(empty), { rules: withTypo(), secret: 's', unusedRules: 'error' }, 1 << 16);
      expect(r.summary.diagnostics.filter((d) => d.code === 'RULES_UNUSED_CASE')).toEqual([]);
    });

    it('is found when worker threads masked the rows', async () => {
      expect(await unusedWithThreads(withTypo())).toEqual([CASE]);
    });
  });

  describe('a switch nested in another rule reports its unmatched cases too', () => {
    // a switch inside a case of another switch, and one inside a json path rule
    const nested = (inner: Record<string, unknown>) =>
      optionValue({ transformer: 'switch', column: 'option_id', cases: { '5': { transformer: 'switch', column: 'option_name', cases: inner } } });
    const INNER = '$.tables.options.columns.option_value.cases["5"].cases';

    it('names a mistyped case of an inner switch, and not the cases that matched', () => {
      const e = veilErrorOf(() => runSized(Buffer.from(PG), { rules: nested({ api_key: 'null', apikey: 'null' }), secret: 's', unusedRules: 'error' }, 1 << 16));
      expect(e.code).toBe('RULES_UNUSED');
      expect(e.details.issues.map((i: { path: string }) => i.path)).toEqual([`${INNER}.apikey`]);
      const ok = runSized(Buffer.from(PG), { rules: nested({ api_key: 'null' }), secret: 's', unusedRules: 'error' }, 1 << 16);
      expect(ok.output.toString()).toContain('5\tapi_key\t\\N\n');
    });

    it('names it when worker threads masked the rows', async () => {
      expect(await unusedWithThreads(nested({ api_key: 'null', apikey: 'null' }))).toEqual([`${INNER}.apikey`]);
    });

    it('names a mistyped case of a switch inside json paths', () => {
      const dump = PG.replace('3\tadmin_email\towner@shop.example.com', '3\tadmin_email\t{"contact": "owner@shop.example.com"}');
      const rules = optionValue({
        transformer: 'switch',
        column: 'option_name',
        cases: {
          admin_email: {
            transformer: 'json',
            paths: { '$.contact': { transformer: 'switch', column: 'option_name', cases: { admin_email: 'email', adminemail: 'email' } } },
          },
        },
      });
      const e = veilErrorOf(() => runSized(Buffer.from(dump), { rules, secret: 's', unusedRules: 'error' }, 1 << 16));
      expect(e.code).toBe('RULES_UNUSED');
      expect(e.details.issues.map((i: { path: string }) => i.path)).toEqual([
        '$.tables.options.columns.option_value.cases.admin_email.paths["$.contact"].cases.adminemail',
      ]);
    });
  });

  describe('rows without a case whose value looks like it needs one (a new secret setting, kept by otherwise)', () => {
    const onlySiteurl = (extraCases: Record<string, unknown> = {}) =>
      validateRules({
        tables: {
          options: {
            columns: {
              option_id: 'keep',
              option_name: 'keep',
              option_value: { transformer: 'switch', column: 'option_name', cases: { siteurl: { transformer: 'fixed', value: STAGING }, ...extraCases } },
            },
          },
        },
      });
    const suspects = (diagnostics: { code: string; data?: unknown }[]) =>
      diagnostics.filter((d) => d.code === 'SETTING_PII_SUSPECT').map((d) => (d.data as { settings: string[] }).settings);

    it('are a warning that names them and why', () => {
      const { summary } = runSized(Buffer.from(PG), { rules: onlySiteurl(), secret: 's' }, 1 << 16);
      expect(suspects(summary.diagnostics)).toEqual([['home', 'admin_email', 'api_key']]);
      const d = summary.diagnostics.find((x) => x.code === 'SETTING_PII_SUSPECT')!;
      expect(d.message).toContain('"admin_email" (admin_email holds an email address)');
      expect(d.path).toBe('$.tables.options.columns.option_value');
    });

    it('are RULES_UNCOVERED_SETTING errors under strict, each at the path of its missing case', () => {
      const e = veilErrorOf(() => runSized(Buffer.from(PG), { rules: onlySiteurl(), secret: 's', strict: true }, 1 << 16));
      expect(e.code).toBe('RULES_UNCOVERED_SETTING');
      expect(e.details.issues.map((i: { path: string }) => i.path)).toEqual(['home', 'admin_email', 'api_key'].map((k) => `$.tables.options.columns.option_value.cases.${k}`));
    });

    it('are silenced by a case, "keep" included, and found when worker threads masked the rows', async () => {
      const reviewed = onlySiteurl({ home: 'keep', admin_email: 'email', api_key: 'keep' });
      expect(suspects(runSized(Buffer.from(PG), { rules: reviewed, secret: 's', strict: true }, 1 << 16).summary.diagnostics)).toEqual([]);
      const par = await runParallel(Buffer.from(PG), { rules: onlySiteurl(), secret: 's', sampleRows: 0 });
      expect(par.threads).toBeGreaterThan(0);
      expect(suspects(par.summary.diagnostics)).toEqual([['home', 'admin_email', 'api_key']]);
    });
  });

  it('validates its nested rules with their JSON paths, before any data', () => {
    expect(problems({ transformer: 'switch', column: 'k', cases: { siteurl: 'emial' } })).toEqual([
      '$.x.cases.siteurl: unknown transformer "emial" (did you mean "email"?)',
    ]);
    expect(problems({ transformer: 'switch', column: 'k', cases: {} })[0]).toMatch(/^\$\.x\.cases: give at least one case/);
    expect(problems({ transformer: 'switch', cases: { a: 'null' } })[0]).toMatch(/^\$\.x\.column: /);
    expect(problems({ transformer: 'switch', column: 'k', cases: { a: { transformer: 'fixed' } }, otherwise: 'nope' }).length).toBe(2);
  });
});
