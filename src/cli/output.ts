import { closeSync, fchmodSync, fchownSync, lstatSync, openSync, readlinkSync, realpathSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { VeilError } from '../errors.js';
import { BufferListWriter, writevAll } from './fd-write.js';

/**
 * Output to a file written as a temporary file beside it and renamed only on success, so a failed or
 * interrupted run never leaves a half-masked file at OUT. A symbolic link is followed: the file it
 * points to is replaced, the link stays. OUT that exists and is not a regular file (/dev/null, a FIFO,
 * /dev/stdout) is written in place: renaming over it would replace the device with a plain file.
 */
export class AtomicFile extends BufferListWriter {
  /** The temporary file, or undefined when OUT is written in place. */
  readonly tempPath: string | undefined;
  private readonly target: string;
  private fd: number;
  private done = false;

  /**
   * `option` names the flag that gave the path, for the hint of an error (-o, --report); `mode` is
   * that of a new file (before the umask): 0600 for the dump, which may still hold uncovered data.
   */
  constructor(
    readonly path: string,
    readonly option = '-o',
    mode = 0o600,
  ) {
    super();
    const fail = (why: string): VeilError => new VeilError('IO_WRITE', `cannot write ${path}: ${why}`, { hint: `check the ${option} path` });
    let kind: ReturnType<typeof fileKind>;
    try {
      kind = fileKind(path);
    } catch (e) {
      throw fail((e as Error).message);
    }
    if (kind === 'directory') throw fail(`it is a directory; ${option} takes a file name`);
    if (path.endsWith('/')) throw fail(`it ends in / and so names a directory; ${option} takes a file name`);
    if (kind === 'special') {
      this.target = path;
      this.tempPath = undefined;
      try {
        this.fd = openSync(path, 'w');
      } catch (e) {
        throw fail((e as Error).message);
      }
      return;
    }
    try {
      this.target = kind === 'file' ? realpathSync(path) : danglingTarget(path);
    } catch (e) {
      throw fail((e as Error).message);
    }
    const where = dirname(this.target);
    this.tempPath = join(where, `.${basename(this.target)}.veil-tmp-${process.pid}`);
    try {
      this.fd = openSync(this.tempPath, 'w', mode);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw fail(
        code === 'ENOENT'
          ? `the directory ${where} does not exist`
          : code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
            ? `the directory ${where} is not writable (${code}): the output is written to a temporary file there and renamed over ${basename(path)} at the end`
            : code === 'ENOTDIR'
              ? `${where} is not a directory`
              : (e as Error).message,
      );
    }
    liveTemps.add(this.tempPath);
    if (kind === 'file') keepOwnership(this.fd, this.target);
  }

  /** A write of the dump in flight in the thread pool (one at a time: Writable waits for cb). */
  private writing = false;
  /** abandon() came while a write was in flight: the write's end closes and removes the file. */
  private closeWhenIdle = false;

  /** The dump's bytes are written from the thread pool, so the disk never stalls the masking (fd-write.ts). */
  protected writeList(bufs: Buffer[], cb: (e?: Error | null) => void): void {
    if (this.done) return cb(new VeilError('IO_WRITE', `cannot write ${this.path}: the output was already closed`, {}));
    this.writing = true;
    writevAll(
      this.fd,
      bufs,
      (err) => {
        this.writing = false;
        if (this.closeWhenIdle) this.release();
        cb(err);
      },
      this.tempPath === undefined, // written in place: /dev/null, a FIFO, /dev/stdout (see the constructor)
    );
  }

  private writeAllSync(chunk: Buffer): void {
    let off = 0;
    while (off < chunk.length) off += writeSync(this.fd, chunk, off, chunk.length - off);
  }

  /** Write a small file (a report) at once and commit it; on failure nothing is left and the error is IO_WRITE. */
  writeAndCommit(text: string): void {
    try {
      this.writeAllSync(Buffer.from(text, 'utf8'));
    } catch (e) {
      this.abandon();
      throw new VeilError('IO_WRITE', `cannot write ${this.path}: ${(e as Error).message}`, { hint: `check the ${this.option} path` });
    }
    this.commit();
  }

  /** Close and move into place; on failure the temporary file is removed and the error is IO_WRITE. */
  commit(): void {
    if (this.done) return;
    try {
      closeSync(this.fd);
      this.fd = -1; // (closed: abandon() does not close it again)
      if (this.tempPath !== undefined) renameSync(this.tempPath, this.target);
    } catch (e) {
      this.abandon();
      throw new VeilError('IO_WRITE', `cannot write ${this.path}: ${(e as Error).message}`, { hint: `check the ${this.option} path` });
    }
    this.done = true;
    if (this.tempPath !== undefined) liveTemps.delete(this.tempPath);
  }

  /** Close and remove the temporary file (once a write in flight has ended: its fd must not be reused under it). */
  abandon(): void {
    if (this.done) return;
    this.done = true;
    if (this.writing) this.closeWhenIdle = true;
    else this.release();
  }

  private release(): void {
    this.closeWhenIdle = false;
    try {
      if (this.fd >= 0) closeSync(this.fd);
    } catch {
      /* already closed */
    }
    this.fd = -1;
    if (this.tempPath === undefined) return;
    rmSync(this.tempPath, { force: true });
    liveTemps.delete(this.tempPath);
  }
}

/** What is at `path` now: nothing, a regular file or a directory (through links), or something else. */
function fileKind(path: string): 'none' | 'file' | 'directory' | 'special' {
  try {
    const st = statSync(path);
    return st.isFile() ? 'file' : st.isDirectory() ? 'directory' : 'special';
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 'none';
    throw e;
  }
}

/**
 * The path a new OUT is created at: OUT itself, or, when OUT is a symbolic link to a file that does
 * not exist yet, the end of the link chain (as `> OUT` in a shell), so the link is kept.
 */
function danglingTarget(path: string): string {
  let p = path;
  for (let hops = 0; hops < 40; hops++) {
    let st;
    try {
      st = lstatSync(p);
    } catch {
      return p; // nothing here: create it
    }
    if (!st.isSymbolicLink()) return p;
    p = resolve(dirname(p), readlinkSync(p));
  }
  throw Object.assign(new Error(`too many levels of symbolic links at ${path}`), { code: 'ELOOP' });
}

/** The replacement of an existing file keeps its mode, and its owner and group where allowed (as root). */
function keepOwnership(fd: number, target: string): void {
  try {
    const st = statSync(target);
    fchmodSync(fd, st.mode & 0o7777);
    if (st.uid !== process.getuid?.() || st.gid !== process.getgid?.()) fchownSync(fd, st.uid, st.gid);
  } catch {
    /* not allowed (another user's file): the new file is ours */
  }
}

/** Temporary files not yet committed: removed on a signal. */
export const liveTemps = new Set<string>();

export function removeLiveTemps(): void {
  for (const p of liveTemps) rmSync(p, { force: true });
  liveTemps.clear();
}

/** Whether two paths name the same regular file, or the same path when one does not exist yet. */
function sameFile(a: string, b: string): boolean {
  try {
    const x = statSync(a);
    const y = statSync(b);
    return x.isFile() && x.dev === y.dev && x.ino === y.ino;
  } catch {
    return resolve(a) === resolve(b);
  }
}

type Named = [option: string, path: string | undefined];

/**
 * Refuse (usage error) an output that is one of the run's inputs or another output: --report over
 * the dump, scan's rules over the dump, -o over the rules file. (mask's -o may be its -i: the dump
 * is read to its end before the masked one is renamed over it.)
 */
export function refuseOverwrite(outputs: Named[], inputs: Named[]): void {
  for (let i = 0; i < outputs.length; i++) {
    const [flag, path] = outputs[i];
    if (path === undefined) continue;
    for (const [other, otherPath] of [...outputs.slice(i + 1), ...inputs]) {
      if (otherPath !== undefined && sameFile(path, otherPath)) {
        throw new VeilError('CLI_USAGE', `${flag} ${path} is also ${other}: it would be overwritten`, { hint: `give ${flag} another path` });
      }
    }
  }
}
