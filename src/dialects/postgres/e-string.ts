/**
 * The body of an E'...' string (backslash escapes), shared by the statement lexer and the INSERT
 * values lexer: scanEString() runs from i to the closing quote or the end of the chunk, counting
 * newlines, and leaves in `eStringStop` why it stopped.
 */
export const E_OPEN = 0;
/** The chunk ended right after a backslash: the next chunk's first byte is escaped. */
export const E_BACKSLASH = 1;
/** The closing quote was found: it is the byte before the returned index. */
export const E_CLOSED = 2;

export let eStringStop = E_OPEN;

export function scanEString(s: { markNewline(i: number): void }, chunk: Buffer, i: number, len: number): number {
  let j = i;
  for (; j < len; j++) {
    const b = chunk[j];
    if (b === 0x5c) {
      if (j + 1 < len) {
        j++;
        if (chunk[j] === 10) s.markNewline(j);
        continue;
      }
      eStringStop = E_BACKSLASH;
      return j + 1;
    }
    if (b === 0x27) {
      eStringStop = E_CLOSED;
      return j + 1;
    }
    if (b === 10) s.markNewline(j);
  }
  eStringStop = E_OPEN;
  return j;
}
