/**
 * OrderedOutput: the masked dump's bytes in input order while some of them are still being masked
 * by worker threads. Ready buffers and pending slots queue in the order they were made; the head is
 * emitted as soon as it is ready. The first failed slot stops all output after it (the bytes before
 * it are emitted, as a single-threaded run would have written them before failing).
 */
export interface Slot {
  bufs: Buffer[] | undefined;
  done: boolean;
  error: unknown;
}

export class OrderedOutput {
  private readonly queue: (Buffer | Slot)[] = [];
  private head = 0;
  /** Slots not completed yet. */
  pending = 0;
  /** Bytes of ready buffers waiting behind a pending slot. */
  queuedBytes = 0;
  /** Bytes emitted so far. */
  emitted = 0;
  /** The first error of a slot that reached the head (nothing after it is emitted). */
  failure: unknown;
  private waiters: (() => void)[] = [];

  constructor(private readonly emit: (chunk: Buffer) => void) {}

  /** A ready buffer, after everything queued so far. */
  push(buf: Buffer): void {
    if (this.failure !== undefined) return;
    if (this.head === this.queue.length) {
      this.emitted += buf.length;
      this.emit(buf);
      return;
    }
    this.queue.push(buf);
    this.queuedBytes += buf.length;
  }

  /** A place for bytes that are not ready yet; complete() or fail() it. */
  slot(): Slot {
    const s: Slot = { bufs: undefined, done: false, error: undefined };
    this.queue.push(s);
    this.pending++;
    return s;
  }

  complete(s: Slot, bufs: Buffer[]): void {
    s.bufs = bufs;
    this.settle(s);
  }

  fail(s: Slot, error: unknown): void {
    s.error = error ?? new Error('a worker thread failed');
    this.settle(s);
  }

  private settle(s: Slot): void {
    if (s.done) return;
    s.done = true;
    this.pending--;
    this.drain();
    this.wake();
  }

  private drain(): void {
    const q = this.queue;
    while (this.head < q.length && this.failure === undefined) {
      const e = q[this.head];
      if (Buffer.isBuffer(e)) {
        this.queuedBytes -= e.length;
        this.emitted += e.length;
        this.emit(e);
      } else {
        if (!e.done) break;
        if (e.error !== undefined) {
          this.failure = e.error;
          break;
        }
        for (const b of e.bufs!) {
          this.emitted += b.length;
          this.emit(b);
        }
      }
      q[this.head++] = EMPTY;
    }
    if (this.failure !== undefined) {
      q.length = 0;
      this.head = 0;
      this.queuedBytes = 0;
    } else if (this.head === q.length) {
      q.length = 0;
      this.head = 0;
    } else if (this.head > 1024) {
      q.splice(0, this.head);
      this.head = 0;
    }
  }

  /** Resolves when `test()` holds, re-checked each time a slot settles. */
  until(test: () => boolean): Promise<void> {
    if (test()) return Promise.resolve();
    return new Promise((resolve) => {
      const check = (): void => {
        if (test()) resolve();
        else this.waiters.push(check);
      };
      this.waiters.push(check);
    });
  }

  /** Every slot settled (or one failed). */
  idle(): Promise<void> {
    return this.until(() => this.pending === 0 || this.failure !== undefined);
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }
}

const EMPTY = Buffer.alloc(0);
