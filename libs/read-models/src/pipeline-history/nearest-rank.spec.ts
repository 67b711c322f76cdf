import fc from 'fast-check';
import { nearestRank } from './nearest-rank';

/** Days in a stage: fractions, and many equal whole days. */
const durations = fc.oneof(fc.double({ min: 0, max: 1e6, noNaN: true }).map(Math.abs), fc.integer({ min: 0, max: 20 }));

describe('nearestRank', () => {
  it('is the value a sort puts at the nearest rank', () => {
    fc.assert(
      fc.property(fc.array(durations, { minLength: 1, maxLength: 300 }), fc.integer({ min: 1, max: 100 }), (values, percent) => {
        const sorted = [...values].sort((a, b) => a - b);
        expect(nearestRank(Float64Array.from(values), percent)).toBe(sorted[Math.ceil((percent * values.length) / 100) - 1]);
      }),
    );
  });

  it('takes the 50th and 90th percentile of ten values as the 5th and the 9th', () => {
    const values = [10, 1, 9, 2, 8, 3, 7, 4, 6, 5];
    expect([nearestRank(Float64Array.from(values), 50), nearestRank(Float64Array.from(values), 90)]).toEqual([5, 9]);
    expect(nearestRank(new Float64Array(0), 50)).toBeNull();
  });
});
