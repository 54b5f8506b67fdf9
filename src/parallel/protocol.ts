import type { CodecSpec } from '../core/row.js';
import type { ColumnInfo, DialectName, TableRef } from '../model.js';

/**
 * Messages between the main thread and the masking workers (src/parallel).
 *
 * A batch is a copy of output bytes in which some Rows are still unmasked: `buf[0, len)` is the
 * output as it will be written, except that each Row listed in the slot's `rows` is to be rewritten
 * by its plan. `rows` holds, per Row, ROW_HEAD ints then 2 ints per field:
 *   [planId, codecId, rowStart, rowEnd, fieldCount, start0, end0, start1, end1, ...]
 * (offsets into buf). Rows are in output order and do not overlap.
 */
export const ROW_HEAD = 5;

/** What a worker needs at start: the same rules, key and dialect as the main thread. */
export interface WorkerInit {
  /** The rules JSON (RuleSet.source); the worker validates it again. */
  rules: unknown;
  /** The keyring's derived master key (Keyring.exportMaster). */
  master: Uint32Array;
  dialect: DialectName;
  /** faker locales the rules use. */
  locales: string[];
}

/** A TablePlan as plain data: the worker binds each rule (found by its JSON path) to the same column. */
export interface PlanSpec {
  table: TableRef;
  columns: ColumnInfo[];
  ruled: { index: number; name: string; path: string; info: ColumnInfo; maxLength?: number }[];
}

export type ToWorker =
  | { type: 'plan'; id: number; spec: PlanSpec }
  | { type: 'codec'; id: number; spec: CodecSpec }
  /** A shared input, output and Row-list buffer for batches (see slots.ts); again when one grows. */
  | { type: 'slot'; id: number; input: SharedArrayBuffer; output: SharedArrayBuffer; rows: SharedArrayBuffer }
  /** The batch is the slot's input [0, len) and the first rowCount Rows of its Row list; its output goes to the slot's output. */
  | { type: 'batch'; id: number; slot: number; len: number; rowCount: number };

/** A VeilError as plain data (code, message, details), and the index of the Row that raised it. */
export interface WorkerError {
  row: number;
  code?: string;
  message: string;
  details?: Record<string, unknown>;
}

export type FromWorker =
  | {
      type: 'done';
      id: number;
      /** The output: the slot's output [0, outLen), then (when it did not fit) out[i] holding lens[i] bytes. */
      outLen: number;
      out: ArrayBuffer[];
      lens: number[];
      /** Values masked: triples [planId, ruled column position, count]. */
      counts: number[];
      /** Switch cases that matched their first row in this worker: [planId, ruled column position, path]. */
      hits: [number, number, string][];
      /** Switch rows a keep-otherwise left (one per key): [planId, ruled column position, key, value]. */
      unmatched: [number, number, string, string][];
    }
  | { type: 'failed'; id: number; error: WorkerError };
