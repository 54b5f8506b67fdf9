/**
 * Checks of masked columns against the originals: what each transformer promises, row by row.
 * Returns human-readable problems (empty = all good) so a failure lists the offending rows.
 */
import { createHash } from 'node:crypto';
import { displayName, type ColumnRule, type ExpectedMasking, type TableInfo } from './catalog.js';
import type { ColumnValues } from './snapshot.js';

const MAX_PROBLEMS = 25;

function show(value: string | null | undefined): string {
  if (value === undefined) return '(row missing)';
  if (value === null) return 'NULL';
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}…"` : text;
}

function bareHashes(value: string): string[] {
  return ['md5', 'sha1', 'sha256'].map((alg) => createHash(alg).update(value, 'utf8').digest('hex').slice(0, 16));
}

/** mask keeps keepFirst/keepLast code points and replaces the rest with `char`. */
function expectedMask(value: string, params: Readonly<Record<string, unknown>>): string {
  const keepFirst = typeof params.keepFirst === 'number' ? params.keepFirst : 0;
  const keepLast = typeof params.keepLast === 'number' ? params.keepLast : 0;
  const char = typeof params.char === 'string' ? params.char : '*';
  const cps = Array.from(value);
  return cps.map((c, i) => (i < keepFirst || i >= cps.length - keepLast ? c : char)).join('');
}

/** Could this original legitimately come back unchanged? (Nothing to hide in it.) */
function mayStayUnchanged(original: string, rule: ColumnRule): boolean {
  if (original === '') return true;
  if (rule.transformer === 'keep') return true;
  if (rule.transformer === 'mask') return expectedMask(original, rule.params) === original;
  return false;
}

/** Problems with one fake value, given its original (both non-null). */
function shapeProblem(original: string, fake: string, rule: ColumnRule): string | undefined {
  switch (rule.transformer) {
    case 'email':
      if (original !== '' && !/^[^@\s]+@example\.com$/.test(fake)) return 'is not an address at example.com';
      return undefined;
    case 'fixed':
      return original !== '' && fake !== String(rule.params.value) ? `is not the fixed value ${show(String(rule.params.value))}` : undefined;
    case 'mask':
      return fake !== expectedMask(original, rule.params) ? `should be ${show(expectedMask(original, rule.params))}` : undefined;
    case 'hash':
      if (bareHashes(original).some((h) => fake.includes(h))) return 'contains an unkeyed hash of the original';
      return /^[0-9a-f]+$/.test(fake) ? undefined : 'is not a hex digest';
    case 'keep':
      return fake !== original ? 'should be kept' : undefined;
    default:
      return undefined;
  }
}

/**
 * Row by row: NULL stays NULL (all NULL for the `null` transformer), '' stays '' (but for `fixed`
 * and `null`), no original value of the
 * column appears anywhere in the masked column, and each fake has its transformer's shape.
 */
export function checkMasked(
  expected: ExpectedMasking,
  before: ColumnValues,
  after: ColumnValues,
  catalog: readonly TableInfo[],
): string[] {
  const problems: string[] = [];
  for (const [key, columns] of expected.masked) {
    if (expected.truncated.has(key)) continue;
    const table = displayName(catalog.find((t) => t.key === key)!);
    for (const [column, rule] of columns) {
      const originals = before.get(key)!.get(column)!;
      const fakes = after.get(key)?.get(column) ?? new Map<string, string | null>();
      const secrets = new Set([...originals.values()].filter((v): v is string => v !== null && !mayStayUnchanged(v, rule)));
      for (const [pk, original] of originals) {
        const fake = fakes.get(pk);
        const where = `${table}.${column} [pk ${pk}] ${show(original)} → ${show(fake)}`;
        let problem: string | undefined;
        if (fake === undefined) problem = 'row missing after restore';
        else if (rule.transformer === 'null') problem = fake === null ? undefined : 'should be NULL';
        else if (original === null || fake === null) problem = original === fake ? undefined : 'NULL must stay NULL (and only NULL)';
        else if (original === '' && rule.transformer !== 'fixed') problem = fake === '' ? undefined : "'' must stay '' (it holds no personal data)";
        else if (secrets.has(fake)) problem = 'is an original value of this column';
        else problem = shapeProblem(original, fake, rule);
        if (problem) problems.push(`${where}: ${problem}`);
        if (problems.length >= MAX_PROBLEMS) return [...problems, '…'];
      }
    }
  }
  return problems;
}

/** Originals (non-empty) of columns masked with `transformer` that occur in more than one column. */
export function sharedOriginals(expected: ExpectedMasking, values: ColumnValues, transformer: string): Map<string, number> {
  const seenIn = new Map<string, number>();
  for (const [key, columns] of expected.masked) {
    for (const [column, rule] of columns) {
      if (rule.transformer !== transformer) continue;
      const distinct = new Set([...values.get(key)!.get(column)!.values()].filter((v): v is string => !!v));
      for (const v of distinct) seenIn.set(v, (seenIn.get(v) ?? 0) + 1);
    }
  }
  return new Map([...seenIn].filter(([, n]) => n > 1));
}
