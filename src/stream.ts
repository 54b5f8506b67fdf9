import { Transform, type TransformCallback } from 'node:stream';
import { Masker, type MaskOptions, type MaskSummary } from './mask.js';

/**
 * A Node Transform over the Masker: bytes of a dump in, masked bytes out. With worker threads
 * (options.threads), it waits while too many batches are in flight, and ends when all are written.
 */
export class MaskStream extends Transform {
  private readonly masker: Masker;
  private ready: Promise<void> | undefined;
  summary: MaskSummary | undefined;

  constructor(private readonly options: MaskOptions) {
    super({ highWaterMark: 1 << 20 });
    this.masker = new Masker(options, (b) => this.push(b));
  }

  get core(): Masker {
    return this.masker;
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.prepared(chunk).then(() => {
      this.masker.feed(chunk);
      return this.masker.backpressure();
    }).then(
      () => cb(),
      (e) => this.fail(e, cb),
    );
  }

  override _flush(cb: TransformCallback): void {
    this.prepared().then(() => this.masker.finish()).then(
      (summary) => {
        this.summary = summary;
        cb();
      },
      (e) => this.fail(e, cb),
    );
  }

  override _destroy(error: Error | null, cb: (error?: Error | null) => void): void {
    this.masker.close().then(
      () => cb(error),
      () => cb(error),
    );
  }

  /** Masker.prepare, once, told the first chunk (so a MySQL run skips the PostgreSQL grammar). */
  private prepared(first?: Buffer): Promise<void> {
    this.ready ??= Masker.prepare(this.options.rules, { dialect: this.options.dialect, head: first });
    return this.ready;
  }

  private fail(e: unknown, cb: TransformCallback): void {
    this.masker.failure(e).then(
      (first) => cb(first as Error),
      () => cb(e as Error),
    );
  }
}

export function createMaskStream(options: MaskOptions): MaskStream {
  return new MaskStream(options);
}
