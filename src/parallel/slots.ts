/**
 * The batch buffers the main thread and the workers share: each slot is an input and an output
 * SharedArrayBuffer, made once and used again, so no batch moves an ArrayBuffer between threads.
 * (Transferred buffers arrive as new external memory in the receiving isolate, which V8 frees only
 * in full collections: measured, 20 Mark-Compacts on 200 MB against 1 without workers.)
 */
export interface Slot {
  id: number;
  input: Buffer;
  output: Buffer;
}

export class Slots {
  private readonly all: Slot[] = [];
  private readonly free: number[] = [];

  /** `announce` tells every worker of a new slot, before the first batch that uses it. */
  constructor(
    private readonly inputBytes: number,
    private readonly outputBytes: number,
    private readonly announce: (id: number, input: SharedArrayBuffer, output: SharedArrayBuffer) => void,
  ) {}

  /** A free slot; a new one when all are in use (as many as batches in flight, which backpressure bounds). */
  take(): Slot {
    const id = this.free.pop();
    if (id !== undefined) return this.all[id];
    const input = new SharedArrayBuffer(this.inputBytes);
    const output = new SharedArrayBuffer(this.outputBytes);
    const slot: Slot = { id: this.all.length, input: Buffer.from(input), output: Buffer.from(output) };
    this.all.push(slot);
    this.announce(slot.id, input, output);
    return slot;
  }

  release(slot: Slot): void {
    this.free.push(slot.id);
  }
}
