import v8 from 'node:v8';
import vm from 'node:vm';

type GcFn = (options?: { type?: 'minor' | 'major'; execution?: 'sync' | 'async' }) => void;
let gcFn: GcFn | null | undefined;

/**
 * Input chunks are garbage as soon as they are scanned, but V8 collects them only when their
 * (off-heap) bytes add up to tens of MB, and the freed memory is slow to leave the process. A young
 * generation collection every few MB of input (well under a millisecond: the heap is small) keeps the
 * resident size flat. Without access to the collector it does nothing.
 */
export class MemoryGuard {
  private since = 0;
  private readonly gc: GcFn | undefined;

  constructor(private readonly every = 8 << 20) {
    this.gc = collector();
  }

  /** One full collection, e.g. after start-up (modules, grammar, locales) and before the data. */
  settle(): void {
    this.gc?.({ type: 'major', execution: 'sync' });
  }

  /** `n` more input bytes were read. */
  read(n: number): void {
    this.since += n;
    if (this.since >= this.every) {
      this.since = 0;
      this.gc?.({ type: 'minor', execution: 'sync' });
    }
  }
}

/**
 * Compile the PostgreSQL grammar (WebAssembly) with the baseline compiler only: the optimizing tier
 * costs ~40 MB of resident memory for a grammar that parses a few DDL statements per dump.
 * Call before the grammar is loaded.
 */
export function baselineWasm(): void {
  try {
    v8.setFlagsFromString('--liftoff-only');
  } catch {
    /* not fatal */
  }
}

function collector(): GcFn | undefined {
  if (gcFn === undefined) {
    try {
      v8.setFlagsFromString('--expose-gc');
      gcFn = vm.runInNewContext('gc') as GcFn;
    } catch {
      gcFn = null;
    }
  }
  return gcFn ?? undefined;
}
