import type { Sink } from '../core/sink.js';
import type { Diagnostic } from '../diagnostics.js';
import type { Position } from '../errors.js';
import type { DialectName } from '../model.js';
import type { Planner } from '../rules/plan.js';

/** What a scanner needs from the run. */
export interface ScanEnv {
  sink: Sink;
  planner: Planner;
  /** Largest Row (and statement head) held in memory, in bytes; beyond it: DUMP_FIELD_TOO_LARGE. */
  fieldCap: number;
  diagnostics: Diagnostic[];
  /** MySQL: the database of unqualified table names until the dump's first USE (`--database`). */
  database?: string;
  /** MySQL: the dump's character set until a SET NAMES in it says otherwise (`--charset`). */
  charset?: string;
}

/** A pure, chunk-fed state machine: no streams, files or process access. */
export interface Scanner {
  feed(chunk: Buffer): void;
  end(): void;
  /** Where the scanner is now (for progress and errors). */
  position(): Position;
  /** The table whose data is being read, if any. */
  currentTable(): string | undefined;
}

export interface Dialect {
  name: DialectName;
  /** Async set-up before the first chunk (e.g. loading a grammar). */
  prepare(): Promise<void>;
  createScanner(env: ScanEnv): Scanner;
}
