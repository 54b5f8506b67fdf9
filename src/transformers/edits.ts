import { VeilError, visible } from '../errors.js';
import { tableKey } from '../model.js';
import type { Site } from './define.js';

/**
 * Shared by the composite transformers that rewrite parts of a value (json, php-serialized, array):
 * applying their edits, and what becomes of a value they cannot parse (onInvalid).
 */

/** `value` with `edits` applied: triples (start, end, replacement), in order and not overlapping. */
export function applyEdits(value: string, edits: readonly (number | string)[]): string {
  if (edits.length === 0) return value;
  let out = '';
  let last = 0;
  for (let k = 0; k < edits.length; k += 3) {
    out += value.slice(last, edits[k] as number) + (edits[k + 2] as string);
    last = edits[k + 1] as number;
  }
  return out + value.slice(last);
}

/**
 * What a value the rule cannot parse becomes, by the rule's `onInvalid`: NULL, the value as it is, or
 * (fail) DUMP_VALUE_REJECTED for a value of `site`'s column that is not `what` (e.g. "invalid JSON")
 * at character `error.at` of the value, with the hint to fix it or set onInvalid on the rule (`rule`).
 */
export function invalidValue(
  onInvalid: 'fail' | 'null' | 'keep',
  site: Site,
  value: string,
  error: { at: number; message: string },
  what: string,
  rule: string,
): string | null {
  if (onInvalid === 'null') return null;
  if (onInvalid === 'keep') return value;
  const { at, message } = error;
  throw new VeilError('DUMP_VALUE_REJECTED', `${tableKey(site.table)}.${site.column.name} holds ${what} at character ${at + 1} of the value: ${message}`, {
    column: site.column.name,
    table: tableKey(site.table),
    path: site.path,
    excerpt: visible(value.slice(Math.max(0, at - 30), at + 30)),
    hint: `fix the data, or set "onInvalid": "null" or "keep" on the ${rule} rule`,
  });
}
