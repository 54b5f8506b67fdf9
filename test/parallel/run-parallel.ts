import { Masker, type MaskOptions, type MaskSummary } from '../../src/mask.js';

/**
 * Run the core with worker threads over `input` cut at `cuts`, as MaskStream does: feed, wait while
 * too many batches are in flight, finish. Workers start at once (parallelAfter 0) unless told.
 * The workers run dist/parallel/worker.js: these tests need `npm run build`, as the CLI tests do.
 */
export async function runParallel(
  input: Buffer,
  options: MaskOptions,
  cuts: number[] = [],
): Promise<{ output: Buffer; summary: MaskSummary; threads: number }> {
  const out: Buffer[] = [];
  // a consumer that reads each buffer at once and, like the CLI's writers, gives it back to the pool
  const m = new Masker({ parallelAfter: 0, threads: 2, ...options }, (b) => {
    out.push(Buffer.from(b));
    options.outputPool?.give(b);
  });
  try {
    let prev = 0;
    for (const c of [...cuts, input.length]) {
      if (c > prev) {
        m.feed(input.subarray(prev, c));
        await m.backpressure();
      }
      prev = Math.max(prev, c);
    }
  } catch (e) {
    throw Object.assign((await m.failure(e)) as Error, { threads: m.threadsStarted });
  }
  try {
    const summary = await m.finish();
    return { output: Buffer.concat(out), summary, threads: m.threadsStarted };
  } catch (e) {
    throw Object.assign(e as Error, { threads: m.threadsStarted });
  }
}
