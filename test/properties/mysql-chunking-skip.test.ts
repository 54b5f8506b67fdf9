/**
 * The fast paths of the MySQL scanner (strings found with native searches, bodies of statements skipped
 * without tokenizing, lines counted lazily) against dumps built from known parts: the expected output
 * and the line of an error are known by construction, whatever the chunking.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { VeilError } from '../../src/errors.js';
import { maskMysql } from '../unit/dialects/mysql/harness.js';

/** Pieces of a string body that keep the literal well formed (no lone trailing backslash). */
const SINGLE = ['a', 'é', '€', '\\\\', "\\'", "''", '\\"', '"', ';', ')', '(', ',', '\n', '\r\n', '-- ', '/*', '*/', '#', '`', '\\n', '\\0', '\\Z', '\\\\\\\'', ' '];
const DOUBLE = ['b', '\\\\', '\\"', '""', "'", ';', ')', '\n', '-- x', '`', '\\\\\\"'];

const body = (pieces: string[]) => fc.array(fc.constantFrom(...pieces), { maxLength: 12 }).map((a) => a.join(''));
const sq = body(SINGLE).map((b) => `'${b}'`);
const dq = body(DOUBLE).map((b) => `"${b}"`);
const value = fc.oneof(
  { weight: 4, arbitrary: sq },
  { weight: 1, arbitrary: dq },
  { weight: 1, arbitrary: fc.constantFrom('NULL', '-1.5', '-0', '42', '0x4142', "_binary 'x;'", '1-1', '2/3', '2*3', ' 7 ') },
);
/** What may sit between the tuples of one INSERT (the mysql client reads comments there too). */
const gap = fc.constantFrom(',', ',\n', ', ', ",/* ; ' */", ',-- a ; comment \'\n', ',# ; \'\n');
/** What may sit around a field (whitespace and comments, executable comment markers read as whitespace). */
const pad = fc.constantFrom('', '', ' ', '\n', "/* ; ' ) */", " -- c ; ' )\n", "#x ; '\n", '/*!50000 */', '/*M!100000 */ ');
const tuples = (width: number) =>
  fc.array(
    fc.array(value, { minLength: width, maxLength: width }).map((v) => `(${v.join(',')})`),
    { minLength: 1, maxLength: 4 },
  );

interface Case {
  input: string;
  expected: string;
}

/** An unruled, a truncated and a ruled table's INSERTs, in a random order; `a` of `t` is masked. */
const dumpCase = fc
  .record({
    u: fc.array(fc.tuple(tuples(3), fc.array(gap, { minLength: 3, maxLength: 3 })), { minLength: 1, maxLength: 3 }),
    v: fc.array(fc.tuple(tuples(2), fc.array(gap, { minLength: 3, maxLength: 3 })), { maxLength: 2 }),
    t: fc.array(fc.array(fc.tuple(sq, value, fc.array(pad, { minLength: 4, maxLength: 4 }), gap), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }),
    order: fc.array(fc.nat(), { minLength: 8, maxLength: 8 }),
  })
  .map(({ u, v, t, order }): Case => {
    const ddl = 'CREATE TABLE `t` (`a` varchar(50), `b` text);\nCREATE TABLE `v` (`x` int, `y` text);\n';
    const join = (rows: string[], gaps: string[]) => rows.map((r, k) => (k === 0 ? r : gaps[k % gaps.length] + r)).join('');
    const parts: { input: string; expected: string }[] = [];
    for (const [rows, gaps] of u) {
      const s = `INSERT INTO \`u\` VALUES ${join(rows, gaps)};\n`;
      parts.push({ input: s, expected: s });
    }
    for (const [rows, gaps] of v) parts.push({ input: `INSERT INTO \`v\` VALUES\n${join(rows, gaps)};\n`, expected: '' });
    for (const rows of t) {
      const write = (a: (x: string) => string) =>
        `INSERT INTO \`t\` VALUES ${rows.map(([x, b, p, g], k) => `${k === 0 ? '' : g}(${p[0]}${a(x)}${p[1]},${p[2]}${b}${p[3]})`).join('')};\n`;
      parts.push({ input: write((x) => x), expected: write(() => "'X'") });
    }
    const shuffled = parts.map((p, k) => ({ p, key: order[k % order.length] * 100 + k })).sort((x, y) => x.key - y.key);
    return {
      input: ddl + shuffled.map((x) => x.p.input).join(''),
      expected: ddl + shuffled.map((x) => x.p.expected).join(''),
    };
  });

const RULES = { tables: { t: { columns: { a: { transformer: 'fixed', value: 'X' } } }, v: { truncate: true } } };

const cutsOf = (n: number) => fc.uniqueArray(fc.integer({ min: 1, max: Math.max(1, n - 1) }), { maxLength: 12 }).map((c) => c.sort((a, b) => a - b));

describe('MySQL fast paths: statement ends, strings and comments', () => {
  it('masks, drops and streams through exactly the statements built, however the dump is cut', () => {
    fc.assert(
      fc.property(dumpCase, fc.nat(), (c, seed) => {
        const input = Buffer.from(c.input);
        const expected = Buffer.from(c.expected);
        expect(maskMysql(input, RULES).out.toString()).toBe(c.expected);
        expect(maskMysql(input, RULES, 1).out.equals(expected)).toBe(true);
        const cuts = fc.sample(cutsOf(input.length), { numRuns: 1, seed })[0];
        expect(maskMysql(input, RULES, cuts).out.equals(expected)).toBe(true);
        expect(maskMysql(input, { tables: {} }, cuts).out.equals(input)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('cuts a chunk at every byte of escapes, doubled quotes and comments', () => {
    const input = Buffer.from(
      "CREATE TABLE `t` (`a` varchar(50), `b` text);\n" +
        "INSERT INTO `u` VALUES ('a\\\\','\\\\\\'',''''),(\"\\\\\",\"\"\"\",'\\\\'),/* ' ; */('x;)','-- ','#'),-- ' ;\n('\n','`',\"'\");\n" +
        "INSERT INTO `t` VALUES ('\\\\\\\\','x''y'),('''','\\'\\\\');\n" +
        "INSERT INTO `t` VALUES (/*!50000 'a' */, -- c ' )\n'b'),# x ' (\n( 'c' /* ' ) */,/*M!100101 -1*/),/**/('d'/* , */,-- \n'e');\n",
    );
    const expected = input
      .toString()
      .replace("('\\\\\\\\','x''y'),('''','\\'\\\\')", "('X','x''y'),('X','\\'\\\\')")
      .replace("'a'", "'X'")
      .replace("'c'", "'X'")
      .replace("'d'", "'X'");
    expect(expected).not.toBe(input.toString());
    for (let cut = 1; cut < input.length; cut++) {
      expect(maskMysql(input, RULES, [cut]).out.toString(), `cut at ${cut}`).toBe(expected);
      expect(maskMysql(input, RULES, [cut, Math.min(input.length - 1, cut + 1)]).out.toString(), `cut at ${cut}, ${cut + 1}`).toBe(expected);
    }
  });
});

describe('MySQL fast paths: line numbers', () => {
  it('reports the line and column of an error after any statements, however the dump is cut', () => {
    fc.assert(
      fc.property(dumpCase, fc.nat(), (c, seed) => {
        const bad = "INSERT INTO `t` VALUES\n('a');\n";
        const input = Buffer.from(c.input + bad);
        const at = input.length - 2; // just past the tuple
        const before = input.subarray(0, at).toString('latin1');
        const line = before.split('\n').length;
        const column = at - before.lastIndexOf('\n');
        for (const chunks of [input.length, 1, fc.sample(cutsOf(input.length), { numRuns: 1, seed })[0]]) {
          let err: VeilError | undefined;
          try {
            maskMysql(input, RULES, chunks);
          } catch (e) {
            err = e as VeilError;
          }
          expect(err?.code).toBe('DUMP_INSERT_FIELD_COUNT');
          expect(err?.details.position).toEqual({ offset: at, line, column });
        }
      }),
      { numRuns: 150 },
    );
  });
});
