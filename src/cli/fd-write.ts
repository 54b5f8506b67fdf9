import { writev } from 'node:fs';

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
