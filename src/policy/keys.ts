import type { Diagnostic } from '../diagnostics.js';
import type { Issue } from '../errors.js';
import { tableKey } from '../model.js';
import { maskedBy, uniqueModeFixes, type KeyPart, type KeyVerdict } from '../rules/key-verdict.js';
import { describeKey } from '../rules/keys.js';
import type { Planner } from '../rules/plan.js';

/** The fix for a column masked before its key was known. */
export const LATE_KEY_HINT = 'add "unique": true to the rule, or pass --schema with a schema-only dump (pg_dump -s) so keys are known before the data';

const CANNOT_HINT =
  'use a transformer that can be unique (email, username, uuid, digits, format-preserving, int-range, hash, a template with {{tag}}), or set "unique": false on the rule if duplicates are fine';

/**
 * Keys that masking can break, at the end of the dump (see KeyRules.verdicts):
 * - every part of the key can collide (always so for a single-column key): an error —
 *   RULES_UNIQUE_UNDECLARED when the key came after the data (the restore fails on a duplicate key);
 * - other parts keep rows apart, so two rows collide only if they share those: a warning.
 */
export function keyFindings(planner: Planner): { issues: Issue[]; diagnostics: Diagnostic[] } {
  const issues: Issue[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const v of planner.keys.verdicts(planner.dataStarts > 0)) {
    const table = tableKey(v.key.table);
    const late = v.key.afterData;
    const line = v.key.position ? ` (${v.key.inSchemaFile ? '--schema file, ' : ''}line ${v.key.position.line})` : '';
    const key = `${describeKey(v.key)}${line}${late ? ", declared after the table's data" : ''}`;
    for (const part of v.colliding) {
      if (v.severity === 'error') {
        issues.push({
          // (a key known before the data that no part keeps unique stopped the run then; this is the rest)
          code: late ? 'RULES_UNIQUE_UNDECLARED' : 'RULES_TYPE_MISMATCH',
          path: part.rule!.path,
          message: `${table}.${part.column} is in ${key}: masked with ${maskedBy(part, late)}, two rows can get the same fake and the restore fails on a duplicate key`,
          hint: hintFor(v, part),
        });
      } else {
        const others = v.parts.filter((p) => p.state === 'kept' || p.state === 'distinct').map((p) => p.column);
        diagnostics.push({
          code: 'RULE_KEY_MAY_COLLIDE',
          severity: 'warning',
          path: part.rule!.path,
          table,
          column: part.column,
          message: `${table}.${part.column} is part of ${key}: masked with ${maskedBy(part, late)}, two rows that share ${others.join(', ')} can get the same fake, and the restore would fail on a duplicate key (${hintFor(v, part)})`,
          data: { key: v.key.name ?? null, columns: v.key.columns, afterData: late },
        });
      }
    }
  }
  return { issues, diagnostics };
}

function hintFor(v: KeyVerdict, part: KeyPart): string {
  return uniqueModeFixes(v.key, part) && v.key.afterData ? LATE_KEY_HINT : CANNOT_HINT;
}
