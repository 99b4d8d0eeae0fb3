/**
 * Time without a clock. Every endorser has to compute the same result, so nothing here reads
 * the wall clock: time comes from the proposal's timestamp, and ISO-8601 conversion is done
 * by hand (civil-date arithmetic) so that no `Date` is needed.
 *
 * @example
 * ```ts
 * isoToMillis('2025-03-01T09:30:00Z');   // 1740821400000; undefined for '2023-02-29T00:00:00Z'
 * millisToIso(0);                          // '1970-01-01T00:00:00.000Z'
 * ```
 */

/** A protobuf timestamp as Fabric hands it out: seconds is a Long (tx) or a number (history). */
export interface TimestampLike {
  seconds: number | { toNumber(): number } | string;
  nanos: number;
}

const MILLIS_PER_DAY = 86_400_000;
// YYYY-MM-DDTHH:MM:SS[.fraction]Z, UTC only; the day-of-month is checked separately.
const ISO_UTC = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?Z$/;

/** Milliseconds since the epoch of a protobuf timestamp. */
export function timestampToMillis(timestamp: TimestampLike): number {
  const { seconds } = timestamp;
  const secs = typeof seconds === 'object' ? seconds.toNumber() : Number(seconds);
  return secs * 1000 + Math.floor((timestamp.nanos || 0) / 1_000_000);
}

/** Formats epoch milliseconds as `YYYY-MM-DDTHH:MM:SS.mmmZ` (years 0000-9999). */
export function millisToIso(millis: number): string {
  if (!Number.isInteger(millis)) {
    throw new RangeError(`millisToIso: not an integer: ${millis}`);
  }
  const days = Math.floor(millis / MILLIS_PER_DAY);
  let rest = millis - days * MILLIS_PER_DAY;
  const { year, month, day } = civilFromDays(days);
  if (year < 0 || year > 9999) {
    throw new RangeError(`millisToIso: year ${year} out of range`);
  }
  const hh = Math.floor(rest / 3_600_000);
  rest -= hh * 3_600_000;
  const mm = Math.floor(rest / 60_000);
  rest -= mm * 60_000;
  const ss = Math.floor(rest / 1000);
  const ms = rest - ss * 1000;
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T${pad(hh, 2)}:${pad(mm, 2)}:${pad(ss, 2)}.${pad(ms, 3)}Z`;
}

/**
 * Parses a strict RFC 3339 UTC timestamp (`Z` only, optional 1-9 fraction digits) to epoch
 * milliseconds; fractions beyond milliseconds are truncated. Returns undefined when invalid,
 * including impossible dates like `2023-02-29`.
 */
export function isoToMillis(iso: string): number | undefined {
  const m = ISO_UTC.exec(iso);
  if (!m) {
    return undefined;
  }
  const [year, month, day, hh, mm, ss] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hh > 23 || mm > 59 || ss > 59) {
    return undefined;
  }
  const millis = Number((m[7] ?? '').padEnd(3, '0').slice(0, 3));
  return daysFromCivil(year, month, day) * MILLIS_PER_DAY + ((hh * 60 + mm) * 60 + ss) * 1000 + millis;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    return isLeapYear(year) ? 29 : 28;
  }
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

// Proleptic Gregorian calendar with years starting in March, so the leap day is the
// last day of the year; 400-year eras of 146097 days. Day 0 is 1970-01-01.
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const monthFromMarch = month > 2 ? month - 3 : month + 9;
  const dayOfYear = Math.floor((153 * monthFromMarch + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}
