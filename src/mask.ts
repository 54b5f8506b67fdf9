import { Sink } from './core/sink.js';
import type { Diagnostic } from './diagnostics.js';
import type { Scanner } from './dialects/dialect.js';
import { detectDialect, SNIFF_BYTES } from './dialects/detect.js';
import { dialectFor } from './dialects/registry.js';
import { VeilError } from './errors.js';
import type { DialectName } from './model.js';
import { Planner } from './rules/plan.js';
import type { RuleSet } from './rules/ruleset.js';
import { Keyring } from './seed/keyring.js';
import { loadPgGrammar } from './dialects/postgres/ddl.js';
import { loadLocales } from './seed/faker.js';

export interface MaskOptions {
  rules: RuleSet;
  /** The secret every fake is keyed by. Without one, a random per-run secret is used. */
  secret?: string | Uint8Array;
  /** Force the dialect instead of sniffing the first bytes. */
  dialect?: DialectName;
  /** Largest Row held in memory (bytes). Default 256 MiB. */
  fieldCap?: number;
}

export const DEFAULT_FIELD_CAP = 256 * 1024 * 1024;

/** What a finished run found. */
export interface MaskSummary {
  dialect: DialectName;
  bytesIn: number;
  bytesOut: number;
  diagnostics: Diagnostic[];
  tables: { table: string; rows: number; masked: Record<string, number>; truncated: boolean }[];
}

/**
 * The main flow, chunk-fed and synchronous once prepared:
 * sniff the dialect → scanner (per dialect) → per-table plans → sink → emit(bytes).
 */
export class Masker {
  private scanner: Scanner | undefined;
  private planner: Planner | undefined;
  private readonly sink: Sink;
  private readonly pending: Buffer[] = [];
  private pendingLen = 0;
  private bytesIn = 0;
  private dialect: DialectName | undefined;
  readonly diagnostics: Diagnostic[] = [];
  private readonly keyring: Keyring;

  constructor(private readonly options: MaskOptions, emit: (chunk: Buffer) => void) {
    this.sink = new Sink(emit);
    if (options.secret === undefined) {
      this.keyring = Keyring.random();
      this.diagnostics.push({
        code: 'SECRET_RANDOM',
        severity: 'notice',
        message: 'no secret given: a random per-run secret is used, so fakes differ from other runs (set VEIL_SECRET or --secret-file)',
      });
    } else this.keyring = new Keyring(options.secret);
  }

  /** Load what the run needs (the PostgreSQL grammar, the rules' faker locales). Call before feed(). */
  static async prepare(rules?: RuleSet): Promise<void> {
    await loadPgGrammar();
    if (rules) await loadLocales(localesOf(rules));
  }

  feed(chunk: Buffer): void {
    this.bytesIn += chunk.length;
    if (this.scanner) {
      this.scanner.feed(chunk);
      return;
    }
    this.pending.push(chunk);
    this.pendingLen += chunk.length;
    if (this.pendingLen >= SNIFF_BYTES || this.options.dialect !== undefined) this.start();
  }

  end(): MaskSummary {
    if (!this.scanner) this.start();
    this.scanner!.end();
    return this.summary();
  }

  /** Where the scanner is (for progress and error context). */
  position() {
    return this.scanner?.position();
  }

  currentTable(): string | undefined {
    return this.scanner?.currentTable();
  }

  get planState(): Planner | undefined {
    return this.planner;
  }

  private start(): void {
    const chunks = this.pending.splice(0);
    const head = Buffer.concat(chunks);
    const name = this.options.dialect ?? detectDialect(head);
    const dialect = dialectFor(name);
    if (!dialect) throw new VeilError('DUMP_UNKNOWN_FORMAT', `the ${name} dialect is not supported yet`, {});
    this.dialect = name;
    this.planner = new Planner(this.options.rules, this.keyring, name);
    this.scanner = dialect.createScanner({
      sink: this.sink,
      planner: this.planner,
      fieldCap: this.options.fieldCap ?? DEFAULT_FIELD_CAP,
      diagnostics: this.diagnostics,
    });
    // feed the sniffed chunks as they came, so chunk boundaries stay the caller's
    for (const c of chunks) this.scanner.feed(c);
  }

  private summary(): MaskSummary {
    const planner = this.planner!;
    const diagnostics = [...this.diagnostics];
    for (const u of planner.hits.unused(this.options.rules)) {
      diagnostics.push(
        u.column === undefined
          ? { code: 'RULES_UNUSED_TABLE', severity: 'warning', path: u.path, table: u.table, message: `no table in the dump matches the rule for "${u.table}"` }
          : { code: 'RULES_UNUSED_COLUMN', severity: 'warning', path: u.path, table: u.table, column: u.column, message: `table "${u.table}" has no column "${u.column}"` },
      );
    }
    const tables = [...planner.seen].map(([key, { plans }]) => {
      const masked: Record<string, number> = {};
      for (const p of plans) for (const c of p.ruled) masked[c.name] = (masked[c.name] ?? 0) + c.masked;
      return {
        table: key,
        rows: plans.reduce((n, p) => n + p.rows, 0),
        masked,
        truncated: plans.some((p) => p.truncate),
      };
    });
    return { dialect: this.dialect!, bytesIn: this.bytesIn, bytesOut: this.sink.bytes, diagnostics, tables };
  }
}

/** Every `locale` parameter in a rule set, nested rules (json paths, array elements) included. */
export function localesOf(rules: RuleSet): Set<string> {
  const found = new Set<string>();
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k === 'locale' && typeof x === 'string') found.add(x);
        else walk(x);
      }
    }
  };
  for (const t of rules.tables.values()) for (const c of t.columns.values()) walk(c.params);
  return found;
}
