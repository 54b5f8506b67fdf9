import type { Diagnostic } from '../diagnostics.js';
import type { Issue } from '../errors.js';
import type { Planner } from '../rules/plan.js';
import { plural } from '../plural.js';

export const ROLE_PASSWORDS_HINT = 'set "rolePasswords": "drop" in the rules (or dump with pg_dumpall --no-role-passwords), or "keep" once reviewed';

/**
 * pg_dumpall's role password hashes: with no "rolePasswords" decision, a warning (an issue under
 * strict) naming the roles; dropped ones are a notice. Hashes are never shown.
 */
export function rolePasswordFindings(planner: Planner, strict: boolean): { issues: Issue[]; diagnostics: Diagnostic[] } {
  const { roles: tally, dropped } = planner.rolePasswords;
  const { count, names: roles } = tally;
  const decided = planner.rules.rolePasswords;
  if (count === 0 || decided === 'keep') return { issues: [], diagnostics: [] };
  const names = tally.list();
  if (decided === 'drop') {
    return { issues: [], diagnostics: [{ code: 'ROLE_PASSWORDS_DROPPED', severity: 'notice', path: '$.rolePasswords', message: `${plural(dropped, 'role')} restore without the password hash the dump gave them (${names})`, data: { roles, dropped } }] };
  }
  const message = `${count} role${count === 1 ? ' keeps its' : 's keep their'} password hash from the dump (${names}): the restored server accepts the production passwords`;
  if (strict) return { issues: [{ code: 'RULES_UNCOVERED_ROLE_PASSWORDS', path: '$.rolePasswords', message, hint: ROLE_PASSWORDS_HINT }], diagnostics: [] };
  return { issues: [], diagnostics: [{ code: 'ROLE_PASSWORDS_KEPT', severity: 'warning', path: '$.rolePasswords', message: `${message} (${ROLE_PASSWORDS_HINT})`, data: { roles } }] };
}
