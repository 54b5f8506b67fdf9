import { samplingDone } from '../../scan/sampling-plan.js';
import type { PgScanner } from './scanner.js';
import { indexOfByte } from '../../core/index-of.js';

/** After `COPY ... FROM stdin;`: the rest of that line, then the data. */
export function copyHeaderRest(s: PgScanner, chunk: Buffer, i: number): number {
  const nl = indexOfByte(chunk, 10, i);
  if (nl < 0) return chunk.length;
  s.markNewline(nl);
  s.mode = s.currentPlan ? 'copy-rows' : 'copy-skip';
  s.inLine = false;
  return nl + 1;
}

/**
 * Is chunk[i, end) the end-of-data line `\.` (optionally `\r`)? Returns 1 if yes, 0 if no, -1 if the
 * bytes so far are a prefix of it and more input is needed.
 */
function markerAt(chunk: Buffer, i: number, end: number, eof: boolean): number {
  const n = end - i;
  if (n === 0) return eof ? 0 : -1;
  if (chunk[i] !== 0x5c) return 0;
  if (n === 1) return eof ? 0 : -1;
  if (chunk[i + 1] !== 0x2e) return 0;
  if (n === 2) return 1;
  if (n === 3 && chunk[i + 2] === 13) return 1;
  return 0;
}

/** COPY data of a table without rules: only find the `\.` line; every byte passes through. */
export function skipCopy(s: PgScanner, chunk: Buffer, i: number): number {
  const len = chunk.length;
  while (i < len) {
    if (!s.inLine) {
      if (chunk[i] === 0x5c) {
        const nl = indexOfByte(chunk, 10, i);
        const m = markerAt(chunk, i, nl < 0 ? len : nl, s.isEof && nl < 0);
        if (m === 1 || (m === -1 && nl < 0 && s.isEof)) {
          if (nl >= 0) s.markNewline(nl);
          s.endCopy();
          return nl < 0 ? len : nl + 1;
        }
        if (m === -1 && nl < 0) return s.stopHere(i);
      }
      s.inLine = true;
    }
    const nl = indexOfByte(chunk, 10, i);
    if (nl < 0) return len;
    s.markNewline(nl);
    s.inLine = false;
    i = nl + 1;
  }
  return len;
}

/** COPY data of a table with rules: each line is a Row, split on tabs, ruled fields rewritten. */
export function copyRows(s: PgScanner, chunk: Buffer, i: number): number {
  const len = chunk.length;
  const plan = s.currentPlan!;
  if (s.isRowOpen) {
    // a line carried over from earlier chunks (i is 0 here)
    const nl = indexOfByte(chunk, 10, i);
    if (nl < 0) return len;
    finishLine(s, nl);
    i = nl + 1;
    if (samplingDone(plan)) return toSkip(s, i);
  }
  while (i < len) {
    const nl = indexOfByte(chunk, 10, i);
    const lineEnd = nl < 0 ? len : nl;
    const m = markerAt(chunk, i, lineEnd, s.isEof && nl < 0);
    if (m === 1) {
      if (nl >= 0) s.markNewline(nl);
      s.endCopy();
      return nl < 0 ? len : nl + 1;
    }
    if (nl < 0) {
      if (m === -1) return s.stopHere(i);
      s.rowBegin(i);
      return len;
    }
    s.rowBegin(i);
    finishLine(s, nl);
    i = nl + 1;
    if (samplingDone(plan)) return toSkip(s, i);
  }
  return len;
}

/** A plan that only sampled the first rows is done: stream the rest of the block through. */
function toSkip(s: PgScanner, i: number): number {
  s.mode = 'copy-skip';
  s.inLine = false;
  return i;
}

/** The current line ends at chunk index nl (its newline). */
function finishLine(s: PgScanner, nl: number): void {
  const plan = s.currentPlan!;
  if (plan.truncate) {
    s.rowAssemble(nl + 1);
    s.rowEmit('copy');
    s.markNewline(nl);
    return;
  }
  const row = s.rowAssemble(nl);
  const buf = row.buf;
  let a = row.rowStart;
  const b = row.rowEnd;
  row.reset();
  if (s.copyColumns > 1) {
    let t = indexOfByte(buf, 9, a);
    while (t >= 0 && t < b) {
      row.add(a, t);
      a = t + 1;
      t = indexOfByte(buf, 9, a);
    }
  }
  row.add(a, b);
  if (row.count !== s.copyColumns) {
    s.error('DUMP_COPY_FIELD_COUNT', `a COPY row of ${plan.key} has ${row.count} fields; its column list has ${s.copyColumns}`, nl, {
      row: plan.rows + 1,
      hint: 'the COPY data does not match its header; was the dump edited or damaged?',
    });
  }
  s.rowEmit('copy');
  s.markNewline(nl);
}
