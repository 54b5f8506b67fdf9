import { Transform, type TransformCallback } from 'node:stream';
import { Masker, type MaskOptions, type MaskSummary } from './mask.js';

/** A Node Transform over the Masker: bytes of a dump in, masked bytes out. */
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
    this.ready ??= Masker.prepare(this.options.rules);
    this.ready.then(
      () => {
        try {
          this.masker.feed(chunk);
          cb();
        } catch (e) {
          cb(e as Error);
        }
      },
      (e) => cb(e as Error),
    );
  }

  override _flush(cb: TransformCallback): void {
    this.ready ??= Masker.prepare(this.options.rules);
    this.ready.then(
      () => {
        try {
          this.summary = this.masker.end();
          cb();
        } catch (e) {
          cb(e as Error);
        }
      },
      (e) => cb(e as Error),
    );
  }
}

export function createMaskStream(options: MaskOptions): MaskStream {
  return new MaskStream(options);
}
