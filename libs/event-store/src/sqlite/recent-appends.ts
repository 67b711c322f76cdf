import type { CommittedRow } from './sqlite-statements';
import type { RowFilter } from './stored-dictionary';

/** Rows kept (up to twice as many between trims): enough for every live subscriber of a busy process to be served without a query. */
const DEFAULT_CAPACITY = 2_000;

/**
 * The rows this process committed most recently, as one run of consecutive positions. Live
 * subscribers are woken by every commit; asking the log for what they missed would cost each of them
 * a query per category of its filter, served from here a commit costs them one shared lookup of the head.
 *
 * Only this process's commits are recorded, so the run can answer for the log only while nothing
 * else has written after it: a page is served only when the log's head is the run's last position
 * and the reader's position is inside the run. A commit that does not follow the run on directly
 * (another process wrote in between) starts a new run.
 */
export class RecentAppends {
  private rows: CommittedRow[] = [];

  constructor(private readonly capacity = DEFAULT_CAPACITY) {}

  /** Rows of one committed transaction, in position order. */
  record(committed: readonly CommittedRow[]): void {
    if (committed.length === 0) return;
    if (!consecutive(committed)) {
      this.rows = [];
      return;
    }
    const last = this.rows.length === 0 ? null : this.rows[this.rows.length - 1][0];
    if (last !== committed[0][0] - 1) this.rows = [];
    this.rows.push(...committed);
    // Trimmed back to capacity only once it doubled: one copy per `capacity` rows, not one per commit.
    if (this.rows.length > 2 * this.capacity) this.rows = this.rows.slice(this.rows.length - this.capacity);
  }

  /**
   * Rows after `after` that match `filter`, up to `limit`; null when this run cannot answer for the
   * log (the caller reads the log instead).
   */
  page(after: number, head: number | null, filter: RowFilter, limit: number): CommittedRow[] | null {
    const rows = this.rows;
    if (rows.length === 0 || head === null) return null;
    const first = rows[0][0];
    const last = rows[rows.length - 1][0];
    if (head !== last || after < first - 1 || after > last) return null;
    const page: CommittedRow[] = [];
    for (let i = after - first + 1; i < rows.length && page.length < limit; i++) {
      const row = rows[i];
      if (matchesRow(row, filter)) page.push(row);
    }
    return page;
  }

}

const consecutive = (rows: readonly CommittedRow[]): boolean => rows.every((row, i) => i === 0 || row[0] === rows[i - 1][0] + 1);

/** A RowFilter applied in memory, as the log's queries apply it; an empty list does not filter. */
const matchesRow = (row: CommittedRow, { categories, types }: RowFilter): boolean =>
  (categories.length === 0 || categories.includes(row[6])) && (types.length === 0 || types.includes(row[7]));
