import type { ColumnInfo } from '../model.js';
import type { Sink } from './sink.js';

/**
 * A Row as the scanner hands it to a plan: offsets into one buffer, no per-field objects.
 * Fields are [starts[i], ends[i]) of `buf`; the row itself is [rowStart, rowEnd).
 */
export class RowFields {
  buf: Buffer = Buffer.alloc(0);
  rowStart = 0;
  rowEnd = 0;
  count = 0;
  starts = new Int32Array(64);
  ends = new Int32Array(64);

  reset(): void {
    this.count = 0;
  }

  add(start: number, end: number): void {
    if (this.count === this.starts.length) {
      const s = new Int32Array(this.count * 2);
      s.set(this.starts);
      this.starts = s;
      const e = new Int32Array(this.count * 2);
      e.set(this.ends);
      this.ends = e;
    }
    this.starts[this.count] = start;
    this.ends[this.count] = end;
    this.count++;
  }

  /** Move all offsets by `delta` (when a row's bytes are copied into a carry buffer). */
  shift(delta: number): void {
    for (let i = 0; i < this.count; i++) {
      this.starts[i] += delta;
      this.ends[i] += delta;
    }
  }
}

/** Decodes and encodes one Field in a dialect's syntax. ValueFns never see escaping. */
export interface FieldCodec {
  /** The field's value; null for SQL NULL; undefined if the field is an expression no rule can read. */
  decode(buf: Buffer, start: number, end: number): string | null | undefined;
  /** The output text for `value` replacing the field buf[start, end) (kept in the same literal style). */
  encode(value: string | null, buf: Buffer, start: number, end: number): string;
  /** The dump's character encoding for decoded strings. */
  readonly encoding: BufferEncoding;
  /**
   * After decode(): where the value's exact UTF-8 bytes sit in the buffer when decoding changed
   * nothing (no escapes, UTF-8 dump), so keyed bits are hashed in place; rawStart -1 otherwise.
   */
  rawStart?: number;
  rawEnd?: number;
  /**
   * For the byte path: what the field holds, without decoding it. PEEK_RAW sets rawStart/rawEnd to
   * the value's exact UTF-8 bytes, in rawBuf when set (e.g. unescaped into a codec's scratch buffer,
   * valid until the codec's next peek or decode) or else in buf; PEEK_DECODE means decode() is needed
   * (escapes it does not unescape, another encoding, an expression). `column`: the field's index in
   * the bound Row, when the caller knows it (saves the codec looking it up).
   */
  peek?(buf: Buffer, start: number, end: number, column?: number): Peek;
  rawBuf?: Buffer;
  /**
   * Write the literal for the value whose UTF-8 is src[s, e), replacing the field buf[start, end), in
   * the same style decode() read it; false (nothing written) where encode() must be used.
   */
  writeBytes?(src: Uint8Array, s: number, e: number, sink: Sink, buf: Buffer, start: number, end: number): boolean;
  /** Optional fused encode-and-write (escaping straight into the sink's buffer). */
  write?(value: string | null, sink: Sink, buf: Buffer, start: number, end: number): void;
  /** Per-row context some codecs need (MySQL: which columns are binary), before decode/peek. */
  bind?(row: RowFields, columns: ColumnInfo[], ruled: number[]): void;
  /**
   * For worker threads (src/parallel): the codec's state as plain data, and a cheap key that changes
   * whenever that state does (a SET client_encoding, SET NAMES).
   */
  spec?(): CodecSpec;
  specKey?(): string;
}

/** A codec's kind and state, enough to rebuild it in a worker thread (src/parallel/codecs.ts). */
export interface CodecSpec {
  kind: 'pg-copy' | 'pg-literal' | 'mysql';
  encoding: BufferEncoding;
  /** pg-literal: standard_conforming_strings. */
  standardStrings?: boolean;
  /** mysql: the dump's charset (character_set_client). */
  charset?: string;
}

export const PEEK_NULL = 0;
export const PEEK_EMPTY = 1;
export const PEEK_RAW = 2;
export const PEEK_DECODE = 3;
export type Peek = typeof PEEK_NULL | typeof PEEK_EMPTY | typeof PEEK_RAW | typeof PEEK_DECODE;
