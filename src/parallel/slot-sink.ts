import { Sink } from '../core/sink.js';
import { bytesView } from '../core/view.js';

/** Buffers of the output that did not fit the slot (rare: fakes much longer than their originals). */
const OVERFLOW_CHUNK = 256 * 1024;

/**
 * A worker's batch output, written straight into its slot's shared output buffer (see slots.ts):
 * every byte is copied in, slices of the input too (a plain Sink hands large slices on as views, but
 * the input slot is filled again once the batch is answered). What does not fit goes on in chunks of
 * this thread's own, to be transferred with the answer.
 */
export class SlotSink extends Sink {
  /** Bytes in the slot's buffer, once it is full or the batch is done. */
  slotLength = 0;
  readonly overflow: Buffer[] = [];

  constructor(private readonly target: Buffer) {
    super((chunk) => this.take(chunk), { size: OVERFLOW_CHUNK, initial: target });
  }

  private take(chunk: Buffer): void {
    if (chunk.buffer === this.target.buffer && chunk.byteOffset === this.target.byteOffset && this.overflow.length === 0 && this.slotLength === 0) {
      this.slotLength = chunk.length;
      return;
    }
    // copied into a buffer of its own, to be transferred: a chunk may be a view of the input slot or
    // of Node's shared pool (transferring the pool's ArrayBuffer would detach every pooled Buffer)
    const own = Buffer.allocUnsafeSlow(chunk.length);
    chunk.copy(own);
    this.overflow.push(own);
  }

  /** Still gathering into the slot, with room for n more bytes. */
  private fits(n: number): boolean {
    return this.buf === this.target && this.len + n <= this.buf.length;
  }

  override push(src: Uint8Array, start: number, end: number): void {
    const n = end - start;
    if (n > 24 && this.fits(n)) {
      this.buf.set(bytesView(src, start, end), this.len);
      this.len += n;
      this.bytes += n;
      return;
    }
    super.push(src, start, end);
  }

  override pushString(s: string, encoding: BufferEncoding): void {
    const worst = encoding === 'latin1' || encoding === 'ascii' ? s.length : s.length * 3;
    if (worst > 64 && this.fits(worst)) {
      const n = this.buf.write(s, this.len, encoding);
      this.len += n;
      this.bytes += n;
      return;
    }
    super.pushString(s, encoding);
  }
}
