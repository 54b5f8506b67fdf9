import { fstatSync } from 'node:fs';
import { isatty } from 'node:tty';
import type { Writable } from 'node:stream';
import type { BufferPool } from '../core/buffer-pool.js';
import { BufferListWriter, writevAll } from './fd-write.js';
import { writeStdout } from './run.js';

/**
 * Standard output for the masked dump, when it is a pipe (`veil-stream … | gzip`) or a file
 * (`> safe.sql`): written from libuv's thread pool (see fd-write.ts) instead of through
 * process.stdout.
 *
 * Why: a pipe holds 64 KiB. process.stdout writes it from the event loop, so once the pipe is full the
 * rest of a 256 KiB output buffer waits for the next loop turn, which comes only after the next input
 * chunk is masked, and the reader waits in turn. A file is written synchronously by process.stdout,
 * on the main thread. Measured on 1.2 GB mysql typical (bench/RESULTS.md, session 11).
 *
 * The blocking write needs the inherited, blocking file description. Anything that opens
 * process.stdout makes a piped one non-blocking (libuv); a write then fails with EAGAIN, and from that
 * point on the rest goes through process.stdout, which handles that. Nothing is lost either way.
 */
export class StdoutWriter extends BufferListWriter {
  /** A write met a non-blocking descriptor: the rest goes through process.stdout. */
  private viaStream = false;

  /** `toPipe`: fd is a pipe (a write may wait for its reader), not a regular file. */
  constructor(
    private readonly fd: number,
    private readonly toPipe: boolean,
  ) {
    super();
  }

  protected writeList(bufs: Buffer[], cb: (e?: Error | null) => void): void {
    if (this.viaStream) return writeThroughStdout(bufs, cb);
    writevAll(
      this.fd,
      bufs,
      (err, rest) => {
        if (err?.code === 'EAGAIN') {
          this.viaStream = true;
          return writeThroughStdout(rest, cb);
        }
        cb(err);
      },
      this.toPipe,
    );
  }
}

/** The rest of the run through process.stdout (see StdoutWriter). */
function writeThroughStdout(bufs: Buffer[], cb: (e?: Error | null) => void): void {
  writeStdout(bufs).then(() => cb(), cb);
}

/**
 * Where the masked dump goes without -o: a StdoutWriter for a pipe or a file (giving written buffers
 * back to `pool`), else process.stdout (a terminal, a socket).
 */
export function stdoutSink(pool?: BufferPool): Writable {
  let pipe = false;
  let file = false;
  try {
    const st = fstatSync(1);
    pipe = st.isFIFO();
    file = st.isFile();
  } catch {
    /* no fd 1: process.stdout reports it */
  }
  if (!pipe && !file) return process.stdout;
  const w = new StdoutWriter(1, pipe);
  return pool ? w.recycleInto(pool) : w;
}

/** Whether standard output is a terminal, without opening process.stdout (see StdoutWriter). */
export function stdoutIsTerminal(): boolean {
  return isatty(1);
}
