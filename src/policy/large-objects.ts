import type { Diagnostic } from '../diagnostics.js';
import type { Issue } from '../errors.js';
import type { Planner } from '../rules/plan.js';
import { plural } from '../plural.js';

export const LARGE_OBJECTS_HINT = 'set "largeObjects": "empty" in the rules to drop their contents, or "keep" once reviewed';

/**
 * PostgreSQL large objects hold data no column rule reaches (a scanned contract, a photo, an export):
 * with contents in the dump and no "largeObjects" decision in the rules, they are reported like an
 * uncovered column (an issue under strict, else a warning). Emptied ones are a notice.
 */
export function largeObjectFindings(planner: Planner, strict: boolean): { issues: Issue[]; diagnostics: Diagnostic[] } {
  const { objects, bytes } = planner.largeObjects;
  const decided = planner.rules.largeObjects;
  if (bytes === 0 || decided === 'keep') return { issues: [], diagnostics: [] };
  const what = `${plural(objects, 'large object')} (${bytes} bytes of contents)`;
  const data = { objects, bytes };
  if (decided === 'empty') {
    return { issues: [], diagnostics: [{ code: 'LARGE_OBJECTS_EMPTIED', severity: 'notice', path: '$.largeObjects', message: `the contents of ${what} were dropped; the objects are kept, empty`, data }] };
  }
  const message = `the dump holds ${what} whose contents no rule masks`;
  if (strict) return { issues: [{ code: 'RULES_UNCOVERED_LARGE_OBJECTS', path: '$.largeObjects', message, hint: LARGE_OBJECTS_HINT }], diagnostics: [] };
  return { issues: [], diagnostics: [{ code: 'LARGE_OBJECTS_UNCOVERED', severity: 'warning', path: '$.largeObjects', message: `${message}; they are copied (${LARGE_OBJECTS_HINT})`, data }] };
}
