/**
 * Comments between and inside the tuples of an INSERT, as the server reads them: `# ...` and `-- ...`
 * (a dash pair followed by whitespace or a control character) to the end of the line, `/* ... *\/`.
 * An executable comment `/*!40101 ... *\/` (or `/*M!...`) is code: its marker and its end are read as
 * whitespace, its content as values. mysqldump writes none of these inside VALUES; hand-written dumps may.
 */
export const NO_COMMENT = 0;
/** The chunk ends before the bytes at i can be told apart: read them again with the next chunk. */
export const NEED_MORE = -1;
export const LINE_COMMENT = 1;
export const BLOCK_COMMENT = 2;
/** An executable comment's marker or end: whitespace. */
export const CODE_MARK = 3;

/** What starts at chunk[i] (a `#`, `-`, `/` or `*`). */
export function commentAt(chunk: Buffer, i: number, eof: boolean): number {
  const c = chunk[i];
  if (c === 0x23) return LINE_COMMENT;
  const len = chunk.length;
  if (i + 3 >= len && !eof) return NEED_MORE;
  const d = chunk[i + 1];
  if (c === 0x2d) return d === 0x2d && (i + 2 >= len || chunk[i + 2] <= 0x20) ? LINE_COMMENT : NO_COMMENT;
  if (c === 0x2a) return d === 0x2f ? CODE_MARK : NO_COMMENT;
  if (c !== 0x2f || d !== 0x2a) return NO_COMMENT;
  const e = chunk[i + 2];
  if (e !== 0x21 && !(e === 0x4d && chunk[i + 3] === 0x21)) return BLOCK_COMMENT;
  // the version digits must be in this chunk too
  return openerEnd(chunk, i, CODE_MARK) >= len && !eof ? NEED_MORE : CODE_MARK;
}

/** Index just past the opener of a comment of `kind` at i (for CODE_MARK: the marker and its version digits, or `*\/`). */
export function openerEnd(chunk: Buffer, i: number, kind: number): number {
  const c = chunk[i];
  if (kind === LINE_COMMENT) return c === 0x23 ? i + 1 : i + 2;
  if (kind === BLOCK_COMMENT || c === 0x2a) return i + 2;
  let j = i + (chunk[i + 2] === 0x21 ? 3 : 4);
  while (j < chunk.length && chunk[j] >= 0x30 && chunk[j] <= 0x39) j++;
  return j;
}
