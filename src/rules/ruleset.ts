import type { TransformerDef } from '../transformers/define.js';

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

/**
 * PostgreSQL large objects (pg_dump's BLOBS: `lo_create`, then `lowrite` calls with their bytes) belong
 * to no column, so no column rule reaches them: `"keep"` copies their contents (a reviewed decision),
 * `"empty"` keeps every large object but drops its contents. Unset: copied, and reported.
 */
export const LARGE_OBJECTS_RULES = ['keep', 'empty'] as const;
export type LargeObjectsRule = (typeof LARGE_OBJECTS_RULES)[number];

/**
 * MySQL/MariaDB scheduled events (`CREATE EVENT`, and the rows of `mysql.event` in --all-databases
 * dumps) run on the restored server on production's schedule once its event_scheduler is ON (the
 * default in MySQL 8.0): `"disable"` restores every event disabled, `"keep"` as it was (a reviewed
 * decision). Unset: kept, and reported.
 */
export const EVENTS_RULES = ['keep', 'disable'] as const;
export type EventsRule = (typeof EVENTS_RULES)[number];

/**
 * Links the restored copy would follow back to production: PostgreSQL user mappings (their options
 * often hold a password) and subscriptions, MySQL/MariaDB FEDERATED/CONNECT tables' CONNECTION and
 * the server definitions of mysql.servers. `"cut"` takes the way in out of the dump: user mappings,
 * subscriptions and mysql.servers rows are dropped, FEDERATED tables become local InnoDB tables;
 * `"keep"` copies them as they are (a reviewed decision). Unset: copied, and reported.
 */
export const LINKS_RULES = ['keep', 'cut'] as const;
export type LinksRule = (typeof LINKS_RULES)[number];

/**
 * pg_dumpall's role password hashes (`ALTER ROLE … PASSWORD '…'`): `"drop"` restores the roles
 * without passwords, `"keep"` with production's (a reviewed decision). Unset: kept, and reported.
 */
export const ROLE_PASSWORDS_RULES = ['keep', 'drop'] as const;
export type RolePasswordsRule = (typeof ROLE_PASSWORDS_RULES)[number];

export interface RuleSet {
  tables: Map<string, TableRules>;
  strict: boolean;
  largeObjects?: LargeObjectsRule;
  events?: EventsRule;
  links?: LinksRule;
  rolePasswords?: RolePasswordsRule;
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
