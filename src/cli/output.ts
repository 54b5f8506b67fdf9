import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Writable } from 'node:stream';

/**
 * Output to a file written as a temporary file beside it and renamed only on success, so a failed or
 * interrupted run never leaves a half-masked file at OUT.
 */
export class AtomicFile extends Writable {
  readonly tempPath: string;
  private fd: number;
  private done = false;

  constructor(readonly path: string) {
    super({ highWaterMark: 1 << 20 });
    this.tempPath = join(dirname(path), `.${basename(path)}.veil-tmp-${process.pid}`);
    this.fd = openSync(this.tempPath, 'w', 0o600);
    liveTemps.add(this.tempPath);
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (e?: Error | null) => void): void {
    try {
      let off = 0;
      while (off < chunk.length) off += writeSync(this.fd, chunk, off, chunk.length - off);
      cb();
    } catch (e) {
      cb(e as Error);
    }
  }

  override _writev(chunks: { chunk: Buffer }[], cb: (e?: Error | null) => void): void {
    try {
      for (const { chunk } of chunks) {
        let off = 0;
        while (off < chunk.length) off += writeSync(this.fd, chunk, off, chunk.length - off);
      }
      cb();
    } catch (e) {
      cb(e as Error);
    }
  }

  /** Close and move into place. */
  commit(): void {
    if (this.done) return;
    this.done = true;
    closeSync(this.fd);
    renameSync(this.tempPath, this.path);
    liveTemps.delete(this.tempPath);
  }

  /** Close and remove the temporary file. */
  abandon(): void {
    if (this.done) return;
    this.done = true;
    try {
      closeSync(this.fd);
    } catch {
      /* already closed */
    }
    rmSync(this.tempPath, { force: true });
    liveTemps.delete(this.tempPath);
  }
}

/** Temporary files not yet committed: removed on a signal. */
export const liveTemps = new Set<string>();

export function removeLiveTemps(): void {
  for (const p of liveTemps) rmSync(p, { force: true });
  liveTemps.clear();
}
