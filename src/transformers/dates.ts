/** Date literals as dumps write them: the Y-M-D part is rewritten, everything after it kept byte for byte. */

export interface DateParts {
  y: number;
  m: number;
  d: number;
  /** Width of the year as written (4, or more for years past 9999). */
  yearWidth: number;
  /** Everything after the day: " 10:22:33.123+02", "T10:22:33Z", "" … */
  rest: string;
}

const DATE_RE = /^(\d{4,6})-(\d{2})-(\d{2})(.*)$/s;

/** Parse "2024-01-31…"; undefined for other text, zero dates (MySQL 0000-00-00), BC dates and infinities. */
export function parseDate(s: string): DateParts | undefined {
  const m = DATE_RE.exec(s);
  if (!m) return undefined;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return undefined;
  if (/\bBC\b/.test(m[4])) return undefined;
  if (m[4].length > 0 && !/^[ T]/.test(m[4])) return undefined;
  return { y, m: mo, d, yearWidth: m[1].length, rest: m[4] };
}

export function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeap(y) ? 29 : 28) : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
}

export function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's algorithm). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function civilFromDays(z0: number): { y: number; m: number; d: number } {
  const z = z0 + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

export function formatDate(y: number, m: number, d: number, yearWidth = 4): string {
  return `${String(y).padStart(yearWidth, '0')}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

/** The first and last day (epoch days) that a 4-digit-year literal can hold. */
export const MIN_DAY = daysFromCivil(1, 1, 1);
export const MAX_DAY = daysFromCivil(9999, 12, 31);
