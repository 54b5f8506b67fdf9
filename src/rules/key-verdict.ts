import type { ColumnInfo, KeyInfo } from '../model.js';
import { uniqueByConstruction, uniqueProblem } from '../transformers/accepts.js';
import type { DeclaredKey } from './keys.js';
import type { ColumnRule } from './ruleset.js';

/**
 * Whether a key stays a key after masking. A tuple of fakes stays unique when every part a rule masks
 * maps distinct originals to distinct fakes; a part whose rule can collide breaks that for every two
 * rows that agree on the key's other parts — for a single-column key, any two rows.
 */

/** How one column of a key fares under the rules. */
export type PartState =
  /** No rule rewrites it (no rule, `keep`, or not in the data): its values keep rows apart. */
  | 'kept'
  /** Masked, and distinct originals get distinct fakes (unique mode, or unique by construction). */
  | 'distinct'
  /** Masked by a rule that says `"unique": false`: it accepts duplicates. */
  | 'accepted'
  /** Masked by a rule that can give two distinct originals the same fake. */
  | 'collides';

export interface KeyPart {
  column: string;
  state: PartState;
  rule?: ColumnRule;
  info?: ColumnInfo;
}

/** A masked column of a key: its rule, the column as bound, and whether the rule was bound in unique mode. */
export interface MaskedColumn {
  rule: ColumnRule;
  info: ColumnInfo;
  uniqueMode: boolean;
}

export interface KeyVerdict {
  key: DeclaredKey;
  parts: KeyPart[];
  /** The parts whose fakes can collide. */
  colliding: KeyPart[];
  /**
   * 'error': nothing in the key keeps two rows apart (a single-column key, or every part masked by a
   * rule that can collide or accepts duplicates); 'warning': two rows collide only if they share the
   * values of the other parts. Undefined: the key stays unique.
   */
  severity?: 'error' | 'warning';
}

export function judgeKey(key: DeclaredKey, masked: (column: string) => MaskedColumn | undefined): KeyVerdict {
  const parts = key.columns.map((column) => partOf(key, column, masked(column)));
  const colliding = parts.filter((p) => p.state === 'collides');
  const verdict: KeyVerdict = { key, parts, colliding };
  if (colliding.length > 0) verdict.severity = parts.some((p) => p.state === 'kept' || p.state === 'distinct') ? 'warning' : 'error';
  return verdict;
}

function partOf(key: KeyInfo, column: string, m: MaskedColumn | undefined): KeyPart {
  if (!m) return { column, state: 'kept' };
  const { rule, info } = m;
  const part = { column, rule, info };
  if (rule.params.unique === false) return { ...part, state: 'accepted' };
  if (nullsCollide(key, rule)) return { ...part, state: 'collides' };
  const def = rule.transformer;
  if (m.uniqueMode && uniqueProblem(def, info.type, rule.params) === undefined) return { ...part, state: 'distinct' };
  if (uniqueByConstruction(def, info.type, rule.params)) return { ...part, state: 'distinct' };
  return { ...part, state: 'collides' };
}

/** `null` writes NULL into every row, and UNIQUE NULLS NOT DISTINCT counts NULLs as equal. */
function nullsCollide(key: KeyInfo, rule: ColumnRule): boolean {
  return key.nullsNotDistinct === true && rule.transformer.name === 'null';
}

/** The rule's transformer keeps distinct originals apart once bound in unique mode (`"unique": true` fixes it). */
export function uniqueModeFixes(key: KeyInfo, part: KeyPart): boolean {
  return part.rule !== undefined && !nullsCollide(key, part.rule) && uniqueProblem(part.rule.transformer, part.info?.type, part.rule.params) === undefined;
}

/** How the part is masked, for messages: `"phone"` or `"phone" without unique mode`. */
export function maskedBy(part: KeyPart, late: boolean): string {
  const name = `"${part.rule?.transformer.name ?? '?'}"`;
  return late && part.rule && uniqueProblem(part.rule.transformer, part.info?.type, part.rule.params) === undefined ? `${name} without unique mode` : name;
}
