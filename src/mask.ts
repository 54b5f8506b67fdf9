import { BUFFER_POOL_KEEP, type BufferPool } from './core/buffer-pool.js';
import { Sink } from './core/sink.js';
import type { Diagnostic } from './diagnostics.js';
import type { Dialect, Scanner } from './dialects/dialect.js';
import { detectDialect, SNIFF_BYTES } from './dialects/detect.js';
import { dialectFor } from './dialects/registry.js';
import { checkDumpContext } from './dialects/dump-context.js';
import { VeilError } from './errors.js';
import type { DialectName } from './model.js';
import { Planner } from './rules/plan.js';
import type { RuleSet } from './rules/ruleset.js';
import { Keyring } from './seed/keyring.js';
import { loadPgGrammar, pgGrammarLoaded } from './dialects/postgres/ddl.js';
import { loadLocales } from './seed/faker.js';
import { Policy } from './policy/policy.js';
import type { TableCoverage } from './policy/coverage.js';
import { Profiler } from './scan/profiler.js';
import { OrderedOutput } from './parallel/ordered-output.js';
import { BATCH_BYTES, ParallelSink } from './parallel/parallel-sink.js';

export interface MaskOptions {
  rules: RuleSet;
  /** The secret every fake is keyed by. Without one, a random per-run secret is used. */
  secret?: string | Uint8Array;
  /**
   * A schema-only dump of the same database (pg_dump -s, mysqldump --no-data), read before the dump:
   * its CREATE TABLEs give columns, types and partitions to a data-only / --no-create-info dump.
   */
  schema?: Buffer;
  /** Force the dialect instead of sniffing the first bytes. */
  dialect?: DialectName;
  /**
   * MySQL/MariaDB: the database unqualified table names belong to until the dump's first `USE` (for a
   * dump that has none, e.g. `mysqldump --compact` of one database). A VeilError on a PostgreSQL dump.
   */
  database?: string;
  /**
   * MySQL/MariaDB: the dump's character set (utf8mb4, utf8mb3, utf8, latin1, ascii, binary) until a
   * `SET NAMES` in it says otherwise. Default: utf8mb4. A VeilError on a PostgreSQL dump.
   */
  charset?: string;
  /** Largest Row held in memory (bytes). Default 256 MiB. */
  fieldCap?: number;
  /** Rules that match nothing in the dump: a warning (the API's default) or an error (the CLI's). */
  unusedRules?: 'error' | 'warn';
  /** Columns without a rule (and not `keep`) are errors. Default: the rules file's `"strict"`. */
  strict?: boolean;
  /** Rows per table whose uncovered columns are sampled for PII by values (default 100; 0: none). */
  sampleRows?: number;
  /** Read and check only: apply no rule, write nothing (`check`, `scan`). */
  dryRun?: boolean;
  /** Sample every column, not only the uncovered ones (`scan`). */
  sampleAll?: boolean;
  /** Collect policy violations in the summary instead of throwing them (`check`). */
  collectViolations?: boolean;
  /**
   * Worker threads that mask ruled rows beside the scanning thread (0, the API's default: none).
   * Output is byte-identical whatever the number. Use finish() (or MaskStream) to end such a run.
   */
  threads?: number;
  /** Bytes of ruled rows masked in the scanning thread before the workers start (default 4 MB). */
  parallelAfter?: number;
  /**
   * Reuse output buffers (the CLI's writers): emitted buffers come from this pool, and the consumer
   * gives each back (BufferPool.give) once it has written it and reads it no more. Only for a consumer
   * that does so; with worker threads too (their batches are copied out into its buffers).
   */
  outputPool?: BufferPool;
}

export const DEFAULT_PARALLEL_AFTER = 4 * 1024 * 1024;
/** Batches in flight (and bytes queued behind them) before feed() callers are asked to wait. */
const MAX_PENDING_PER_THREAD = 3;
const MAX_QUEUED_BYTES = 8 * 1024 * 1024;

/**
 * How many given-back output buffers of `bufferBytes` an outputPool should keep: a single-threaded
 * run's few, and with worker threads room for every batch in flight, each copied out into
 * BATCH_BYTES / bufferBytes of them (see ParallelSink.copyOut).
 */
export function outputPoolKeep(threads: number, bufferBytes: number): number {
  return BUFFER_POOL_KEEP + threads * MAX_PENDING_PER_THREAD * Math.ceil(BATCH_BYTES / bufferBytes);
}

export const DEFAULT_SAMPLE_ROWS = 100;

export const DEFAULT_FIELD_CAP = 256 * 1024 * 1024;

/** What a finished run found. */
export interface MaskSummary {
  dialect: DialectName;
  bytesIn: number;
  bytesOut: number;
  diagnostics: Diagnostic[];
  /**
   * Every table whose data was in the dump: rows (null where not counted: tables without rules in
   * INSERT statements), values masked per column, whether its rows were dropped.
   */
  tables: { table: string; rows: number | null; masked: Record<string, number>; truncated: boolean }[];
  /** Per table, how the rules cover each column, with PII suspects. */
  coverage: TableCoverage[];
  /** Rule paths that matched the dump, and those that matched nothing. */
  rules: { hit: string[]; unused: { path: string; table: string; column?: string }[] };
  /** The policy's verdict when violations are collected rather than thrown (`collectViolations`). */
  violation?: VeilError;
  /** Worker threads that masked rows (0: all in the scanning thread). */
  threads: number;
}

/**
 * The main flow, chunk-fed and synchronous once prepared:
 * sniff the dialect → scanner (per dialect) → per-table plans → sink → emit(bytes).
 */
export class Masker {
  private scanner: Scanner | undefined;
  private planner: Planner | undefined;
  private readonly sink: Sink;
  /** With worker threads: the output in order while batches are being masked. */
  private readonly output: OrderedOutput | undefined;
  /** Worker threads this run may start (0: it masks in this thread). */
  private readonly threads: number = 0;
  private readonly pending: Buffer[] = [];
  private pendingLen = 0;
  private bytesIn = 0;
  private dialect: DialectName | undefined;
  readonly diagnostics: Diagnostic[] = [];
  private readonly keyring: Keyring;
  private readonly policy: Policy;
  private readonly profiler: Profiler;

  constructor(private readonly options: MaskOptions, emit: (chunk: Buffer) => void) {
    checkDumpContext(options, options.dialect);
    const threads = Math.max(0, Math.floor(options.threads ?? 0));
    if (options.dryRun) this.sink = new NullSink();
    else if (threads > 0 && options.rules.source !== undefined) {
      this.threads = threads;
      this.output = new OrderedOutput(emit);
      this.sink = new ParallelSink(this.output, {
        threads,
        after: options.parallelAfter ?? DEFAULT_PARALLEL_AFTER,
        pool: options.outputPool,
        init: () => ({
          rules: options.rules.source,
          master: this.keyring.exportMaster(),
          dialect: this.dialect!,
          locales: [...localesOf(options.rules)],
        }),
      });
    } else this.sink = new Sink(emit, { pool: options.outputPool });
    this.policy = new Policy(options.rules, {
      unusedRules: options.unusedRules ?? 'warn',
      strict: options.strict ?? options.rules.strict,
      failFast: options.collectViolations !== true,
    });
    this.profiler = new Profiler(options.sampleRows ?? DEFAULT_SAMPLE_ROWS, options.sampleAll ? 'all' : 'uncovered');
    if (options.dryRun) this.keyring = Keyring.random();
    else if (options.secret === undefined) {
      this.keyring = Keyring.random();
      this.diagnostics.push({
        code: 'SECRET_RANDOM',
        severity: 'notice',
        message: 'no secret given: a random per-run secret is used, so fakes differ from other runs (set VEIL_SECRET or --secret-file)',
      });
    } else this.keyring = new Keyring(options.secret);
  }

  /**
   * Load what the run needs (the rules' faker locales, the PostgreSQL grammar). Call before feed().
   * The grammar is skipped when the input is known to be MySQL/MariaDB: `input.dialect`, or `input.head`,
   * the first chunk feed() will be given, when it is long enough for start() to decide on it alone.
   */
  static async prepare(rules?: RuleSet, input: { dialect?: DialectName; head?: Buffer } = {}): Promise<void> {
    if ((input.dialect ?? dialectOfHead(input.head)) !== 'mysql') await loadPgGrammar();
    if (rules) await loadLocales(localesOf(rules));
  }

  feed(chunk: Buffer): void {
    if (this.output?.failure !== undefined) throw this.output.failure;
    this.bytesIn += chunk.length;
    if (this.scanner) {
      this.scanner.feed(chunk);
      return;
    }
    this.pending.push(chunk);
    this.pendingLen += chunk.length;
    if (this.pendingLen >= SNIFF_BYTES || this.options.dialect !== undefined) this.start();
  }

  /** End a run without worker threads (see finish()). */
  end(): MaskSummary {
    if (this.output) throw new Error('a Masker with worker threads ends with finish()');
    if (!this.scanner) this.start();
    this.scanner!.end();
    return this.summary();
  }

  /**
   * With worker threads, feed() may return before the bytes it was given are masked: when this is
   * a promise, wait for it before the next feed() (it resolves when few enough batches are in flight).
   */
  backpressure(): Promise<void> | undefined {
    const out = this.output;
    if (!out) return undefined;
    const limit = MAX_PENDING_PER_THREAD * this.threads;
    const free = (): boolean => out.failure !== undefined || (out.pending < limit && out.queuedBytes < MAX_QUEUED_BYTES);
    return free() ? undefined : out.until(free);
  }

  /** End the run: the last bytes, every batch masked and written, then the summary. */
  async finish(): Promise<MaskSummary> {
    if (!this.output) return this.end();
    if (this.output.failure === undefined) {
      try {
        if (!this.scanner) this.start();
        this.scanner!.end();
      } catch (e) {
        throw await this.failure(e);
      }
    }
    try {
      await this.output.idle();
      if (this.output.failure !== undefined) throw this.output.failure;
      return this.summary();
    } finally {
      await this.close();
    }
  }

  /**
   * The error a run that stopped on `e` reports: a Row handed to a worker earlier in the dump may
   * have failed first, and that is the error a single-threaded run would have stopped on. (Rows not
   * sent to a worker yet are not masked: the output stops here anyway.)
   */
  async failure(e: unknown): Promise<unknown> {
    if (!this.output) return e;
    try {
      await this.output.idle();
      return this.output.failure ?? e;
    } finally {
      await this.close();
    }
  }

  /** Worker threads this run started (0 when it masked everything in this thread). */
  get threadsStarted(): number {
    return this.sink instanceof ParallelSink && this.sink.started ? this.threads : 0;
  }

  /** Stop the worker threads (idempotent). */
  async close(): Promise<void> {
    if (this.sink instanceof ParallelSink) await this.sink.close();
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
    // (a first chunk of SNIFF_BYTES or more is the whole head: Masker.prepare decided on the same bytes)
    const chunks = this.pending.splice(0);
    const head = Buffer.concat(chunks);
    const name = this.options.dialect ?? detectDialect(head);
    if (name === 'postgres' && !pgGrammarLoaded()) {
      // without the grammar every CREATE TABLE would go unread (no types, no keys): never silently
      throw new Error('internal: a PostgreSQL dump was fed before `await Masker.prepare()` loaded the PostgreSQL grammar');
    }
    const dialect = dialectFor(name);
    if (!dialect) throw new VeilError('DUMP_UNKNOWN_FORMAT', `the ${name} dialect is not supported yet`, {});
    checkDumpContext(this.options, name);
    this.dialect = name;
    const planner = new Planner(this.options.rules, this.keyring, name, {
      dryRun: this.options.dryRun,
      sampler: this.profiler.sampler,
      onDataStart: (table, columns, position) => this.policy.onDataStart(planner, table, columns, position),
    });
    this.planner = planner;
    if (this.options.schema) this.readSchema(dialect, this.options.schema);
    this.scanner = dialect.createScanner({
      sink: this.sink,
      planner: this.planner,
      fieldCap: this.options.fieldCap ?? DEFAULT_FIELD_CAP,
      diagnostics: this.diagnostics,
      database: this.options.database,
      charset: this.options.charset,
    });
    // feed the sniffed chunks as they came, so chunk boundaries stay the caller's
    for (const c of chunks) this.scanner.feed(c);
  }

  /** Learn tables from a schema-only dump (its bytes are not written). */
  private readSchema(dialect: Dialect, schema: Buffer): void {
    this.planner!.readingSchemaFile = true;
    const scanner = dialect.createScanner({
      sink: new Sink(() => undefined),
      planner: this.planner!,
      fieldCap: this.options.fieldCap ?? DEFAULT_FIELD_CAP,
      diagnostics: this.diagnostics,
      database: this.options.database,
      charset: this.options.charset,
    });
    for (let i = 0; i < schema.length; i += 1 << 20) scanner.feed(schema.subarray(i, Math.min(schema.length, i + (1 << 20))));
    scanner.end();
    this.planner!.readingSchemaFile = false;
  }

  private summary(): MaskSummary {
    const planner = this.planner!;
    const verdict = this.policy.finish(planner, this.profiler);
    const diagnostics = [...this.diagnostics, ...verdict.diagnostics];
    const tables = [...planner.seen].map(([key, { plans }]) => {
      const masked: Record<string, number> = {};
      for (const p of plans) for (const c of p.ruled) masked[c.name] = (masked[c.name] ?? 0) + c.masked;
      return {
        table: key,
        rows: planner.rowsOf(key),
        masked,
        truncated: plans.some((p) => p.truncate),
      };
    });
    const unused = planner.hits.unused(this.options.rules);
    const unusedPaths = new Set(unused.map((u) => u.path));
    const hit: string[] = [];
    for (const t of this.options.rules.tables.values()) {
      if (!unusedPaths.has(t.path)) hit.push(t.path);
      for (const c of t.columns.values()) if (!unusedPaths.has(c.path) && !unusedPaths.has(t.path)) hit.push(c.path);
    }
    const summary: MaskSummary = {
      dialect: this.dialect!,
      bytesIn: this.bytesIn,
      bytesOut: this.sink.bytes,
      diagnostics,
      tables,
      coverage: verdict.coverage,
      rules: { hit, unused },
      threads: this.threadsStarted,
    };
    if (verdict.error) {
      if (this.options.collectViolations) summary.violation = verdict.error;
      else throw verdict.error;
    }
    return summary;
  }
}

/** The sink of a run that writes nothing (check, scan): counts nothing, keeps nothing. */
class NullSink extends Sink {
  constructor() {
    super(() => {}, { size: 1 });
  }
  override push(): void {}
  override pushString(): void {}
  override flush(): void {}
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

/** The dialect start() will detect from a first chunk of at least SNIFF_BYTES (undefined: not decided yet, or an error start() reports). */
function dialectOfHead(head: Buffer | undefined): DialectName | undefined {
  if (head === undefined || head.length < SNIFF_BYTES) return undefined;
  try {
    return detectDialect(head);
  } catch {
    return undefined;
  }
}
