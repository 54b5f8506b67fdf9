import { L_STR, L_STR_BS, L_STR_END } from './lexer-states.js';
import { closeQuote, OPEN } from './quote.js';
import type { MysqlScanner } from './scanner.js';

/** Bytes the loop stops at: quotes, backtick, `#`, and the first bytes of `--`, `/*` and `*\/`. */
const STOP = new Uint8Array(256);
for (const c of [0x27, 0x22, 0x60, 0x23, 0x2d, 0x2f, 0x2a]) STOP[c] = 1;

/**
 * The body of a statement whose leading words are read (the tuples of an INSERT into a table without
 * rules, the rest of any statement): only the delimiter, quotes, backticks and comments matter, so
 * everything else is skipped in a tight loop and whole strings with native searches (quote.ts).
 * Newlines are not looked at (lines are counted lazily, see MysqlScanner.positionAt).
 *
 * Returns the index of the next byte the statement lexer must read itself (a delimiter, a backtick, a
 * comment, or a `-`, `/`, `*` too close to the end of the chunk to decide), or chunk.length, having set
 * s.lex when the chunk ends inside a string.
 */
export function skipBody(s: MysqlScanner, chunk: Buffer, i: number): number {
  const len = chunk.length;
  const d0 = s.delim0;
  while (i < len) {
    const c = chunk[i];
    if (STOP[c] === 0 && c !== d0) {
      i++;
      continue;
    }
    if (c === d0) return i;
    if (c === 0x27 || c === 0x22) {
      let from = i + 1;
      for (;;) {
        const r = closeQuote(chunk, from, c);
        if (r < 0) {
          s.quote = c;
          s.lex = r === OPEN ? L_STR : L_STR_BS;
          return len;
        }
        if (r + 1 === len) {
          s.quote = c;
          s.lex = L_STR_END;
          return len;
        }
        if (chunk[r + 1] !== c) {
          i = r + 1;
          break;
        }
        from = r + 2; // a doubled quote
      }
      continue;
    }
    if (i + 3 < len) {
      // a minus, a division, a multiplication: not a comment
      const d = chunk[i + 1];
      if ((c === 0x2d && d !== 0x2d) || (c === 0x2f && d !== 0x2a) || (c === 0x2a && d !== 0x2f)) {
        i++;
        continue;
      }
    }
    return i;
  }
  return i;
}
