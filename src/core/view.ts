/**
 * src[start, end) as a plain Uint8Array over the same memory, for `target.set(view, at)`. A Buffer's
 * subarray() builds a FastBuffer (through Buffer's species constructor) and Buffer#copy of a part
 * makes one too: measured twice the cost of this view on the copies of every row.
 */
export function bytesView(src: Uint8Array, start: number, end: number): Uint8Array {
  // `.buffer` is a call into the runtime: asked once per source (rows are copied from one chunk
  // after another), not once per slice. A large source (a row carried over many chunks) is not
  // kept, so the cache never holds more than a chunk's memory after a run.
  if (src !== lastSrc) {
    if (src.length > KEEP_MAX) return new Uint8Array(src.buffer, src.byteOffset + start, end - start);
    lastSrc = src;
    lastBuffer = src.buffer;
    lastOffset = src.byteOffset;
  }
  return new Uint8Array(lastBuffer, lastOffset + start, end - start);
}

const KEEP_MAX = 4 << 20;
let lastSrc: Uint8Array | undefined;
let lastBuffer: ArrayBufferLike = new ArrayBuffer(0);
let lastOffset = 0;
