import type { Diagnostic } from '../diagnostics.js';
import { VeilError } from '../errors.js';

/** The only place that turns codes into prose for humans. */
export function renderError(e: VeilError): string {
  const d = e.details;
  const where: string[] = [];
  if (d.position) where.push(`at line ${d.position.line}${d.position.column ? `, column ${d.position.column}` : ''} (byte ${d.position.offset})`);
  if (d.path && !d.issues) where.push(`at ${d.path}`);
  const lines = [`error ${e.code}${where.length ? ` ${where.join(' ')}` : ''}`, `  ${e.message}`];
  if (d.table) lines.push(`  table: ${d.table}${d.column ? `, column: ${d.column}` : ''}${d.row ? `, row ${d.row}` : ''}`);
  if (d.excerpt) lines.push(`  near: ${d.excerpt}`);
  for (const issue of d.issues ?? []) {
    // (an issue of another kind than the error's is named: RULES_UNUSED with a RULES_UNIQUE_UNDECLARED)
    const kind = issue.code !== e.code ? `${issue.code} ` : '';
    lines.push(`  - ${kind}${issue.path ?? '$'}: ${issue.message}${issue.hint ? ` (${issue.hint})` : ''}`);
  }
  if (d.hint) lines.push(`  hint: ${d.hint}`);
  return lines.join('\n');
}

/** One line, for errors that need no more (a broken pipe: the reader knows what it did). */
export function renderBrief(e: VeilError): string {
  return `veil-stream: error ${e.code}: ${e.message}`;
}

export function renderDiagnostic(d: Diagnostic): string {
  const where = d.path ? ` at ${d.path}` : d.position ? ` at line ${d.position.line}` : '';
  return `${d.severity} ${d.code}${where}: ${d.message}`;
}

/** Exit codes a pipeline can trust. */
export const EXIT = { ok: 0, failed: 1, usage: 2, interrupted: 130, brokenPipe: 141, terminated: 143 } as const;
