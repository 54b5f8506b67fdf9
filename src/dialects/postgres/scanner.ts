import { CAPTURE_LIMIT, ChunkScanner } from '../../core/chunk-scanner.js';
import { tableKey, type TableRef } from '../../model.js';
import type { ScanEnv } from '../dialect.js';
import { CopyTextCodec } from './copy-codec.js';
import { skipCopy, copyRows, copyHeaderRest } from './copy-data.js';
import { readPgDdl } from './ddl.js';
import { parseCopyHeader, parseInsertHeader, parseSetting } from './header.js';
import { lexValues, V_BETWEEN } from './insert-values.js';
import { lowriteBytes } from './large-objects.js';
import { cutsLink, linkWarning, type ExternalLink } from './links.js';
import { rolePassword, withoutPassword } from './role-passwords.js';
import { statsHoldMaskedValues, statsTarget, type StatsRules } from './stats.js';
import { PgLiteralCodec } from './literal-codec.js';
import { L_BODY, L_LINE_COMMENT, L_START, lexStatement } from './statement-lexer.js';
import { isSampleOnly } from '../../scan/sampling-plan.js';
import { masksValues } from '../../rules/ruleset.js';
import { indexOfByte } from '../../core/index-of.js';

export type PgMode = 'stmt' | 'meta' | 'copy-rest' | 'copy-skip' | 'copy-rows' | 'values';
export type StmtKind = 'none' | 'copy' | 'insert' | 'create' | 'create-function' | 'create-table' | 'create-type' | 'create-index' | 'create-link' | 'alter' | 'set' | 'select' | 'lowrite' | 'attribute-stats' | 'alter-role' | 'comment' | 'security' | 'other';

const ENCODINGS: Record<string, BufferEncoding> = {
  utf8: 'utf8', unicode: 'utf8', latin1: 'latin1', iso_8859_1: 'latin1', iso88591: 'latin1', sql_ascii: 'latin1',
};

/**
 * The PostgreSQL plain-dump scanner: what psql would read, split into statements (with psql's own
 * rules: quotes, E'', dollar quotes, comments, parentheses, BEGIN ATOMIC bodies), COPY text data and
 * INSERT values. Only tables with rules are split into fields.
 */
export class PgScanner extends ChunkScanner {
  mode: PgMode = 'stmt';
  // statement lexer state (used by statement-lexer.ts)
  lex = L_START;
  lexReturn = L_START;
  parenDepth = 0;
  beginDepth = 0;
  commentDepth = 0;
  dollarTag: Buffer | null = null;
  kind: StmtKind = 'none';
  trackWords = false;
  wordCount = 0;
  stmtStartAbs = 0;
  stmtLine = 1;
  eatNewline = false;
  // values lexer state (used by insert-values.ts)
  vstate = V_BETWEEN;
  vdepth = 0;
  fieldFirst = 0;
  fieldLen = 0;
  // COPY state (used by copy-data.ts)
  inLine = false;
  copyColumns = 0;
  /** The table of the COPY block being read and the line of its COPY statement (for row counts). */
  private copyTable: TableRef | undefined;
  private copyLine = 0;

  encoding: BufferEncoding = 'utf8';
  encodingName = 'UTF8';
  searchPath: string | undefined = 'public';
  readonly copyCodec = new CopyTextCodec('utf8');
  readonly literalCodec = new PgLiteralCodec('utf8');
  private readonly enums = new Map<string, string[]>();

  /** Index key → its table (CREATE INDEX), for the statistics of expression indexes. */
  private readonly indexTables = new Map<string, TableRef>();
  /** What the rules say about the relation of a statistics entry. */
  private readonly statsRules: StatsRules;
  /** SELECT statements are held until the function they call is known: some are dropped (lowrite, statistics). */
  private readonly holdSelects: boolean;
  /** "links": "cut": CREATE, ALTER, COMMENT and SECURITY LABEL are held until they are known not to be a link's. */
  private readonly cutLinks: boolean;
  /** "rolePasswords": "drop": ALTER ROLE statements are held to their end, and written without a PASSWORD. */
  private readonly dropPasswords: boolean;

  constructor(env: ScanEnv) {
    super(env);
    const planner = env.planner;
    this.statsRules = {
      table: (relation) => {
        const { tables, columns } = planner.rulesFor(relation);
        if (tables.length === 0) return undefined;
        return { truncated: tables.some((t) => t.truncate), masked: new Set([...columns].filter(([, c]) => masksValues(c)).map(([n]) => n)) };
      },
      indexTable: (relation) => this.indexTables.get(tableKey(relation)),
      isTable: (relation) => planner.schemaOf(relation) !== undefined || planner.seen.has(tableKey(relation)),
      masksAnything: planner.masksAnything,
    };
    this.holdSelects = this.statsRules.masksAnything || planner.rules.largeObjects === 'empty';
    this.cutLinks = planner.rules.links === 'cut';
    this.dropPasswords = planner.rules.rolePasswords === 'drop';
  }

  /**
   * A SELECT held for its function name runs for 1 MB without one (`SELECT '<a long literal>'`): not
   * a statement pg_dump writes for large objects or statistics, so it is let through as it is.
   */
  protected override holdOverflow(end: number): void {
    if (this.kind !== 'select') return super.holdOverflow(end);
    this.trackWords = false;
    this.releaseHold();
  }

  /** Drop the statistics statement ending at `end` (held since its start): it may hold masked values. */
  private dropStatistics(end: number): void {
    if (!this.holding) throw new Error('internal: a statistics statement to drop was not held');
    this.dropStatement(end);
    this.env.planner.statistics.dropped++;
  }

  protected step(chunk: Buffer, i: number): number {
    switch (this.mode) {
      case 'stmt':
        return lexStatement(this, chunk, i);
      case 'meta': {
        const nl = indexOfByte(chunk, 10, i);
        const end = nl < 0 ? chunk.length : nl;
        if (this.metaText.length < 1024) this.metaText += chunk.toString('latin1', i, Math.min(end, i + 1024));
        if (nl < 0) {
          if (this.eof) this.onMeta();
          return chunk.length;
        }
        this.newline(nl);
        this.onMeta();
        this.mode = 'stmt';
        return nl + 1;
      }
      case 'copy-rest':
        return copyHeaderRest(this, chunk, i);
      case 'copy-skip':
        return skipCopy(this, chunk, i);
      case 'copy-rows':
        return copyRows(this, chunk, i);
      case 'values':
        return lexValues(this, chunk, i);
    }
  }

  // --- hooks for the lexers ---


  beginStatement(i: number): void {
    this.lex = L_BODY;
    this.kind = 'none';
    this.trackWords = true;
    this.wordCount = 0;
    this.wordBefore = '';
    this.parenDepth = 0;
    this.beginDepth = 0;
    this.stmtStartAbs = this.chunkOffset + i;
    this.stmtLine = this.line;
  }

  /** The first words decide what the statement is and whether we keep a copy of it. */
  onWord(chunk: Buffer, ws: number, we: number): number {
    this.wordCount++;
    const w = we - ws <= 32 ? chunk.toString('latin1', ws, we).toLowerCase() : '';
    const n = this.wordCount;
    if (n === 1) {
      const stmtStart = this.stmtStartAbs - this.chunkOffset;
      switch (w) {
        case 'copy': case 'alter': case 'set': case 'select':
          this.kind = w;
          this.startCapture(stmtStart);
          // (held until the function it calls tells a large object's bytes or a column's statistics)
          if (w === 'select' && this.holdSelects) this.startHold(stmtStart);
          if (w === 'alter' && (this.cutLinks || this.dropPasswords)) this.startHold(stmtStart);
          if (w !== 'alter' && w !== 'select') this.trackWords = false;
          break;
        case 'insert':
          this.kind = 'insert';
          this.startCapture(stmtStart);
          this.startHold(stmtStart);
          break;
        case 'create':
          this.kind = 'create';
          this.startCapture(stmtStart);
          if (this.cutLinks) this.startHold(stmtStart);
          break;
        case 'comment':
        case 'security':
          // COMMENT ON / SECURITY LABEL … ON SUBSCRIPTION: read only to cut a subscription's
          if (this.cutLinks) {
            this.kind = w;
            this.startHold(stmtStart);
          } else {
            this.kind = 'other';
            this.trackWords = false;
          }
          break;
        default:
          this.kind = 'other';
          this.trackWords = false;
      }
      return we;
    }
    switch (this.kind) {
      case 'create':
        if ((w === 'function' || w === 'procedure') && (n === 2 || n === 4)) {
          this.kind = 'create-function';
          this.stopCapture();
        } else if (w === 'table' && n <= 4) {
          this.kind = 'create-table';
          this.trackWords = false;
        } else if ((w === 'server' || w === 'subscription') && n === 2) {
          this.kind = 'create-link';
          this.trackWords = false;
        } else if (w === 'user' && n === 2) {
          return we; // CREATE USER MAPPING (CREATE USER alone is not read)
        } else if (w === 'mapping' && n === 3) {
          this.kind = 'create-link';
          this.trackWords = false;
        } else if (w === 'type' && n === 2) {
          this.kind = 'create-type';
          this.trackWords = false;
        } else if (w === 'index' && (n === 2 || n === 3)) {
          // CREATE [UNIQUE] INDEX: a key pg_dump writes after the data, and the table whose statistics
          // an expression index's statistics are drawn from
          this.kind = 'create-index';
          this.trackWords = false;
        } else if (n >= 4 || !(w === 'or' || w === 'replace' || w === 'unlogged' || w === 'temporary' || w === 'temp' || w === 'foreign' || (w === 'unique' && n === 2))) {
          this.kind = 'other';
          this.stopCapture();
          this.trackWords = false;
        }
        if (this.holding && this.kind !== 'create' && this.kind !== 'create-link') this.releaseHold();
        return we;
      case 'create-function':
        if (this.parenDepth === 0) {
          if (w === 'begin') this.beginDepth++;
          else if (w === 'case' && this.beginDepth > 0) this.beginDepth++;
          else if (w === 'end' && this.beginDepth > 0) this.beginDepth--;
        }
        return we;
      case 'alter':
        if (n === 2 && this.holding) {
          if (w === 'subscription' && this.cutLinks) this.cutStatement(we);
          else if (!(w === 'role' && this.dropPasswords)) this.releaseHold();
        }
        if (n === 2 && w === 'role') this.kind = 'alter-role'; // pg_dumpall: ALTER ROLE … PASSWORD '…'
        else if (n === 2 && w !== 'table') {
          this.stopCapture();
          this.kind = 'other';
        }
        this.trackWords = false;
        return we;
      case 'insert':
        if (w === 'values' && this.parenDepth === 0) return this.onInsertValues(we);
        return we;
      case 'comment':
      case 'security':
        // COMMENT ON SUBSCRIPTION s; SECURITY LABEL [FOR provider] ON SUBSCRIPTION s
        if (this.wordBefore === 'on') {
          this.trackWords = false;
          if (w === 'subscription') this.cutStatement(we);
          else this.releaseHold();
        } else if (n >= 7) {
          this.trackWords = false;
          this.releaseHold();
        }
        this.wordBefore = w;
        return we;
      case 'select':
        // the function called: SELECT pg_catalog.lowrite(…) writes a large object's bytes (pg_dump's
        // BLOBS), SELECT * FROM pg_catalog.pg_restore_attribute_stats(…) a column's statistics
        if (n < 4 && (w === 'pg_catalog' || (n === 2 && w === 'from'))) return we;
        this.trackWords = false;
        if (w === 'lo_create' && !this.env.planner.readingSchemaFile) this.env.planner.largeObjects.objects++;
        if (w === 'lowrite') this.kind = 'lowrite';
        if (w === 'pg_restore_attribute_stats') {
          // decided on the whole statement (statsHoldMaskedValues): hold it to its end
          this.kind = 'attribute-stats';
          this.holdLimit = CAPTURE_LIMIT; // (held whole: a huge statistics target)
          return we;
        }
        if (this.holding) {
          if (this.kind === 'lowrite' && this.env.planner.rules.largeObjects === 'empty') this.dropStatement(we);
          else this.releaseHold();
        }
        return we;
      default:
        this.trackWords = false;
        return we;
    }
  }

  /** The previous word of a COMMENT / SECURITY LABEL statement. */
  private wordBefore = '';

  /** A statement about a subscription, under "links": "cut" (every subscription is cut): dropped. */
  private cutStatement(i: number): void {
    this.trackWords = false;
    this.dropStatement(i);
    if (!this.env.planner.readingSchemaFile) this.env.planner.links.cut.statements++;
  }

  /** `INSERT INTO t (...) VALUES` read: decide to mask, stream through, or drop (truncate). */
  private onInsertValues(i: number): number {
    this.trackWords = false;
    const head = this.endCapture(i);
    const header = head && parseInsertHeader(head.toString(this.encoding), this.searchPath);
    if (!header) {
      this.releaseHold();
      return i;
    }
    this.tableName = tableKey(header.table);
    if (this.insertData(this.planFor(header.table, header.columns, i), i)) {
      this.mode = 'values';
      this.vstate = V_BETWEEN;
    }
    return i;
  }

  private planFor(table: TableRef, columns: string[] | undefined, i: number) {
    const plan = this.env.planner.planFor(table, columns, this.positionAt(i));
    const supported = ENCODINGS[this.encodingName.toLowerCase().replace(/-/g, '')] !== undefined;
    if (!supported && isSampleOnly(plan)) return null; // sampling is best effort: never a reason to fail
    if (plan && !supported) {
      this.fail('DUMP_UNSUPPORTED_ENCODING', `the dump's client_encoding ${this.encodingName} is not supported for masking`, i, {
        hint: 'dump with --encoding=UTF8',
      });
    }
    return plan;
  }

  /** A statement ended at chunk index `end` (just past its `;`). */
  endStatement(end: number): number {
    let next = end;
    if (this.capturing) {
      const text = this.endCapture(end);
      if (text) next = this.onStatementText(text, end);
      else if (this.kind === 'attribute-stats') this.dropStatistics(end); // too large to read: never copied unread
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
    if (this.mode === 'values') this.mode = 'stmt';
    return next;
  }

  private onStatementText(text: Buffer, end: number): number {
    const sql = text.toString(this.encoding);
    switch (this.kind) {
      case 'copy':
        return this.onCopy(sql, end);
      case 'create-table':
      case 'create-type':
      case 'create-index':
      case 'create-link':
      case 'alter':
        this.onDdl(sql, end);
        return end;
      case 'lowrite':
        this.env.planner.largeObjects.bytes += lowriteBytes(sql);
        return end;
      case 'alter-role':
        this.onRole(text, sql, end);
        return end;
      case 'attribute-stats': {
        const target = statsTarget(sql);
        if (target === undefined ? this.statsRules.masksAnything : statsHoldMaskedValues(target, this.statsRules)) this.dropStatistics(end);
        return end;
      }
      case 'set':
      case 'select': {
        const s = parseSetting(sql);
        if (s) this.onSetting(s[0].toLowerCase(), s[1]);
        return end;
      }
      default:
        return end;
    }
  }

  private onSetting(name: string, value: string): void {
    if (name === 'client_encoding') {
      this.encodingName = value;
      const enc = ENCODINGS[value.toLowerCase().replace(/-/g, '')] ?? 'utf8';
      this.encoding = enc;
      (this.copyCodec as { encoding: BufferEncoding }).encoding = enc;
      (this.literalCodec as { encoding: BufferEncoding }).encoding = enc;
    } else if (name === 'standard_conforming_strings') {
      this.literalCodec.standardStrings = value.toLowerCase() !== 'off';
    } else if (name === 'search_path') {
      const first = value.split(',')[0]?.trim();
      this.searchPath = first ? first : 'public';
    }
  }

  private onDdl(sql: string, end: number): void {
    let events;
    try {
      events = readPgDdl(sql, this.searchPath, this.enums);
    } catch (e) {
      this.env.diagnostics.push({
        code: 'DDL_UNPARSED',
        severity: 'warning',
        message: `a DDL statement could not be parsed: ${(e as Error).message}`,
        position: this.positionAt(end),
      });
      return;
    }
    for (const ev of events) {
      if (ev.kind === 'table') this.env.planner.registerSchema(ev.schema);
      else if (ev.kind === 'parent') this.env.planner.addParent(ev.child, ev.parent);
      else if (ev.kind === 'enum') this.enums.set(ev.name.join('.'), ev.labels);
      else if (ev.kind === 'key') this.env.planner.addKey(ev.table, ev.key, { offset: this.stmtStartAbs, line: this.stmtLine });
      else if (ev.kind === 'reference') this.env.planner.addReference(ev.table, ev.references);
      else if (ev.kind === 'index') this.indexTables.set(tableKey(ev.index), ev.table);
      else if (ev.kind === 'link') this.onLink(ev.link, end);
    }
  }

  /** ALTER ROLE (pg_dumpall): a password hash is counted, and dropped under "rolePasswords": "drop". */
  private onRole(text: Buffer, sql: string, end: number): void {
    const role = rolePassword(sql);
    const planner = this.env.planner;
    if (role === undefined || planner.readingSchemaFile) return;
    planner.rolePasswords.roles.add(role);
    if (this.dropPasswords && this.holding) {
      this.replaceStatement(end, Buffer.from(withoutPassword(text.toString('latin1')), 'latin1'));
      planner.rolePasswords.dropped++;
    }
  }

  /** A link to another server was read (its statement ends at `end`): reported, or cut (see links.ts). */
  private onLink(link: ExternalLink, end: number): void {
    const planner = this.env.planner;
    if (planner.readingSchemaFile) return;
    const decided = planner.rules.links;
    planner.links.found.add(`${link.kind} ${link.name}`);
    if (decided === 'cut' && cutsLink(link)) {
      this.dropStatement(end);
      if (link.kind === 'user-mapping') planner.links.cut.userMappings++;
      else planner.links.cut.subscriptions++;
      return;
    }
    if (link.kind === 'server') planner.links.serversKept++;
    if (decided !== undefined) return; // (kept: a reviewed decision; a server under "cut" is in the notice)
    const message = linkWarning(link);
    if (message) this.env.diagnostics.push({ code: 'EXTERNAL_LINK', severity: 'warning', message, position: this.positionAt(end), data: { kind: link.kind, name: link.name } });
  }

  private onCopy(sql: string, end: number): number {
    const header = parseCopyHeader(sql, this.searchPath);
    if (!header || !header.fromStdin) return end;
    this.tableName = tableKey(header.table);
    this.copyTable = header.table;
    this.copyLine = this.line;
    this.plan = this.planFor(header.table, header.columns, end);
    if (header.format !== 'text' && isSampleOnly(this.plan)) this.plan = null;
    if (this.plan && header.format !== 'text' && !this.plan.truncate) {
      this.fail('DUMP_UNSUPPORTED_COPY_FORMAT', `COPY data for ${this.tableName} is in ${header.format} format`, end, {
        hint: 'pg_dump writes text-format COPY; mask a plain pg_dump or pg_restore -f - output',
      });
    }
    this.copyColumns = this.plan ? this.plan.columns.length : 0;
    this.mode = 'copy-rest';
    return end;
  }

  /** COPY data ended (the `\.` line was read). */
  endCopy(): void {
    // COPY text data is one line per row: rows = lines between the COPY line and the "\." line.
    if (this.copyTable) this.env.planner.countRows(this.copyTable, Math.max(0, this.line - this.copyLine - 2));
    this.copyTable = undefined;
    this.mode = 'stmt';
    this.lex = L_START;
    this.plan = null;
    this.tableName = undefined;
  }

  /** A comment line between statements: pg_dump's header and "dump complete" footer. */
  onTopComment(chunk: Buffer, i: number): void {
    const text = chunk.toString('latin1', i, Math.min(chunk.length, i + 48));
    if (/^-- PostgreSQL database (cluster )?dump complete/.test(text)) this.sawFooter = true;
    else if (/^-- PostgreSQL database (cluster )?dump/.test(text)) {
      // pg_dump writes every CREATE TABLE before any data; pg_dumpall repeats that per database.
      if (!this.sawHeader) this.env.planner.ddlFirst = !text.includes('cluster');
      this.sawHeader = true;
    }
  }

  sawHeader = false;
  sawFooter = false;
  /** pg_dump 17.6+/18 brackets the dump with \restrict KEY ... \unrestrict KEY. */
  private restrictKey: string | undefined;
  private unrestricted = false;
  private metaText = '';

  private onMeta(): void {
    const m = /^\\(restrict|unrestrict)\s+(\S+)/.exec(this.metaText.trimEnd());
    if (m && m[1] === 'restrict') this.restrictKey = m[2];
    else if (m && m[1] === 'unrestrict') this.unrestricted = m[2] === this.restrictKey;
    this.metaText = '';
  }

  protected finish(): void {
    const at = 0;
    switch (this.mode) {
      case 'copy-rest':
      case 'copy-skip':
      case 'copy-rows':
        this.fail('DUMP_UNTERMINATED_COPY', `COPY data for ${this.tableName} ended before the "\\." end-of-data marker`, at, {
          hint: 'the dump looks truncated; did pg_dump finish?',
        });
      // falls through (fail never returns)
      case 'values':
        this.fail(this.vstate === V_BETWEEN ? 'DUMP_UNTERMINATED_STATEMENT' : 'DUMP_UNTERMINATED_STRING', `the INSERT into ${this.tableName} ends in the middle of its values`, at, {
          hint: 'the dump looks truncated; did the dump finish?',
        });
      // falls through
      case 'meta':
        this.mode = 'stmt';
        this.lex = L_START;
        return this.finish();
      case 'stmt':
        if (this.lex === L_START || (this.lex === L_LINE_COMMENT && this.lexReturn === L_START)) {
          if (this.restrictKey !== undefined && !this.unrestricted) {
            this.fail('DUMP_TRUNCATED', 'the dump opened with \\restrict but has no matching \\unrestrict line', at, {
              hint: 'the dump looks truncated; did pg_dump finish? (use set -o pipefail)',
            });
          }
          if (this.sawHeader && !this.sawFooter) {
            this.fail('DUMP_TRUNCATED', 'the dump has a pg_dump header but no "PostgreSQL database dump complete" footer', at, {
              hint: 'the dump looks truncated; did pg_dump finish? (use set -o pipefail)',
            });
          }
          return;
        }
        if (this.lex !== L_BODY) {
          this.fail('DUMP_UNTERMINATED_STRING', 'the dump ends inside a quoted string, identifier, comment or dollar-quoted body', at, {
            hint: 'the dump looks truncated, or a quote is unbalanced',
          });
        }
        this.fail('DUMP_UNTERMINATED_STATEMENT', 'the dump ends in the middle of a statement (no closing ";")', at, {
          hint: 'the dump looks truncated; did the dump finish?',
        });
    }
  }

  // expose protected helpers to the mode files
  rowEmit(codecKind: 'copy' | 'literal'): void {
    this.emitRow(codecKind === 'copy' ? this.copyCodec : this.literalCodec, !this.plan?.truncate);
  }
}
