/** Runs the MySQL scanner in process over a Buffer cut into chunks, the way Masker does. */
import { Sink } from '../../../../src/core/sink.js';
import type { Diagnostic } from '../../../../src/diagnostics.js';
import { MysqlScanner } from '../../../../src/dialects/mysql/scanner.js';
import { Planner } from '../../../../src/rules/plan.js';
import { validateRules } from '../../../../src/rules/load.js';
import { Keyring } from '../../../../src/seed/keyring.js';

export interface MaskRun {
  out: Buffer;
  diagnostics: Diagnostic[];
  planner: Planner;
}

/** `chunks`: one size for every chunk, or explicit cut points. */
export function maskMysql(input: Buffer, rules: object = { tables: {} }, chunks: number | number[] = 1 << 16, fieldCap = 1 << 28): MaskRun {
  const parts: Buffer[] = [];
  const sink = new Sink((b) => parts.push(Buffer.from(b)));
  const planner = new Planner(validateRules(rules), new Keyring('unit-seed'), 'mysql');
  const diagnostics: Diagnostic[] = [];
  const scanner = new MysqlScanner({ sink, planner, fieldCap, diagnostics });
  if (typeof chunks === 'number') {
    for (let i = 0; i < input.length; i += chunks) scanner.feed(input.subarray(i, i + chunks));
  } else {
    let prev = 0;
    for (const cut of [...chunks, input.length]) {
      scanner.feed(input.subarray(prev, cut));
      prev = cut;
    }
  }
  scanner.end();
  return { out: Buffer.concat(parts), diagnostics, planner };
}
