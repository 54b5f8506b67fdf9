import type { Position } from './errors.js';

/** Non-fatal findings, reported at the end of a run (and fatal under the policy of `--strict`). */
export type DiagnosticCode =
  | 'RULES_UNUSED_TABLE'
  | 'RULES_UNUSED_COLUMN'
  | 'RULES_UNUSED_CASE'
  | 'COLUMN_UNCOVERED'
  | 'COLUMN_PII_SUSPECT'
  | 'SETTING_PII_SUSPECT'
  | 'TABLE_OPERATIONAL_KEPT'
  | 'TRUNCATE_BREAKS_REFERENCE'
  | 'RULE_TYPE_MISMATCH'
  | 'RULE_KEY_MAY_COLLIDE'
  | 'SECRET_RANDOM'
  | 'DUMP_ENCODING_ASSUMED'
  | 'DDL_UNPARSED'
  | 'LARGE_OBJECTS_UNCOVERED'
  | 'LARGE_OBJECTS_EMPTIED'
  | 'EVENTS_ENABLED'
  | 'EVENTS_DISABLED'
  | 'LINKS_CUT'
  | 'ROLE_PASSWORDS_DROPPED'
  | 'STATISTICS_DROPPED'
  | 'EXTERNAL_LINK'
  | 'ROLE_PASSWORDS_KEPT';

export type Severity = 'error' | 'warning' | 'notice';

export interface Diagnostic {
  code: DiagnosticCode;
  severity: Severity;
  message: string;
  path?: string;
  table?: string;
  column?: string;
  position?: Position;
  /** Machine-readable extras (e.g. the uncovered columns of a table, the evidence of a PII suspect). */
  data?: Record<string, unknown>;
}
