import type { ScanEnv, Scanner } from '../dialects/dialect.js';
import { VeilError, visible, type Position, type VeilErrorCode, type VeilErrorDetails } from '../errors.js';
import type { TablePlan } from '../rules/table-plan.js';
import type { FieldCodec } from './row.js';
import type { RowSite } from './sink.js';
import { RowFields } from './row.js';
import { indexOfByte } from './index-of.js';

/** Bytes a hold withholds at most by default (an INSERT head that runs this long never reaches VALUES). */
const HOLD_LIMIT = 1 << 20;
/**
 * Bytes of a statement captured at most (beyond it endCapture gives undefined); also the hold limit
 * of statements a dialect holds to their end to read them whole.
 */
export const CAPTURE_LIMIT = 64 << 20;

/**
 * The chunk mechanics both dialect scanners share. A subclass implements step() for its Modes.
 *
 * - Passthrough: bytes [passStart, i) of the current chunk are untouched input; they are pushed to
 *   the sink as slices when something else must be written, or at the end of the chunk.
 * - Small carry: when a decision needs a few bytes past the end of the chunk (a `--`, a `$tag$`, a
 *   keyword), step() calls stop(i); bytes from i on are prepended to the next chunk. Bounded by
 *   the longest lookahead (~64 bytes), so the rare concat is cheap.
 * - Hold: bytes of a statement whose fate is not known yet (an INSERT before its table is read) are
 *   withheld, then released or dropped (truncated tables).
 * - Capture: a copy of a statement's text, for statements that shape the data (DDL, COPY heads).
 * - Row carry: a ruled Row that crosses chunks is gathered into parts and assembled once, when it
 *   ends; offsets inside it are recorded as i + rowDelta. Never a re-join per chunk.
 */
export abstract class ChunkScanner implements Scanner, RowSite {
  protected chunk: Buffer = Buffer.alloc(0);
  protected chunkOffset = 0;
  protected passStart = 0;
  protected line = 1;
  protected lineStartAbs = 0;
  protected eof = false;
  private stopAt = -1;
  private tail: Buffer = Buffer.alloc(0);
  private carry: Buffer | null = null;

  // hold
  protected holding = false;
  /** Bytes are being dropped (a truncated table's statement). */
  protected discarding = false;
  /** Bytes a hold may withhold: HOLD_LIMIT from startHold (an INSERT's head); a dialect may raise it for its hold. */
  protected holdLimit = HOLD_LIMIT;
  private held: Buffer[] = [];
  private heldLen = 0;

  // capture
  protected capturing = false;
  protected captureStart = 0;
  private captured: Buffer[] = [];
  private capturedLen = 0;
  private captureOverflow = false;

  // row carry
  protected rowOpen = false;
  protected rowStart = 0; // in the current chunk, when not carrying
  protected rowDelta = 0; // offsets recorded as i + rowDelta
  private rowParts: Buffer[] = [];
  protected carryingRow = false;
  protected readonly row = new RowFields();

  protected plan: TablePlan | null = null;
  protected tableName: string | undefined;

  constructor(protected readonly env: ScanEnv) {}

  /** Process from i; return the index reached (chunk.length, or where the Mode changed). */
  protected abstract step(chunk: Buffer, i: number): number;
  /** Called once after the last chunk: fail on anything left open. */
  protected abstract finish(): void;

  /** Offsets of the field being read (row coordinates), for values lexers. */
  fieldStart = -1;
  fieldLastEnd = 0;

  /** A Row moved into the carry buffer: the field still being read moves the same way. */
  private onRowShift(delta: number): void {
    this.fieldStart += delta;
    this.fieldLastEnd += delta;
  }

  feed(input: Buffer): void {
    if (input.length === 0) return;
    const chunk = this.carry ? Buffer.concat([this.carry, input]) : input;
    this.carry = null;
    this.run(chunk);
  }

  end(): void {
    this.eof = true;
    const rest = this.carry;
    this.carry = null;
    if (rest) this.run(rest);
    // positions from here on are the end of input; keep the tail for excerpts
    this.tail = this.chunk.subarray(Math.max(0, this.chunk.length - 40));
    this.chunk = Buffer.alloc(0);
    this.finish();
    this.env.sink.flush();
  }

  private run(chunk: Buffer): void {
    this.chunk = chunk;
    this.passStart = 0;
    this.captureStart = 0;
    this.stopAt = -1;
    let i = 0;
    const len = chunk.length;
    while (i < len && this.stopAt < 0) i = this.step(chunk, i);
    const end = this.stopAt >= 0 ? this.stopAt : len;
    this.finishChunk(end);
    if (end < len) this.carry = chunk.subarray(end);
    this.chunkOffset += end;
  }

  /** Stop this chunk at i; bytes from i on are re-scanned with the next chunk (small lookahead). */
  protected stop(i: number): number {
    if (this.eof) throw new Error('internal: stop() at end of input');
    if (this.chunk.length - i > 4096) throw new Error('internal: carry too large');
    this.stopAt = i;
    return this.chunk.length;
  }

  private finishChunk(end: number): void {
    const chunk = this.chunk;
    if (this.rowOpen) {
      const from = this.carryingRow ? 0 : this.rowStart;
      this.pass(chunk, this.passStart, from);
      if (!this.carryingRow) {
        this.row.shift(-from);
        this.onRowShift(-from);
        this.carryingRow = true;
        this.rowDelta = 0;
        this.rowParts = [];
      }
      this.rowParts.push(chunk.subarray(from, end));
      this.rowDelta += end - from;
      if (this.rowDelta > this.env.fieldCap) {
        this.fail('DUMP_FIELD_TOO_LARGE', `a row of ${this.tableName ?? 'a table'} is larger than ${this.env.fieldCap} bytes`, end, {
          hint: 'raise --max-field-size if the dump really holds such values',
        });
      }
    } else {
      if (this.capturing) this.capture(chunk, this.captureStart, end);
      this.pass(chunk, this.passStart, end);
    }
    this.passStart = 0;
    this.captureStart = 0;
  }

  /** Untouched bytes: to the sink, or withheld while holding. */
  protected pass(chunk: Buffer, start: number, end: number): void {
    if (end <= start || this.discarding) return;
    if (this.holding) {
      this.held.push(chunk.subarray(start, end));
      this.heldLen += end - start;
      if (this.heldLen > this.holdLimit) this.holdOverflow(end);
    } else this.env.sink.push(chunk, start, end);
  }

  /** A hold outgrew holdLimit (at chunk index `end`): an INSERT's head that never reaches VALUES. */
  protected holdOverflow(end: number): void {
    this.fail('DUMP_INSERT_SYNTAX', 'an INSERT statement runs for more than 1 MB before its VALUES', end, {
      hint: 'the dump may be damaged; veil-stream expects INSERT INTO table [(columns)] VALUES',
    });
  }

  protected startHold(i: number): void {
    this.env.sink.push(this.chunk, this.passStart, i);
    this.passStart = i;
    this.holding = true;
    this.holdLimit = HOLD_LIMIT;
    this.held = [];
    this.heldLen = 0;
  }

  /** Release withheld bytes; the current chunk's pending bytes from passStart stay pending. */
  protected releaseHold(): void {
    this.holding = false;
    for (const h of this.held) this.env.sink.push(h, 0, h.length);
    this.held = [];
    this.heldLen = 0;
  }

  /** Drop the statement being held: its withheld bytes, those up to i, and the rest up to its end. */
  protected dropStatement(i: number): void {
    this.holding = false;
    this.held = [];
    this.heldLen = 0;
    this.passStart = i;
    this.discarding = true;
  }

  /** Write `bytes` in place of the statement being held (its withheld bytes and those up to i); go on from i. */
  protected replaceStatement(i: number, bytes: Buffer): void {
    this.holding = false;
    this.held = [];
    this.heldLen = 0;
    this.env.sink.push(bytes, 0, bytes.length);
    this.passStart = i;
  }

  protected startCapture(i: number): void {
    this.capturing = true;
    this.captureStart = i;
    this.captured = [];
    this.capturedLen = 0;
    this.captureOverflow = false;
  }

  private capture(chunk: Buffer, start: number, end: number): void {
    if (end <= start || this.captureOverflow) return;
    if (this.capturedLen + (end - start) > CAPTURE_LIMIT) {
      this.captureOverflow = true;
      return;
    }
    this.captured.push(Buffer.from(chunk.subarray(start, end)));
    this.capturedLen += end - start;
  }

  /** The captured statement text up to chunk index i (undefined if it outgrew the cap). */
  protected endCapture(i: number): Buffer | undefined {
    this.capture(this.chunk, this.captureStart, i);
    this.capturing = false;
    const out = this.captureOverflow ? undefined : Buffer.concat(this.captured);
    this.captured = [];
    return out;
  }

  protected stopCapture(): void {
    this.capturing = false;
    this.captured = [];
  }

  /**
   * An INSERT's head (up to VALUES, held back until its table was known) was read at i: drop the
   * statement (a truncated table) or release it. True when its values are to be read through `plan`.
   */
  protected insertData(plan: TablePlan | null, i: number): boolean {
    this.plan = plan;
    if (plan?.truncate) {
      this.dropStatement(i);
      return false;
    }
    this.releaseHold();
    return plan !== null;
  }

  /** A Row begins at chunk index i. */
  protected openRow(i: number): void {
    this.rowOpen = true;
    this.rowStart = i;
    this.rowDelta = 0;
    this.carryingRow = false;
    this.row.reset();
  }

  /**
   * The Row ends at chunk index `end` (exclusive): make row.buf/rowStart/rowEnd hold all its bytes
   * (assembling carried parts once) and push the passthrough before it. Offsets recorded while it was
   * open are already in row coordinates.
   */
  protected assembleRow(end: number): RowFields {
    const row = this.row;
    this.rowOpen = false;
    if (this.carryingRow) {
      this.rowParts.push(this.chunk.subarray(0, end));
      row.buf = Buffer.concat(this.rowParts);
      row.rowStart = 0;
      row.rowEnd = row.buf.length;
      this.rowParts = [];
      this.carryingRow = false;
      this.rowDelta = 0;
    } else {
      this.pass(this.chunk, this.passStart, this.rowStart);
      row.buf = this.chunk;
      row.rowStart = this.rowStart;
      row.rowEnd = end;
    }
    this.passStart = end;
    return row;
  }

  /** Write an assembled Row through the plan (or drop it, for truncated tables). */
  protected emitRow(codec: FieldCodec, emit: boolean): void {
    if (!this.plan) return;
    if (!emit) {
      this.plan.rows++;
      return;
    }
    try {
      this.env.sink.writeRow(this.plan, this.row, codec, this);
    } catch (e) {
      // a value a transformer rejected (invalid JSON, an expression): say where in the dump
      if (e instanceof VeilError && !e.details.position) {
        throw new VeilError(e.code, e.message, { table: this.tableName, ...e.details, position: this.positionAt(Math.min(this.passStart, this.chunk.length)), row: this.plan.rows });
      }
      throw e;
    }
  }

  /**
   * Count newlines in chunk[a, b), keeping line and line-start offset current. Bounded to the range:
   * an unbounded indexOf would run to the next newline, which on a one-line extended INSERT is the
   * end of the chunk, for every string (measured: halved one-line throughput).
   */
  protected countLines(chunk: Buffer, a: number, b: number): void {
    if (b - a <= 512) {
      for (let k = a; k < b; k++) if (chunk[k] === 10) this.newline(k);
      return;
    }
    const part = chunk.subarray(a, b);
    for (let p = indexOfByte(part, 10, 0); p >= 0; p = indexOfByte(part, 10, p + 1)) this.newline(a + p);
  }

  protected newline(i: number): void {
    this.line++;
    this.lineStartAbs = this.chunkOffset + i + 1;
  }

  /** RowSite: where the Row being emitted is, as emitRow's errors name it (see ParallelSink). */
  markRow(out: Float64Array, k: number): void {
    const offset = this.chunkOffset + Math.min(this.passStart, this.chunk.length);
    out[k] = offset;
    out[k + 1] = this.line;
    out[k + 2] = Math.max(1, offset - this.lineStartAbs + 1);
  }

  positionAt(i: number): Position {
    const offset = this.chunkOffset + i;
    return { offset, line: this.line, column: Math.max(1, offset - this.lineStartAbs + 1) };
  }

  position(): Position {
    return this.positionAt(0);
  }

  currentTable(): string | undefined {
    return this.tableName;
  }

  // --- the surface a dialect's mode files (lexers in separate modules) use ---

  stopHere(i: number): number {
    return this.stop(i);
  }
  markNewline(i: number): void {
    this.newline(i);
  }
  lines(chunk: Buffer, a: number, b: number): void {
    this.countLines(chunk, a, b);
  }
  rowBegin(i: number): void {
    this.openRow(i);
  }
  rowAssemble(end: number): RowFields {
    return this.assembleRow(end);
  }
  get rowDeltaNow(): number {
    return this.rowDelta;
  }
  get fields(): RowFields {
    return this.row;
  }
  get currentPlan(): TablePlan | null {
    return this.plan;
  }
  get isEof(): boolean {
    return this.eof;
  }
  get isRowOpen(): boolean {
    return this.rowOpen;
  }
  get chunkBase(): number {
    return this.chunkOffset;
  }
  passUntil(i: number): void {
    this.pass(this.chunk, this.passStart, i);
    this.passStart = i;
  }
  skipTo(i: number): void {
    this.passStart = i;
  }
  error(code: VeilErrorCode, message: string, i: number, details: VeilErrorDetails = {}): never {
    return this.fail(code, message, i, details);
  }

  protected fail(code: VeilErrorCode, message: string, i: number, details: VeilErrorDetails = {}): never {
    const chunk = this.chunk.length > 0 ? this.chunk : this.tail;
    const at = this.chunk.length > 0 ? Math.min(i, chunk.length) : chunk.length;
    const from = Math.max(0, at - 30);
    throw new VeilError(code, message, {
      position: this.positionAt(this.chunk.length > 0 ? at : 0),
      excerpt: visible(chunk.subarray(from, Math.min(chunk.length, at + 30)), 80),
      table: this.tableName,
      ...details,
    });
  }
}
