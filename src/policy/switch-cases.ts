import type { Diagnostic } from '../diagnostics.js';
import type { Issue } from '../errors.js';
import { childPath } from '../rules/json-path.js';
import type { Planner } from '../rules/plan.js';
import type { PlanColumn, TablePlan } from '../rules/table-plan.js';
import type { RuleChoices } from '../transformers/bind.js';
import { settingRule } from '../scan/settings.js';
import { plural } from '../plural.js';

/**
 * The policy's checks of `switch` rules (key-value settings tables), at the end of a masking run:
 * cases that matched no row, and rows without a case whose value looks like it needs a rule (the
 * schema drift of a settings table: a plugin adds a new secret, and the default otherwise keeps it).
 */

/** The switch columns of every plan that read rows, with this thread's matches gathered into each. */
function* switchColumns(planner: Planner): Generator<{ plan: TablePlan; column: PlanColumn; choices: RuleChoices }> {
  for (const { plans } of planner.seen.values()) {
    for (const plan of plans) {
      for (const column of plan.ruled) {
        const choices = column.bound.choices;
        if (!choices) continue;
        choices.collect();
        yield { plan, column, choices };
      }
    }
  }
}

/**
 * Switch cases that matched no row of a table whose rows the rule read (in this thread or in a
 * worker): a setting's name mistyped in the rules would leave its production value in the copy.
 */
export function unusedCases(planner: Planner): { issue: Issue; table: string; column: string }[] {
  const hit = new Set<string>();
  const read = new Map<string, { table: string; column: string }>();
  for (const { plan, column, choices } of switchColumns(planner)) {
    for (const p of choices.hit) hit.add(p);
    if (plan.rows > 0) for (const p of choices.paths) read.set(p, { table: plan.key, column: column.name });
  }
  return [...read]
    .filter(([path]) => !hit.has(path))
    .map(([path, { table, column }]) => ({
      table,
      column,
      issue: {
        code: 'RULES_UNUSED' as const,
        path,
        message: `no row of ${table} matched this switch case of column ${column}`,
        hint: 'check the value it names (exact and case-sensitive), or pass --allow-unused-rules when some databases lack it',
      },
    }));
}

/** At most this many settings are named per column in a warning. */
const LISTED = 8;

/**
 * Rows a switch's keep-otherwise left whose value looks like it needs a rule (by the tests `scan` uses
 * to draft cases): per switch column, the issues (strict) and one warning that lists them.
 */
export function settingsWithoutCase(planner: Planner): { issues: Issue[]; diagnostic: Diagnostic }[] {
  const found = new Map<string, { table: string; column: string; path: string; keyColumn: string; settings: Map<string, string> }>();
  for (const { plan, column: c, choices } of switchColumns(planner)) {
    const id = `${plan.key}\u0000${c.name}`;
    let f = found.get(id);
    for (const [key, value] of choices.unmatched) {
      if (f?.settings.has(key)) continue;
      const r = settingRule(key, value);
      if (!r) continue;
      if (!f) {
        f = { table: plan.key, column: c.name, path: c.bound.rule.path, keyColumn: String(c.bound.rule.params.column), settings: new Map() };
        found.set(id, f);
      }
      f.settings.set(key, r.reason);
    }
  }
  return [...found.values()].map((f) => {
    const list = [...f.settings];
    const issues: Issue[] = list.map(([key, reason]) => ({
      code: 'RULES_UNCOVERED_SETTING' as const,
      path: childPath(childPath(f.path, 'cases'), key),
      message: `${f.table}.${f.column}: the row with ${f.keyColumn} = ${JSON.stringify(key)} has no case, and ${reason}`,
      hint: 'add a case (a rule, or "keep" once reviewed)',
    }));
    const named = list.slice(0, LISTED).map(([key, reason]) => `${JSON.stringify(key)} (${reason})`).join('; ');
    const diagnostic: Diagnostic = {
      code: 'SETTING_PII_SUSPECT',
      severity: 'warning',
      path: f.path,
      table: f.table,
      column: f.column,
      message: `${f.table}.${f.column}: ${plural(list.length, 'row')} without a switch case on ${f.keyColumn} look${list.length === 1 ? 's' : ''} like ${list.length === 1 ? 'it needs' : 'they need'} one: ${named}${list.length > LISTED ? '; …' : ''}`,
      data: { settings: list.map(([key]) => key) },
    };
    return { issues, diagnostic };
  });
}
