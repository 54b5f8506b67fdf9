/**
 * Output buffers for reuse. The Sink takes its gathering buffers from here; the last stage that reads
 * them (the CLI's writer, once a write has ended) gives them back. A fresh 256 KiB buffer per flush
 * costs page faults and external-memory garbage collections: on 1.2 GB mysql typical the CLI ran
 * 3-5 % faster and peaked 15 MB lower with buffers reused (bench/RESULTS.md, session 11).
 *
 * Only buffers this pool made are taken back, and only whole: a view of an input chunk or of another
 * stage's buffer (compressed output) is ignored. A consumer that gives a buffer back must not read it
 * again: the Sink writes into it next.
 */
/** Given-back buffers a pool keeps by default: enough for a single-threaded run's writer. */
export const BUFFER_POOL_KEEP = 8;

export class BufferPool {
  /** Given-back buffers, at most `keep`. */
  private readonly free: Buffer[] = [];
  /** The ArrayBuffers this pool made. */
  private readonly owned = new WeakSet<ArrayBufferLike>();

  constructor(
    readonly size: number,
    private readonly keep = BUFFER_POOL_KEEP,
  ) {}

  /** A buffer of `size` bytes: a given-back one, else a new one. */
  take(): Buffer {
    const b = this.free.pop();
    if (b !== undefined) return b;
    const fresh = Buffer.allocUnsafeSlow(this.size);
    this.owned.add(fresh.buffer);
    return fresh;
  }

  /** Give back a buffer (or a view of one) that was taken here and is not read any more. Others: ignored. */
  give(chunk: Uint8Array): void {
    const ab = chunk.buffer;
    if (!this.owned.has(ab) || this.free.length >= this.keep || this.free.some((b) => b.buffer === ab)) return;
    this.free.push(Buffer.from(ab, 0, this.size));
  }
}
