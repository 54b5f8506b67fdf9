import { VeilError, type Issue } from '../errors.js';
import type { DialectName, TableRef } from '../model.js';
import { childPath } from './json-path.js';
import { validateColumnRule } from './load.js';
import type { ColumnRule, TableRules } from './ruleset.js';
import type { Settings } from './settings.js';

/**
 * Rules veil-stream adds by itself, for MariaDB/MySQL system tables of `--all-databases` dumps (the
 * rules file's own win: a table rule for the table, e.g. "truncate": false, or a rule for the column):
 *
 * - `mysql.column_stats`: MariaDB's engine-independent statistics keep each analyzed column's
 *   min_value, max_value and histogram, copies of masked values outside their columns. When the rules
 *   mask anything, its rows are dropped.
 * - `mysql.event`: with `--events`, the events' definitions are also dumped as rows of this table,
 *   whose `status` the server reads at start-up. With `"events": "disable"`, it is set to DISABLED
 *   (as the scanner does for each CREATE EVENT). A column rule writes one value for every row; an enum
 *   column takes no conditional rewrite, so SLAVESIDE_DISABLED (already off on a copy) becomes DISABLED too.
 * - `mysql.servers`: the server definitions FEDERATED and Spider tables connect through (hosts,
 *   users, passwords). Under `"links": "cut"`, its rows are dropped.
 */
export const COLUMN_STATS = 'mysql.column_stats';
export const EVENT_TABLE = 'mysql.event';
export const SERVERS_TABLE = 'mysql.servers';

export function implicitRules(table: TableRef, dialect: DialectName, rules: Pick<Settings, 'events' | 'links'> & { masksAnything: boolean }): TableRules | undefined {
  if (dialect !== 'mysql' || table.schema !== 'mysql') return undefined;
  if (table.name === 'column_stats' && rules.masksAnything) {
    return { key: COLUMN_STATS, path: childPath('$.tables', COLUMN_STATS), truncate: true, implicit: true, columns: new Map() };
  }
  if (table.name === 'servers' && rules.links === 'cut') {
    return { key: SERVERS_TABLE, path: childPath('$.tables', SERVERS_TABLE), truncate: true, implicit: true, columns: new Map() };
  }
  if (table.name === 'event' && rules.events === 'disable') {
    return { key: EVENT_TABLE, path: EVENT_PATH, truncate: false, implicit: true, columns: new Map([['status', disabledStatus()]]) };
  }
  return undefined;
}

/** The implicit column rules the rules can add, for worker threads (which bind rules by their path). */
export function implicitColumnRules(rules: Pick<Settings, 'events'>): ColumnRule[] {
  return rules.events === 'disable' ? [disabledStatus()] : [];
}

const EVENT_PATH = childPath('$.tables', EVENT_TABLE);

function disabledStatus(): ColumnRule {
  const issues: Issue[] = [];
  const path = childPath(childPath(EVENT_PATH, 'columns'), 'status');
  const rule = validateColumnRule('status', { transformer: 'fixed', value: 'DISABLED' }, path, (p, message) => issues.push({ code: 'RULES_INVALID', path: p, message }));
  if (!rule) throw new VeilError('RULES_INVALID', `internal: the implicit rule for ${EVENT_TABLE} is invalid`, { issues });
  return rule;
}
