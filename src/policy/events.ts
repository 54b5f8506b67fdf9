import type { Diagnostic } from '../diagnostics.js';
import type { Issue } from '../errors.js';
import { EVENT_TABLE } from '../rules/implicit.js';
import type { Planner } from '../rules/plan.js';
import { plural } from '../plural.js';

export const EVENTS_HINT = 'set "events": "disable" in the rules to restore them disabled, or "keep" once reviewed';

/**
 * MySQL/MariaDB scheduled events run production's jobs against the restored copy once its
 * event_scheduler is ON (the default in MySQL 8.0). Enabled ones (CREATE EVENT … ENABLE, and the rows
 * of mysql.event that --all-databases --events dumps carry) with no "events" decision in the rules are
 * reported like an uncovered column (an issue under strict, else a warning); disabled ones are a notice.
 */
export function eventFindings(planner: Planner, strict: boolean): { issues: Issue[]; diagnostics: Diagnostic[] } {
  const { enabled: tally, disabledByRule } = planner.events;
  const { count: enabled, names } = tally;
  const table = planner.seen.has(EVENT_TABLE);
  const decided = planner.rules.events;
  if (decided === 'keep' || (enabled === 0 && disabledByRule === 0 && !table)) return { issues: [], diagnostics: [] };
  if (decided === 'disable') {
    const rows = table ? planner.rowsOf(EVENT_TABLE) : null;
    const parts = [
      disabledByRule > 0 ? `${plural(disabledByRule, 'CREATE EVENT statement')} (ENABLE → DISABLE)` : '',
      table ? `${rows ?? 'the'} row${rows === 1 ? '' : 's'} of ${EVENT_TABLE} (status → DISABLED)` : '',
    ].filter(Boolean);
    if (parts.length === 0) return { issues: [], diagnostics: [] };
    return {
      issues: [],
      diagnostics: [{ code: 'EVENTS_DISABLED', severity: 'notice', path: '$.events', message: `scheduled events restore disabled: ${parts.join(' and ')}`, data: { statements: disabledByRule, rows } }],
    };
  }
  const what = [
    enabled > 0 ? `${plural(enabled, 'enabled event')} (${tally.list()})` : '',
    table ? `event definitions in ${EVENT_TABLE}` : '',
  ].filter(Boolean);
  const message = `the dump creates ${what.join(' and ')}: the restored copy runs them on production's schedule once its event_scheduler is ON (the default in MySQL 8.0)`;
  if (strict) return { issues: [{ code: 'RULES_UNCOVERED_EVENTS', path: '$.events', message, hint: EVENTS_HINT }], diagnostics: [] };
  return { issues: [], diagnostics: [{ code: 'EVENTS_ENABLED', severity: 'warning', path: '$.events', message: `${message} (${EVENTS_HINT})`, data: { enabled, names, table } }] };
}
