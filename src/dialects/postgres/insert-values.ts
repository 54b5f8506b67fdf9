import { E_BACKSLASH, E_CLOSED, eStringStop, scanEString } from './e-string.js';
import type { PgScanner } from './scanner.js';
import { L_BODY } from './statement-lexer.js';
import { indexOfByte } from '../../core/index-of.js';

/** Values lexer states: the tuples after VALUES of an INSERT into a table with rules. */
export const V_BETWEEN = 0; // between tuples
const V_FIELD = 1; // at a field's start
const V_BARE = 2; // inside a field, outside quotes
const V_SQ = 3;
const V_SQ_END = 4;
const V_ESQ = 5;
const V_ESQ_BS = 6;
const V_ESQ_END = 7;
const V_DQ = 8;
const V_DQ_END = 9;

function isSpace(c: number): boolean {
  return c === 0x20 || c === 9 || c === 13 || c === 10 || c === 12;
}

/**
 * Each tuple `( ... )` is a Row; each top-level comma-separated expression a Field (its bytes from the
 * first to the last non-space byte). Offsets are in row coordinates (i + rowDelta).
 */
export function lexValues(s: PgScanner, chunk: Buffer, i: number): number {
  const len = chunk.length;
  const row = s.fields;
  let delta = s.isRowOpen ? s.rowDeltaNow : 0;
  while (i < len) {
    const c = chunk[i];
    switch (s.vstate) {
      case V_BETWEEN:
        if (c === 0x28) {
          s.rowBegin(i);
          delta = 0;
          s.vstate = V_FIELD;
          s.vdepth = 0;
          i++;
          continue;
        }
        if (c === 0x2c || c === 0x20 || c === 9 || c === 13) {
          i++;
          continue;
        }
        if (c === 10) {
          s.markNewline(i);
          i++;
          continue;
        }
        if (c === 0x3b) return s.endStatement(i + 1);
        // ON CONFLICT DO NOTHING and the like: an ordinary statement tail
        s.mode = 'stmt';
        s.lex = L_BODY;
        s.parenDepth = 0;
        return i;
      case V_FIELD:
        if (isSpace(c)) {
          if (c === 10) s.markNewline(i);
          i++;
          continue;
        }
        if (c === 0x29 && row.count === 0) {
          endTuple(s, i + 1);
          i++;
          continue;
        }
        s.fieldStart = i + delta;
        s.fieldLastEnd = i + delta;
        s.fieldFirst = c;
        s.fieldLen = 0;
        s.vstate = V_BARE;
        continue;
      case V_BARE:
        if (s.vdepth === 0 && (c === 0x2c || c === 0x29)) {
          row.add(s.fieldStart, s.fieldLastEnd);
          if (c === 0x2c) s.vstate = V_FIELD;
          else {
            endTuple(s, i + 1);
            delta = 0;
          }
          i++;
          continue;
        }
        s.fieldLen++;
        if (c === 0x27) {
          s.vstate = (s.fieldLen === 2 && (s.fieldFirst === 0x45 || s.fieldFirst === 0x65)) || !s.literalCodec.standardStrings ? V_ESQ : V_SQ;
          i++;
          continue;
        }
        if (c === 0x22) s.vstate = V_DQ;
        else if (c === 0x28) s.vdepth++;
        else if (c === 0x29) s.vdepth--;
        if (isSpace(c)) {
          if (c === 10) s.markNewline(i);
        } else s.fieldLastEnd = i + 1 + delta;
        i++;
        continue;
      case V_SQ:
      case V_DQ: {
        const q = indexOfByte(chunk, s.vstate === V_SQ ? 0x27 : 0x22, i);
        if (q < 0) {
          s.lines(chunk, i, len);
          return len;
        }
        s.lines(chunk, i, q);
        s.vstate = s.vstate === V_SQ ? V_SQ_END : V_DQ_END;
        s.fieldLastEnd = q + 1 + delta;
        i = q + 1;
        continue;
      }
      case V_SQ_END:
      case V_DQ_END:
        if (c === (s.vstate === V_SQ_END ? 0x27 : 0x22)) {
          s.vstate = s.vstate === V_SQ_END ? V_SQ : V_DQ;
          i++;
        } else s.vstate = V_BARE;
        continue;
      case V_ESQ:
        i = scanEString(s, chunk, i, len);
        if (eStringStop === E_CLOSED) {
          s.vstate = V_ESQ_END;
          s.fieldLastEnd = i + delta;
        } else if (eStringStop === E_BACKSLASH) s.vstate = V_ESQ_BS;
        continue;
      case V_ESQ_BS:
        if (c === 10) s.markNewline(i);
        s.vstate = V_ESQ;
        i++;
        continue;
      case V_ESQ_END:
        if (c === 0x27) {
          s.vstate = V_ESQ;
          i++;
        } else s.vstate = V_BARE;
        continue;
    }
  }
  return i;
}

function endTuple(s: PgScanner, end: number): void {
  const plan = s.currentPlan!;
  const row = s.rowAssemble(end);
  const want = plan.columns.length;
  if (want > 0 && row.count !== want) {
    s.error('DUMP_INSERT_FIELD_COUNT', `a row of ${plan.key} has ${row.count} values; the table has ${want} columns`, end, {
      row: plan.rows + 1,
      hint: 'the INSERT does not match the table definition; was the dump edited?',
    });
  }
  s.rowEmit('literal');
  s.vstate = V_BETWEEN;
}
