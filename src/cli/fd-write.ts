import { writev } from 'node:fs';
import { Writable } from 'node:stream';

/**
 * Write all of `bufs` to `fd` from libuv's thread pool (fs.writev), going on after short writes;
 * cb once everything is written or at the first error. The main thread masks meanwhile: a write
 * that waits on a full pipe or on the disk blocks a pool thread, not the run (measured in
 * bench/RESULTS.md, session 11).
 */
export function writevAll(fd: number, bufs: Buffer[], cb: (e: NodeJS.ErrnoException | null, rest: Buffer[]) => void): void {
  writev(fd, bufs, (err, n) => {
    if (err) return cb(err, bufs);
    const rest = dropFront(bufs, n);
    if (rest.length === 0) cb(null, rest);
    else writevAll(fd, rest, cb);
  });
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

/** A Writable that takes what has gathered as one list of buffers (for writevAll). */
export abstract class BufferListWriter extends Writable {
  constructor() {
    super({ highWaterMark: 1 << 20 });
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (e?: Error | null) => void): void {
    this.writeList([chunk], cb);
  }

  override _writev(chunks: { chunk: Buffer }[], cb: (e?: Error | null) => void): void {
    this.writeList(
      chunks.map((c) => c.chunk),
      cb,
    );
  }

  /** Write bufs in order; cb when all are written (Writable asks for the next list only then). */
  protected abstract writeList(bufs: Buffer[], cb: (e?: Error | null) => void): void;
}
