import type { Diagnostic } from '../diagnostics.js';
import { COLUMN_STATS } from '../rules/implicit.js';
import { childPath } from '../rules/json-path.js';
import type { Planner } from '../rules/plan.js';
import type { TableCoverage } from './coverage.js';
import { plural } from '../plural.js';

/**
 * Optimizer statistics hold values of their columns. What the run dropped for that reason, as notices:
 * MariaDB's mysql.column_stats emptied by its implicit rule, and the PostgreSQL 18 statistics
 * statements of masked columns (counted by the scanner).
 */
export function statisticsFindings(planner: Planner, coverage: TableCoverage[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const t of coverage) {
    const implicit = t.data && t.table === COLUMN_STATS ? planner.rulesFor(t.ref).tables.find((r) => r.implicit) : undefined;
    if (!implicit) continue;
    out.push({
      code: 'STATISTICS_DROPPED',
      severity: 'notice',
      path: childPath(implicit.path, 'truncate'),
      table: t.table,
      message: `${t.table}: MariaDB's column statistics (the min and max values and histograms of analyzed columns) may hold values of masked columns; its rows are dropped (add "truncate": false for it to the rules to keep them)`,
    });
  }
  const dropped = planner.statistics.dropped;
  if (dropped > 0) {
    out.push({
      code: 'STATISTICS_DROPPED',
      severity: 'notice',
      message: `the optimizer statistics of ${plural(dropped, 'column')} (pg_dump --statistics) were dropped: their most common values and histograms hold values of masked data (run ANALYZE after the restore)`,
      data: { columns: dropped },
    });
  }
  return out;
}
