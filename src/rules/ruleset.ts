import type { TransformerDef } from '../transformers/define.js';
import type { Settings } from './settings.js';

/** A validated column rule: the transformer, its parsed params, where it was written. */
export interface ColumnRule {
  column: string;
  transformer: TransformerDef;
  /** Params after validation and defaults (includes `unique` / `consistency` when given). */
  params: Record<string, unknown>;
  /** The params as written (for the consistency domain). */
  written: Record<string, unknown>;
  path: string;
}

export interface TableRules {
  /** The key as written in the rules file: `schema.table` or `table`. */
  key: string;
  path: string;
  truncate: boolean;
  /** The file says "truncate" (true or false): a decision made, e.g. on an operational table. */
  truncateGiven?: boolean;
  /** Not in the file: a rule veil-stream adds itself (see implicit.ts). */
  implicit?: boolean;
  columns: Map<string, ColumnRule>;
}

/** A validated rules file: its tables' rules, strict, and the settings for data outside columns (settings.ts). */
export interface RuleSet extends Settings {
  tables: Map<string, TableRules>;
  strict: boolean;
  /** The JSON the rules were validated from: worker threads validate and bind the same rules. */
  source?: unknown;
}

/** The rule changes the column's values (any transformer but `keep`). */
export function masksValues(rule: ColumnRule): boolean {
  return rule.transformer.name !== 'keep';
}

/** The rules mask or truncate anything. */
export function masksAnything(rules: RuleSet): boolean {
  return [...rules.tables.values()].some((t) => t.truncate || [...t.columns.values()].some(masksValues));
}

/** Which rules fired, for the unused-rule report. */
export class RuleHits {
  private readonly tables = new Set<string>();
  private readonly columns = new Set<string>();

  table(key: string): void {
    this.tables.add(key);
  }

  column(tableKey: string, column: string): void {
    this.columns.add(`${tableKey}\u0000${column}`);
  }

  /** Rules that matched nothing in the dump: tables never seen, columns not in a seen table. */
  unused(rules: RuleSet): { path: string; table: string; column?: string }[] {
    const out: { path: string; table: string; column?: string }[] = [];
    for (const t of rules.tables.values()) {
      if (!this.tables.has(t.key)) {
        out.push({ path: t.path, table: t.key });
        continue;
      }
      for (const c of t.columns.values()) {
        if (!this.columns.has(`${t.key}\u0000${c.column}`)) out.push({ path: c.path, table: t.key, column: c.column });
      }
    }
    return out;
  }
}
