/**
 * The batch buffers the main thread and the workers share: each slot is an input, an output and a
 * Row-list SharedArrayBuffer, made once and used again, so no batch moves or copies an ArrayBuffer
 * between threads. (Transferred buffers arrive as new external memory in the receiving isolate, which
 * V8 frees only in full collections: measured, 20 Mark-Compacts on 200 MB against 1 without workers.
 * A Row list posted with each batch was cloned: ~1 MB of garbage per batch on each side.)
 */
export interface Slot {
  id: number;
  input: Buffer;
  output: Buffer;
  /** The batch's Row list (protocol.ts), shared; grown (and announced again) when a batch needs more. */
  rows: Int32Array;
  /** Where each Row sits in the dump (ParallelSink's marks), for errors; this thread's only. */
  marks: Float64Array;
}

export type Announce = (id: number, input: SharedArrayBuffer, output: SharedArrayBuffer, rows: SharedArrayBuffer) => void;

export class Slots {
  private readonly all: Slot[] = [];
  private readonly free: number[] = [];

  /** `announce` tells every worker of a new (or regrown) slot, before the first batch that uses it. */
  constructor(
    private readonly inputBytes: number,
    private readonly outputBytes: number,
    private readonly announce: Announce,
  ) {}

  /** A free slot; a new one when all are in use (as many as batches in flight, which backpressure bounds). */
  take(): Slot {
    const id = this.free.pop();
    if (id !== undefined) return this.all[id];
    const input = new SharedArrayBuffer(this.inputBytes);
    const output = new SharedArrayBuffer(this.outputBytes);
    const rows = new SharedArrayBuffer(1 << 16);
    const slot: Slot = { id: this.all.length, input: Buffer.from(input), output: Buffer.from(output), rows: new Int32Array(rows), marks: new Float64Array(0) };
    this.all.push(slot);
    this.announce(slot.id, input, output, rows);
    return slot;
  }

  /** Make room for `ints` Row-list entries in a slot that no worker is using. */
  fitRows(slot: Slot, ints: number): void {
    if (slot.rows.length >= ints) return;
    let n = slot.rows.length * 2;
    while (n < ints) n *= 2;
    const rows = new SharedArrayBuffer(n * 4);
    slot.rows = new Int32Array(rows);
    this.announce(slot.id, slot.input.buffer as SharedArrayBuffer, slot.output.buffer as SharedArrayBuffer, rows);
  }

  release(slot: Slot): void {
    this.free.push(slot.id);
  }
}
