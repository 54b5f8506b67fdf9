import type { MysqlScanner } from './scanner.js';
import { findClose, L_BODY } from './statement-lexer.js';

/** Values lexer states: the tuples after VALUES of an INSERT/REPLACE into a table with rules. */
export const V_BETWEEN = 0; // between tuples
const V_FIELD = 1; // at a field's start
const V_BARE = 2; // inside a field, outside quotes
export const V_STR = 3; // inside '...' or "..."
const V_STR_END = 4; // just after a closing quote

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a || c === 0x0c;
}

/**
 * Each tuple `( ... )` is a Row; each top-level comma-separated expression a Field (its bytes from the
 * first to the last non-space byte). Offsets are in row coordinates (i + rowDelta). mysqldump lays
 * tuples out as `VALUES (..),(..);` on one line, mariadb-dump ≥ 10.11 as `VALUES\n(..),\n(..);`.
 */
export function lexValues(s: MysqlScanner, chunk: Buffer, i: number): number {
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
        if (c === 0x2c || c === 0x20 || c === 0x09 || c === 0x0d) {
          i++;
          continue;
        }
        if (c === 0x0a) {
          s.markNewline(i);
          i++;
          continue;
        }
        if (c === s.delim0) {
          const dl = s.delim.length;
          if (dl === 1) return s.endStatement(i + 1);
          if (i + dl > len && !s.isEof) return s.stopHere(i);
          if (chunk.compare(s.delim, 0, dl, i, Math.min(len, i + dl)) === 0) return s.endStatement(i + dl);
        }
        // ON DUPLICATE KEY UPDATE and the like: an ordinary statement tail
        s.mode = 'stmt';
        s.lex = L_BODY;
        s.parenDepth = 0;
        return i;
      case V_FIELD:
        if (isSpace(c)) {
          if (c === 0x0a) s.markNewline(i);
          i++;
          continue;
        }
        if (c === 0x29 && row.count === 0) {
          s.endTuple(i + 1);
          i++;
          continue;
        }
        s.fieldStart = i + delta;
        s.fieldLastEnd = i + delta;
        s.vstate = V_BARE;
        continue;
      case V_BARE:
        if (s.vdepth === 0 && (c === 0x2c || c === 0x29)) {
          row.add(s.fieldStart, s.fieldLastEnd);
          if (c === 0x2c) s.vstate = V_FIELD;
          else {
            s.endTuple(i + 1);
            delta = 0;
          }
          i++;
          continue;
        }
        if (c === 0x27 || c === 0x22) {
          s.quote = c;
          s.vstate = V_STR;
          i++;
          continue;
        }
        if (c === 0x28) s.vdepth++;
        else if (c === 0x29) s.vdepth--;
        if (isSpace(c)) {
          if (c === 0x0a) s.markNewline(i);
        } else s.fieldLastEnd = i + 1 + delta;
        i++;
        continue;
      case V_STR: {
        if (s.strBackslash) {
          // a backslash ended the previous chunk: this byte is escaped
          s.strBackslash = false;
          if (c === 0x0a) s.markNewline(i);
          i++;
          continue;
        }
        const q = findClose(s, chunk, i, s.quote);
        if (q < 0) {
          s.strBackslash = q === -2;
          return len;
        }
        s.fieldLastEnd = q + 1 + delta;
        s.vstate = V_STR_END;
        i = q + 1;
        continue;
      }
      case V_STR_END:
        if (c === s.quote) {
          s.vstate = V_STR;
          i++;
        } else s.vstate = V_BARE;
        continue;
    }
  }
  return i;
}
