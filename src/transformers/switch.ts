import { VeilError } from '../errors.js';
import { tableKey } from '../model.js';
import { childPath } from '../rules/json-path.js';
import { commonParams, defineTransformer, z, type BoundValue, type RowView } from './define.js';
import { checkAccepts } from './accepts.js';
import { nestedRule, nestedRuleOf, replacesEmpty } from './nested.js';

/** Keys without a case sampled per rule (first seen), and the longest value sample kept. */
const MAX_UNMATCHED = 500;
const MAX_SAMPLE = 4096;

interface Choice {
  bound: BoundValue;
  keepEmpty: boolean;
  path: string;
  /** A row matched it (otherwise counts as matched from the start: it is no name that could be mistyped). */
  hit: boolean;
}

/**
 * A rule per row, picked by another column's original value: for key-value tables (settings, options,
 * config) where one `value` column holds a site URL in one row, an API key in the next and an admin's
 * email in a third. `cases` maps exact values of `column` to rules; rows whose key has no case take
 * `otherwise` (default `keep`: the value's bytes stay as they are, like every value a rule leaves equal).
 */
export const switchTransformer = defineTransformer({
  name: 'switch',
  category: 'composite',
  summary: "A rule per row, chosen by another column's value (key-value settings tables): option_name=siteurl: https://shop.com → https://staging.example.com",
  example: {
    before: 'https://shop.example',
    after: 'https://staging.example.com',
    params: { column: 'option_name', cases: { siteurl: { transformer: 'fixed', value: 'https://staging.example.com' }, admin_email: 'email' } },
  },
  params: z.object({
    ...commonParams,
    column: z.string().min(1).describe('The column of the same row whose original value picks the rule (exact, case-sensitive match).'),
    cases: z
      .record(z.string(), nestedRule('The rule for rows whose `column` holds this value: a transformer name or an object with "transformer" and params.'))
      .superRefine((cases, ctx) => {
        if (Object.keys(cases).length === 0) ctx.addIssue({ code: 'custom', message: 'give at least one case, e.g. { "siteurl": { "transformer": "fixed", "value": "https://staging.example.com" } }' });
      })
      .describe('Value of `column` → rule for this column in those rows.'),
    otherwise: nestedRule('The rule for rows whose `column` matches no case, or is NULL (default "keep": unchanged).').default('keep'),
  }),
  accepts: ['any'],
  // '' goes to the chosen rule, which keeps it unless it replaces empties (e.g. fixed)
  replacesEmpty: true,
  check(p, column) {
    // each case writes this column: its transformer must fit the column's type and length
    const named: [string, unknown][] = [...Object.entries(p.cases).map(([k, spec]): [string, unknown] => [`case "${k}"`, spec]), ['otherwise', p.otherwise]];
    for (const [which, spec] of named) {
      const rule = nestedRuleOf(spec);
      const problem = rule && checkAccepts(rule.transformer, column.type, { params: rule.params, column });
      if (problem) return `${which}: ${problem}`;
    }
    return undefined;
  },
  create(p, site) {
    const casesPath = childPath(site.path, 'cases');
    const rules = new Map<string, Choice>();
    for (const [key, spec] of Object.entries(p.cases)) {
      const path = childPath(casesPath, key);
      rules.set(key, { bound: site.bind(spec, path, { unique: false }), keepEmpty: !replacesEmpty(spec), path, hit: false });
    }
    const otherwisePath = childPath(site.path, 'otherwise');
    const otherwise: Choice = { bound: site.bind(p.otherwise, otherwisePath, { unique: false }), keepEmpty: !replacesEmpty(p.otherwise), path: otherwisePath, hit: true };
    /** Cases that matched their first row since the last takeHits(). */
    let fresh: string[] = [];
    // rows the default otherwise (keep) left as they were: one sample per key, for the policy
    const keepsOthers = nestedRuleOf(p.otherwise)?.transformer.name === 'keep';
    const unmatchedKeys = new Set<string>();
    let unmatched: [string, string][] = [];
    const all = [...rules.values(), otherwise].map((r) => r.bound);
    const where = `${tableKey(site.table)}.${site.column.name}`;
    return {
      reads: [...new Set([p.column, ...all.flatMap((b) => b.reads ?? [])])],
      readsMasked: [...new Set(all.flatMap((b) => b.readsMasked ?? []))],
      choices: {
        paths: [...rules.values()].map((r) => r.path),
        takeHits() {
          const out = fresh;
          fresh = [];
          return out;
        },
        takeUnmatched() {
          const out = unmatched;
          unmatched = [];
          return out;
        },
      },
      // a NULL value stays NULL, but its row still matches its case
      observeNull(ctx) {
        choose(ctx.row, null);
      },
      fn(value, ctx) {
        const r = choose(ctx.row, value);
        // '' stays '' unless the chosen rule replaces empties, as in a column (TablePlan)
        if (value === '' && r.keepEmpty) return value;
        return r.bound.fn(value, ctx);
      },
    };

    /** The rule for this row (noting the case's first match, and sampling a kept row's value for the policy). */
    function choose(row: RowView, value: string | null): Choice {
      const key = row.original(p.column);
      if (key === undefined) {
        throw new VeilError('RULES_INVALID', `the switch rule of ${where} reads column "${p.column}", which the data of ${tableKey(site.table)} does not have`, {
          path: childPath(site.path, 'column'),
          table: tableKey(site.table),
          column: site.column.name,
          hint: 'name a column of the same table (exact spelling)',
        });
      }
      const r = (key !== null && rules.get(key)) || otherwise;
      if (!r.hit) {
        r.hit = true;
        fresh.push(r.path);
      }
      if (r === otherwise && keepsOthers && key !== null && value !== null && value !== '' && !unmatchedKeys.has(key) && unmatchedKeys.size < MAX_UNMATCHED) {
        unmatchedKeys.add(key);
        unmatched.push([key, value.length > MAX_SAMPLE ? value.slice(0, MAX_SAMPLE) : value]);
      }
      return r;
    }
  },
});
