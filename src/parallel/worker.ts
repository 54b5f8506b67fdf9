/**
 * The masking worker thread's entry: builds a BatchMasker from workerData (WorkerInit) and answers
 * each batch (in a shared slot, see slots.ts) with its output in the slot, or the failed Row's error.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadLocales } from '../seed/faker.js';
import { BatchError, BatchMasker, plainError } from './batch-masker.js';
import type { FromWorker, ToWorker, WorkerInit } from './protocol.js';

const init = workerData as WorkerInit;
const port = parentPort!;
await loadLocales(new Set(init.locales));
const masker = new BatchMasker(init);

const slots = new Map<number, { input: Buffer; output: Buffer; rows: Int32Array }>();

port.on('message', (m: ToWorker) => {
  switch (m.type) {
    case 'plan':
      masker.definePlan(m.id, m.spec);
      return;
    case 'codec':
      masker.defineCodec(m.id, m.spec);
      return;
    case 'slot':
      slots.set(m.id, { input: Buffer.from(m.input), output: Buffer.from(m.output), rows: new Int32Array(m.rows) });
      return;
    case 'batch': {
      let reply: FromWorker;
      try {
        const slot = slots.get(m.slot)!;
        // the output goes into the slot; what does not fit (rare: fakes much longer than their originals) is transferred
        const { outLen, overflow, counts, hits, unmatched } = masker.run(slot.input, m.len, slot.rows, m.rowCount, slot.output);
        const buffers = overflow.map((b) => b.buffer as ArrayBuffer);
        reply = { type: 'done', id: m.id, outLen, out: buffers, lens: overflow.map((b) => b.length), counts, hits, unmatched };
        port.postMessage(reply, buffers);
      } catch (e) {
        reply = { type: 'failed', id: m.id, error: e instanceof BatchError ? e.error : plainError(e, -1) };
        port.postMessage(reply);
      }
    }
  }
});
