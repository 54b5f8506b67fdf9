import { VeilError } from '../errors.js';
import { indexOfByte } from '../core/index-of.js';

/**
 * A fast path for runs that write nothing (`check`, `scan`) over mysqldump / mariadb-dump output:
 * drops the INSERT lines of tables the run is finished with (their data started and their sample is
 * full) before the scanner sees them, so the bulk of the data is skipped with one `indexOf` per line
 * instead of being lexed.
 *
 * Sound because of how those tools write data: newlines inside values are escaped as \n, so an INSERT
 * is one line (mysqldump) or a head line and one line per row (mariadb-dump), and its last line ends
 * with `;`. It is used only on dumps whose first line
 * is such a tool's header; it drops a line only at a statement start (the line before ended with `;`,
 * outside a DELIMITER block), and only after the scanner has seen an INSERT of that table name since
 * the last `USE`. Line numbers in later error messages do not count the dropped lines.
 */
export class InsertSkipper {
  private carry: Buffer | null = null;
  /** The previous line ended a statement (or was blank or a comment). */
  private atStatementStart = true;
  private inDelimiterBlock = false;
  /** Dropping the rest of the current line. */
  private dropping = false;
  private dropLastByte = 0;
  /** The next dropped byte starts a row line, which must start with "(". */
  private dropLineStart = false;
  /** Table names (as written between backticks) passed to the scanner since the last USE. */
  private readonly passed = new Set<string>();
  /** The current kept line continues from an earlier chunk. */
  private partial = false;
  private lineHead = '';
  private lastByte = 0;
  /** Lines dropped so far. */
  dropped = 0;

  constructor(private readonly finishedWith: (table: string) => boolean) {}

  /** Is this the header of mysqldump / mariadb-dump output? */
  static applies(head: Buffer): boolean {
    const text = head.subarray(0, 256).toString('latin1');
    return /^(\/\*M!999999\\- enable the sandbox mode \*\/ ?\r?\n)?-- (MySQL|MariaDB) dump /.test(text);
  }

  /**
   * Hand the parts of `chunk` to keep to `emit` (slices of it, in order). Kept bytes are emitted before
   * each decision, so `finishedWith` answers for a scanner that has read everything before the line.
   */
  push(chunk: Buffer, emit: (part: Buffer) => void): void {
    let buf = chunk;
    if (this.carry) {
      buf = Buffer.concat([this.carry, chunk]);
      this.carry = null;
    }
    const len = buf.length;
    let keepFrom = 0;
    const flush = (to: number): void => {
      if (to > keepFrom) emit(buf.subarray(keepFrom, to));
      keepFrom = to;
    };
    let i = 0;
    while (i < len) {
      if (this.dropping) {
        if (this.dropLineStart && buf[i] !== 0x28 /* ( */) {
          throw new VeilError('DUMP_INSERT_SYNTAX', 'a row line of an INSERT in this mysqldump dump does not start with "("', {
            hint: 'the dump looks edited or damaged (mysqldump and mariadb-dump write rows one per line or all on one line)',
          });
        }
        this.dropLineStart = false;
        const nl = indexOfByte(buf, 10, i);
        if (nl < 0) {
          this.dropLastByte = lastNonCr(buf, i, len, this.dropLastByte);
          keepFrom = len;
          return;
        }
        const last = lastNonCr(buf, i, nl, this.dropLastByte);
        i = nl + 1;
        keepFrom = i;
        this.dropLastByte = 0;
        // `INSERT ... VALUES` then one row per line (mariadb-dump), or all on one line (mysqldump)
        if (last === 0x3b) {
          this.dropping = false;
          this.atStatementStart = true;
        } else this.dropLineStart = true;
        continue;
      }
      // at a line start: decide on the line's first bytes
      if (!this.partial && this.atStatementStart && !this.inDelimiterBlock && buf[i] === 0x49 /* I */) {
        const name = insertTable(buf, i);
        if (name === undefined) {
          // not enough bytes to decide: carry the line start (at most a table name's length)
          if (len - i < 256 && indexOfByte(buf, 10, i) < 0) {
            flush(i);
            this.carry = Buffer.from(buf.subarray(i));
            return;
          }
        } else if (name !== null) {
          if (this.passed.has(name)) {
            flush(i); // the scanner reads everything before this line first
            if (this.finishedWith(name)) {
              this.dropping = true;
              this.dropLineStart = false;
              this.dropLastByte = 0;
              this.dropped++;
              continue;
            }
          } else this.passed.add(name);
        }
      }
      const nl = indexOfByte(buf, 10, i);
      const end = nl < 0 ? len : nl;
      this.lineEnds(buf, i, end, nl >= 0);
      i = nl < 0 ? len : nl + 1;
    }
    flush(len);
  }

  /** Track statement boundaries, DELIMITER blocks and USE from a kept line [a, end). */
  private lineEnds(buf: Buffer, a: number, end: number, complete: boolean): void {
    // the first 64 bytes of the line, also when it started in an earlier chunk
    if (!this.partial) this.lineHead = buf.toString('latin1', a, Math.min(end, a + 64));
    else if (this.lineHead.length < 64) this.lineHead += buf.toString('latin1', a, Math.min(end, a + 64 - this.lineHead.length));
    this.lastByte = lastNonCr(buf, a, end, this.partial ? this.lastByte : 0);
    if (!complete) {
      this.partial = true;
      this.atStatementStart = false;
      return;
    }
    this.partial = false;
    const head = this.lineHead;
    if (/^DELIMITER\s+/i.test(head)) {
      this.inDelimiterBlock = !/^DELIMITER\s+;\s*$/i.test(head);
      this.atStatementStart = true;
    } else if (/^USE\s/i.test(head)) {
      this.passed.clear();
      this.atStatementStart = this.lastByte === 0x3b;
    } else if (this.lastByte === 0 || head.startsWith('--')) {
      // blank line or comment: the statement state does not change
    } else this.atStatementStart = this.lastByte === 0x3b;
  }
}

const PREFIX = Buffer.from('INSERT INTO `', 'latin1');

/** The table name of `INSERT INTO \`name\` ` at i; null if not such a line; undefined if more bytes are needed. */
function insertTable(buf: Buffer, i: number): string | undefined | null {
  const n = Math.min(buf.length - i, PREFIX.length);
  for (let k = 0; k < n; k++) if (buf[i + k] !== PREFIX[k]) return null;
  if (n < PREFIX.length) return undefined;
  const start = i + PREFIX.length;
  const close = indexOfByte(buf, 0x60, start);
  if (close < 0 || close - start > 192) return buf.length - start > 192 ? null : undefined;
  if (close + 1 >= buf.length) return undefined;
  if (buf[close + 1] !== 0x20) return null; // `db`.`table`, or a doubled backtick: leave it to the scanner
  return buf.toString('latin1', start, close);
}

/** The last byte of [a, end) that is not a carriage return or space; `prev` if there is none. */
function lastNonCr(buf: Buffer, a: number, end: number, prev: number): number {
  for (let k = end - 1; k >= a; k--) {
    const c = buf[k];
    if (c !== 13 && c !== 32 && c !== 9) return c;
  }
  return prev;
}
