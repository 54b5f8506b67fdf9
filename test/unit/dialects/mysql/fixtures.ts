/**
 * Test helpers over the committed real dumps: read a fixture and cut INSERT tuples into fields with a
 * deliberately naive splitter (string-aware, nothing else), independent of the scanner under test.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { skipString } from '../../../../src/dialects/mysql/literal.js';

export const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
export const DUMP_MODES = [
  'default', 'skip-extended-insert', 'complete-insert', 'hex-blob', 'insert-ignore', 'replace', 'compact',
  'databases', 'no-create-info', 'no-data',
] as const;

export function readFixture(name: string): Buffer {
  return readFileSync(FIXTURES + name);
}
export function readDump(mode: (typeof DUMP_MODES)[number]): Buffer {
  return readFixture(`dumps/mariadb-10.11.${mode}.sql`);
}

/** `row` counts the table's rows across statements (0-based). */
export interface FieldSpan { table: string; row: number; index: number; start: number; end: number }

/** Every field of every INSERT/REPLACE tuple of a dump, as byte spans. */
export function insertFields(dump: Buffer): FieldSpan[] {
  const out: FieldSpan[] = [];
  const head = /^(?:INSERT(?: IGNORE)?|REPLACE) INTO `((?:[^`]|``)+)`[^\n]*? VALUES ?/gm;
  const text = dump.toString('latin1'); // 1 char per byte: indexes are byte offsets
  const rows = new Map<string, number>(); // rows so far per table, across statements
  let m: RegExpExecArray | null;
  while ((m = head.exec(text))) {
    const table = m[1].replace(/``/g, '`');
    let i = m.index + m[0].length;
    let row = rows.get(table) ?? 0;
    for (;;) {
      while (dump[i] === 0x0a || dump[i] === 0x20) i++;
      if (dump[i] !== 0x28) throw new Error(`expected ( at ${i}`);
      i++;
      let index = 0;
      let start = i;
      for (;;) {
        const c = dump[i];
        if (c === 0x27) i = skipString(dump, i, dump.length);
        else if (c === 0x2c || c === 0x29) {
          out.push({ table, row, index: index++, start, end: i });
          i++;
          start = i;
          if (c === 0x29) break;
        } else i++;
      }
      row++;
      rows.set(table, row);
      if (dump[i] === 0x3b) break;
      if (dump[i] !== 0x2c) throw new Error(`expected , or ; at ${i}`);
      i++;
    }
    head.lastIndex = i;
  }
  return out;
}
