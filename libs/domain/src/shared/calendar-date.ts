import { ValidationError } from './errors';
import { requireString } from './validation';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;

const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

function isRealDate(text: string): boolean {
  const match = DATE.exec(text);
  if (match === null) return false;
  const [year, month, day] = match.slice(1).map(Number);
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** A date without time or zone, "YYYY-MM-DD", real dates only (no 2025-02-30). */
export const CalendarDate = {
  parse(raw: unknown, field = 'date'): string {
    const value = requireString(raw, field).trim();
    if (!isRealDate(value)) throw ValidationError.field(field, 'must be a date as YYYY-MM-DD');
    return value;
  },

  /** The calendar date (UTC) of an ISO instant. */
  ofInstant(instant: string): string {
    return Instant.parse(instant, 'now').slice(0, 10);
  },

  /** Last day of the calendar quarter that contains the date: 2025-05-14 -> 2025-06-30. */
  endOfQuarter(date: string): string {
    const [year, month] = CalendarDate.parse(date).split('-').map(Number);
    const lastMonth = Math.ceil(month / 3) * 3;
    return `${pad(year, 4)}-${pad(lastMonth, 2)}-${pad(daysInMonth(year, lastMonth), 2)}`;
  },
};

/** An ISO 8601 instant with a zone designator, normalised to UTC with milliseconds ("2025-05-14T09:30:00.000Z"). */
export const Instant = {
  parse(raw: unknown, field = 'at'): string {
    const value = requireString(raw, field).trim();
    const match = INSTANT.exec(value);
    const valid =
      match !== null &&
      isRealDate(match[1]) &&
      Number(match[2]) < 24 &&
      Number(match[3]) < 60 &&
      Number(match[4] ?? 0) < 60 &&
      Number(match[5] ?? 0) < 24 &&
      Number(match[6] ?? 0) < 60;
    const time = valid ? new Date(value).getTime() : Number.NaN;
    if (Number.isNaN(time)) {
      throw ValidationError.field(field, 'must be an ISO 8601 instant such as 2025-05-14T09:30:00Z');
    }
    return new Date(time).toISOString();
  },
};
