import { skipBody } from './body-skip.js';
import {
  L_BLOCK_COMMENT,
  L_BODY,
  L_BT,
  L_BT_END,
  L_DELIMITER,
  L_LINE_COMMENT,
  L_START,
  L_STR,
  L_STR_BS,
  L_STR_END,
} from './lexer-states.js';
import { closeQuote, OPEN } from './quote.js';
import type { MysqlScanner } from './scanner.js';
import { indexOfByte } from '../../core/index-of.js';

/**
 * The statement lexer: the mysql client's view of a dump. A statement ends at the current delimiter
 * (`;`, or `;;` after `DELIMITER ;;`) outside '...', "..." (backslash escapes, doubled quotes), `...`,
 * and comments (`-- `, `#`, `/* *\/`). Executable comments `/*!40101 ... *\/` are code, not comments.
 * `DELIMITER x` is a client command line between statements.
 */
export function isWordByte(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c === 0x24 || c >= 0x80;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0c || c === 0x0b;
}

/** `--` starts a comment only when followed by whitespace or a control character (or the end). */
function dashComment(chunk: Buffer, i: number, len: number): boolean {
  return chunk[i + 1] === 0x2d && (i + 2 >= len || chunk[i + 2] <= 0x20);
}

const DELIMITER = Buffer.from('delimiter');
const SANDBOX = Buffer.from('/*M!999999\\-');

/**
 * mariadb-dump's first line `/*M!999999\- enable the sandbox mode *\/` has no delimiter: the mariadb
 * client runs `\-` as a command, older clients skip it as a comment for a server version never reached.
 * Either way it is not part of the next statement: read it as a comment.
 */
function isSandboxLine(chunk: Buffer, i: number, len: number): boolean {
  return len - i >= SANDBOX.length && chunk.compare(SANDBOX, 0, SANDBOX.length, i, i + SANDBOX.length) === 0;
}

function isDelimiterCommand(chunk: Buffer, i: number, len: number): boolean {
  if (len - i < 10) return false;
  for (let k = 0; k < 9; k++) if ((chunk[i + k] | 0x20) !== DELIMITER[k]) return false;
  return isSpace(chunk[i + 9]);
}

/** Lex from i until the chunk ends or the Mode changes. */
export function lexStatement(s: MysqlScanner, chunk: Buffer, i: number): number {
  const len = chunk.length;
  const eof = s.isEof;
  while (i < len) {
    const c = chunk[i];
    switch (s.lex) {
      case L_START: {
        if (s.eatNewline) {
          s.eatNewline = false;
          if (c === 10) {
            s.skipTo(i + 1);
            i++;
            continue;
          }
        }
        if (c === 10 || isSpace(c)) {
          i++;
          continue;
        }
        if (c === 0x2d || c === 0x2f || c === 0x64 || c === 0x44) {
          // need a few bytes to decide: "--x", "/*!", "delimiter "
          if (len - i < 12 && !eof && indexOfByte(chunk, 10, i) < 0) return s.stopHere(i);
          if (c === 0x2d && dashComment(chunk, i, len)) {
            if (len - i < 80 && !eof && indexOfByte(chunk, 10, i) < 0) return s.stopHere(i);
            s.onTopComment(chunk, i);
            s.lexReturn = L_START;
            s.lex = L_LINE_COMMENT;
            i += 2;
            continue;
          }
          if (c === 0x2f && chunk[i + 1] === 0x2a && (isSandboxLine(chunk, i, len) || (chunk[i + 2] !== 0x21 && !(chunk[i + 2] === 0x4d && chunk[i + 3] === 0x21)))) {
            s.lexReturn = L_START;
            s.lex = L_BLOCK_COMMENT;
            i += 2;
            continue;
          }
          if ((c | 0x20) === 0x64 && isDelimiterCommand(chunk, i, len)) {
            s.delimiterStart = i;
            s.lex = L_DELIMITER;
            continue;
          }
        }
        if (c === 0x23) {
          s.lexReturn = L_START;
          s.lex = L_LINE_COMMENT;
          i++;
          continue;
        }
        s.beginStatement(i);
        continue;
      }
      case L_BODY: {
        if (!s.trackWords) {
          const j = skipBody(s, chunk, i);
          if (j !== i) {
            i = j;
            continue;
          }
        }
        if (c === s.delim0) {
          const dl = s.delim.length;
          if (dl === 1) return s.endStatement(i + 1);
          if (i + dl > len) {
            if (!eof) return s.stopHere(i);
          } else if (chunk.compare(s.delim, 0, dl, i, i + dl) === 0) return s.endStatement(i + dl);
        }
        if (isWordByte(c)) {
          let j = i + 1;
          const d0 = s.delim0;
          while (j < len && isWordByte(chunk[j]) && chunk[j] !== d0) j++; // END$$ ends at $$
          if (s.trackWords && c > 0x39) {
            if (j >= len && !eof && j - i <= 64) return s.stopHere(i);
            i = s.onWord(chunk, i, j);
            if (s.mode !== 'stmt') return i;
          } else i = j;
          continue;
        }
        switch (c) {
          case 0x27:
          case 0x22:
            s.quote = c;
            s.lex = L_STR;
            i++;
            continue;
          case 0x60:
            s.lex = L_BT;
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
          case 0x23:
            s.lexReturn = L_BODY;
            s.lex = L_LINE_COMMENT;
            i++;
            continue;
          case 0x2d:
          case 0x2f:
          case 0x2a: {
            if (i + 3 >= len && !eof) return s.stopHere(i);
            const d = chunk[i + 1];
            if (c === 0x2d && dashComment(chunk, i, len)) {
              s.lexReturn = L_BODY;
              s.lex = L_LINE_COMMENT;
              i += 2;
              continue;
            }
            if (c === 0x2f && d === 0x2a) {
              const exec = chunk[i + 2] === 0x21 ? 3 : chunk[i + 2] === 0x4d && chunk[i + 3] === 0x21 ? 4 : 0;
              if (exec === 0) {
                s.lexReturn = L_BODY;
                s.lex = L_BLOCK_COMMENT;
                i += 2;
                continue;
              }
              // an executable comment: its content is code; skip the marker and version digits
              i += exec;
              while (i < len && chunk[i] >= 0x30 && chunk[i] <= 0x39) i++;
              continue;
            }
            i += c === 0x2a && d === 0x2f ? 2 : 1; // the end of an executable comment
            continue;
          }
          default:
            i++;
            continue;
        }
      }
      case L_STR: {
        const q = closeQuote(chunk, i, s.quote);
        if (q < 0) {
          if (q !== OPEN) s.lex = L_STR_BS;
          return len;
        }
        s.lex = L_STR_END;
        i = q + 1;
        continue;
      }
      case L_STR_BS:
        s.lex = L_STR;
        i++;
        continue;
      case L_STR_END:
        if (c === s.quote) {
          s.lex = L_STR;
          i++;
        } else s.lex = L_BODY;
        continue;
      case L_BT: {
        const q = indexOfByte(chunk, 0x60, i);
        if (q < 0) return len;
        s.lex = L_BT_END;
        i = q + 1;
        continue;
      }
      case L_BT_END:
        if (c === 0x60) {
          s.lex = L_BT;
          i++;
        } else s.lex = L_BODY;
        continue;
      case L_LINE_COMMENT: {
        const nl = indexOfByte(chunk, 10, i);
        if (nl < 0) return len;
        s.lex = s.lexReturn;
        i = nl + 1;
        continue;
      }
      case L_BLOCK_COMMENT: {
        const star = chunk.indexOf('*/', i);
        if (star < 0) {
          // keep a final '*' for the next chunk
          const keep = chunk[len - 1] === 0x2a && !eof ? 1 : 0;
          return keep ? s.stopHere(len - 1) : len;
        }
        s.lex = s.lexReturn;
        i = star + 2;
        continue;
      }
      case L_DELIMITER: {
        const nl = indexOfByte(chunk, 10, i);
        if (nl < 0 && !eof) {
          if (len - s.delimiterStart > 4096) s.error('DUMP_INSERT_SYNTAX', 'a DELIMITER line is longer than 4 KB', i);
          s.lex = L_START; // re-read the whole line with the next chunk
          return s.stopHere(s.delimiterStart);
        }
        const end = nl < 0 ? len : nl;
        s.setDelimiter(chunk.toString('latin1', s.delimiterStart + 10, end));
        s.lex = L_START;
        i = nl < 0 ? len : nl + 1;
        continue;
      }
    }
  }
  return i;
}
