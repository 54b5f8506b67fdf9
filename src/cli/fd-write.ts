import { writev } from 'node:fs';
import { Writable } from 'node:stream';
import type { BufferPool } from '../core/buffer-pool.js';

/**
 * Write all of `bufs` to `fd` from libuv's thread pool (fs.writev), going on after short writes;
 * cb once everything is written or at the first error. The main thread masks meanwhile: a write
 * that waits on a full pipe or on the disk blocks a pool thread, not the run (measured in
 * bench/RESULTS.md, session 11).
 */
export function writevAll(fd: number, bufs: Buffer[], cb: (e: NodeJS.ErrnoException | null, rest: Buffer[]) => void, toPipe = false): void {
  if (toPipe) pipeWrites++;
  writev(fd, bufs, (err, n) => {
    if (toPipe) pipeWrites--;
    if (err) return cb(err, bufs);
    const rest = dropFront(bufs, n);
    if (rest.length === 0) cb(null, rest);
    else writevAll(fd, rest, cb, toPipe);
  });
}

let pipeWrites = 0;

/**
 * Whether a pool write to a pipe (or another file that is not a regular one) is under way. It may
 * wait for a reader that does not read, and process.exit() would wait for it in turn (libuv joins its
 * threads at exit): see onStopSignals (run.ts). A write to a regular file always ends.
 */
export function pipeWritesInFlight(): boolean {
  return pipeWrites > 0;
}

/** bufs without their first n bytes (the buffers are not copied). */
export function dropFront(bufs: Buffer[], n: number): Buffer[] {
  let i = 0;
  while (i < bufs.length && n >= bufs[i].length) n -= bufs[i++].length;
  if (i === bufs.length) return [];
  const rest = bufs.slice(i);
  if (n > 0) rest[0] = rest[0].subarray(n);
  return rest;
}

/**
 * A Writable that takes what has gathered as one list of buffers (for writevAll), and gives the
 * buffers it wrote back to a BufferPool when it has one (recycleInto).
 */
export abstract class BufferListWriter extends Writable {
  private pool: BufferPool | undefined;

  constructor() {
    super({ highWaterMark: 1 << 20 });
  }

  /** Give written buffers back to `pool` (the masker's output pool; others' buffers are ignored there). */
  recycleInto(pool: BufferPool): this {
    this.pool = pool;
    return this;
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (e?: Error | null) => void): void {
    this.writeList([chunk], this.then([chunk], cb));
  }

  override _writev(chunks: { chunk: Buffer }[], cb: (e?: Error | null) => void): void {
    const bufs = chunks.map((c) => c.chunk);
    this.writeList(bufs, this.then(bufs, cb));
  }

  private then(bufs: Buffer[], cb: (e?: Error | null) => void): (e?: Error | null) => void {
    const pool = this.pool;
    if (pool === undefined) return cb;
    return (e) => {
      // written: nothing reads them any more (after an error the run stops, and they are left alone)
      if (!e) for (const b of bufs) pool.give(b);
      cb(e);
    };
  }

  /** Write bufs in order; cb when all are written (Writable asks for the next list only then). */
  protected abstract writeList(bufs: Buffer[], cb: (e?: Error | null) => void): void;
}
