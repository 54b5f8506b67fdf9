/**
 * PostgreSQL array literals in text form: {a,b,"c d",NULL}, nested {{1,2},{3,4}}, an optional
 * dimension decoration [0:1]={…}. mapArray rewrites every element and re-quotes where needed.
 */
export class ArraySyntaxError extends Error {
  constructor(
    message: string,
    readonly at: number,
  ) {
    super(message);
  }
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 11 || c === 12;
}

/** Map each element (null = NULL); returns the new literal. */
export function mapArray(text: string, fn: (element: string | null) => string | null, delim = ','): string {
  let i = 0;
  const s = text;
  const d = delim.charCodeAt(0);
  let out = '';
  // dimension decoration, kept as written
  if (s.charCodeAt(0) === 91 /* [ */) {
    const eq = s.indexOf('=');
    if (eq < 0) throw new ArraySyntaxError('dimension decoration without "="', 0);
    out = s.slice(0, eq + 1);
    i = eq + 1;
  }
  while (i < s.length && isSpace(s.charCodeAt(i))) i++;
  if (s.charCodeAt(i) !== 123) throw new ArraySyntaxError('an array literal starts with "{"', i);
  let depth = 0;
  let expectElement = true;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c === 123) {
      if (!expectElement) throw new ArraySyntaxError('unexpected "{"', i);
      depth++;
      out += '{';
      i++;
      continue;
    }
    if (c === 125) {
      if (depth === 0) throw new ArraySyntaxError('unbalanced "}"', i);
      depth--;
      out += '}';
      i++;
      expectElement = false;
      if (depth === 0) break;
      continue;
    }
    if (c === d && !expectElement) {
      out += delim;
      i++;
      expectElement = true;
      continue;
    }
    if (isSpace(c)) {
      i++;
      continue;
    }
    if (!expectElement) throw new ArraySyntaxError(`expected "${delim}" or "}"`, i);
    // an element
    let value: string | null;
    if (c === 34) {
      let v = '';
      i++;
      for (;;) {
        if (i >= s.length) throw new ArraySyntaxError('unterminated quoted element', i);
        const q = s.charCodeAt(i);
        if (q === 34) break;
        if (q === 92) i++;
        if (i >= s.length) throw new ArraySyntaxError('unterminated quoted element', i);
        v += s[i++];
      }
      i++;
      value = v;
    } else {
      let v = '';
      let quotedTail = 0; // length of v that came from escapes (never trimmed / never NULL)
      while (i < s.length) {
        const q = s.charCodeAt(i);
        if (q === d || q === 125 || q === 123 || q === 34) break;
        if (q === 92) {
          i++;
          if (i >= s.length) throw new ArraySyntaxError('backslash at the end', i);
          v += s[i++];
          quotedTail = v.length;
          continue;
        }
        v += s[i++];
      }
      if (i < s.length && (s.charCodeAt(i) === 123 || s.charCodeAt(i) === 34)) throw new ArraySyntaxError('unexpected character in an unquoted element', i);
      // trailing whitespace is not part of an unquoted element (unless escaped)
      let end = v.length;
      while (end > quotedTail && isSpace(v.charCodeAt(end - 1))) end--;
      v = v.slice(0, end);
      if (v.length === 0) throw new ArraySyntaxError('empty unquoted element', i);
      value = quotedTail === 0 && v.toUpperCase() === 'NULL' ? null : v;
    }
    out += quote(fn(value), delim);
    expectElement = false;
  }
  if (depth !== 0) throw new ArraySyntaxError('unterminated array', i);
  while (i < s.length && isSpace(s.charCodeAt(i))) i++;
  if (i < s.length) throw new ArraySyntaxError('text after the array', i);
  return out;
}

/** An element as array_out writes it: quoted when empty, NULL-like, or holding special characters. */
export function quote(v: string | null, delim = ','): string {
  if (v === null) return 'NULL';
  let needs = v.length === 0 || v.toUpperCase() === 'NULL';
  for (let k = 0; k < v.length && !needs; k++) {
    const c = v.charCodeAt(k);
    needs = c === 34 || c === 92 || c === 123 || c === 125 || isSpace(c) || v[k] === delim;
  }
  if (!needs) return v;
  return `"${v.replace(/["\\]/g, '\\$&')}"`;
}
