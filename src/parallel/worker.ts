/**
 * The masking worker thread's entry: builds a BatchMasker from workerData (WorkerInit) and answers
 * each batch with its output (transferred, not copied) or the failed Row's error.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadLocales } from '../seed/faker.js';
import { BatchError, BatchMasker, plainError } from './batch-masker.js';
import type { FromWorker, ToWorker, WorkerInit } from './protocol.js';

const init = workerData as WorkerInit;
const port = parentPort!;
await loadLocales(new Set(init.locales));
const masker = new BatchMasker(init);

port.on('message', (m: ToWorker) => {
  switch (m.type) {
    case 'plan':
      masker.definePlan(m.id, m.spec);
      return;
    case 'codec':
      masker.defineCodec(m.id, m.spec);
      return;
    case 'batch': {
      let reply: FromWorker;
      try {
        const { out, counts, hits, unmatched } = masker.run(Buffer.from(m.buf, 0, m.len), m.len, m.rows, m.rowCount);
        const buffers = out.map((b) => b.buffer as ArrayBuffer);
        reply = { type: 'done', id: m.id, out: buffers, lens: out.map((b) => b.length), counts, hits, unmatched, back: m.buf };
        // the input buffer goes back to be filled again (fewer large allocations on both sides)
        port.postMessage(reply, [...buffers, m.buf]);
      } catch (e) {
        reply = { type: 'failed', id: m.id, error: e instanceof BatchError ? e.error : plainError(e, -1) };
        port.postMessage(reply);
      }
    }
  }
});
