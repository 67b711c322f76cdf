/** How forecast rows group close and win dates. */
export type ForecastPeriod = 'MONTH' | 'QUARTER';

const DAY_MS = 86_400_000;
/** A date, or an instant with its offset: without one, an instant would be read in the process's zone. */
const DATE_OR_INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** Epoch ms of a date (midnight UTC) or an ISO instant; null stays null (no bound). */
export function boundOf(value: string | Date | null, name: string): number | null {
  if (value === null) return null;
  if (value instanceof Date) return value.getTime();
  const ms = DATE_OR_INSTANT.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(ms)) throw new RangeError(`${name} must be a date (YYYY-MM-DD) or an ISO instant, got ${JSON.stringify(value)}`);
  return ms;
}

/**
 * `[from, to)` over instants, and the same bounds over calendar dates as day numbers (a date stands
 * for its midnight UTC): a date is in when its midnight is, so the first date in is the one whose
 * midnight is not before `from`, and the first date out the one whose midnight is not before `to`.
 */
export class DateWindow {
  private readonly fromDay: number;
  private readonly toDay: number;

  constructor(
    private readonly from: number | null,
    private readonly to: number | null,
  ) {
    this.fromDay = from === null ? -Infinity : Math.ceil(from / DAY_MS);
    this.toDay = to === null ? Infinity : Math.ceil(to / DAY_MS);
  }

  hasInstant(at: number): boolean {
    return (this.from === null || at >= this.from) && (this.to === null || at < this.to);
  }

  /** Days since 1970-01-01. */
  hasDay(day: number): boolean {
    return day >= this.fromDay && day < this.toDay;
  }
}

/** Periods as numbers (months or quarters since year 0) that sort as they read, and their labels "2027-03", "2027-Q1". */
export class Periods {
  private readonly monthsOfDays = new Map<number, number>();

  constructor(private readonly period: ForecastPeriod) {}

  /** The period of a month number (year x 12 + month - 1). */
  ofMonth(month: number): number {
    return this.period === 'MONTH' ? month : Math.floor(month / 3);
  }

  /** The period of the UTC month of an instant. */
  ofInstant(at: number): number {
    const day = Math.floor(at / DAY_MS);
    let month = this.monthsOfDays.get(day);
    if (month === undefined) {
      const date = new Date(day * DAY_MS);
      month = date.getUTCFullYear() * 12 + date.getUTCMonth();
      this.monthsOfDays.set(day, month);
    }
    return this.ofMonth(month);
  }

  label(period: number): string {
    if (this.period === 'QUARTER') return `${Math.floor(period / 4)}-Q${(period % 4) + 1}`;
    return `${Math.floor(period / 12)}-${String((period % 12) + 1).padStart(2, '0')}`;
  }
}
