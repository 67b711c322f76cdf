import { RecentAppends } from './recent-appends';
import type { EventRow } from './sqlite-statements';

const row = (position: number, stream = 'lead-1', type = 'LeadCaptured'): EventRow => [position, stream, 0, `id-${position}`, type, '{}', '{}', 0];
const rows = (from: number, to: number): EventRow[] => Array.from({ length: to - from + 1 }, (_, i) => row(from + i));
const positions = (page: EventRow[] | null): number[] | null => page?.map((r) => r[0]) ?? null;

describe('RecentAppends', () => {
  it('serves what follows a position inside the run while the log ends where the run ends', () => {
    const recent = new RecentAppends();
    recent.record(rows(10, 12));
    recent.record(rows(13, 14));
    expect(positions(recent.page(11, 14, undefined, 100))).toEqual([12, 13, 14]);
    expect(positions(recent.page(9, 14, undefined, 100))).toEqual([10, 11, 12, 13, 14]);
    expect(positions(recent.page(14, 14, undefined, 100))).toEqual([]);
    expect(positions(recent.page(11, 14, undefined, 2))).toEqual([12, 13]);
  });

  it('does not answer for a log that another writer extended, nor for positions before the run', () => {
    const recent = new RecentAppends();
    recent.record(rows(10, 12));
    expect(recent.page(11, 13, undefined, 100)).toBeNull();
    expect(recent.page(8, 12, undefined, 100)).toBeNull();
    expect(recent.page(11, null, undefined, 100)).toBeNull();
    expect(new RecentAppends().page(0, 0, undefined, 100)).toBeNull();
  });

  it('starts a new run when a commit does not follow on (another writer came in between)', () => {
    const recent = new RecentAppends();
    recent.record(rows(10, 12));
    recent.record(rows(15, 16));
    expect(recent.page(12, 16, undefined, 100)).toBeNull();
    expect(positions(recent.page(14, 16, undefined, 100))).toEqual([15, 16]);
  });

  it('keeps nothing from a commit whose positions are not consecutive', () => {
    const recent = new RecentAppends();
    recent.record(rows(10, 12));
    recent.record([row(13), row(15)]);
    expect(recent.page(12, 15, undefined, 100)).toBeNull();
  });

  it('applies the filter as the log query does', () => {
    const recent = new RecentAppends();
    recent.record([row(1, 'lead-1', 'LeadCaptured'), row(2, 'account-1', 'AccountRegistered'), row(3, 'lead-2', 'LeadQualified')]);
    expect(positions(recent.page(0, 3, { categories: ['lead'] }, 100))).toEqual([1, 3]);
    expect(positions(recent.page(0, 3, { eventTypes: ['AccountRegistered'] }, 100))).toEqual([2]);
  });

  it('keeps at least the newest rows of its capacity, and at most twice as many', () => {
    const recent = new RecentAppends(5);
    recent.record(rows(1, 8));
    expect(positions(recent.page(0, 8, undefined, 100))).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    recent.record(rows(9, 11));
    expect(recent.page(5, 11, undefined, 100)).toBeNull();
    expect(positions(recent.page(6, 11, undefined, 100))).toEqual([7, 8, 9, 10, 11]);
  });
});
