/**
 * A small lexer for MySQL DDL as SHOW CREATE TABLE writes it (and as people write it by hand).
 *
 * Executable comments `/*!50100 ... *\/` and `/*M!100301 ... *\/` are read as the code they hold (the
 * server runs it); other comments (`/* *\/`, `-- `, `#`) are skipped. `...` and "..." are identifiers
 * (SHOW CREATE uses backticks, or double quotes under --compatible=ansi); '...' is a string.
 */

export type TokenType = 'word' | 'ident' | 'string' | 'number' | 'punct';

export interface Token {
  type: TokenType;
  /** word: as written; ident/string: the unquoted value; punct: the character. */
  value: string;
  /** Offsets into the source text. */
  start: number;
  end: number;
}

function isWordChar(c: number): boolean {
  return (
    (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c === 0x24 ||
    c >= 0x80
  );
}
function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x0c || c === 0x0b;
}

const ESC: Record<string, string> = { '0': '\0', b: '\b', n: '\n', r: '\r', t: '\t', Z: '\x1a' };

/** Unquote a '...' string token: backslash escapes and doubled quotes, as the server reads them. */
function unquoteString(src: string, start: number, end: number): string {
  const body = src.slice(start + 1, end - 1);
  if (!body.includes('\\') && !body.includes("''")) return body;
  return body.replace(/\\(.)|''/gs, (m, e: string | undefined) => {
    if (e === undefined) return "'";
    if (e === '%' || e === '_') return `\\${e}`;
    return ESC[e] ?? e;
  });
}

export class LexError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** All tokens of `src`. Throws LexError on an unterminated string, identifier or comment. */
export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  const n = src.length;
  let execDepth = 0;
  let i = 0;
  while (i < n) {
    const c = src.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    // comments
    if (c === 0x2f && src.charCodeAt(i + 1) === 0x2a) {
      let j = i + 2;
      if (src.charCodeAt(j) === 0x4d && src.charCodeAt(j + 1) === 0x21) j += 2; // /*M!
      else if (src.charCodeAt(j) === 0x21) j += 1; // /*!
      else {
        const close = src.indexOf('*/', i + 2);
        if (close < 0) throw new LexError('unterminated comment', i);
        i = close + 2;
        continue;
      }
      while (j < n && src.charCodeAt(j) >= 0x30 && src.charCodeAt(j) <= 0x39) j++;
      execDepth++;
      i = j;
      continue;
    }
    if (c === 0x2a && execDepth > 0 && src.charCodeAt(i + 1) === 0x2f) {
      execDepth--;
      i += 2;
      continue;
    }
    if (c === 0x23 || (c === 0x2d && src.charCodeAt(i + 1) === 0x2d && (i + 2 >= n || src.charCodeAt(i + 2) <= 0x20))) {
      const nl = src.indexOf('\n', i);
      i = nl < 0 ? n : nl + 1;
      continue;
    }
    // quoted
    if (c === 0x27 || c === 0x60 || c === 0x22) {
      let j = i + 1;
      for (;;) {
        if (j >= n) throw new LexError(c === 0x27 ? 'unterminated string' : 'unterminated identifier', i);
        const d = src.charCodeAt(j);
        if (d === 0x5c && c === 0x27) j += 2;
        else if (d === c) {
          if (src.charCodeAt(j + 1) === c) j += 2;
          else break;
        } else j++;
      }
      const end = j + 1;
      if (c === 0x27) out.push({ type: 'string', value: unquoteString(src, i, end), start: i, end });
      else {
        const q = String.fromCharCode(c);
        out.push({ type: 'ident', value: src.slice(i + 1, j).replaceAll(q + q, q), start: i, end });
      }
      i = end;
      continue;
    }
    if (isWordChar(c)) {
      let j = i + 1;
      while (j < n && isWordChar(src.charCodeAt(j))) j++;
      // 1.5e-3 and -1: numbers keep their dots and exponent signs
      const isNum = c >= 0x30 && c <= 0x39;
      if (isNum) {
        while (j < n) {
          const d = src.charCodeAt(j);
          const prev = src.charCodeAt(j - 1) | 0x20;
          if (d === 0x2e || isWordChar(d) || ((d === 0x2b || d === 0x2d) && prev === 0x65)) j++;
          else break;
        }
      }
      out.push({ type: isNum ? 'number' : 'word', value: src.slice(i, j), start: i, end: j });
      i = j;
      continue;
    }
    out.push({ type: 'punct', value: src[i], start: i, end: i + 1 });
    i++;
  }
  return out;
}

/** tokenize(), or undefined where it would throw a LexError (an unterminated string, identifier or comment). */
export function tryTokenize(src: string): Token[] | undefined {
  try {
    return tokenize(src);
  } catch (e) {
    if (e instanceof LexError) return undefined;
    throw e;
  }
}

/** Index of the ')' matching the '(' at `open`, or -1. */
export function matchParen(tokens: Token[], open: number, limit = tokens.length): number {
  let depth = 0;
  for (let i = open; i < limit; i++) {
    const t = tokens[i];
    if (t.type !== 'punct') continue;
    if (t.value === '(') depth++;
    else if (t.value === ')' && --depth === 0) return i;
  }
  return -1;
}

/** True when token `t` is the unquoted keyword `upper` (case-insensitive). */
export function isWord(t: Token | undefined, upper: string): boolean {
  return t !== undefined && t.type === 'word' && t.value.length === upper.length && t.value.toUpperCase() === upper;
}
