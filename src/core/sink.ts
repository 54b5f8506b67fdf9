/**
 * Sink: gathers output into large buffers (measured: many small writes run at a third of the speed of
 * 64 KiB+ buffers). Untouched input is pushed as slices; large slices are handed on without copying.
 */
import type { TablePlan } from '../rules/table-plan.js';
import type { FieldCodec, RowFields } from './row.js';
import type { BufferPool } from './buffer-pool.js';
import { bytesView } from './view.js';

/** The Sink's buffer size (and so the size of a BufferPool it takes its buffers from). */
export const SINK_BUFFER_BYTES = 256 * 1024;
const NO_BUFFER = Buffer.alloc(0);
const DIRECT = 32 * 1024;

/** Where a Row sits in the dump, for errors raised after the scanner moved on (worker threads). */
export interface RowSite {
  /** Write the Row's offset, line and column at out[k], out[k + 1], out[k + 2]. */
  markRow(out: Float64Array, k: number): void;
}

export interface SinkOptions {
  /** Bytes per buffer (default SINK_BUFFER_BYTES). */
  size?: number;
  /** The buffer to gather into first (e.g. a shared one); later ones are `size` bytes. */
  initial?: Buffer;
  /** Where buffers come from and go back to, when its buffers are `size` bytes (the CLI's writers). */
  pool?: BufferPool;
}

export class Sink {
  protected buf: Buffer;
  protected len = 0;
  /** Bytes written so far. */
  bytes = 0;

  protected readonly size: number;
  /** Where emitted buffers come from when their consumer gives them back (see BufferPool). */
  private readonly buffers: BufferPool | undefined;

  constructor(protected readonly emit: (chunk: Buffer) => void, options: SinkOptions = {}) {
    const size = options.size ?? SINK_BUFFER_BYTES;
    this.size = size;
    this.buffers = options.pool !== undefined && options.pool.size === size ? options.pool : undefined;
    this.buf = options.initial ?? this.fresh();
  }

  /** Write a ruled Row through its plan (a ParallelSink may hand it to a worker thread instead). */
  writeRow(plan: TablePlan, row: RowFields, codec: FieldCodec, _site: RowSite): void {
    plan.writeRow(row, codec, this);
  }

  /** Append src[start, end). The slice must stay unchanged after the call (input chunks do). */
  push(src: Uint8Array, start: number, end: number): void {
    const n = end - start;
    if (n <= 0) return;
    this.bytes += n;
    if (n >= DIRECT || n > this.size) {
      this.flush();
      this.emit(Buffer.from(src.buffer, src.byteOffset + start, n));
      return;
    }
    if (this.len + n > this.buf.length) this.room();
    const buf = this.buf;
    let len = this.len;
    if (n <= 24) {
      // short slices (separators, small fields): a byte loop beats the native call overhead
      for (let i = start; i < end; i++) buf[len++] = src[i];
    } else {
      buf.set(bytesView(src, start, end), len);
      len += n;
    }
    this.len = len;
  }

  /** Append a string in the dump's encoding. */
  pushString(s: string, encoding: BufferEncoding): void {
    const worst = encoding === 'latin1' || encoding === 'ascii' ? s.length : s.length * 3;
    if (worst >= DIRECT || worst > this.size) {
      const b = Buffer.from(s, encoding);
      this.bytes += b.length;
      this.flush();
      this.emit(b);
      return;
    }
    if (this.len + worst > this.buf.length) this.room();
    const buf = this.buf;
    const start = this.len;
    if (s.length <= 64) {
      // ASCII fast path: most fakes are short ASCII strings
      let len = start;
      let i = 0;
      for (; i < s.length; i++) {
        const c = s.charCodeAt(i);
        if (c >= 0x80) break;
        buf[len++] = c;
      }
      if (i === s.length) {
        this.len = len;
        this.bytes += len - start;
        return;
      }
    }
    const n = buf.write(s, start, encoding);
    this.len = start + n;
    this.bytes += n;
  }

  /**
   * Room for `n` more bytes: returns the buffer to write into at `length`; call commit(newLength)
   * after writing. For codecs that escape and write in one pass. Nothing else may be pushed between.
   */
  reserve(n: number): Buffer {
    if (n > this.size) throw new RangeError('Sink.reserve larger than the buffer');
    if (this.len + n > this.buf.length) this.room();
    return this.buf;
  }

  get length(): number {
    return this.len;
  }

  commit(newLength: number): void {
    this.bytes += newLength - this.len;
    this.len = newLength;
  }

  /** Hand the gathered bytes on; the buffer is given away, so a fresh one is allocated. */
  flush(): void {
    if (this.len === 0) return;
    const out = this.buf.subarray(0, this.len);
    // the buffer is given away; the next one is allocated when something is written (a last flush
    // allocates nothing: a worker's batch Sink makes one buffer per batch, not two)
    this.buf = NO_BUFFER;
    this.len = 0;
    this.emit(out);
  }

  /** Hand on what is gathered and make sure a buffer of `size` bytes is there. */
  protected room(): void {
    this.flush();
    if (this.buf.length < this.size) this.buf = this.fresh();
  }

  private fresh(): Buffer {
    return this.buffers !== undefined ? this.buffers.take() : Buffer.allocUnsafe(this.size);
  }
}
