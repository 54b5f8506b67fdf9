import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FromWorker, ToWorker, WorkerInit } from './protocol.js';

type Reply = Extract<FromWorker, { type: 'done' | 'failed' }>;

interface Member {
  worker: Worker;
  /** Batches sent and not answered. */
  busy: number;
  waiting: Map<number, (r: Reply | Error) => void>;
}

/**
 * Masking worker threads. Definitions (plans, codecs) go to every worker; each batch goes to the
 * least busy one. A worker that dies fails its pending batches (and the run).
 */
export class WorkerPool {
  private readonly members: Member[] = [];
  private nextId = 1;
  private closed = false;

  constructor(threads: number, init: WorkerInit) {
    const url = workerUrl();
    for (let i = 0; i < threads; i++) {
      const worker = new Worker(url, { workerData: init });
      const m: Member = { worker, busy: 0, waiting: new Map() };
      worker.on('message', (r: FromWorker) => {
        const cb = m.waiting.get(r.id);
        if (!cb) return;
        m.waiting.delete(r.id);
        m.busy--;
        cb(r);
      });
      const die = (e: Error): void => {
        const pending = [...m.waiting.values()];
        m.waiting.clear();
        m.busy = 0;
        for (const cb of pending) cb(e);
      };
      worker.on('error', die);
      worker.on('exit', (code) => {
        if (!this.closed) die(new Error(`a masking worker thread exited (code ${code})`));
      });
      this.members.push(m);
    }
  }

  get size(): number {
    return this.members.length;
  }

  /** A definition every worker must know before the batches that use it. */
  broadcast(msg: ToWorker): void {
    for (const m of this.members) m.worker.postMessage(msg);
  }

  /** Send a batch (its bytes are in a shared slot) to the least busy worker. */
  submit(make: (id: number) => ToWorker & { type: 'batch' }, done: (r: Reply | Error) => void): void {
    let best = this.members[0];
    for (const m of this.members) if (m.busy < best.busy) best = m;
    const id = this.nextId++;
    const msg = make(id);
    best.busy++;
    best.waiting.set(id, done);
    best.worker.postMessage(msg);
  }

  /** Stop the workers; batches still pending fail (so nothing waits for them forever). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all(this.members.map((m) => m.worker.terminate()));
    for (const m of this.members) {
      const pending = [...m.waiting.values()];
      m.waiting.clear();
      for (const cb of pending) cb(new Error('the masking worker threads were stopped'));
    }
  }
}

/**
 * The compiled worker entry: beside this module in dist/ (dist/parallel/, or dist/bundle/ when this
 * module runs inside the CLI's bundle); when it runs from src/ (vitest), the build's copy (so tests
 * of worker threads need `npm run build`, as the CLI tests do).
 */
function workerUrl(): URL {
  const here = new URL('./worker.js', import.meta.url);
  if (existsSync(fileURLToPath(here))) return here;
  return new URL('../../dist/parallel/worker.js', import.meta.url);
}
