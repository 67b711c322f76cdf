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

const isoDay = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

/**
 * `[from, to)` over instants, and the same bounds over calendar dates (a date stands for its
 * midnight UTC): a date is in when its midnight is, so the first date in is the one whose midnight
 * is not before `from`, and the first date out the one whose midnight is not before `to`.
 */
export class DateWindow {
  private readonly fromDay: string | null;
  private readonly toDay: string | null;

  constructor(
    private readonly from: number | null,
    private readonly to: number | null,
  ) {
    this.fromDay = from === null ? null : isoDay(Math.ceil(from / DAY_MS));
    this.toDay = to === null ? null : isoDay(Math.ceil(to / DAY_MS));
  }

  hasInstant(at: number): boolean {
    return (this.from === null || at >= this.from) && (this.to === null || at < this.to);
  }

  hasDate(date: string): boolean {
    return (this.fromDay === null || date >= this.fromDay) && (this.toDay === null || date < this.toDay);
  }
}

/** Period labels, each made once: "2027-03" by month, "2027-Q1" by quarter. */
export class PeriodLabels {
  private readonly ofMonths = new Map<string, string>();
  private readonly ofDays = new Map<number, string>();

  constructor(private readonly period: ForecastPeriod) {}

  /** The label of a `YYYY-MM` month. */
  ofMonth(month: string): string {
    if (this.period === 'MONTH') return month;
    let label = this.ofMonths.get(month);
    if (label === undefined) {
      label = `${month.slice(0, 4)}-Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}`;
      this.ofMonths.set(month, label);
    }
    return label;
  }

  /** The label of the UTC month of an instant. */
  ofInstant(at: number): string {
    const day = Math.floor(at / DAY_MS);
    let label = this.ofDays.get(day);
    if (label === undefined) {
      label = this.ofMonth(new Date(day * DAY_MS).toISOString().slice(0, 7));
      this.ofDays.set(day, label);
    }
    return label;
  }
}
