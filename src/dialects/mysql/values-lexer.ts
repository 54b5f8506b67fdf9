import { L_BODY } from './lexer-states.js';
import { closeQuote, OPEN } from './quote.js';
import type { MysqlScanner } from './scanner.js';
import { BLOCK_COMMENT, CODE_MARK, commentAt, LINE_COMMENT, NEED_MORE, NO_COMMENT, openerEnd } from './values-comments.js';
import { indexOfByte } from '../../core/index-of.js';

/** Values lexer states: the tuples after VALUES of an INSERT/REPLACE into a table with rules. */
export const V_BETWEEN = 0; // between tuples
const V_FIELD = 1; // at a field's start
const V_BARE = 2; // inside a field, outside quotes
const V_STR = 3; // inside '...' or "..." (quote in s.quote)
const V_STR_BS = 4; // inside a string, and a backslash ended the previous chunk
const V_STR_END = 5; // just after a closing quote
const V_LINE_COMMENT = 6; // in a # or -- comment (then back to s.vreturn)
const V_BLOCK_COMMENT = 7; // in a /* */ comment (then back to s.vreturn)

/** Bytes inside a bare field (outside quotes): part of it, whitespace, or to look at. */
const B_PLAIN = 0;
const B_SPACE = 1;
const B_SPECIAL = 2;
const BARE = new Uint8Array(256);
for (const c of [0x20, 0x09, 0x0d, 0x0a, 0x0c]) BARE[c] = B_SPACE;
for (const c of [0x2c, 0x29, 0x28, 0x27, 0x22, 0x23, 0x2d, 0x2f, 0x2a]) BARE[c] = B_SPECIAL;

/** Bytes that may start a comment outside strings. */
function mayComment(c: number): boolean {
  return c === 0x23 || c === 0x2d || c === 0x2f || c === 0x2a;
}

/**
 * The state after a comment opener of kind k read in state `from`: inside the comment (which returns
 * to `from`), or `from` itself for a /*! code mark, whose contents are read as values.
 */
function afterOpener(s: MysqlScanner, k: number, from: number): number {
  if (k === CODE_MARK) return from;
  s.vreturn = from;
  return k === LINE_COMMENT ? V_LINE_COMMENT : V_BLOCK_COMMENT;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a || c === 0x0c;
}

/**
 * Each tuple `( ... )` is a Row; each top-level comma-separated expression a Field (its bytes from the
 * first to the last non-space byte). Offsets are in row coordinates (i + rowDelta). mysqldump lays
 * tuples out as `VALUES (..),(..);` on one line, mariadb-dump ≥ 10.11 as `VALUES\n(..),\n(..);`.
 *
 * Comments are whitespace wherever they sit outside strings (values-comments.ts).
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
          if (s.valuesDone) {
            // (see MysqlScanner.endTuple) the rest of the statement, as for a table without rules
            s.vstate = V_BETWEEN;
            s.mode = 'stmt';
            s.lex = L_BODY;
            s.parenDepth = 0;
            return i;
          }
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
        if (mayComment(c)) {
          const k = commentAt(chunk, i, s.isEof);
          if (k === NEED_MORE) {
            s.vstate = V_BETWEEN;
            return s.stopHere(i);
          }
          if (k !== NO_COMMENT) {
            i = openerEnd(chunk, i, k);
            state = afterOpener(s, k, V_BETWEEN);
            continue;
          }
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
        if (mayComment(c)) {
          const k = commentAt(chunk, i, s.isEof);
          if (k === NEED_MORE) {
            state = V_FIELD;
            break;
          }
          if (k !== NO_COMMENT) {
            i = openerEnd(chunk, i, k);
            state = afterOpener(s, k, V_FIELD);
            continue;
          }
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
          const k = BARE[c];
          if (k === B_PLAIN) {
            last = i + 1 + delta;
            i++;
            continue;
          }
          if (k === B_SPACE) {
            i++;
            continue;
          }
          if (c === 0x2c || c === 0x29) {
            if (depth === 0) break;
            if (c === 0x29) depth--;
          } else if (c === 0x27 || c === 0x22) break;
          else if (c === 0x28) depth++;
          else if (commentAt(chunk, i, s.isEof) !== NO_COMMENT) break;
          last = i + 1 + delta;
          i++;
        }
        if (i >= len) continue;
        if (mayComment(c)) {
          const k = commentAt(chunk, i, s.isEof);
          if (k === NEED_MORE) break;
          i = openerEnd(chunk, i, k);
          state = afterOpener(s, k, V_BARE);
          continue;
        }
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
      case V_LINE_COMMENT: {
        const nl = indexOfByte(chunk, 0x0a, i);
        if (nl < 0) i = len;
        else {
          i = nl + 1;
          state = s.vreturn;
        }
        continue;
      }
      case V_BLOCK_COMMENT: {
        const star = chunk.indexOf('*/', i);
        if (star >= 0) {
          i = star + 2;
          state = s.vreturn;
        } else if (chunk[len - 1] === 0x2a && !s.isEof) break; // a '*' ends the chunk: read it again
        else i = len;
        continue;
      }
    }
    if (state === V_BLOCK_COMMENT || state === V_FIELD || state === V_BARE) {
      // the chunk ends before the bytes at i can be read: read them again with the next chunk
      const at = state === V_BLOCK_COMMENT ? len - 1 : i;
      save(s, state, depth, start, last, q);
      return s.stopHere(at);
    }
  }
  save(s, state, depth, start, last, q);
  return i;
}

function save(s: MysqlScanner, state: number, depth: number, start: number, last: number, q: number): void {
  s.vstate = state;
  s.vdepth = depth;
  s.fieldStart = start;
  s.fieldLastEnd = last;
  s.quote = q;
}
