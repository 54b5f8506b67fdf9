import type { FieldCodec, RowFields } from '../core/row.js';
import { Sink, type RowSite } from '../core/sink.js';
import { VeilError, type VeilErrorCode } from '../errors.js';
import type { TablePlan } from '../rules/table-plan.js';
import { SamplingPlan } from '../scan/sampling-plan.js';
import type { OrderedOutput } from './ordered-output.js';
import { WorkerPool } from './pool.js';
import { Slots } from './slots.js';
import { ROW_HEAD, type FromWorker, type PlanSpec, type WorkerError, type WorkerInit } from './protocol.js';
import { bytesView } from '../core/view.js';
import type { BufferPool } from '../core/buffer-pool.js';

export interface ParallelOptions {
  /** Worker threads. */
  threads: number;
  /** Bytes of ruled Rows masked in this thread before the workers start: small dumps never start them. */
  after: number;
  /** The workers' start data (rules, key), asked for when they start. */
  init(): WorkerInit;
  /** Where the output's buffers come from and go back to (the CLI's writer; see BufferPool). */
  pool?: BufferPool;
}

const MARK = 4; // per Row: offset, line, column, row number in its table
/**
 * Output buffer, and so batch, size. Each message to or from a worker costs ~0.3-0.8 ms on a busy
 * heap (measured, whatever its size), so batches are large; 1, 2 and 4 MiB measured within noise of
 * each other on 200 MB dumps, and memory grows with it (3 batches in flight per worker, in and out).
 */
export const BATCH_BYTES = 2 << 20;
/** A slot's output buffer: room for fakes longer than their originals (the rest is transferred). */
const OUTPUT_BYTES = 2 * BATCH_BYTES;

/**
 * A Sink whose ruled Rows are masked by worker threads. Rows are copied unmasked into the output
 * buffer and listed (offsets of their fields, plan, codec); a full buffer goes to a worker as a
 * batch, and its place in the output is a slot of the OrderedOutput, filled when the worker answers.
 * Everything else (untouched bytes, Rows masked here) is written as by a plain Sink.
 *
 * Rows stay in this thread while sampling (scan/check), for plans a worker cannot rebuild, for Rows
 * larger than half the buffer, and until `after` bytes of ruled Rows were seen.
 */
export class ParallelSink extends Sink {
  private workers: WorkerPool | undefined;
  private rows = new Int32Array(1 << 14);
  private rowsLen = 0;
  private rowCount = 0;
  private marks = new Float64Array(MARK * 1024);
  private inThread = 0;
  private readonly eligible = new Map<TablePlan, boolean>();
  private readonly planIds = new Map<TablePlan, number>();
  private readonly plans: TablePlan[] = [];
  private readonly codecIds = new Map<string, number>();
  private lastPlan: TablePlan | undefined;
  private lastPlanId = -1;
  private lastCodec: FieldCodec | undefined;
  private lastCodecKey = '';
  private lastCodecId = -1;
  /** The shared input and output buffers of batches in flight (made when the workers start). */
  private slots: Slots | undefined;

  constructor(private readonly out: OrderedOutput, private readonly opts: ParallelOptions) {
    super((b) => out.push(b), { size: BATCH_BYTES });
    this.buf = Buffer.allocUnsafeSlow(this.size);
  }

  /** Whether worker threads were started. */
  get started(): boolean {
    return this.workers !== undefined;
  }

  override writeRow(plan: TablePlan, row: RowFields, codec: FieldCodec, site: RowSite): void {
    const n = row.rowEnd - row.rowStart;
    if (n > this.size >> 1 || codec.spec === undefined || !this.canDefer(plan)) {
      plan.writeRow(row, codec, this);
      return;
    }
    if (this.workers === undefined) {
      if (this.inThread < this.opts.after) {
        this.inThread += n;
        plan.writeRow(row, codec, this);
        return;
      }
      const workers = new WorkerPool(this.opts.threads, this.opts.init());
      this.workers = workers;
      this.slots = new Slots(this.size, OUTPUT_BYTES, (id, input, output, rows) => workers.broadcast({ type: 'slot', id, input, output, rows }));
    }
    const planId = plan === this.lastPlan ? this.lastPlanId : this.planId(plan);
    const codecId = this.codecId(codec);
    if (this.len + n > this.buf.length) this.room();
    const need = ROW_HEAD + 2 * row.count;
    if (this.rowsLen + need > this.rows.length) this.rows = grow(this.rows, this.rowsLen + need);
    if (MARK * (this.rowCount + 1) > this.marks.length) this.marks = grow(this.marks, MARK * (this.rowCount + 1));
    const base = this.len;
    const delta = base - row.rowStart;
    // (no subarray: a Buffer object per Row was a third of this function's cost, and garbage)
    this.buf.set(bytesView(row.buf, row.rowStart, row.rowEnd), base);
    this.len = base + n;
    this.bytes += n;
    const r = this.rows;
    let k = this.rowsLen;
    r[k] = planId;
    r[k + 1] = codecId;
    r[k + 2] = base;
    r[k + 3] = base + n;
    r[k + 4] = row.count;
    k += ROW_HEAD;
    for (let f = 0; f < row.count; f++, k += 2) {
      r[k] = row.starts[f] + delta;
      r[k + 1] = row.ends[f] + delta;
    }
    this.rowsLen = k;
    const m = MARK * this.rowCount++;
    site.markRow(this.marks, m);
    this.marks[m + 3] = ++plan.rows;
  }

  /** A worker can mask this plan's Rows now (it can rebuild the plan, and no sampling is going on). */
  private canDefer(plan: TablePlan): boolean {
    let ok = this.eligible.get(plan);
    if (ok === undefined) {
      ok = !plan.truncate && plan.ruled.length > 0 && plan.ruled.every((c) => c.info !== undefined);
      this.eligible.set(plan, ok);
    }
    return ok && !(plan instanceof SamplingPlan && plan.sampling);
  }

  private planId(plan: TablePlan): number {
    let id = this.planIds.get(plan);
    if (id === undefined) {
      id = this.plans.length;
      this.plans.push(plan);
      this.planIds.set(plan, id);
      const spec: PlanSpec = {
        table: plan.table,
        columns: plan.columns,
        ruled: plan.ruled.map((c) => ({ index: c.index, name: c.name, path: c.bound.rule.path, info: c.info!, maxLength: c.maxLength })),
      };
      this.workers!.broadcast({ type: 'plan', id, spec });
    }
    this.lastPlan = plan;
    this.lastPlanId = id;
    return id;
  }

  private codecId(codec: FieldCodec): number {
    const key = codec.specKey!();
    if (codec === this.lastCodec && key === this.lastCodecKey) return this.lastCodecId;
    const spec = codec.spec!();
    const full = `${spec.kind}\u0000${key}`;
    let id = this.codecIds.get(full);
    if (id === undefined) {
      id = this.codecIds.size;
      this.codecIds.set(full, id);
      this.workers!.broadcast({ type: 'codec', id, spec });
    }
    this.lastCodec = codec;
    this.lastCodecKey = key;
    this.lastCodecId = id;
    return id;
  }

  /**
   * Hand the gathered bytes on: as they are (copied out, so this buffer is filled again), or, when they
   * hold deferred Rows, as a batch: copied into a shared slot with their Row list (no buffer moves
   * between threads, see slots.ts).
   */
  override flush(): void {
    if (this.len === 0) return;
    if (this.rowCount === 0) {
      for (const b of this.copyOut(this.buf, this.len)) this.out.push(b);
      this.len = 0;
      return;
    }
    const len = this.len;
    const slots = this.slots!;
    const slot = slots.take();
    slot.input.set(bytesView(this.buf, 0, len), 0);
    slots.fitRows(slot, this.rowsLen);
    slot.rows.set(this.rows.subarray(0, this.rowsLen));
    const rowCount = this.rowCount;
    if (slot.marks.length < MARK * rowCount) slot.marks = new Float64Array(this.marks.length);
    slot.marks.set(this.marks.subarray(0, MARK * rowCount));
    this.len = 0;
    this.rowsLen = 0;
    this.rowCount = 0;
    const out = this.out.slot();
    this.workers!.submit(
      (id) => ({ type: 'batch', id, slot: slot.id, len, rowCount }),
      (r) => {
        if (r instanceof Error) {
          // (a dead worker may still hold the slot: it is not used again)
          this.out.fail(out, r);
          return;
        }
        if (r.type === 'failed') this.out.fail(out, this.errorOf(r.error, slot.rows, slot.marks));
        else {
          this.count(r);
          const bufs = this.copyOut(slot.output, r.outLen);
          for (let i = 0; i < r.out.length; i++) bufs.push(Buffer.from(r.out[i], 0, r.lens[i]));
          for (const b of bufs) this.bytes += b.length;
          this.bytes -= len;
          this.out.complete(out, bufs);
        }
        slots.release(slot);
      },
    );
  }

  /**
   * src[0, len) copied into buffers of this thread's own: the pool's when there is one (the writer
   * gives them back, so a run allocates a few), else one young buffer.
   */
  private copyOut(src: Buffer, len: number): Buffer[] {
    const pool = this.opts.pool;
    if (pool === undefined) return [Buffer.from(bytesView(src, 0, len))];
    const bufs: Buffer[] = [];
    for (let at = 0; at < len; at += pool.size) {
      const n = Math.min(pool.size, len - at);
      const b = pool.take();
      b.set(bytesView(src, at, at + n), 0);
      bufs.push(n === b.length ? b : b.subarray(0, n));
    }
    return bufs;
  }

  private count(r: Extract<FromWorker, { type: 'done' }>): void {
    const c = r.counts;
    for (let i = 0; i < c.length; i += 3) this.plans[c[i]].ruled[c[i + 1]].masked += c[i + 2];
    for (const [plan, column, path] of r.hits) this.plans[plan].ruled[column].bound.choices?.hit.add(path);
    for (const [plan, column, key, value] of r.unmatched) {
      const seen = this.plans[plan].ruled[column].bound.choices?.unmatched;
      if (seen && !seen.has(key)) seen.set(key, value);
    }
  }

  /** The worker's error, placed where the Row sits in the dump (as emitRow places in-thread errors). */
  private errorOf(e: WorkerError, rows: Int32Array, marks: Float64Array): Error {
    if (e.code === undefined || e.row < 0) return new Error(`internal: a masking worker failed: ${e.message}`);
    let k = 0;
    for (let r = 0; r < e.row; r++) k += ROW_HEAD + 2 * rows[k + 4];
    const plan = this.plans[rows[k]];
    const m = MARK * e.row;
    const details = e.details ?? {};
    if (details.position !== undefined) return new VeilError(e.code as VeilErrorCode, e.message, { table: plan.key, ...details });
    return new VeilError(e.code as VeilErrorCode, e.message, {
      table: plan.key,
      ...details,
      position: { offset: marks[m], line: marks[m + 1], column: marks[m + 2] },
      row: marks[m + 3],
    });
  }

  async close(): Promise<void> {
    await this.workers?.close();
  }
}

function grow<T extends Int32Array | Float64Array>(a: T, min: number): T {
  let n = a.length * 2;
  while (n < min) n *= 2;
  const b = new (a.constructor as new (n: number) => T)(n);
  b.set(a);
  return b;
}
