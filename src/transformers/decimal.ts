/** Exact decimal literals as scaled BigInts: "−12.340" ⇄ { scaled: −12340n, scale: 3 }. */

export interface Decimal {
  scaled: bigint;
  scale: number;
  /** The original had no digit before the point (".5"). */
  bareFraction: boolean;
}

const DECIMAL_RE = /^\s*([+-]?)([0-9]*)(?:\.([0-9]*))?\s*$/;

export function parseDecimal(s: string): Decimal | undefined {
  const m = DECIMAL_RE.exec(s);
  if (!m) return undefined;
  const int = m[2];
  const frac = m[3] ?? '';
  if (int.length === 0 && frac.length === 0) return undefined;
  const scaled = BigInt(`${m[1] === '-' ? '-' : ''}${int || '0'}${frac}`);
  return { scaled, scale: frac.length, bareFraction: int.length === 0 };
}

export function formatDecimal(scaled: bigint, scale: number): string {
  const neg = scaled < 0n;
  let digits = (neg ? -scaled : scaled).toString();
  if (scale === 0) return `${neg ? '-' : ''}${digits}`;
  if (digits.length <= scale) digits = '0'.repeat(scale - digits.length + 1) + digits;
  return `${neg ? '-' : ''}${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}`;
}

/** Round a Number to a scaled BigInt at `scale` (for noise amounts; exactness is not needed there). */
export function scaledFromNumber(x: number, scale: number): bigint {
  if (!Number.isFinite(x)) return 0n;
  const v = x * 10 ** scale;
  if (Math.abs(v) < 9e15) return BigInt(Math.round(v));
  return BigInt(x.toFixed(0)) * 10n ** BigInt(scale);
}

export function clampBig(x: bigint, lo: bigint | undefined, hi: bigint | undefined): bigint {
  if (lo !== undefined && x < lo) return lo;
  if (hi !== undefined && x > hi) return hi;
  return x;
}
