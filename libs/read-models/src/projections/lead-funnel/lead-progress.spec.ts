import { monthOf } from './lead-progress';

describe('capture month', () => {
  it.each([
    ['2026-05-01T00:00:00.000Z', '2026-05'],
    ['2026-05-28T23:59:59Z', '2026-05'],
    ['2026-01-31T23:59:59.999Z', '2026-01'],
    ['2026-02-29T10:00:00Z', '2026-03'],
    ['2026-11-30T23:30:00-02:00', '2026-12'],
    ['2026-12-01T00:30:00+01:00', '2026-11'],
  ])('of %s is %s (UTC, as Date reads it)', (instant, month) => {
    expect(monthOf(instant)).toBe(month);
  });

  it('rejects what Date cannot read', () => {
    expect(() => monthOf('2026-13-01T00:00:00Z')).toThrow(RangeError);
  });
});
