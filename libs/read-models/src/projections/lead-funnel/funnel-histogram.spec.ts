import fc from 'fast-check';
import { bucketOf, countDuration, medianHours, mergeHistograms, type Histogram } from './funnel-histogram';

describe('funnel histogram', () => {
  it.each([
    [-3, 0],
    [0.2, 0],
    [30.5, 30],
    [167.99, 167],
    [168, 168],
    [191.9, 168],
    [192, 192],
    [8759, 8736],
    [8760, 8760],
    [20000, 8760],
  ])('puts %p hours in the bucket starting at %p', (hours, lower) => {
    expect(bucketOf(hours)).toBe(lower);
  });

  it('adds and removes counts, dropping empty buckets, in ascending order', () => {
    const histogram = countDuration(countDuration(countDuration({}, 200, 1), 3, 1), 3.5, 1);
    expect(Object.entries(histogram)).toEqual([['h3', 2], ['h192', 1]]);
    expect(countDuration(histogram, 200, -1)).toEqual({ h3: 2 });
  });

  it('keeps every bucket that holds a duration, in ascending order, whatever is added and removed', () => {
    const step = fc.record({ hours: fc.double({ min: -10, max: 10_000, noNaN: true }), sign: fc.constantFrom<1 | -1>(1, 1, -1) });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        const counts = new Map<number, number>();
        let histogram: Histogram = {};
        for (const { hours, sign } of steps) {
          const lower = bucketOf(hours);
          // Removing a duration that was never counted is a no-op for the expected counts too.
          if (sign === -1 && !counts.has(lower)) continue;
          counts.set(lower, (counts.get(lower) ?? 0) + sign);
          if (counts.get(lower) === 0) counts.delete(lower);
          histogram = countDuration(histogram, hours, sign);
        }
        const expected = [...counts].sort(([a], [b]) => a - b).map(([lower, count]) => [`h${lower}`, count]);
        expect(Object.entries(histogram)).toEqual(expected);
      }),
    );
  });

  it('merges months by adding counts', () => {
    expect(mergeHistograms([{ h1: 1, h5: 2 }, { h5: 1, h240: 4 }, {}])).toEqual({ h1: 1, h5: 3, h240: 4 });
  });

  it('reads the median from bucket midpoints', () => {
    expect(medianHours({})).toBeNull();
    expect(medianHours({ h2: 1 })).toBe(2.5);
    expect(medianHours({ h1: 1, h5: 1, h9: 1 })).toBe(5.5);
    expect(medianHours({ h1: 1, h5: 1 })).toBe(3.5);
    expect(medianHours({ h0: 1, h168: 3 })).toBe(180);
    expect(medianHours({ h8760: 2 })).toBe(8760);
  });
});
