/**
 * pg_dump writes the contents of a large object as `SELECT pg_catalog.lowrite(0, '\x4869…');` (a bytea
 * literal in hex, `E'\\x…'` when standard_conforming_strings is off), in pieces of at most 16 KiB.
 */

/** The number of bytes a lowrite statement writes: its hex digits after `\x`, halved. */
export function lowriteBytes(sql: string): number {
  const x = sql.indexOf('\\x');
  if (x < 0) return 0;
  let i = x + 2;
  while (i < sql.length && isHexDigit(sql.charCodeAt(i))) i++;
  return (i - x - 2) >> 1;
}

function isHexDigit(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);
}
