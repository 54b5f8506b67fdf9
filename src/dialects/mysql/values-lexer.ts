import { L_BODY } from './lexer-states.js';
import { closeQuote, OPEN } from './quote.js';
import type { MysqlScanner } from './scanner.js';

/** Values lexer states: the tuples after VALUES of an INSERT/REPLACE into a table with rules. */
export const V_BETWEEN = 0; // between tuples
const V_FIELD = 1; // at a field's start
const V_BARE = 2; // inside a field, outside quotes
const V_STR = 3; // inside '...' or "..." (quote in s.quote)
const V_STR_BS = 4; // inside a string, and a backslash ended the previous chunk
const V_STR_END = 5; // just after a closing quote

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a || c === 0x0c;
}

/**
 * Each tuple `( ... )` is a Row; each top-level comma-separated expression a Field (its bytes from the
 * first to the last non-space byte). Offsets are in row coordinates (i + rowDelta). mysqldump lays
 * tuples out as `VALUES (..),(..);` on one line, mariadb-dump ≥ 10.11 as `VALUES\n(..),\n(..);`.
 *
 * The state lives in locals while the loop runs and goes back to the scanner whenever control leaves
 * (end of chunk, end of statement, a finished tuple); strings are skipped with native searches.
 */
export function lexValues(s: MysqlScanner, chunk: Buffer, i: number): number {
  const len = chunk.length;
  const row = s.fields;
  let delta = s.isRowOpen ? s.rowDeltaNow : 0;
  let state = s.vstate;
  let depth = s.vdepth;
  let start = s.fieldStart;
  let last = s.fieldLastEnd;
  let q = s.quote;
  while (i < len) {
    switch (state) {
      case V_BETWEEN: {
        const c = chunk[i];
        if (c === 0x28) {
          s.rowBegin(i);
          delta = 0;
          state = V_FIELD;
          depth = 0;
          i++;
          continue;
        }
        if (c === 0x2c || c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d) {
          i++;
          continue;
        }
        s.vstate = V_BETWEEN;
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
      }
      case V_FIELD: {
        const c = chunk[i];
        if (isSpace(c)) {
          i++;
          continue;
        }
        if (c === 0x29 && row.count === 0) {
          s.endTuple(i + 1);
          state = V_BETWEEN;
          i++;
          continue;
        }
        start = i + delta;
        last = i + delta;
        if (c === 0x27 || c === 0x22) {
          // the common field, a whole string: straight to its end and the separator after it
          q = c;
          const r = closeQuote(chunk, i + 1, q);
          if (r < 0) {
            state = r === OPEN ? V_STR : V_STR_BS;
            i = len;
            continue;
          }
          last = r + 1 + delta;
          i = r + 1;
          const n = i < len ? chunk[i] : -1;
          if (n === 0x2c) {
            row.add(start, last);
            i++;
            continue;
          }
          if (n === 0x29) {
            row.add(start, last);
            i++;
            s.endTuple(i);
            delta = 0;
            state = V_BETWEEN;
            continue;
          }
          state = V_STR_END;
          continue;
        }
        state = V_BARE;
        continue;
      }
      case V_BARE: {
        let c = 0;
        while (i < len) {
          c = chunk[i];
          if (c === 0x2c || c === 0x29) {
            if (depth === 0) break;
            if (c === 0x29) depth--;
          } else if (c === 0x27 || c === 0x22) break;
          else if (c === 0x28) depth++;
          else if (isSpace(c)) {
            i++;
            continue;
          }
          last = i + 1 + delta;
          i++;
        }
        if (i >= len) continue;
        if (c === 0x27 || c === 0x22) {
          q = c;
          state = V_STR;
          i++;
          continue;
        }
        row.add(start, last);
        i++;
        if (c === 0x2c) state = V_FIELD;
        else {
          s.endTuple(i);
          delta = 0;
          state = V_BETWEEN;
        }
        continue;
      }
      case V_STR: {
        const r = closeQuote(chunk, i, q);
        if (r < 0) {
          state = r === OPEN ? V_STR : V_STR_BS;
          i = len;
          continue;
        }
        last = r + 1 + delta;
        i = r + 1;
        state = V_STR_END;
        continue;
      }
      case V_STR_BS:
        i++; // the escaped byte
        state = V_STR;
        continue;
      case V_STR_END:
        if (chunk[i] === q) {
          i++; // a doubled quote
          state = V_STR;
        } else state = V_BARE;
        continue;
    }
  }
  s.vstate = state;
  s.vdepth = depth;
  s.fieldStart = start;
  s.fieldLastEnd = last;
  s.quote = q;
  return i;
}
