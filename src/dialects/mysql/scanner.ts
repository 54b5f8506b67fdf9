import { CAPTURE_LIMIT, ChunkScanner } from '../../core/chunk-scanner.js';
import { isSampleOnly, samplingDone } from '../../scan/sampling-plan.js';
import type { TablePlan } from '../../rules/table-plan.js';
import { tableKey, type TableRef } from '../../model.js';
import type { ScanEnv } from '../dialect.js';
import { MysqlFieldCodec } from './codec.js';
import { parseCreateTable, type MysqlTableSchema } from './ddl.js';
import { DISABLE, DISABLE_BEFORE_DO, EventHead, eventName } from './events.js';
import { connectionWarning, cutConnection, SERVERS_WARNING } from './links.js';
import { parseInsertHead, parseUse } from './header.js';
import { MysqlSession } from './session.js';
import type { Position } from '../../errors.js';
import { L_BODY, L_LINE_COMMENT, L_START } from './lexer-states.js';
import { lexStatement } from './statement-lexer.js';
import { lexValues, V_BETWEEN } from './values-lexer.js';
import { indexOfByte } from '../../core/index-of.js';

export type MysqlMode = 'stmt' | 'values';
export type StmtKind = 'none' | 'insert' | 'create' | 'create-table' | 'create-event' | 'set' | 'use' | 'other';

/**
 * The MySQL/MariaDB dump scanner: what the mysql client would read, split into statements at the
 * current DELIMITER, with INSERT/REPLACE values split into fields only for tables that have rules.
 * Tracks `USE db`, `SET NAMES` / `character_set_client` (and the @saved_cs_client dance around
 * CREATE TABLE), and reads CREATE TABLE for column names and types.
 */
export class MysqlScanner extends ChunkScanner {
  mode: MysqlMode = 'stmt';
  // statement lexer state (statement-lexer.ts)
  lex = L_START;
  lexReturn = L_START;
  quote = 0x27;
  parenDepth = 0;
  delim: Buffer = Buffer.from(';');
  delim0 = 0x3b;
  delimiterStart = 0;
  eatNewline = false;
  kind: StmtKind = 'none';
  trackWords = false;
  wordCount = 0;
  stmtStartAbs = 0;
  // values lexer state (values-lexer.ts)
  vstate = V_BETWEEN;
  vdepth = 0;
  vreturn = V_BETWEEN; // the state a comment in the values returns to
  // Lines are counted lazily: newlines before absolute offset linesAbs are in `line`.
  private linesAbs = 0;
  private linesFrozen = false;

  readonly session: MysqlSession;
  private sawHeader = false;
  private sawFooter = false;
  private assumedNoted = false;
  readonly codec = new MysqlFieldCodec();
  private ruledPlan: TablePlan | null = null;
  private sawServers = false;
  /** "links": "cut" (CREATE TABLE statements are held to read their CONNECTION). */
  private readonly cutLinks: boolean;
  private ruledIndexes: number[] = [];
  private readonly event = new EventHead();

  constructor(env: ScanEnv) {
    super(env);
    this.session = new MysqlSession(env.database, env.charset);
    this.cutLinks = env.planner.rules.links === 'cut';
  }

  protected step(chunk: Buffer, i: number): number {
    const r = this.mode === 'stmt' ? lexStatement(this, chunk, i) : lexValues(this, chunk, i);
    if (r >= chunk.length && !this.linesFrozen) this.syncLines(chunk.length);
    return r;
  }

  /**
   * Count the newlines of the current chunk before index i. The lexers never look at newlines: lines
   * are counted here, when a position is asked for and once at the end of each chunk (a native search).
   */
  private syncLines(i: number): void {
    const from = this.linesAbs - this.chunkOffset;
    const to = Math.min(i, this.chunk.length);
    if (to <= from) return;
    this.countLines(this.chunk, Math.max(0, from), to);
    this.linesAbs = this.chunkOffset + to;
  }

  override positionAt(i: number): Position {
    this.syncLines(i);
    return super.positionAt(i);
  }

  override stopHere(i: number): number {
    // bytes from i on are read again with the next chunk: count them then
    this.syncLines(i);
    this.linesFrozen = true;
    return super.stopHere(i);
  }

  override feed(input: Buffer): void {
    this.linesFrozen = false;
    super.feed(input);
  }

  override end(): void {
    this.linesFrozen = false;
    super.end();
  }

  setDelimiter(text: string): void {
    const d = text.trim().split(/\s/)[0] ?? '';
    if (d.length === 0) this.error('DUMP_INSERT_SYNTAX', 'DELIMITER without a delimiter', 0);
    this.delim = Buffer.from(d, 'latin1');
    this.delim0 = this.delim[0];
  }

  beginStatement(i: number): void {
    this.lex = L_BODY;
    this.kind = 'none';
    this.trackWords = true;
    this.wordCount = 0;
    this.parenDepth = 0;
    this.stmtStartAbs = this.chunkOffset + i;
  }

  /** The first words decide what the statement is and whether a copy of it is kept. */
  onWord(chunk: Buffer, ws: number, we: number): number {
    const n = ++this.wordCount;
    const w = we - ws <= 12 ? chunk.toString('latin1', ws, we).toLowerCase() : '';
    if (n === 1) {
      const start = this.stmtStartAbs - this.chunkOffset;
      switch (w) {
        case 'insert':
        case 'replace':
          this.kind = 'insert';
          this.startCapture(start);
          this.startHold(start);
          break;
        case 'create':
        case 'set':
        case 'use':
          this.kind = w;
          this.startCapture(start);
          if (w !== 'create') this.trackWords = false;
          // "links": "cut": a CREATE TABLE is held to its end, where its CONNECTION is read
          else if (this.cutLinks) this.startHold(start);
          break;
        default:
          this.kind = 'other';
          this.trackWords = false;
      }
      return we;
    }
    if (this.kind === 'create') {
      if (w === 'table') {
        this.kind = 'create-table';
        this.trackWords = false;
        if (this.holding) this.holdLimit = CAPTURE_LIMIT; // (held whole under "links": "cut": a long partition list)
      } else if (w === 'event' && n <= 5) {
        this.kind = 'create-event';
        this.event.begin();
      } else if (!(w === 'or' || w === 'replace' || w === 'temporary' || w === 'definer' || w === 'current_user') || n > 5) {
        this.kind = 'other';
        this.trackWords = false;
        this.stopCapture();
      }
      // (held under "links": "cut" only for a CREATE TABLE)
      if (this.holding && this.kind !== 'create' && this.kind !== 'create-table') this.releaseHold();
    }
    if (this.kind === 'create-event') {
      return this.onEventWord(w, ws, we);
    } else if (this.kind === 'insert' && this.parenDepth === 0 && (w === 'values' || w === 'value')) {
      return this.onInsertValues(we);
    }
    return we;
  }

  /**
   * A word of a CREATE EVENT's head (see events.ts). With "events": "disable", its ENABLE becomes
   * DISABLE, or DISABLE is written before DO when the head names no status (the default is ENABLE).
   */
  private onEventWord(w: string, ws: number, we: number): number {
    const at = this.event.word(w);
    if (at === 'status' || at === 'body') {
      const disable = this.env.planner.rules.events === 'disable' && !this.env.planner.readingSchemaFile;
      if (disable && this.event.enabled && (at === 'status' || !this.event.statusGiven)) {
        this.passUntil(ws);
        this.env.sink.push(at === 'status' ? DISABLE : DISABLE_BEFORE_DO, 0, at === 'status' ? DISABLE.length : DISABLE_BEFORE_DO.length);
        if (at === 'status') this.skipTo(we);
        this.event.disabledByRule = true;
      }
    }
    if (at === 'body') {
      this.trackWords = false;
      const head = this.endCapture(ws);
      if (!this.env.planner.readingSchemaFile) this.event.record(this.env.planner.events, head && eventName(head.toString(this.session.encoding()), this.session.database));
    }
    return we;
  }

  /** `INSERT INTO t (...) VALUES` read: decide to mask, stream through, or drop (truncate). */
  private onInsertValues(i: number): number {
    this.trackWords = false;
    const head = this.endCapture(i);
    const parsed = head && parseInsertHead(head.toString(this.session.encoding()), this.session.database);
    if (!parsed) {
      this.releaseHold();
      return i;
    }
    this.tableName = tableKey(parsed.table);
    if (this.tableName === 'mysql.servers' && !this.sawServers && !this.env.planner.readingSchemaFile) {
      // (emptied by an implicit rule under "links": "cut"; see rules/implicit.ts)
      this.sawServers = true;
      this.env.planner.links.found.add(`servers ${this.tableName}`);
      if (this.env.planner.rules.links === undefined) {
        this.env.diagnostics.push({ code: 'EXTERNAL_LINK', severity: 'warning', message: SERVERS_WARNING, table: this.tableName, position: this.positionAt(i), data: { kind: 'servers', name: this.tableName } });
      }
    }
    const plan = this.planFor(parsed.table, parsed.columns, i);
    if (plan?.truncate) plan.rows++; // (a truncated table's rows are counted per statement)
    if (this.insertData(plan, i)) {
      this.mode = 'values';
      this.vstate = V_BETWEEN;
      this.valuesDone = false;
    }
    return i;
  }

  private planFor(table: TableRef, columns: string[] | undefined, i: number): TablePlan | null {
    // Without a column list, INSERT lists every column but the INVISIBLE ones.
    const schema = this.env.planner.schemaOf(table) as MysqlTableSchema | undefined;
    const names = columns ?? schema?.columns.filter((c) => !c.invisible).map((c) => c.name);
    const plan = this.env.planner.planFor(table, names, this.positionAt(i));
    if (plan && !plan.truncate) {
      const charset = this.session.charset();
      // sampling is best effort: never a reason to fail a table that would stream through
      if (charset === undefined && isSampleOnly(plan)) return null;
      if (charset === undefined) {
        this.fail('DUMP_UNSUPPORTED_ENCODING', `the dump's character set ${this.session.clientName} is not supported for masking`, i, {
          hint: 'dump with --default-character-set=utf8mb4',
        });
      }
      if (this.session.noBackslashEscapes) {
        this.fail('DUMP_INSERT_SYNTAX', 'the dump sets sql_mode NO_BACKSLASH_ESCAPES, which veil-stream does not read', i, {
          hint: 'dump with mysqldump or mariadb-dump, which write backslash escapes',
        });
      }
      this.codec.setCharset(charset);
      if (this.session.clientName === undefined && !this.assumedNoted) {
        this.assumedNoted = true;
        this.env.diagnostics.push({
          code: 'DUMP_ENCODING_ASSUMED',
          severity: 'notice',
          message: 'the dump does not say its character set (no SET NAMES): utf8mb4 is assumed',
          position: this.positionAt(i),
        });
      }
    }
    return plan;
  }

  /** A tuple ended at chunk index `end`: assemble it, check it, write it through the plan. */
  endTuple(end: number): void {
    const plan = this.plan!;
    const row = this.assembleRow(end);
    const want = plan.columns.length;
    if (want > 0 && row.count !== want) {
      this.fail('DUMP_INSERT_FIELD_COUNT', `a row of ${plan.key} has ${row.count} values; the table has ${want} columns`, end, {
        row: plan.rows + 1,
        hint: 'the INSERT does not match the table definition; was the dump edited?',
      });
    }
    if (this.ruledPlan !== plan) {
      this.ruledPlan = plan;
      this.ruledIndexes = plan.ruled.map((c) => c.index);
    }
    this.codec.bind(row, plan.columns, this.ruledIndexes);
    this.emitRow(this.codec, !plan.truncate);
    this.vstate = V_BETWEEN;
    // a table without rules was read for its first rows only (PII by values): once its sampler is
    // full, the rest of the statement streams through (one INSERT may hold a whole table)
    if (samplingDone(plan)) this.valuesDone = true;
  }

  /** The values of the current INSERT need not be read any more (see endTuple). */
  valuesDone = false;

  /** A statement ended at chunk index `end` (just past its delimiter). */
  endStatement(end: number): number {
    if (this.capturing) {
      const text = this.endCapture(end);
      if (text) this.onStatementText(text, end);
    }
    if (this.discarding) {
      this.discarding = false;
      this.passStart = end;
      this.eatNewline = true;
    }
    if (this.holding) this.releaseHold();
    this.lex = L_START;
    this.kind = 'none';
    this.trackWords = false;
    this.mode = 'stmt';
    this.plan = null;
    this.tableName = undefined;
    return end;
  }

  private onStatementText(text: Buffer, end: number): void {
    const body = text.subarray(0, text.length - this.delim.length);
    switch (this.kind) {
      case 'create-table': {
        let schema: MysqlTableSchema;
        try {
          schema = parseCreateTable(body, { schema: this.session.database, charset: this.session.charset() ?? 'utf8' });
        } catch (e) {
          this.env.diagnostics.push({
            code: 'DDL_UNPARSED',
            severity: 'warning',
            message: `a CREATE TABLE statement could not be read: ${(e as Error).message}`,
            position: this.positionAt(end),
          });
          return;
        }
        this.env.planner.registerSchema(schema);
        if (schema.connection !== undefined && !this.env.planner.readingSchemaFile) this.onConnection(schema, text, end);
        return;
      }
      case 'set':
        this.session.onSet(body.toString('latin1'));
        return;
      case 'use': {
        const db = parseUse(body.toString(this.session.encoding()));
        if (db !== undefined) this.session.database = db;
        return;
      }
      case 'insert': {
        // INSERT ... SELECT / SET: no VALUES to mask. Fine for tables without rules.
        const head = parseInsertHead(body.toString(this.session.encoding()), this.session.database);
        if (head && this.env.planner.hasRules(head.table)) {
          this.fail('DUMP_INSERT_SYNTAX', `an INSERT into ${tableKey(head.table)} has no VALUES list to mask`, end, {
            hint: 'veil-stream masks INSERT ... VALUES as mysqldump writes them',
          });
        }
        return;
      }
      default:
    }
  }

  /**
   * A table of another server's (CONNECTION): reported, or under "links": "cut" written again as a
   * local InnoDB table without its CONNECTION (FEDERATED; see links.ts). `text` is the statement as read.
   */
  private onConnection(schema: MysqlTableSchema, text: Buffer, end: number): void {
    const planner = this.env.planner;
    const name = tableKey(schema.table);
    planner.links.found.add(`table ${name}`);
    if (planner.rules.links === 'cut' && this.holding) {
      const cut = cutConnection(text);
      if (cut) {
        this.replaceStatement(end, cut);
        planner.links.cut.connections++;
        return;
      }
    }
    if (planner.rules.links === 'keep') return;
    this.env.diagnostics.push({ code: 'EXTERNAL_LINK', severity: 'warning', message: connectionWarning(schema.table, schema.connection!), table: name, position: this.positionAt(end), data: { kind: 'table', name } });
  }

  /** A comment line between statements: the dump header (`-- Host: h    Database: db`) and footer. */
  onTopComment(chunk: Buffer, i: number): void {
    const nl = indexOfByte(chunk, 10, i);
    const text = chunk.toString('utf8', i, Math.min(nl < 0 ? chunk.length : nl, i + 300));
    if (/^-- (MySQL|MariaDB) dump /.test(text)) this.sawHeader = true;
    else if (text.startsWith('-- Dump completed')) this.sawFooter = true;
    else this.session.onHeaderLine(text);
  }

  protected finish(): void {
    const at = 0;
    if (this.mode === 'values') {
      this.fail('DUMP_UNTERMINATED_STATEMENT', `the INSERT into ${this.tableName} ends in the middle of its values`, at, {
        hint: 'the dump looks truncated; did the dump finish?',
      });
    }
    if (this.lex === L_START || (this.lex === L_LINE_COMMENT && this.lexReturn === L_START)) {
      if (this.sawHeader && !this.sawFooter) {
        this.fail('DUMP_TRUNCATED', 'the dump has a mysqldump/mariadb-dump header but no "-- Dump completed" footer', at, {
          hint: 'the dump looks truncated; did the dump finish? (use set -o pipefail)',
        });
      }
      return;
    }
    if (this.lex !== L_BODY) {
      this.fail('DUMP_UNTERMINATED_STRING', 'the dump ends inside a quoted string, identifier or comment', at, {
        hint: 'the dump looks truncated, or a quote is unbalanced',
      });
    }
    this.fail('DUMP_UNTERMINATED_STATEMENT', `the dump ends in the middle of a statement (no closing "${this.delim.toString('latin1')}")`, at, {
      hint: 'the dump looks truncated; did the dump finish?',
    });
  }

  // expose protected helpers to the lexer files
}
