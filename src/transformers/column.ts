import type { ColumnType } from '../model.js';

/** What transformers need to know about a column type, derived once per bound rule. */

const INT_RANGES: [RegExp, bigint, bigint][] = [
  [/^(tinyint)\b.*\bunsigned\b/, 0n, 255n],
  [/^(tinyint)\b/, -128n, 127n],
  [/^(smallint|int2|smallserial|serial2)\b.*\bunsigned\b/, 0n, 65535n],
  [/^(smallint|int2|smallserial|serial2)\b/, -32768n, 32767n],
  [/^(mediumint)\b.*\bunsigned\b/, 0n, 16777215n],
  [/^(mediumint)\b/, -8388608n, 8388607n],
  [/^(bigint|int8|bigserial|serial8)\b.*\bunsigned\b/, 0n, 18446744073709551615n],
  [/^(bigint|int8|bigserial|serial8)\b/, -9223372036854775808n, 9223372036854775807n],
  [/^(integer|int|int4|serial|serial4)\b.*\bunsigned\b/, 0n, 4294967295n],
  [/^(integer|int|int4|serial|serial4)\b/, -2147483648n, 2147483647n],
];

/** The integer range of an integer column: from min/max when the DDL reader set them, else from the type name. */
export function intBounds(t: ColumnType | undefined): { min: bigint; max: bigint } | undefined {
  if (!t) return undefined;
  const raw = t.raw.trim().toLowerCase();
  let range: { min: bigint; max: bigint } | undefined;
  for (const [re, min, max] of INT_RANGES) {
    if (re.test(raw)) {
      range = { min, max };
      break;
    }
  }
  if (t.kind === 'integer' && !range) range = { min: -9223372036854775808n, max: 9223372036854775807n };
  if (t.min !== undefined || t.max !== undefined) {
    range = {
      min: t.min !== undefined ? exact(t.min, Math.ceil) : (range?.min ?? -9223372036854775808n),
      max: t.max !== undefined ? exact(t.max, Math.floor) : (range?.max ?? 9223372036854775807n),
    };
  }
  return range;
}

function exact(v: number | bigint, round: (x: number) => number): bigint {
  return typeof v === 'bigint' ? v : BigInt(round(v));
}

/** numeric(p, s): the largest absolute value as a scaled integer, and the scale. */
export function numericLimit(t: ColumnType | undefined): { maxScaled: bigint; scale: number } | undefined {
  if (!t || t.precision === undefined) return undefined;
  const scale = t.scale ?? 0;
  return { maxScaled: 10n ** BigInt(t.precision) - 1n, scale };
}

/** Kinds whose values are free text as far as a fake is concerned. */
export function isTextual(t: ColumnType | undefined): boolean {
  return !t || t.kind === 'text' || t.kind === 'other';
}
