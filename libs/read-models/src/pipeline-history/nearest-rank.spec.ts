import fc from 'fast-check';
import { nearestRanks } from './nearest-rank';

/** Days in a stage: fractions, and many equal whole days. */
const durations = fc.oneof(fc.double({ min: 0, max: 1e6, noNaN: true }).map(Math.abs), fc.integer({ min: 0, max: 20 }));
const percents = fc.uniqueArray(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: 4 }).map((all) => all.sort((a, b) => a - b));

describe('nearestRanks', () => {
  it('are the values a sort puts at the nearest ranks', () => {
    fc.assert(
      fc.property(fc.array(durations, { minLength: 1, maxLength: 300 }), percents, (values, asked) => {
        const sorted = [...values].sort((a, b) => a - b);
        expect(nearestRanks(Float64Array.from(values), asked)).toEqual(asked.map((percent) => sorted[Math.ceil((percent * values.length) / 100) - 1]));
      }),
    );
  });

  it('take the 50th and 90th percentile of ten values as the 5th and the 9th, and none of no values', () => {
    expect(nearestRanks(Float64Array.from([10, 1, 9, 2, 8, 3, 7, 4, 6, 5]), [50, 90])).toEqual([5, 9]);
    expect(nearestRanks(new Float64Array(0), [50, 90])).toEqual([null, null]);
  });
});
