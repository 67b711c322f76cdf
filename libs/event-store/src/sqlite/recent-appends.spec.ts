import { RecentAppends } from './recent-appends';
import type { CommittedRow } from './sqlite-statements';
import type { RowFilter } from './stored-dictionary';

/** Stored ids of names, as the events file's dictionary would give them. */
const LEAD = 1;
const ACCOUNT = 2;
const LEAD_CAPTURED = 10;
const ACCOUNT_REGISTERED = 11;
const LEAD_QUALIFIED = 12;
const ALL: RowFilter = { categories: [], types: [] };

const row = (position: number, category = LEAD, type = LEAD_CAPTURED): CommittedRow => [position, 1, 0, 0, '[{},{}]', `digits-${position}`, category, type];
const rows = (from: number, to: number): CommittedRow[] => Array.from({ length: to - from + 1 }, (_, i) => row(from + i));
const positions = (page: CommittedRow[] | null): number[] | null => page?.map((r) => r[0]) ?? null;

describe('RecentAppends', () => {
  it('serves what follows a position inside the run while the log ends where the run ends', () => {
    const recent = new RecentAppends();
    recent.record(rows(10, 12));
    recent.record(rows(13, 14));
    expect(positions(recent.page(11, 14, ALL, 100))).toEqual([12, 13, 14]);
    expect(positions(recent.page(9, 14, ALL, 100))).toEqual([10, 11, 12, 13, 14]);
    expect(positions(recent.page(14, 14, ALL, 100))).toEqual([]);
    expect(positions(recent.page(11, 14, ALL, 2))).toEqual([12, 13]);
  });

  it('does not answer for a log that another writer extended, nor for positions before the run', () => {
    const recent = new RecentAppends();
    recent.record(rows(10, 12));
    expect(recent.page(11, 13, ALL, 100)).toBeNull();
    expect(recent.page(8, 12, ALL, 100)).toBeNull();
    expect(recent.page(11, null, ALL, 100)).toBeNull();
    expect(new RecentAppends().page(0, 0, ALL, 100)).toBeNull();
  });

  it('starts a new run when a commit does not follow on (another writer came in between)', () => {
    const recent = new RecentAppends();
    recent.record(rows(10, 12));
    recent.record(rows(15, 16));
    expect(recent.page(12, 16, ALL, 100)).toBeNull();
    expect(positions(recent.page(14, 16, ALL, 100))).toEqual([15, 16]);
  });

  it('keeps nothing from a commit whose positions are not consecutive', () => {
    const recent = new RecentAppends();
    recent.record(rows(10, 12));
    recent.record([row(13), row(15)]);
    expect(recent.page(12, 15, ALL, 100)).toBeNull();
  });

  it('applies the filter as the log query does', () => {
    const recent = new RecentAppends();
    recent.record([row(1, LEAD, LEAD_CAPTURED), row(2, ACCOUNT, ACCOUNT_REGISTERED), row(3, LEAD, LEAD_QUALIFIED)]);
    expect(positions(recent.page(0, 3, { categories: [LEAD], types: [] }, 100))).toEqual([1, 3]);
    expect(positions(recent.page(0, 3, { categories: [], types: [ACCOUNT_REGISTERED] }, 100))).toEqual([2]);
    expect(positions(recent.page(0, 3, { categories: [-1], types: [] }, 100))).toEqual([]);
  });

  it('keeps at least the newest rows of its capacity, and at most twice as many', () => {
    const recent = new RecentAppends(5);
    recent.record(rows(1, 8));
    expect(positions(recent.page(0, 8, ALL, 100))).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    recent.record(rows(9, 11));
    expect(recent.page(5, 11, ALL, 100)).toBeNull();
    expect(positions(recent.page(6, 11, ALL, 100))).toEqual([7, 8, 9, 10, 11]);
  });
});
