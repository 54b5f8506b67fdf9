import type { Diagnostic } from '../diagnostics.js';
import { VeilError, type Issue, type Position, type VeilErrorDetails } from '../errors.js';
import { tableKey, type ColumnInfo, type DialectName, type TableRef } from '../model.js';
import { childPath } from '../rules/json-path.js';
import type { Planner } from '../rules/plan.js';
import type { RuleSet } from '../rules/ruleset.js';
import { didYouMean } from '../rules/suggest.js';
import type { Profiler } from '../scan/profiler.js';
import { coverageOf, keptReferrers, tableCoverage, uncovered, type TableCoverage } from './coverage.js';
import { keyFindings, LATE_KEY_HINT } from './keys.js';
import { EVENTS_HINT, eventFindings } from './events.js';
import { LINKS_HINT, linkFindings } from './links.js';
import { ROLE_PASSWORDS_HINT, rolePasswordFindings } from './role-passwords.js';
import { LARGE_OBJECTS_HINT, largeObjectFindings } from './large-objects.js';
import { statisticsFindings } from './statistics.js';
import { listNames } from '../rules/name-tally.js';
import type { OperationalGuess } from './operational.js';
import { settingsWithoutCase, unusedCases } from './switch-cases.js';
import { plural } from '../plural.js';

export interface PolicyOptions {
  /** Rules that match nothing in the dump: an error (the CLI's default) or a warning. */
  unusedRules: 'error' | 'warn';
  /** Columns without a rule (and not `keep`) are errors. */
  strict: boolean;
  /**
   * Stop the run as soon as a violation is certain (masking), instead of collecting everything for
   * the end (`check`).
   */
  failFast: boolean;
}

export interface PolicyResult {
  coverage: TableCoverage[];
  diagnostics: Diagnostic[];
  /** The violations, when the policy says the run fails. */
  error?: VeilError;
}

/**
 * The safety policy: rules must match the dump, (strict) every column must be covered, and masking
 * must not break a PRIMARY KEY / UNIQUE (see keys.ts).
 *
 * When each check fires, for a streaming input:
 * - a dump that declares every table before any data (pg_dump: `ddlFirst`, with CREATE TABLEs seen):
 *   at the first data block, every table rule and column rule that matches nothing, and (strict) every
 *   uncovered column of every declared table — before any data row is written;
 * - otherwise (mysqldump interleaves CREATE TABLE and INSERT per table; data-only dumps): when a
 *   table's data starts, (strict) its uncovered columns, and the unused column rules of keys that name
 *   it schema-qualified (a bare key may still match a table further on);
 * - everything else at the end of the dump (tables named by no CREATE TABLE and no data, bare keys,
 *   tables declared without data).
 */
export class Policy {
  /** Issue paths already raised (the end does not repeat them). */
  private readonly checked = new Set<string>();

  constructor(
    private readonly rules: RuleSet,
    private readonly options: PolicyOptions,
  ) {}

  /**
   * The Planner's hook: a table's data starts (at `position`). Throws when a violation is certain now
   * (failFast), placed where the run stopped.
   */
  onDataStart(planner: Planner, table: TableRef, _columns: ColumnInfo[], position?: Position): void {
    if (!this.options.failFast) return;
    const issues: Issue[] = [];
    const allDeclared = planner.ddlFirst && planner.declared().length > 0;
    if (this.options.unusedRules === 'error') issues.push(...this.unused(planner, allDeclared ? 'all' : 'qualified').map((u) => u.issue));
    if (this.options.strict) {
      const tables = allDeclared && planner.dataStarts === 1 ? coverageOf(planner) : [tableCoverage(planner, table)];
      for (const t of tables) {
        if (this.checked.has(`table:${t.table}`)) continue;
        this.checked.add(`table:${t.table}`);
        issues.push(...uncoveredIssues(t));
      }
    }
    if (issues.length > 0) throw policyError(issues, true, position);
  }

  /** At the end of the dump: every check, with the coverage report. */
  finish(planner: Planner, profiler?: Profiler): PolicyResult {
    const coverage = coverageOf(planner, profiler);
    const diagnostics: Diagnostic[] = [];
    const issues: Issue[] = [];
    for (const u of this.unused(planner, 'all', true)) {
      if (this.options.unusedRules === 'error') issues.push(u.issue);
      else {
        diagnostics.push({
          code: u.column === undefined ? 'RULES_UNUSED_TABLE' : 'RULES_UNUSED_COLUMN',
          severity: 'warning',
          path: u.issue.path,
          table: u.table,
          ...(u.column !== undefined ? { column: u.column } : {}),
          message: `${u.issue.message}${u.issue.hint ? ` (${u.issue.hint})` : ''}`,
        });
      }
    }
    for (const u of unusedCases(planner)) {
      if (this.options.unusedRules === 'error') issues.push(u.issue);
      else diagnostics.push({ code: 'RULES_UNUSED_CASE', severity: 'warning', path: u.issue.path, table: u.table, column: u.column, message: `${u.issue.message} (${u.issue.hint})` });
    }
    const open = settingsWithoutCase(planner);
    if (this.options.strict) issues.push(...open.flatMap((c) => c.issues));
    else diagnostics.push(...open.map((c) => c.diagnostic));
    const bare: TableCoverage[] = [];
    const byKey = new Map(coverage.map((t) => [t.table, t]));
    for (const t of coverage) {
      const open = uncovered(t);
      if (open.length > 0) {
        if (this.options.strict) issues.push(...uncoveredIssues(t));
        else if (t.rules.length === 0) bare.push(t);
        else {
          diagnostics.push({
            code: 'COLUMN_UNCOVERED',
            severity: 'warning',
            table: t.table,
            message: `${t.table}: ${plural(open.length, 'column')} without a rule: ${open.map((c) => c.column).join(', ')}`,
            data: { columns: open.map((c) => c.column) },
          });
        }
      }
      // (strict: uncovered columns are errors already, PII or not)
      for (const c of this.options.strict ? [] : open) {
        if (c.pii.length === 0) continue;
        diagnostics.push({
          code: 'COLUMN_PII_SUSPECT',
          severity: 'warning',
          table: t.table,
          column: c.column,
          message: `${t.table}.${c.column} has no rule and looks like personal data: ${c.pii.map((g) => g.reason).join('; ')}`,
          data: { kinds: c.pii.map((g) => g.kind), by: c.pii.map((g) => g.by) },
        });
      }
      // (an empty queue is copied empty: nothing to warn about)
      if (t.operational && t.data && planner.rowsOf(t.table) !== 0 && !t.truncated && !t.truncateGiven) diagnostics.push(operationalKept(t, t.operational));
      if (t.truncated) {
        // an emptied table that kept rows still point to: the restore fails on their foreign keys
        const keptBy = t.referencedBy.filter((r) => byKey.get(r)?.data === true && byKey.get(r)?.truncated === false);
        if (keptBy.length > 0) diagnostics.push(truncatedButReferenced(t, keptBy, planner.dialect));
      }
      for (const c of t.columns) {
        if (c.fit) diagnostics.push({ code: 'RULE_TYPE_MISMATCH', severity: 'warning', path: c.path, table: t.table, column: c.column, message: c.fit });
      }
    }
    if (bare.length > 0) {
      const names = bare.map((t) => t.table);
      const n = bare.reduce((k, t) => k + uncovered(t).length, 0);
      diagnostics.push({
        code: 'COLUMN_UNCOVERED',
        severity: 'notice',
        message: `${bare.length} table${bare.length === 1 ? ' has' : 's have'} no rule at all (${n} columns, copied as they are): ${listNames(names.slice(0, 8), names.length)}`,
        data: { tables: names },
      });
    }
    const keys = keyFindings(planner);
    issues.push(...keys.issues);
    diagnostics.push(...keys.diagnostics);
    for (const findings of OUTSIDE_COLUMNS) {
      const found = findings(planner, this.options.strict);
      issues.push(...found.issues);
      diagnostics.push(...found.diagnostics);
    }
    diagnostics.push(...statisticsFindings(planner, coverage));
    const result: PolicyResult = { coverage, diagnostics };
    if (issues.length > 0) result.error = policyError(issues, false);
    return result;
  }

  /**
   * Rules that match nothing. `scope` says which are certain now: 'all' (every table is declared), or
   * 'qualified' (only column rules of schema-qualified keys whose table is known).
   */
  private unused(planner: Planner, scope: 'all' | 'qualified', repeat = false): { issue: Issue; table: string; column?: string }[] {
    const found = planner.hits.unused(this.rules);
    if (found.length === 0) return [];
    const out: { issue: Issue; table: string; column?: string }[] = [];
    const known = knownTables(planner);
    for (const u of found) {
      if (scope === 'qualified' && (u.column === undefined || !known.qualified.has(u.table))) continue;
      if (!repeat && this.checked.has(u.path)) continue;
      this.checked.add(u.path);
      if (u.column === undefined) {
        const guess = didYouMean(u.table, [...known.qualified, ...known.bare]);
        const issue: Issue = { code: 'RULES_UNUSED', path: u.path, message: `no table in the dump matches the rule for "${u.table}"` };
        if (guess) issue.hint = `did you mean "${guess}"?`;
        out.push({ issue, table: u.table });
      } else {
        const cols = new Set<string>();
        for (const t of known.matching(u.table)) {
          for (const c of planner.columnsOf(t)) cols.add(c.name);
          for (const c of planner.seen.get(tableKey(t))?.columns ?? []) cols.add(c);
        }
        const guess = didYouMean(u.column, cols);
        const issue: Issue = { code: 'RULES_UNUSED', path: u.path, message: `table "${u.table}" has no column "${u.column}"` };
        if (guess) issue.hint = `did you mean "${guess}"?`;
        out.push({ issue, table: u.table, column: u.column });
      }
    }
    return out;
  }
}

/** An operational table (job queue, sessions, tokens, cache) whose rows the run copies. */
function operationalKept(t: TableCoverage, g: OperationalGuess): Diagnostic {
  // a partition without rules of its own: the fix goes to the table it is part of, for every partition
  const onParent = g.via !== undefined && t.rules.length === 0;
  return {
    code: 'TABLE_OPERATIONAL_KEPT',
    severity: 'warning',
    path: onParent ? childPath(childPath('$.tables', g.via!), 'truncate') : tableRulePath(t, 'truncate'),
    table: t.table,
    message: `${t.table} looks like ${g.reason.replace(/^holds /, 'it holds ')}; its rows are copied (add "truncate": true to ${onParent ? `the table rule of ${g.via}` : 'its table rule'}, or "truncate": false once reviewed)`,
    data: { kind: g.kind },
  };
}

function truncatedButReferenced(t: TableCoverage, keptBy: string[], dialect: DialectName): Diagnostic {
  const one = keptBy.length === 1;
  const outcome =
    dialect === 'postgres'
      ? 'the restore fails on that constraint unless every such reference is NULL'
      : 'their references are left pointing to no row (the dump turns foreign key checks off for the restore)';
  return {
    code: 'TRUNCATE_BREAKS_REFERENCE',
    severity: 'warning',
    path: tableRulePath(t, 'truncate'),
    table: t.table,
    message: `${t.table} is truncated, but ${keptReferrers(keptBy)}: ${outcome} (truncate ${one ? 'it' : 'them'} too)`,
    data: { referencedBy: keptBy },
  };
}

/** The JSON path of `key` in the table rule that applies last to t (its own key, else the table's). */
function tableRulePath(t: TableCoverage, key: 'columns' | 'truncate'): string {
  return childPath(childPath('$.tables', t.rules[t.rules.length - 1] ?? t.table), key);
}

function uncoveredIssues(t: TableCoverage): Issue[] {
  const base = tableRulePath(t, 'columns');
  return uncovered(t).map((c) => ({
    code: 'RULES_UNCOVERED_COLUMN' as const,
    path: childPath(base, c.column),
    message: `${t.table}.${c.column} has no rule${c.pii.length > 0 ? ` and looks like personal data (${c.pii[0].reason})` : ''}`,
    hint: c.pii.length > 0 ? undefined : 'mark it "keep" if it holds no personal data',
  }));
}

/** What the dump holds outside columns, one per setting of the rules file (rules/settings.ts). */
const OUTSIDE_COLUMNS: ((planner: Planner, strict: boolean) => { issues: Issue[]; diagnostics: Diagnostic[] })[] = [
  largeObjectFindings,
  eventFindings,
  linkFindings,
  rolePasswordFindings,
];

/** The kinds of violation, in the order they are summed up (the first one present names the error). */
const VIOLATIONS: { code: Issue['code']; says: (n: number) => string; hint: string }[] = [
  {
    code: 'RULES_UNUSED',
    says: (n) => `${plural(n, 'rule')} match${n === 1 ? 'es' : ''} nothing in the dump`,
    hint: 'fix the names (rules match names exactly as the database spells them), or pass --allow-unused-rules for a rules file shared by several databases',
  },
  {
    code: 'RULES_UNCOVERED_COLUMN',
    says: (n) => `${n} column${n === 1 ? ' has' : 's have'} no rule (strict)`,
    hint: 'add a rule, or "keep" for columns without personal data (veil-stream scan drafts them)',
  },
  {
    code: 'RULES_UNCOVERED_SETTING',
    says: (n) => `${n} setting${n === 1 ? ' has' : 's have'} no switch case and look${n === 1 ? 's' : ''} like ${n === 1 ? 'it needs' : 'they need'} one (strict)`,
    hint: 'add a case for each (a rule, or "keep" once reviewed)',
  },
  {
    code: 'RULES_UNCOVERED_LARGE_OBJECTS',
    says: () => 'the contents of the large objects have no rule (strict)',
    hint: LARGE_OBJECTS_HINT,
  },
  {
    code: 'RULES_UNCOVERED_EVENTS',
    says: () => 'the scheduled events have no rule (strict)',
    hint: EVENTS_HINT,
  },
  {
    code: 'RULES_UNCOVERED_LINKS',
    says: () => 'the links to other servers have no rule (strict)',
    hint: LINKS_HINT,
  },
  {
    code: 'RULES_UNCOVERED_ROLE_PASSWORDS',
    says: () => 'the role password hashes have no rule (strict)',
    hint: ROLE_PASSWORDS_HINT,
  },
  {
    code: 'RULES_UNIQUE_UNDECLARED',
    says: (n) => `${plural(n, 'masked column')} of a PRIMARY KEY / UNIQUE declared after the data can get duplicate fakes`,
    hint: LATE_KEY_HINT,
  },
  {
    code: 'RULES_TYPE_MISMATCH',
    says: (n) => `${plural(n, 'masked column')} cannot keep a key unique`,
    hint: 'see the hint of each column',
  },
];

function policyError(issues: Issue[], early: boolean, position?: Position): VeilError {
  const present = VIOLATIONS.map((v) => ({ ...v, n: issues.filter((i) => i.code === v.code).length })).filter((v) => v.n > 0);
  const details: VeilErrorDetails = { issues, path: issues[0].path, hint: present.map((v) => v.hint).join('; ') };
  if (position) details.position = position;
  return new VeilError(present[0].code, `${present.map((v) => v.says(v.n)).join(' and ')}${early ? '; stopped before the first data row' : ''}`, details);
}

function matches(t: TableRef, key: string): boolean {
  return t.name === key || (t.schema !== undefined && `${t.schema}.${t.name}` === key);
}

/** Table names the dump knows so far: qualified (`schema.table`) and bare. */
function knownTables(planner: Planner): { qualified: Set<string>; bare: Set<string>; matching(key: string): TableRef[] } {
  const refs: TableRef[] = [...planner.declared().map((s) => s.table), ...[...planner.seen.values()].map((s) => s.table)];
  const qualified = new Set<string>();
  const bare = new Set<string>();
  for (const t of refs) {
    bare.add(t.name);
    if (t.schema !== undefined) qualified.add(tableKey(t));
  }
  return { qualified, bare, matching: (key) => refs.filter((t) => matches(t, key)) };
}
