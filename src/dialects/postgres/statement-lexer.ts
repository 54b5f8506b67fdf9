import { E_BACKSLASH, E_CLOSED, eStringStop, scanEString } from './e-string.js';
import type { PgScanner } from './scanner.js';
import { indexOfByte } from '../../core/index-of.js';

/** Statement lexer states (psql's view of the input between COPY data blocks). */
export const L_START = 0; // between statements
export const L_BODY = 1;
const L_SQ = 2;
const L_SQ_END = 3;
const L_ESQ = 4;
const L_ESQ_BS = 5;
const L_ESQ_END = 6;
const L_DQ = 7;
const L_DQ_END = 8;
const L_DOLLAR = 9;
export const L_LINE_COMMENT = 10;
const L_BLOCK_COMMENT = 11;

export function isIdentStart(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || c >= 0x80;
}

export function isIdentCont(c: number): boolean {
  return isIdentStart(c) || (c >= 0x30 && c <= 0x39) || c === 0x24;
}

/**
 * Lex statements from i until the chunk ends or the Mode changes. Statements end at `;` outside
 * quotes, comments, parentheses and BEGIN ... END bodies of CREATE FUNCTION/PROCEDURE, as in psql.
 */
export function lexStatement(s: PgScanner, chunk: Buffer, i: number): number {
  const len = chunk.length;
  while (i < len) {
    const c = chunk[i];
    switch (s.lex) {
      case L_START: {
        if (s.eatNewline) {
          s.eatNewline = false;
          if (c === 10) {
            s.markNewline(i);
            s.skipTo(i + 1);
            i++;
            continue;
          }
        }
        if (c === 0x20 || c === 9 || c === 13 || c === 12) {
          i++;
          continue;
        }
        if (c === 10) {
          s.markNewline(i);
          i++;
          continue;
        }
        if (c === 0x2d || c === 0x2f) {
          if (i + 1 >= len) {
            if (!s.isEof) return s.stopHere(i);
          } else if (c === 0x2d && chunk[i + 1] === 0x2d) {
            if (len - i < 48 && !s.isEof && indexOfByte(chunk, 10, i) < 0) return s.stopHere(i);
            s.onTopComment(chunk, i);
            s.lexReturn = L_START;
            s.lex = L_LINE_COMMENT;
            i += 2;
            continue;
          } else if (c === 0x2f && chunk[i + 1] === 0x2a) {
            s.lexReturn = L_START;
            s.lex = L_BLOCK_COMMENT;
            s.commentDepth = 1;
            i += 2;
            continue;
          }
        }
        if (c === 0x5c) {
          s.mode = 'meta';
          return i;
        }
        s.beginStatement(i);
        continue;
      }
      case L_BODY: {
        if (isIdentStart(c)) {
          let j = i + 1;
          while (j < len && isIdentCont(chunk[j])) j++;
          if (j >= len && !s.isEof && j - i <= 64) return s.stopHere(i);
          if (j - i === 1 && (c === 0x45 || c === 0x65) && j < len && chunk[j] === 0x27) {
            s.lex = L_ESQ;
            i = j + 1;
            continue;
          }
          i = s.trackWords ? s.onWord(chunk, i, j) : j;
          if (s.mode !== 'stmt') return i;
          continue;
        }
        if (c >= 0x30 && c <= 0x39) {
          i++;
          while (i < len && isIdentCont(chunk[i])) i++;
          continue;
        }
        switch (c) {
          case 0x27:
            s.lex = s.literalCodec.standardStrings ? L_SQ : L_ESQ;
            i++;
            continue;
          case 0x22:
            s.lex = L_DQ;
            i++;
            continue;
          case 0x24: {
            if (i + 1 >= len) {
              if (!s.isEof) return s.stopHere(i);
              i++;
              continue;
            }
            let j = i + 1;
            if (isIdentStart(chunk[j])) {
              while (j < len && isIdentCont(chunk[j]) && chunk[j] !== 0x24) j++;
              if (j >= len) {
                if (!s.isEof && j - i <= 64) return s.stopHere(i);
                i = j;
                continue;
              }
            }
            if (chunk[j] === 0x24) {
              s.dollarTag = Buffer.from(chunk.subarray(i, j + 1));
              s.lex = L_DOLLAR;
              i = j + 1;
              continue;
            }
            i = j;
            continue;
          }
          case 0x2d:
          case 0x2f:
            if (i + 1 >= len) {
              if (!s.isEof) return s.stopHere(i);
            } else if (c === 0x2d && chunk[i + 1] === 0x2d) {
              s.lexReturn = L_BODY;
              s.lex = L_LINE_COMMENT;
              i += 2;
              continue;
            } else if (c === 0x2f && chunk[i + 1] === 0x2a) {
              s.lexReturn = L_BODY;
              s.lex = L_BLOCK_COMMENT;
              s.commentDepth = 1;
              i += 2;
              continue;
            }
            i++;
            continue;
          case 0x28:
            s.parenDepth++;
            i++;
            continue;
          case 0x29:
            if (s.parenDepth > 0) s.parenDepth--;
            i++;
            continue;
          case 0x3b:
            if (s.parenDepth === 0 && s.beginDepth === 0) return s.endStatement(i + 1);
            i++;
            continue;
          case 0x0a:
            s.markNewline(i);
            i++;
            continue;
          default:
            i++;
            continue;
        }
      }
      case L_SQ:
      case L_DQ: {
        const q = indexOfByte(chunk, s.lex === L_SQ ? 0x27 : 0x22, i);
        if (q < 0) {
          s.lines(chunk, i, len);
          return len;
        }
        s.lines(chunk, i, q);
        s.lex = s.lex === L_SQ ? L_SQ_END : L_DQ_END;
        i = q + 1;
        continue;
      }
      case L_SQ_END:
      case L_DQ_END:
        if (c === (s.lex === L_SQ_END ? 0x27 : 0x22)) {
          s.lex = s.lex === L_SQ_END ? L_SQ : L_DQ;
          i++;
        } else s.lex = L_BODY;
        continue;
      case L_ESQ:
        i = scanEString(s, chunk, i, len);
        if (eStringStop === E_CLOSED) s.lex = L_ESQ_END;
        else if (eStringStop === E_BACKSLASH) s.lex = L_ESQ_BS;
        continue;
      case L_ESQ_BS:
        if (c === 10) s.markNewline(i);
        s.lex = L_ESQ;
        i++;
        continue;
      case L_ESQ_END:
        if (c === 0x27) {
          s.lex = L_ESQ;
          i++;
        } else s.lex = L_BODY;
        continue;
      case L_DOLLAR: {
        const tag = s.dollarTag!;
        const k = chunk.indexOf(tag, i);
        if (k >= 0) {
          s.lines(chunk, i, k);
          s.lex = L_BODY;
          i = k + tag.length;
          continue;
        }
        const keep = Math.min(tag.length - 1, len - i);
        s.lines(chunk, i, len - keep);
        if (keep > 0 && !s.isEof) return s.stopHere(len - keep);
        return len;
      }
      case L_LINE_COMMENT: {
        const nl = indexOfByte(chunk, 10, i);
        if (nl < 0) return len;
        s.markNewline(nl);
        s.lex = s.lexReturn;
        i = nl + 1;
        continue;
      }
      case L_BLOCK_COMMENT: {
        if (c === 0x2a || c === 0x2f) {
          if (i + 1 >= len) {
            if (!s.isEof) return s.stopHere(i);
            i++;
            continue;
          }
          const d = chunk[i + 1];
          if (c === 0x2a && d === 0x2f) {
            if (--s.commentDepth === 0) s.lex = s.lexReturn;
            i += 2;
            continue;
          }
          if (c === 0x2f && d === 0x2a) {
            s.commentDepth++;
            i += 2;
            continue;
          }
        } else if (c === 10) s.markNewline(i);
        i++;
        continue;
      }
    }
  }
  return i;
}
