import { VeilError } from '../errors.js';
import { tableKey, type ColumnInfo, type TableRef } from '../model.js';
import { PEEK_EMPTY, PEEK_NULL, PEEK_RAW, type FieldCodec, type RowFields } from '../core/row.js';
import type { Sink } from '../core/sink.js';
import { BYTE_SCRATCH, type RowView } from '../transformers/define.js';
import type { BoundRule } from '../transformers/bind.js';
import { fitLength } from '../transformers/text-fit.js';

export interface PlanColumn {
  index: number;
  name: string;
  bound: BoundRule;
  /** The column as the rule was bound to it (worker threads bind the same rule to the same info). */
  info?: ColumnInfo;
  maxLength?: number;
  /** Values this column masked so far. */
  masked: number;
}

const UNSET = Symbol('unset');

/**
 * TablePlan: per table, column index → bound rule. writeRow() copies a Row to the sink, replacing
 * only ruled fields; every other byte is pushed as a slice of the input.
 */
export class TablePlan implements RowView {
  rows = 0;
  readonly byName = new Map<string, number>();
  private readonly ruledByIndex: (PlanColumn | undefined)[];
  private row: RowFields | undefined;
  private codec: FieldCodec | undefined;
  private readonly memo: (string | null)[];
  /** memoRow[i] === rows when memo[i] holds this row's masked value of column i. */
  private readonly memoRow: Float64Array;
  /** busyRow[i] === rows while column i of this row is being computed (template cycles). */
  private readonly busyRow: Float64Array;
  /** sameRow[i] === rows when the rule left column i of this row equal to its original. */
  private readonly sameRow: Float64Array;

  constructor(
    readonly table: TableRef,
    readonly columns: ColumnInfo[],
    readonly ruled: PlanColumn[],
    readonly truncate: boolean,
  ) {
    columns.forEach((c, i) => this.byName.set(c.name, i));
    this.ruledByIndex = [];
    for (const pc of ruled) this.ruledByIndex[pc.index] = pc;
    this.memo = new Array(columns.length).fill(null);
    this.memoRow = new Float64Array(columns.length);
    this.busyRow = new Float64Array(columns.length);
    this.sameRow = new Float64Array(columns.length);
    // The byte path serves columns whose masked value no other rule of the row reads (templates read
    // it through the memo) and whose fake the column's length takes as it is.
    const readMasked = new Set(ruled.flatMap((pc) => pc.bound.readsMasked));
    this.byteCols = new Uint8Array(columns.length);
    for (const pc of ruled) if (pc.bound.applyBytes && !readMasked.has(pc.name)) this.byteCols[pc.index] = 1;
  }

  /** 1 where a column takes the byte path (see writeRow). */
  private readonly byteCols: Uint8Array;
  /** Where byte-path fakes are written before the codec escapes them into the sink. */
  private readonly scratch = new Uint8Array(BYTE_SCRATCH);

  get key(): string {
    return tableKey(this.table);
  }

  /** Write `row` to `sink` with ruled fields replaced. Throws DUMP_VALUE_REJECTED on an unreadable field. */
  writeRow(row: RowFields, codec: FieldCodec, sink: Sink): void {
    this.rows++;
    this.row = row;
    this.codec = codec;
    const buf = row.buf;
    const bytePath = codec.peek !== undefined;
    let pos = row.rowStart;
    for (const pc of this.ruled) {
      if (pc.index >= row.count) continue;
      const s = row.starts[pc.index];
      const e = row.ends[pc.index];
      if (bytePath && this.byteCols[pc.index] === 1) {
        // the byte path: the fake straight from the field's bytes, no strings (same output as below)
        const kind = codec.peek!(buf, s, e, pc.index);
        if (kind === PEEK_NULL) continue;
        if (kind === PEEK_EMPTY && pc.bound.rule.transformer.replacesEmpty !== true) continue;
        if (kind === PEEK_RAW) {
          const n = pc.bound.applyBytes!(codec.rawBuf ?? buf, codec.rawStart!, codec.rawEnd!, this.scratch);
          if (n >= 0) {
            sink.push(buf, pos, s);
            pos = e;
            if (codec.writeBytes!(this.scratch, 0, n, sink, buf, s, e)) {
              pc.masked++;
              continue;
            }
            const out = this.maskedAt(pc) as string | null;
            if (this.sameRow[pc.index] === this.rows) sink.push(buf, s, e);
            else writeValue(out, codec, sink, buf, s, e);
            continue;
          }
        }
      }
      const out = this.maskedAt(pc);
      // NULL stays NULL, and a value the rule left equal (switch → keep) keeps its bytes as they are
      if (out === UNSET || this.sameRow[pc.index] === this.rows) continue;
      sink.push(buf, pos, s);
      writeValue(out, codec, sink, buf, s, e);
      pos = e;
    }
    sink.push(buf, pos, row.rowEnd);
  }

  /** The masked value of a ruled column in the current row; UNSET when the original is NULL. */
  private maskedAt(pc: PlanColumn): string | null | typeof UNSET {
    if (this.memoRow[pc.index] === this.rows) return this.memo[pc.index];
    const row = this.row!;
    const codec = this.codec!;
    const s = row.starts[pc.index];
    const e = row.ends[pc.index];
    const orig = codec.decode(row.buf, s, e);
    if (orig === undefined) {
      throw new VeilError('DUMP_VALUE_REJECTED', `column ${pc.name} of ${this.key} holds an expression, not a literal value`, {
        table: this.key,
        column: pc.name,
        row: this.rows,
        hint: 'veil-stream masks literal values as pg_dump and mysqldump write them',
      });
    }
    if (orig === null) {
      pc.bound.observeNull?.(this);
      return UNSET;
    }
    if (orig === '' && pc.bound.rule.transformer.replacesEmpty !== true) return UNSET;
    if (this.busyRow[pc.index] === this.rows) {
      throw new VeilError('RULES_INVALID', `the rules for ${this.key} read each other's masked values in a cycle (through column ${pc.name})`, {
        path: pc.bound.rule.path,
        table: this.key,
        column: pc.name,
        hint: 'a template may read {{masked.x}} only from columns whose rules do not read it back',
      });
    }
    this.busyRow[pc.index] = this.rows;
    const rs = codec.rawStart ?? -1;
    let out = rs >= 0 ? pc.bound.apply(orig, this, row.buf, rs, codec.rawEnd!) : pc.bound.apply(orig, this);
    this.busyRow[pc.index] = 0;
    if (out !== null && pc.maxLength !== undefined) out = fitLength(out, pc.maxLength);
    if (out === orig) this.sameRow[pc.index] = this.rows;
    else pc.masked++;
    this.memo[pc.index] = out;
    this.memoRow[pc.index] = this.rows;
    return out;
  }

  // RowView, for transformers that read other columns of the row (templates).
  original(column: string): string | null | undefined {
    const i = this.byName.get(column);
    if (i === undefined || !this.row || i >= this.row.count) return undefined;
    return this.codec!.decode(this.row.buf, this.row.starts[i], this.row.ends[i]);
  }

  masked(column: string): string | null | undefined {
    const i = this.byName.get(column);
    if (i === undefined) return undefined;
    const pc = this.ruledByIndex[i];
    if (!pc) return this.original(column);
    const v = this.maskedAt(pc);
    return v === UNSET ? null : v;
  }
}

/** A masked value in place of the field buf[start, end), in the field's literal style. */
function writeValue(value: string | null, codec: FieldCodec, sink: Sink, buf: Buffer, start: number, end: number): void {
  if (codec.write) codec.write(value, sink, buf, start, end);
  else sink.pushString(codec.encode(value, buf, start, end), codec.encoding);
}
